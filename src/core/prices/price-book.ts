import type { z } from 'zod';
import type { Db } from '../db/open.js';
import type { Journal } from '../journal/journal.js';
import type { PriceDocView, PriceHistoryRow } from '../../shared/contract/prices.js';
import { LavkaError } from '../../shared/contract/errors.js';

export interface PriceChange {
  id: string;
  effectiveAt: string | null;
  lines: { productId: string; price: number }[];
  sourceDocId: string | null;
  note: string | null;
  userId: string;
  approvedBy: string | null;
}

export interface PriceLine {
  productId: string;
  oldPrice: number;
  newPrice: number;
}

interface DocRow { id: string; number: number; effective_at: string; created_at: string; author: string; approver: string | null; note: string | null; applied: number }

/**
 * Retail prices as documents: each change is an insert-only price document in force from its
 * date and time. `products.price` is what the scan path reads: the price in force, brought up to
 * date when a document is posted for now and by `applyDue()` for those that fall due later.
 */
export class PriceBook {
  private readonly nextNumber;
  private readonly insertDoc;
  private readonly insertLines;
  private readonly currentPrice;
  private readonly setPrice;
  private readonly markApplied;
  private readonly due;
  private readonly docLines;
  private readonly docById;
  private readonly docs;
  private readonly history;

  constructor(private readonly db: Db, private readonly journal: Journal, private readonly clock: () => Date) {
    this.nextNumber = db.prepare<[], { n: number }>('SELECT COALESCE(MAX(number), 0) + 1 AS n FROM price_docs');
    this.insertDoc = db.prepare(`INSERT INTO price_docs (id, number, effective_at, created_at, user_id, approved_by, source_doc_id, note)
      VALUES (@id, @number, @effectiveAt, @createdAt, @userId, @approvedBy, @sourceDocId, @note)`);
    // a document's lines go in as a JSON array, one statement however many there are
    this.insertLines = db.prepare<[{ doc: string; lines: string }]>(`INSERT INTO price_doc_lines (doc_id, product_id, old_price, new_price)
      SELECT @doc, value ->> 0, value ->> 1, value ->> 2 FROM json_each(@lines)`);
    this.currentPrice = db.prepare<[string], { price: number }>('SELECT price FROM products WHERE id = ?');
    this.setPrice = db.prepare('UPDATE products SET price = ?, updated_at = ? WHERE id = ?');
    this.markApplied = db.prepare('INSERT INTO price_applied (doc_id, at) VALUES (?, ?)');
    this.due = db.prepare<[string], { id: string }>(`SELECT d.id FROM price_docs d WHERE d.effective_at <= ?
      AND NOT EXISTS (SELECT 1 FROM price_applied a WHERE a.doc_id = d.id) ORDER BY d.effective_at, d.number`);
    this.docLines = db.prepare<[string], { product_id: string; name: string; old_price: number; new_price: number }>(
      'SELECT l.product_id, p.name, l.old_price, l.new_price FROM price_doc_lines l JOIN products p ON p.id = l.product_id WHERE l.doc_id = ? ORDER BY p.search_name');
    const select = `SELECT d.id, d.number, d.effective_at, d.created_at, u.name AS author, a.name AS approver, d.note,
      EXISTS (SELECT 1 FROM price_applied x WHERE x.doc_id = d.id) AS applied
      FROM price_docs d JOIN users u ON u.id = d.user_id LEFT JOIN users a ON a.id = d.approved_by`;
    this.docById = db.prepare<[string], DocRow>(`${select} WHERE d.id = ?`);
    this.docs = db.prepare<[number], DocRow>(`${select} ORDER BY d.number DESC LIMIT ?`);
    this.history = db.prepare<[string], { id: string; number: number; effective_at: string; old_price: number; new_price: number; author: string; applied: number }>(
      `SELECT d.id, d.number, d.effective_at, l.old_price, l.new_price, u.name AS author,
        EXISTS (SELECT 1 FROM price_applied x WHERE x.doc_id = d.id) AS applied
      FROM price_doc_lines l JOIN price_docs d ON d.id = l.doc_id JOIN users u ON u.id = d.user_id
      WHERE l.product_id = ? ORDER BY d.effective_at DESC, d.number DESC`);
  }

