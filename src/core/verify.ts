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

interface SaleRow {
  id: string; number: number; kind: 'sale' | 'return'; subtotal: number; discount: number; total: number; tendered: number; change: number;
  /** journal events recording it, stock moves it wrote and their sum */
  journaled: number; moves: number; moved: number;
}
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
  // Neither the journal nor the stock moves are indexed by document (each such index would be a page
  // in every sale's commit): each is read once, grouped by document, and joined to the documents
  // (through an automatic index, which SQLite builds on a TEXT column, hence the CAST).
  const documents = db.prepare<[], SaleRow>(`WITH
      journaled AS MATERIALIZED (SELECT CAST(json_extract(payload, '$.id') AS TEXT) AS id, COUNT(*) AS n FROM journal
        WHERE type IN ('sale.completed', 'return.completed') GROUP BY 1),
      moved AS MATERIALIZED (SELECT doc_id, COUNT(*) AS n, SUM(qty) AS qty FROM stock_moves GROUP BY doc_id)
    SELECT s.id, s.number, s.kind, s.subtotal, s.discount, s.total, s.tendered, s.change,
      COALESCE(j.n, 0) AS journaled, COALESCE(m.n, 0) AS moves, COALESCE(m.qty, 0) AS moved
    FROM sales s LEFT JOIN journaled j ON j.id = s.id LEFT JOIN moved m ON m.doc_id = s.id ORDER BY s.number`);
  let sales = 0;
  for (const s of documents.iterate()) {
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
    if (s.journaled !== 1) problems.push(`${where}: not in the journal exactly once`);
    const expectQty = (s.kind === 'sale' ? -1 : 1) * sum((l) => l.qty);
    if (s.moves !== ls.length || s.moved !== expectQty) problems.push(`${where}: stock moves do not match its lines`);
  }

  const over = db.prepare<[], { sale_id: string; line_no: number; qty: number; returned: number }>(
    `SELECT l.sale_id, l.line_no, l.qty, SUM(r.qty) AS returned FROM sale_lines l
     JOIN sales rs ON rs.ref_sale_id = l.sale_id JOIN sale_lines r ON r.sale_id = rs.id AND r.ref_line_no = l.line_no
     GROUP BY l.sale_id, l.line_no HAVING SUM(r.qty) > l.qty`,
  ).all();
  for (const o of over) problems.push(`sale ${o.sale_id} line ${o.line_no}: returned ${o.returned} of ${o.qty}`);

  // every posted stock document moved exactly what its lines say, and is in the journal
  const docs = db.prepare<[], { id: string; kind: string; number: number; lines: number; qty: number; moves: number; moved: number; journaled: number }>(
    `WITH moved AS MATERIALIZED (SELECT doc_id, COUNT(*) AS n, SUM(qty) AS qty FROM stock_moves GROUP BY doc_id)
    SELECT d.id, d.kind, d.number,
      (SELECT COUNT(*) FROM stock_doc_lines l WHERE l.doc_id = d.id AND l.qty <> 0) AS lines,
      (SELECT COALESCE(SUM(l.qty), 0) FROM stock_doc_lines l WHERE l.doc_id = d.id) AS qty,
      COALESCE(m.n, 0) AS moves, COALESCE(m.qty, 0) AS moved,
      (SELECT COUNT(*) FROM journal j WHERE j.type = 'stock.posted' AND j.type <> 'sale.completed' AND j.id = d.id) AS journaled
    FROM stock_docs d LEFT JOIN moved m ON m.doc_id = d.id`,
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
