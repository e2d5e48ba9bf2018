import type { z } from 'zod';
import type { Db } from '../db/open.js';
import type { Journal } from '../journal/journal.js';
import type { CatalogAdmin } from '../catalog/admin.js';
import { WriteoffReason, type DocKind, type DocSummary, type Movement, type PriceProposal, type StockDoc } from '../../shared/contract/stock.js';
import type { DraftLineView, DraftView, Header } from './drafts.js';
import { LavkaError } from '../../shared/contract/errors.js';
import { lineAmount } from '../../shared/money.js';
import { suggestedPrice } from '../catalog/markup.js';
import { dayRange } from '../period.js';

export type StockDocView = z.output<typeof StockDoc>;
type Kind = z.output<typeof DocKind>;
type Proposal = z.output<typeof PriceProposal>;

/** Goods come in with these; the rest take goods out. */
const INCOMING: ReadonlySet<Kind> = new Set(['intake', 'transfer_in']);

export interface PostedLine {
  productId: string;
  /** signed thousandths */
  qty: number;
  cost: number;
  price: number;
  vat: string | null;
  bookQty?: number | null;
  countedQty?: number | null;
}

export interface NewDoc {
  id: string;
  kind: Kind;
  userId: string;
  approvedBy: string | null;
  supplierId?: string | null;
  extNumber?: string | null;
  extDate?: string | null;
  counterpart?: string | null;
  reason?: string | null;
  refDocId?: string | null;
  note?: string | null;
  lines: PostedLine[];
}

interface DocRow {
  id: string; kind: Kind; number: number; at: string; author: string; supplier: string | null; supplier_id: string | null;
  ext_number: string | null; ext_date: string | null; counterpart: string | null; note: string | null; reason: string | null;
  ref_doc_id: string | null; cost_total: number; retail_total: number; lines: number;
}

interface ListParams { kind: Kind | null; start: string | null; end: string | null; limit: number; offset: number }

const SUMMARY = `SELECT d.id, d.kind, d.number, d.at, u.name AS author, s.name AS supplier, d.supplier_id, d.ext_number, d.ext_date,
  d.counterpart, d.note, d.reason, d.ref_doc_id,
  d.cost_total, d.retail_total, (SELECT COUNT(*) FROM stock_doc_lines l WHERE l.doc_id = d.id) AS lines
  FROM stock_docs d JOIN users u ON u.id = d.user_id LEFT JOIN suppliers s ON s.id = d.supplier_id`;

/**
 * Posted stock documents and the movement ledger they write. Every posting is one transaction:
 * the document, its lines, a stock move per line, purchase prices, and the journal event.
 */
export class StockLedger {
  private readonly nextNumber;
  private readonly insertDoc;
  private readonly insertLines;
  private readonly insertMoves;
  private readonly insertCost;
  private readonly setCost;
  private readonly product;
  private readonly summary;
  private readonly detail;
  private readonly lines;
  private readonly corrections;
  private readonly chainLines;
  private readonly moves;
  private readonly balance;
  private readonly balances;
  private readonly count;
  private readonly page;