  /** Writes a price document (in the caller's transaction); one in force now is applied at once. */
  change(change: PriceChange): z.output<typeof PriceDocView> {
    const existing = this.docById.get(change.id);
    if (existing) return this.view(existing);
    const now = this.clock().toISOString();
    const effectiveAt = change.effectiveAt ? new Date(change.effectiveAt).toISOString() : now;
    const seen = new Set<string>();
    for (const line of change.lines) {
      if (seen.has(line.productId)) throw new LavkaError('validation', 'errors.duplicateLine', { productId: line.productId });
      seen.add(line.productId);
      if (!this.currentPrice.get(line.productId)) throw new LavkaError('not_found', 'errors.noSuchProduct', { productId: line.productId });
    }
    const lines = change.lines.map((l) => ({ productId: l.productId, oldPrice: this.currentPrice.get(l.productId)?.price ?? 0, newPrice: l.price }));
    this.record({ ...change, effectiveAt, createdAt: now }, lines);
    if (effectiveAt <= now) this.apply(change.id, now);
    const row = this.docById.get(change.id);
    if (!row) throw new Error('price document vanished');
    return this.view(row);
  }

  /**
   * A price document in force from now for prices the caller has already set on the products in
   * this transaction: an import writes a new price with the rest of the row, and records the change
   * here a few thousand lines at a time, lines as given and not read back.
   */
  posted(doc: { id: string; userId: string; note: string | null; lines: PriceLine[] }): void {
    const now = this.clock().toISOString();
    this.record({ id: doc.id, effectiveAt: now, createdAt: now, userId: doc.userId, approvedBy: null, sourceDocId: null, note: doc.note }, doc.lines);
    this.markApplied.run(doc.id, now);
  }

  /** The document, its lines and its journal event. */
  private record(doc: Omit<PriceChange, 'lines' | 'effectiveAt'> & { effectiveAt: string; createdAt: string }, lines: readonly PriceLine[]): void {
    const number = this.nextNumber.get()?.n ?? 1;
    this.insertDoc.run({ id: doc.id, number, effectiveAt: doc.effectiveAt, createdAt: doc.createdAt, userId: doc.userId, approvedBy: doc.approvedBy, sourceDocId: doc.sourceDocId, note: doc.note });
    this.insertLines.run({ doc: doc.id, lines: JSON.stringify(lines.map((l) => [l.productId, l.oldPrice, l.newPrice])) });
    this.journal.append({
      type: 'price.changed', id: doc.id, userId: doc.userId, approvedBy: doc.approvedBy,
      payload: { id: doc.id, number, effectiveAt: doc.effectiveAt, lines: lines.map((l) => ({ productId: l.productId, oldPrice: l.oldPrice, newPrice: l.newPrice })) },
    });
  }

  /** Brings the prices in force up to date; returns how many documents took effect. */
  applyDue(): number {
    const now = this.clock().toISOString();
    const due = this.due.all(now);
    for (const doc of due) this.apply(doc.id, now);
    return due.length;
  }

  private apply(docId: string, now: string): void {
    for (const line of this.docLines.all(docId)) this.setPrice.run(line.new_price, now, line.product_id);
    this.markApplied.run(docId, now);
  }

  list(limit: number): z.output<typeof PriceDocView>[] {
    return this.docs.all(limit).map((row) => this.view(row));
  }

  historyOf(productId: string): z.output<typeof PriceHistoryRow>[] {
    return this.history.all(productId).map((r) => ({
      docId: r.id, number: r.number, effectiveAt: r.effective_at, oldPrice: r.old_price, newPrice: r.new_price, author: r.author, applied: r.applied === 1,
    }));
  }

  private view(row: DocRow): z.output<typeof PriceDocView> {
    return {
      id: row.id, number: row.number, effectiveAt: row.effective_at, createdAt: row.created_at, author: row.author,
      approvedBy: row.approver, note: row.note, applied: row.applied === 1,
      lines: this.docLines.all(row.id).map((l) => ({ productId: l.product_id, name: l.name, oldPrice: l.old_price, newPrice: l.new_price })),
    };
  }
}
