import type { z } from 'zod';
import type { Db } from '../db/open.js';
import type { Journal } from '../journal/journal.js';
import type { Catalog } from './catalog.js';
import type { PriceBook } from '../prices/price-book.js';
import type { ReadWorker } from '../db/read-worker.js';
import type { Group, ListCursor as ListCursorSchema, ListSort, ProductCard, ProductInput, ProductRow, Supplier, VatRateRow } from '../../shared/contract/catalog-admin.js';
import { LavkaError } from '../../shared/contract/errors.js';
import { isValidGtin } from '../../shared/barcode/ean.js';
import { searchKey } from '../../shared/text.js';
import { uuidv7 } from '../../shared/ids.js';
import { suggestedPrice } from './markup.js';

export type ProductCardView = z.output<typeof ProductCard>;
type ProductRowView = z.output<typeof ProductRow>;
type GroupView = z.output<typeof Group>;

export interface ListQuery {
  query?: string | undefined;
  groupId?: string | undefined;
  archived: boolean;
  belowMin: boolean;
  sort: z.output<typeof ListSort>;
  desc: boolean;
  offset: number;
  limit: number;
  after?: ListCursor | undefined;
}

type ListCursor = z.output<typeof ListCursorSchema>;

interface CardRow {
  id: string; name: string; group_id: string | null; unit: 'pcs' | 'kg' | 'l'; vat: string; kind: 'goods' | 'excise' | 'service';
  article: string | null; plu: string | null; marked: number; price: number; cost: number; min_stock: number | null;
  max_stock: number | null; archived: number; updated_at: string; stock: number;
}

const STOCK = '(SELECT COALESCE(SUM(m.qty), 0) FROM stock_moves m WHERE m.product_id = p.id)';
const SORT_SQL: Record<z.output<typeof ListSort>, string> = {
  name: 'p.search_name', price: 'p.price', stock: STOCK, article: 'p.article', updated: 'p.updated_at',
};
/**
 * Sorts a page can follow on from the last row of the one before (a key never NULL, read off a column): the next
 * page 500,000 rows down costs what the first does, where OFFSET walks every row above it.
 */
const KEYSET = new Set<z.output<typeof ListSort>>(['name', 'price', 'updated']);

/** A numeric code of barcode length is checked like one: a typo in a check digit is refused. */
function checkBarcode(code: string): void {
  if (/^\d{8}$|^\d{12,14}$/.test(code) && !isValidGtin(code)) throw new LavkaError('validation', 'errors.badBarcode', { code });
}

/**
 * The owner's side of the catalogue: a paged list sorted in SQL, product cards, saving with the
 * rules a shop relies on (one product per barcode and PLU), archiving, groups, suppliers and VAT.
 */
