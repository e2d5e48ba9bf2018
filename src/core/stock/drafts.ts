import type { z } from 'zod';
import type { Db } from '../db/open.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Draft, DraftHeader, DraftKind, DraftLine } from '../../shared/contract/stock.js';
import { LavkaError } from '../../shared/contract/errors.js';
import { lineAmount, QTY_ONE } from '../../shared/money.js';
import { uuidv7 } from '../../shared/ids.js';

export type DraftView = z.output<typeof Draft>;
export type DraftLineView = z.output<typeof DraftLine>;
export type Header = z.output<typeof DraftHeader>;
type Kind = z.output<typeof DraftKind>;

interface Row { id: string; kind: Kind; header: string; lines: string; created_at: string; updated_at: string; author: string }
interface Stored { header: Header; refDocId: string | null }

export const EMPTY_HEADER: Header = { supplierId: null, extNumber: null, extDate: null, counterpart: null, reason: null, note: null };

/**
 * Stock documents being prepared. A draft is one row whose lines are JSON, like the open receipt:
 * it changes with every scan and only becomes ledger when it is posted.
 */
export class DraftStore {
  private readonly byId;
  private readonly all;
  private readonly insert;
  private readonly update;
  private readonly remove;
  private readonly cost;

  constructor(db: Db, private readonly catalog: Catalog, private readonly clock: () => Date) {
    const select = 'SELECT d.id, d.kind, d.header, d.lines, d.created_at, d.updated_at, u.name AS author FROM doc_drafts d JOIN users u ON u.id = d.user_id';
    this.byId = db.prepare<[string], Row>(`${select} WHERE d.id = ?`);
    this.all = db.prepare<[{ kind: string | null }], Row>(`${select} WHERE @kind IS NULL OR d.kind = @kind ORDER BY d.updated_at DESC`);
    this.insert = db.prepare('INSERT INTO doc_drafts (id, kind, header, lines, user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.update = db.prepare('UPDATE doc_drafts SET header = ?, lines = ?, updated_at = ? WHERE id = ?');
    this.remove = db.prepare('DELETE FROM doc_drafts WHERE id = ?');
    this.cost = db.prepare<[string], { cost: number }>('SELECT cost FROM products WHERE id = ?');
  }

  create(id: string, kind: Kind, header: Header, userId: string, refDocId: string | null = null, lines: DraftLineView[] = []): DraftView {
    const existing = this.byId.get(id);
    if (existing) return this.view(existing);
    const now = this.clock().toISOString();
    this.insert.run(id, kind, JSON.stringify({ header, refDocId } satisfies Stored), JSON.stringify(lines), userId, now, now);
    return this.get(id);
  }

  get(id: string): DraftView {
    const row = this.byId.get(id);
    if (!row) throw new LavkaError('not_found', 'errors.noSuchDraft', { id });
    return this.view(row);
  }

  list(kind: Kind | null): DraftView[] {
    return this.all.all({ kind }).map((row) => this.view(row));
  }

  setHeader(id: string, header: Header): DraftView {
    const draft = this.get(id);
    return this.write(draft, header, draft.lines);
  }

  /** Adds by a scanned or typed code; a weight label carries its own quantity. */
  scan(id: string, code: string, qty: number | undefined): DraftView {
    const found = this.catalog.lookup(code);
    if (!found) throw new LavkaError('not_found', 'errors.unknownBarcode', { code });
    return this.add(id, found.product.id, qty ?? found.qty ?? undefined, undefined, found.barcode);
  }

  add(id: string, productId: string, qty: number | undefined, cost: number | undefined, barcode: string | null = null): DraftView {
    const draft = this.get(id);
    const product = this.catalog.get(productId);
    if (!product) throw new LavkaError('not_found', 'errors.noSuchProduct', { id: productId });
    const amount = qty ?? (product.unit === 'pcs' ? QTY_ONE : null);
    if (amount === null) throw new LavkaError('validation', 'errors.weightNeeded', { product: product.name });
    if (product.unit === 'pcs' && amount % QTY_ONE !== 0) throw new LavkaError('validation', 'errors.pieceFraction', { product: product.name });
    const lines = [...draft.lines];
    const same = lines.findIndex((l) => l.productId === productId);
    const existing = lines[same];
    if (existing) {
      lines[same] = { ...existing, qty: existing.qty + amount, cost: cost ?? existing.cost };
    } else {
      lines.push({
        lineId: uuidv7(), productId, name: product.name, unit: product.unit, barcode: barcode ?? product.barcode, qty: amount,
        cost: cost ?? this.cost.get(productId)?.cost ?? 0, price: product.price, vat: product.vat,
      });
    }
    return this.write(draft, draft.header, lines);
  }

  setLine(id: string, lineId: string, change: { qty?: number | undefined; cost?: number | undefined }): DraftView {
    const draft = this.get(id);
    const line = draft.lines.find((l) => l.lineId === lineId);
    if (!line) throw new LavkaError('not_found', 'errors.noSuchLine', { lineId });
    if (change.qty !== undefined && line.unit === 'pcs' && change.qty % QTY_ONE !== 0) {
      throw new LavkaError('validation', 'errors.pieceFraction', { product: line.name });
    }
    const lines = draft.lines.map((l) => (l.lineId === lineId ? { ...l, qty: change.qty ?? l.qty, cost: change.cost ?? l.cost } : l));
    return this.write(draft, draft.header, lines);
  }

  removeLine(id: string, lineId: string): DraftView {
    const draft = this.get(id);
    if (!draft.lines.some((l) => l.lineId === lineId)) throw new LavkaError('not_found', 'errors.noSuchLine', { lineId });
    return this.write(draft, draft.header, draft.lines.filter((l) => l.lineId !== lineId));
  }

  discard(id: string): void {
    this.get(id);
    this.remove.run(id);
  }

  private write(draft: DraftView, header: Header, lines: DraftLineView[]): DraftView {
    this.update.run(JSON.stringify({ header, refDocId: draft.refDocId } satisfies Stored), JSON.stringify(lines), this.clock().toISOString(), draft.id);
    return this.get(draft.id);
  }

  private view(row: Row): DraftView {
    const stored = JSON.parse(row.header) as Stored;
    const lines = JSON.parse(row.lines) as DraftLineView[];
    return {
      id: row.id, kind: row.kind, header: stored.header, refDocId: stored.refDocId, lines,
      costTotal: lines.reduce((sum, l) => sum + lineAmount(l.cost, l.qty), 0),
      retailTotal: lines.reduce((sum, l) => sum + lineAmount(l.price, l.qty), 0),
      createdAt: row.created_at, updatedAt: row.updated_at, author: row.author,
    };
  }
}
