import type { Db } from './db/open.js';
import { readMigrations, schemaVersion } from './db/migrate.js';
import { verifyChain } from './journal/journal.js';
import { lineAmount } from '../shared/money.js';

export interface VerifyReport {
  ok: boolean;
  schema: number;
  sales: number;
  journal: number;
  problems: string[];
}

interface SaleRow { id: string; number: number; kind: 'sale' | 'return'; subtotal: number; discount: number; total: number; tendered: number; change: number }
interface LineRow { line_no: number; price: number; qty: number; discount: number; total: number; ref_line_no: number | null }

/**
 * Checks a ledger the way an auditor would: the schema is one this Lavka knows, every
 * completed sale and return balances (lines, discounts, payments, change), no line was
 * returned more than sold, every sale and stock document moved stock as its lines say and
 * is in the journal, and the hash chain holds.
 */
export function verifyLedger(db: Db, migrationsDir: string): VerifyReport {
  const problems: string[] = [];
  const schema = schemaVersion(db);
  const known = readMigrations(migrationsDir).length;
  if (schema !== known) problems.push(`schema: ledger is at version ${schema}, this Lavka expects ${known}`);

  const lines = db.prepare<[string], LineRow>('SELECT line_no, price, qty, discount, total, ref_line_no FROM sale_lines WHERE sale_id = ? ORDER BY line_no');
  const payments = db.prepare<[string], { kind: string; amount: number }>('SELECT kind, amount FROM sale_payments WHERE sale_id = ?');
  const journaled = db.prepare<[string], { n: number }>(
    `SELECT COUNT(*) AS n FROM journal WHERE type IN ('sale.completed', 'return.completed') AND json_extract(payload, '$.id') = ?`,
  );
  const moves = db.prepare<[string], { n: number; qty: number }>('SELECT COUNT(*) AS n, COALESCE(SUM(qty), 0) AS qty FROM stock_moves WHERE doc_id = ?');
  let sales = 0;
  for (const s of db.prepare<[], SaleRow>('SELECT id, number, kind, subtotal, discount, total, tendered, change FROM sales ORDER BY number').iterate()) {
    sales++;
    const where = `${s.kind} № ${s.number} (${s.id})`;
    const ls = lines.all(s.id);
    if (ls.length === 0) problems.push(`${where}: has no lines`);
    const sum = (f: (l: LineRow) => number) => ls.reduce((a, l) => a + f(l), 0);
    if (sum((l) => l.total) !== s.total) problems.push(`${where}: lines add up to ${sum((l) => l.total)}, total is ${s.total}`);
    if (sum((l) => l.discount) !== s.discount) problems.push(`${where}: line discounts add up to ${sum((l) => l.discount)}, discount is ${s.discount}`);
    if (s.subtotal - s.discount !== s.total) problems.push(`${where}: subtotal ${s.subtotal} − discount ${s.discount} ≠ total ${s.total}`);
    if (s.kind === 'sale') {
      for (const l of ls) {
        if (l.total + l.discount !== lineAmount(l.price, l.qty)) problems.push(`${where}: line ${l.line_no} is not price × quantity`);
      }
    }
    const ps = payments.all(s.id);
    const cash = ps.find((p) => p.kind === 'cash')?.amount ?? 0;
    const paid = ps.reduce((a, p) => a + p.amount, 0);
    if (paid !== s.total) problems.push(`${where}: payments add up to ${paid}, total is ${s.total}`);
    if (s.change < 0 || s.tendered - s.change !== cash) problems.push(`${where}: cash tendered ${s.tendered} − change ${s.change} ≠ cash ${cash}`);
    if (journaled.get(s.id)?.n !== 1) problems.push(`${where}: not in the journal exactly once`);
    const m = moves.get(s.id);
    const expectQty = (s.kind === 'sale' ? -1 : 1) * sum((l) => l.qty);
    if (m?.n !== ls.length || m.qty !== expectQty) problems.push(`${where}: stock moves do not match its lines`);
  }

  const over = db.prepare<[], { sale_id: string; line_no: number; qty: number; returned: number }>(
    `SELECT l.sale_id, l.line_no, l.qty, SUM(r.qty) AS returned FROM sale_lines l
     JOIN sales rs ON rs.ref_sale_id = l.sale_id JOIN sale_lines r ON r.sale_id = rs.id AND r.ref_line_no = l.line_no
     GROUP BY l.sale_id, l.line_no HAVING SUM(r.qty) > l.qty`,
  ).all();
  for (const o of over) problems.push(`sale ${o.sale_id} line ${o.line_no}: returned ${o.returned} of ${o.qty}`);

  // every posted stock document moved exactly what its lines say, and is in the journal
  const docs = db.prepare<[], { id: string; kind: string; number: number; lines: number; qty: number; moves: number; moved: number; journaled: number }>(
    `SELECT d.id, d.kind, d.number,
      (SELECT COUNT(*) FROM stock_doc_lines l WHERE l.doc_id = d.id AND l.qty <> 0) AS lines,
      (SELECT COALESCE(SUM(l.qty), 0) FROM stock_doc_lines l WHERE l.doc_id = d.id) AS qty,
      (SELECT COUNT(*) FROM stock_moves m WHERE m.doc_id = d.id) AS moves,
      (SELECT COALESCE(SUM(m.qty), 0) FROM stock_moves m WHERE m.doc_id = d.id) AS moved,
      (SELECT COUNT(*) FROM journal j WHERE j.type = 'stock.posted' AND j.id = d.id) AS journaled
    FROM stock_docs d`,
  ).all();
  for (const d of docs) {
    const where = `${d.kind} № ${d.number} (${d.id})`;
    if (d.lines !== d.moves || d.qty !== d.moved) problems.push(`${where}: stock moves do not match its lines`);
    if (d.journaled !== 1) problems.push(`${where}: not in the journal exactly once`);
  }

  problems.push(...verifyChain(db));
  const journal = (db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n;
  return { ok: problems.length === 0, schema, sales, journal, problems };
}