  constructor(db: Db, private readonly journal: Journal, private readonly admin: CatalogAdmin, private readonly clock: () => Date) {
    this.nextNumber = db.prepare<[string], { n: number }>('SELECT COALESCE(MAX(number), 0) + 1 AS n FROM stock_docs WHERE kind = ?');
    this.insertDoc = db.prepare(`INSERT INTO stock_docs (id, kind, number, at, user_id, approved_by, supplier_id, ext_number, ext_date, counterpart,
      reason, ref_doc_id, note, cost_total, retail_total) VALUES (@id, @kind, @number, @at, @userId, @approvedBy, @supplierId, @extNumber, @extDate,
      @counterpart, @reason, @refDocId, @note, @costTotal, @retailTotal)`);
    // a document's lines and moves go in as a JSON array, one statement each however many lines it has
    this.insertLines = db.prepare<[{ doc: string; lines: string }]>(`INSERT INTO stock_doc_lines (doc_id, line_no, product_id, qty, cost, price, vat, book_qty, counted_qty)
      SELECT @doc, key + 1, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 FROM json_each(@lines)`);
    this.insertMoves = db.prepare<[{ doc: string; kind: string; at: string; lines: string }]>(`INSERT INTO stock_moves (product_id, qty, doc_type, doc_id, at)
      SELECT value ->> 0, value ->> 1, @kind, @doc, @at FROM json_each(@lines) WHERE value ->> 1 <> 0`);
    this.insertCost = db.prepare('INSERT INTO cost_history (product_id, at, doc_id, cost) VALUES (?, ?, ?, ?)');
    this.setCost = db.prepare('UPDATE products SET cost = ?, updated_at = ? WHERE id = ?');
    this.product = db.prepare<[string], { name: string; cost: number; price: number; group_id: string | null }>('SELECT name, cost, price, group_id FROM products WHERE id = ?');
    this.summary = db.prepare<[string], DocRow>(`${SUMMARY} WHERE d.id = ?`);
    this.detail = db.prepare<[string], { ext_date: string | null; counterpart: string | null; note: string | null; approver_id: string | null; approver: string | null; approver_role: string | null }>(
      `SELECT d.ext_date, d.counterpart, d.note, a.id AS approver_id, a.name AS approver, a.role AS approver_role FROM stock_docs d LEFT JOIN users a ON a.id = d.approved_by WHERE d.id = ?`);
    this.lines = db.prepare<[string], { line_no: number; product_id: string; name: string; unit: 'pcs' | 'kg' | 'l'; qty: number; cost: number; price: number; book_qty: number | null; counted_qty: number | null }>(
      `SELECT l.line_no, l.product_id, p.name, p.unit, l.qty, l.cost, l.price, l.book_qty, l.counted_qty
       FROM stock_doc_lines l JOIN products p ON p.id = l.product_id WHERE l.doc_id = ? ORDER BY l.line_no`);
    this.corrections = db.prepare<[string], { id: string; number: number; at: string }>('SELECT id, number, at FROM stock_docs WHERE ref_doc_id = ? ORDER BY at');
    this.chainLines = db.prepare<[string, string], { product_id: string; qty: number; cost: number; at: string }>(
      `SELECT l.product_id, l.qty, l.cost, d.at FROM stock_doc_lines l JOIN stock_docs d ON d.id = l.doc_id
       WHERE d.id = ? OR d.ref_doc_id = ? ORDER BY d.at, l.line_no`);
    this.moves = db.prepare<[string, number], { at: string; doc_type: string; doc_id: string; qty: number; number: number | null }>(
      `SELECT m.at, m.doc_type, m.doc_id, m.qty, COALESCE((SELECT s.number FROM sales s WHERE s.id = m.doc_id), (SELECT d.number FROM stock_docs d WHERE d.id = m.doc_id)) AS number
       FROM stock_moves m WHERE m.product_id = ? ORDER BY m.at DESC, m.id DESC LIMIT ?`);
    this.balance = db.prepare<[string], { qty: number }>('SELECT COALESCE(SUM(qty), 0) AS qty FROM stock_moves WHERE product_id = ?');
    this.balances = db.prepare<[string], { id: string; qty: number }>(
      'SELECT product_id AS id, SUM(qty) AS qty FROM stock_moves WHERE product_id IN (SELECT value FROM json_each(?)) GROUP BY product_id');
    const where = '(@kind IS NULL OR d.kind = @kind) AND (@start IS NULL OR d.at >= @start) AND (@end IS NULL OR d.at < @end)';
    this.count = db.prepare<[ListParams], { n: number }>(`SELECT COUNT(*) AS n FROM stock_docs d WHERE ${where}`);
    this.page = db.prepare<[ListParams], DocRow>(`${SUMMARY} WHERE ${where} ORDER BY d.at DESC LIMIT @limit OFFSET @offset`);
  }

  stockOf(productId: string): number {
    return this.balance.get(productId)?.qty ?? 0;
  }

  /** The stock of each of many products in one statement; a product that never moved has none. */
  stocksOf(productIds: readonly string[]): Map<string, number> {
    const stocks = new Map<string, number>();
    if (productIds.length > 0) for (const r of this.balances.all(JSON.stringify(productIds))) stocks.set(r.id, r.qty);
    return stocks;
  }

  /** Writes a posted document with its moves (in the caller's transaction). */
  write(doc: NewDoc): StockDocView {
    this.record(doc);
    return this.get(doc.id);
  }