export class CatalogAdmin {
  private readonly statements = new Map<string, ReturnType<Db['prepare']>>();
  private readonly card;
  private readonly barcodesOf;
  private readonly barcodeOwner;
  private readonly pluOwner;
  private readonly groupPath;
  private readonly exists;

  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly catalog: Catalog,
    private readonly prices: PriceBook,
    private readonly clock: () => Date,
    /** the list runs there: a page sorted by stock sums a million balances, which the till must not wait behind */
    private readonly reads: ReadWorker,
  ) {
    this.card = db.prepare<[string], CardRow>(`SELECT p.id, p.name, p.group_id, p.unit, p.vat, p.kind, p.article, p.plu, p.marked, p.price, p.cost,
      p.min_stock, p.max_stock, p.archived, p.updated_at, ${STOCK} AS stock FROM products p WHERE p.id = ?`);
    this.barcodesOf = db.prepare<[string], { code: string }>('SELECT code FROM barcodes WHERE product_id = ? ORDER BY rowid');
    this.barcodeOwner = db.prepare<[string], { id: string; name: string }>('SELECT p.id, p.name FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.code = ?');
    this.pluOwner = db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM products WHERE plu = ?');
    this.groupPath = db.prepare<[string], { name: string; markup: number | null }>(`WITH RECURSIVE up(id, parent_id, name, markup, depth) AS (
        SELECT id, parent_id, name, markup, 0 FROM product_groups WHERE id = ?
        UNION ALL SELECT g.id, g.parent_id, g.name, g.markup, up.depth + 1 FROM product_groups g JOIN up ON g.id = up.parent_id)
      SELECT name, markup FROM up ORDER BY depth DESC`);
    this.exists = {
      vat: db.prepare<[string], { code: string }>('SELECT code FROM vat_rates WHERE code = ?'),
      group: db.prepare<[string], { id: string; parent_id: string | null }>('SELECT id, parent_id FROM product_groups WHERE id = ?'),
      // a sale or return moves stock in its own transaction, so stock_moves stands for sale_lines too (which has
      // no index by product: millions of lines would be walked for a product never sold)
      movement: db.prepare<[string, string, string, string, string], { one: number }>(`SELECT 1 AS one WHERE
        EXISTS (SELECT 1 FROM stock_moves WHERE product_id = ?)
        OR EXISTS (SELECT 1 FROM stock_doc_lines WHERE product_id = ?) OR EXISTS (SELECT 1 FROM price_doc_lines WHERE product_id = ?)
        OR EXISTS (SELECT 1 FROM stocktake_counts WHERE product_id = ?) OR EXISTS (SELECT 1 FROM cost_history WHERE product_id = ?)`),
    };
  }

  private prepared<T>(sql: string): import('better-sqlite3').Statement<unknown[], T> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as import('better-sqlite3').Statement<unknown[], T>;
  }

  async list(q: ListQuery): Promise<{ total: number; rows: ProductRowView[]; next: ListCursor | null }> {
    const where = ['p.archived = @archived'];
    const params: Record<string, string | number> = { archived: q.archived ? 1 : 0, limit: q.limit, offset: q.offset };
    const text = q.query?.trim() ?? '';
    if (text) {
      // the candidates first, by rid (barcode, article, PLU, words), so SQLite reads only them; the unary +
      // keeps it from walking the archived index over the whole catalogue instead
      where[0] = '+p.archived = @archived';
      const words = searchKey(text.replace(/\u0000/g, ' ')).split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w));
      const candidates = ['SELECT b.rid FROM barcodes c JOIN products b ON b.id = c.product_id WHERE c.code = @code',
        'SELECT rid FROM products WHERE article = @code', 'SELECT rid FROM products WHERE plu = @code'];
      params.code = text;
      if (words.length > 0) {
        candidates.push('SELECT rowid FROM products_fts WHERE products_fts MATCH @match');
        params.match = words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
      }
      where.push(`p.rid IN (${candidates.join(' UNION ALL ')})`);
    }
    if (q.groupId) {
      where.push(`p.group_id IN (WITH RECURSIVE sub(id) AS (SELECT @group UNION ALL SELECT g.id FROM product_groups g JOIN sub ON g.parent_id = sub.id) SELECT id FROM sub)`);
      params.group = q.groupId;
    }
    if (q.belowMin) where.push(`p.min_stock IS NOT NULL AND ${STOCK} < p.min_stock`);
    const filter = where.join(' AND ');
    // the whole catalogue is counted as all products less the archived: a count over the smallest index
    // and a short one, not a walk of a million rows
    const [count] = where.length === 1 && !q.archived
      ? await this.reads.all<{ n: number }>('SELECT (SELECT COUNT(*) FROM products) - (SELECT COUNT(*) FROM products WHERE archived = 1) AS n')
      : await this.reads.all<{ n: number }>(`SELECT COUNT(*) AS n FROM products p WHERE ${filter}`, params);
    const total = count?.n ?? 0;
    const key = SORT_SQL[q.sort];
    const dir = q.desc ? 'DESC' : 'ASC';
    const keyset = KEYSET.has(q.sort);
    const order = `${key} ${dir}, p.rid ${keyset ? dir : 'ASC'}`;
    let page = filter;
    if (keyset && q.after) {
      page = `${filter} AND (${key}, p.rid) ${q.desc ? '<' : '>'} (@afterKey, @afterRid)`;
      Object.assign(params, { afterKey: q.after.key, afterRid: q.after.rid, offset: 0 });
    }
    const rows = await this.reads.all<CardRow & { barcode: string | null; grp: string | null; rid: number; sort_key: string | number }>(`SELECT p.id, p.name,
        p.article, p.plu, p.unit, p.price, p.cost, p.min_stock, p.archived, p.marked, g.name AS grp, ${STOCK} AS stock, p.rid, ${key} AS sort_key,
        (SELECT b.code FROM barcodes b WHERE b.product_id = p.id LIMIT 1) AS barcode
      FROM (SELECT p.rid FROM products p WHERE ${page} ORDER BY ${order} LIMIT @limit OFFSET @offset) page
      JOIN products p ON p.rid = page.rid LEFT JOIN product_groups g ON g.id = p.group_id ORDER BY ${order}`, params);
    const last = rows.at(-1);
    return {
      total,
      next: keyset && last && rows.length === q.limit ? { key: last.sort_key, rid: last.rid } : null,
      rows: rows.map((r) => ({
        id: r.id, name: r.name, article: r.article, barcode: r.barcode, plu: r.plu, unit: r.unit, group: r.grp, price: r.price,
        cost: r.cost, stock: r.stock, minStock: r.min_stock, archived: r.archived === 1, marked: r.marked === 1,
      })),
    };
  }

  get(id: string): ProductCardView {
    const row = this.card.get(id);
    if (!row) throw new LavkaError('not_found', 'errors.noSuchProduct', { id });
    const path = row.group_id ? this.groupPath.all(row.group_id) : [];
    const markup = [...path].reverse().find((g) => g.markup !== null)?.markup ?? null;
    return {
      id: row.id, name: row.name, groupId: row.group_id, groupPath: path.map((g) => g.name), unit: row.unit, vat: row.vat, kind: row.kind,
      article: row.article, plu: row.plu, marked: row.marked === 1, barcodes: this.barcodesOf.all(id).map((b) => b.code),
      price: row.price, cost: row.cost, minStock: row.min_stock, maxStock: row.max_stock, archived: row.archived === 1, stock: row.stock,
      suggestedPrice: markup === null || row.cost === 0 ? null : suggestedPrice(row.cost, markup),
      updatedAt: row.updated_at, hasMovements: this.exists.movement.get(id, id, id, id, id) !== undefined,
    };
  }

  /** The markup in force for a group: its own or the nearest ancestor's. */
  markupOf(groupId: string | null): number | null {
    if (!groupId) return null;
    return [...this.groupPath.all(groupId)].reverse().find((g) => g.markup !== null)?.markup ?? null;
  }

  /** Creates or changes a product (in the caller's transaction). */
  save(input: z.output<typeof ProductInput>, userId: string, approvedBy: string | null): ProductCardView {
    if (!this.exists.vat.get(input.vat)) throw new LavkaError('validation', 'errors.unknownVat', { vat: input.vat });
    if (input.groupId && !this.exists.group.get(input.groupId)) throw new LavkaError('not_found', 'errors.noSuchGroup', { id: input.groupId });
    if (input.minStock !== null && input.maxStock !== null && input.minStock > input.maxStock) {
      throw new LavkaError('validation', 'errors.minOverMax', {});
    }
    const barcodes = [...new Set(input.barcodes)];
    for (const code of barcodes) {
      checkBarcode(code);
      const owner = this.barcodeOwner.get(code);
      if (owner && owner.id !== input.id) throw new LavkaError('conflict', 'errors.barcodeTaken', { code, product: owner.name, productId: owner.id });
    }
    if (input.plu) {
      const owner = this.pluOwner.get(input.plu);
      if (owner && owner.id !== input.id) throw new LavkaError('conflict', 'errors.pluTaken', { plu: input.plu, product: owner.name, productId: owner.id });
    }
    const now = this.clock().toISOString();
    const before = this.card.get(input.id);
    const fields = {
      id: input.id, name: input.name, search: searchKey(input.name), groupId: input.groupId, unit: input.unit, vat: input.vat, kind: input.kind,
      article: input.article, plu: input.plu, marked: input.marked ? 1 : 0, minStock: input.minStock, maxStock: input.maxStock, now,
    };
    if (before) {
      this.prepared(`UPDATE products SET name = @name, search_name = @search, group_id = @groupId, unit = @unit, vat = @vat, kind = @kind,
        article = @article, plu = @plu, marked = @marked, min_stock = @minStock, max_stock = @maxStock, updated_at = @now WHERE id = @id`).run(fields);
      this.prepared(`DELETE FROM barcodes WHERE product_id = ? AND code NOT IN (SELECT value FROM json_each(?))`).run(input.id, JSON.stringify(barcodes));
    } else {
      this.prepared(`INSERT INTO products (id, name, search_name, group_id, unit, vat, kind, article, plu, marked, price, cost, min_stock, max_stock, updated_at)
        VALUES (@id, @name, @search, @groupId, @unit, @vat, @kind, @article, @plu, @marked, @price, @cost, @minStock, @maxStock, @now)`)
        .run({ ...fields, price: input.price ?? 0, cost: input.cost ?? 0 });
    }
    const addBarcode = this.prepared('INSERT OR IGNORE INTO barcodes (code, product_id) VALUES (?, ?)');
    for (const code of barcodes) addBarcode.run(code, input.id);
    if (before && input.cost !== undefined && input.cost !== before.cost) {
      this.prepared('UPDATE products SET cost = ? WHERE id = ?').run(input.cost, input.id);
      this.prepared('INSERT INTO cost_history (product_id, at, doc_id, cost) VALUES (?, ?, ?, ?)').run(input.id, now, uuidv7(), input.cost);
    }
    this.journal.append({
      type: 'product.saved', userId, approvedBy,
      payload: { ...input, barcodes, created: !before },
    });
    if (before && input.price !== undefined && input.price !== before.price) {
      this.prices.change({ id: uuidv7(), effectiveAt: null, lines: [{ productId: input.id, price: input.price }], sourceDocId: null, note: null, userId, approvedBy });
    }
    return this.get(input.id);
  }

  /** Deletes a product nothing refers to; one with any history is archived so its documents stay whole. */
  remove(id: string, userId: string): 'deleted' | 'archived' {
    if (!this.card.get(id)) throw new LavkaError('not_found', 'errors.noSuchProduct', { id });
    const moved = this.exists.movement.get(id, id, id, id, id) !== undefined;
    if (moved) {
      this.prepared('UPDATE products SET archived = 1, updated_at = ? WHERE id = ?').run(this.clock().toISOString(), id);
    } else {
      this.prepared('DELETE FROM barcodes WHERE product_id = ?').run(id);
      this.prepared('DELETE FROM products WHERE id = ?').run(id);
    }
    const outcome = moved ? 'archived' : 'deleted';
    this.journal.append({ type: 'product.removed', userId, payload: { id, outcome } });
    return outcome;
  }

  restore(id: string, userId: string): void {
    const changed = this.prepared('UPDATE products SET archived = 0, updated_at = ? WHERE id = ?').run(this.clock().toISOString(), id);
    if (changed.changes === 0) throw new LavkaError('not_found', 'errors.noSuchProduct', { id });
    this.journal.append({ type: 'product.restored', userId, payload: { id } });
  }

  groups(): GroupView[] {
    return this.prepared<{ id: string; parent_id: string | null; name: string; markup: number | null; n: number }>(
      `SELECT g.id, g.parent_id, g.name, g.markup, (SELECT COUNT(*) FROM products p WHERE p.group_id = g.id AND p.archived = 0) AS n
       FROM product_groups g ORDER BY g.name`,
    ).all().map((g) => ({ id: g.id, parentId: g.parent_id, name: g.name, markup: g.markup, products: g.n }));
  }

  saveGroup(input: { id: string; name: string; parentId: string | null; markup: number | null }, userId: string): GroupView {
    // a group may not end up inside itself
    for (let at = input.parentId; at; at = this.exists.group.get(at)?.parent_id ?? null) {
      if (at === input.id) throw new LavkaError('validation', 'errors.groupCycle', {});
      if (!this.exists.group.get(at)) throw new LavkaError('not_found', 'errors.noSuchGroup', { id: at });
    }
    this.prepared(`INSERT INTO product_groups (id, parent_id, name, markup) VALUES (@id, @parentId, @name, @markup)
      ON CONFLICT(id) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name, markup = excluded.markup`).run(input);
    this.journal.append({ type: 'group.saved', userId, payload: input });
    const saved = this.groups().find((g) => g.id === input.id);
    if (!saved) throw new Error('group vanished');
    return saved;
  }

  suppliers(): z.output<typeof Supplier>[] {
    return this.prepared<z.output<typeof Supplier>>('SELECT id, name, inn FROM suppliers ORDER BY name').all();
  }

  saveSupplier(input: z.output<typeof Supplier>, userId: string): z.output<typeof Supplier> {
    this.prepared(`INSERT INTO suppliers (id, name, inn) VALUES (@id, @name, @inn)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, inn = excluded.inn`).run(input);
    this.journal.append({ type: 'supplier.saved', userId, payload: input });
    return input;
  }

  vatRates(): z.output<typeof VatRateRow>[] {
    return this.prepared<z.output<typeof VatRateRow>>('SELECT code, percent, label, tag1199 FROM vat_rates ORDER BY percent DESC NULLS LAST, code').all();
  }

  saveVat(rate: z.output<typeof VatRateRow>, userId: string): z.output<typeof VatRateRow>[] {
    this.prepared(`INSERT INTO vat_rates (code, percent, label, tag1199) VALUES (@code, @percent, @label, @tag1199)
      ON CONFLICT(code) DO UPDATE SET percent = excluded.percent, label = excluded.label, tag1199 = excluded.tag1199`).run(rate);
    this.journal.append({ type: 'vat.saved', userId, payload: rate });
    this.catalog.forgetVat();
    return this.vatRates();
  }
}