  /** The same without reading the document back, for a caller that posts many lines and shows none (an import). */
  record(doc: NewDoc): void {
    const at = this.clock().toISOString();
    const number = this.nextNumber.get(doc.kind)?.n ?? 1;
    const costTotal = doc.lines.reduce((sum, l) => sum + lineAmount(l.cost, l.qty), 0);
    const retailTotal = doc.lines.reduce((sum, l) => sum + lineAmount(l.price, l.qty), 0);
    this.insertDoc.run({
      id: doc.id, kind: doc.kind, number, at, userId: doc.userId, approvedBy: doc.approvedBy, supplierId: doc.supplierId ?? null,
      extNumber: doc.extNumber ?? null, extDate: doc.extDate ?? null, counterpart: doc.counterpart ?? null, reason: doc.reason ?? null,
      refDocId: doc.refDocId ?? null, note: doc.note ?? null, costTotal, retailTotal,
    });
    const lines = JSON.stringify(doc.lines.map((l) => [l.productId, l.qty, l.cost, l.price, l.vat, l.bookQty ?? null, l.countedQty ?? null]));
    this.insertLines.run({ doc: doc.id, lines });
    this.insertMoves.run({ doc: doc.id, kind: doc.kind, at, lines });
    this.journal.append({
      type: 'stock.posted', id: doc.id, userId: doc.userId, approvedBy: doc.approvedBy,
      payload: { ...doc, number, at, costTotal, retailTotal },
    });
  }

  /** Posts a draft; an intake also takes up its purchase prices and proposes retail prices by the group markup. */
  post(draft: DraftView, userId: string, approvedBy: string | null): { doc: StockDocView; proposals: Proposal[] } {
    const h = draft.header;
    if (draft.lines.length === 0) throw new LavkaError('validation', 'errors.emptyDocument', {});
    if ((draft.kind === 'intake' || draft.kind === 'supplier_return') && !h.supplierId) throw new LavkaError('validation', 'errors.supplierNeeded', {});
    if ((draft.kind === 'transfer_in' || draft.kind === 'transfer_out') && !h.counterpart) throw new LavkaError('validation', 'errors.counterpartNeeded', {});
    if (draft.kind === 'writeoff' && !h.reason) throw new LavkaError('validation', 'errors.reasonNeeded', {});
    const sign = INCOMING.has(draft.kind) ? 1 : -1;
    const lines = draft.refDocId ? this.differences(draft, sign) : draft.lines.map((l) => this.posted(l, sign * l.qty));
    if (lines.length === 0) throw new LavkaError('validation', 'errors.nothingToCorrect', {});
    const doc = this.write({
      id: draft.id, kind: draft.kind, userId, approvedBy, supplierId: h.supplierId, extNumber: h.extNumber, extDate: h.extDate,
      counterpart: h.counterpart, reason: h.reason, refDocId: draft.refDocId, note: h.note, lines,
    });
    return { doc, proposals: draft.kind === 'intake' ? this.takeUpCosts(draft, doc.at) : [] };
  }

  private posted(l: DraftLineView, qty: number): PostedLine {
    return { productId: l.productId, qty, cost: l.cost, price: l.price, vat: l.vat };
  }

  /** A correction posts only what changed against the document as it stands with its earlier corrections. */
  private differences(draft: DraftView, sign: number): PostedLine[] {
    const original = this.summary.get(draft.refDocId ?? '');
    if (!original || original.kind !== draft.kind) throw new LavkaError('not_found', 'errors.noSuchDocument', { id: draft.refDocId });
    const now = new Map<string, { qty: number; cost: number }>();
    for (const l of this.chainLines.all(original.id, original.id)) {
      const had = now.get(l.product_id);
      now.set(l.product_id, { qty: (had?.qty ?? 0) + l.qty, cost: l.cost });
    }
    const wanted = new Map(draft.lines.map((l) => [l.productId, l]));
    const out: PostedLine[] = [];
    for (const l of draft.lines) {
      const had = now.get(l.productId);
      const qty = sign * l.qty - (had?.qty ?? 0);
      if (qty !== 0 || (draft.kind === 'intake' && had && had.cost !== l.cost)) out.push(this.posted(l, qty));
    }
    for (const [productId, had] of now) {
      if (wanted.has(productId) || had.qty === 0) continue;
      const p = this.product.get(productId);
      out.push({ productId, qty: -had.qty, cost: had.cost, price: p?.price ?? 0, vat: null });
    }
    return out;
  }

  private takeUpCosts(draft: DraftView, at: string): Proposal[] {
    const proposals: Proposal[] = [];
    for (const l of draft.lines) {
      const p = this.product.get(l.productId);
      if (!p) continue;
      if (p.cost !== l.cost) {
        this.setCost.run(l.cost, at, l.productId);
        this.insertCost.run(l.productId, at, draft.id, l.cost);
      }
      const markup = this.admin.markupOf(p.group_id);
      const proposed = markup === null ? null : suggestedPrice(l.cost, markup);
      if (proposed !== null && proposed !== p.price) proposals.push({ productId: l.productId, name: p.name, cost: l.cost, oldPrice: p.price, proposedPrice: proposed });
    }
    return proposals;
  }

  /** What a correction starts from: the document as it stands now, with its earlier corrections. */
  current(docId: string): { root: DocRow; header: Header; lines: { productId: string; qty: number; cost: number }[] } {
    let root = this.summary.get(docId);
    if (!root) throw new LavkaError('not_found', 'errors.noSuchDocument', { id: docId });
    if (root.ref_doc_id) root = this.summary.get(root.ref_doc_id) ?? root;
    if (root.kind === 'stocktake') throw new LavkaError('validation', 'errors.stocktakeNotCorrected', {});
    const sign = INCOMING.has(root.kind) ? 1 : -1;
    const now = new Map<string, { qty: number; cost: number }>();
    for (const l of this.chainLines.all(root.id, root.id)) {
      const had = now.get(l.product_id);
      now.set(l.product_id, { qty: (had?.qty ?? 0) + l.qty, cost: l.cost });
    }
    const header: Header = {
      supplierId: root.supplier_id, extNumber: root.ext_number, extDate: root.ext_date, counterpart: root.counterpart,
      reason: WriteoffReason.nullable().parse(root.reason), note: root.note,
    };
    return { root, header, lines: [...now].filter(([, v]) => v.qty !== 0).map(([productId, v]) => ({ productId, qty: sign * v.qty, cost: v.cost })) };
  }

  get(id: string): StockDocView {
    const row = this.summary.get(id);
    const more = this.detail.get(id);
    if (!row || !more) throw new LavkaError('not_found', 'errors.noSuchDocument', { id });
    return {
      ...this.toSummary(row),
      approvedBy: more.approver_id && more.approver ? { id: more.approver_id, name: more.approver, role: more.approver_role as 'manager' } : null,
      extDate: more.ext_date, counterpart: more.counterpart, note: more.note,
      items: this.lines.all(id).map((l) => ({
        lineNo: l.line_no, productId: l.product_id, name: l.name, unit: l.unit, qty: l.qty, cost: l.cost, price: l.price, bookQty: l.book_qty, countedQty: l.counted_qty,
      })),
      corrections: this.corrections.all(id),
    };
  }

  list(q: { kind?: Kind | undefined; from?: string | undefined; to?: string | undefined; offset: number; limit: number }): { total: number; rows: z.output<typeof DocSummary>[] } {
    const range = q.from || q.to ? dayRange(q.from ?? '1970-01-01', q.to ?? '9999-12-30') : null;
    const params: ListParams = { kind: q.kind ?? null, start: range?.start ?? null, end: range?.end ?? null, limit: q.limit, offset: q.offset };
    const total = this.count.get(params)?.n ?? 0;
    const rows = this.page.all(params);
    return { total, rows: rows.map((r) => this.toSummary(r)) };
  }

  movements(productId: string, limit: number): z.output<typeof Movement>[] {
    let balance = this.stockOf(productId);
    return this.moves.all(productId, limit).map((m) => {
      const row = { at: m.at, docType: m.doc_type, docId: m.doc_id, docNumber: m.number, qty: m.qty, balance };
      balance -= m.qty;
      return row;
    });
  }

  private toSummary(r: DocRow): z.output<typeof DocSummary> {
    return {
      id: r.id, kind: r.kind, number: r.number, at: r.at, author: r.author, supplier: r.supplier, extNumber: r.ext_number, reason: r.reason,
      refDocId: r.ref_doc_id, costTotal: r.cost_total, retailTotal: r.retail_total, lines: r.lines,
    };
  }
}
