import type { z } from 'zod';
import type { Db } from '../db/open.js';
import type { Catalog } from '../catalog/catalog.js';
import type { StockLedger, StockDocView } from './ledger.js';
import type { StocktakeInfo, StocktakeRow } from '../../shared/contract/stock.js';
import { LavkaError } from '../../shared/contract/errors.js';
import { lineAmount, QTY_ONE } from '../../shared/money.js';

type Info = z.output<typeof StocktakeInfo>;
type Row = z.output<typeof StocktakeRow>;

export interface SheetRow { id: string; name: string; unit: 'pcs' | 'kg' | 'l'; barcode: string | null; cost: number; price: number; book: number; counted: number }

/**
 * Book against counted quantity for every product in scope that has stock or was counted. The
 * book quantity is taken as it stood when the product was last counted: sales made while the
 * shop keeps trading during the count do not read as shortages.
 */
export const SHEET_SQL = `WITH RECURSIVE scope(id) AS (
    SELECT @group WHERE @group IS NOT NULL UNION ALL SELECT g.id FROM product_groups g JOIN scope ON g.parent_id = scope.id),
  counted AS (SELECT product_id, SUM(qty) AS counted, MAX(at) AS last FROM stocktake_counts WHERE stocktake_id = @stocktake GROUP BY product_id),
  book AS (SELECT product_id, SUM(qty) AS book FROM stock_moves GROUP BY product_id HAVING SUM(qty) <> 0),
  ids AS (SELECT product_id FROM book UNION SELECT product_id FROM counted)
  SELECT p.id, p.name, p.unit, p.cost, p.price, (SELECT b.code FROM barcodes b WHERE b.product_id = p.id LIMIT 1) AS barcode,
    COALESCE(bk.book, 0) - COALESCE((SELECT SUM(m.qty) FROM stock_moves m WHERE m.product_id = p.id AND m.at > c.last), 0) AS book,
    COALESCE(c.counted, 0) AS counted
  FROM ids JOIN products p ON p.id = ids.product_id LEFT JOIN book bk ON bk.product_id = p.id LEFT JOIN counted c ON c.product_id = p.id
  WHERE (@group IS NULL OR p.group_id IN (SELECT id FROM scope)) AND p.kind <> 'service'
  ORDER BY p.search_name`;

interface InfoRow { id: string; number: number; grp: string | null; group_id: string | null; started_at: string; status: Info['status']; counted: number; doc_id: string | null }

export function sheetRows(rows: readonly SheetRow[]): Row[] {
  return rows.map((r) => {
    const diff = r.counted - r.book;
    return {
      productId: r.id, name: r.name, unit: r.unit, barcode: r.barcode, book: r.book, counted: r.counted, diff,
      diffCost: lineAmount(r.cost, diff), diffRetail: lineAmount(r.price, diff),
    };
  });
}

/** Stocktakes: counted by scanning from any till or phone on the shop's network, posted as adjustments. */
export class Stocktakes {
  private readonly info;
  private readonly all;
  private readonly open;
  private readonly nextNumber;
  private readonly insert;
  private readonly setStatus;
  private readonly insertCount;
  private readonly countOf;
  private readonly inScope;
  private readonly sheet;

  constructor(db: Db, private readonly catalog: Catalog, private readonly ledger: StockLedger, private readonly clock: () => Date) {
    const select = `SELECT s.id, s.number, g.name AS grp, s.group_id, s.started_at, s.status, s.doc_id,
      (SELECT COUNT(DISTINCT c.product_id) FROM stocktake_counts c WHERE c.stocktake_id = s.id) AS counted
      FROM stocktakes s LEFT JOIN product_groups g ON g.id = s.group_id`;
    this.info = db.prepare<[string], InfoRow>(`${select} WHERE s.id = ?`);
    this.all = db.prepare<[], InfoRow>(`${select} ORDER BY s.status = 'open' DESC, s.number DESC LIMIT 50`);
    this.open = db.prepare<[], { id: string; number: number }>("SELECT id, number FROM stocktakes WHERE status = 'open'");
    this.nextNumber = db.prepare<[], { n: number }>('SELECT COALESCE(MAX(number), 0) + 1 AS n FROM stocktakes');
    this.insert = db.prepare('INSERT INTO stocktakes (id, number, group_id, started_at, user_id) VALUES (?, ?, ?, ?, ?)');
    this.setStatus = db.prepare('UPDATE stocktakes SET status = ?, doc_id = ? WHERE id = ?');
    this.insertCount = db.prepare('INSERT OR IGNORE INTO stocktake_counts (id, stocktake_id, product_id, qty, user_id, at) VALUES (?, ?, ?, ?, ?, ?)');
    this.countOf = db.prepare<[string, string], { n: number }>('SELECT COALESCE(SUM(qty), 0) AS n FROM stocktake_counts WHERE stocktake_id = ? AND product_id = ?');
    this.inScope = db.prepare<[string, string], { one: number }>(`WITH RECURSIVE scope(id) AS (SELECT ? UNION ALL SELECT g.id FROM product_groups g JOIN scope ON g.parent_id = scope.id)
      SELECT 1 AS one FROM products WHERE id = ? AND group_id IN (SELECT id FROM scope)`);
    this.sheet = db.prepare<[{ stocktake: string; group: string | null }], SheetRow>(SHEET_SQL);
  }

  start(id: string, groupId: string | null, userId: string): Info {
    if (this.info.get(id)) return this.get(id);
    const open = this.open.get();
    if (open) throw new LavkaError('conflict', 'errors.stocktakeOpen', { number: open.number });
    this.insert.run(id, this.nextNumber.get()?.n ?? 1, groupId, this.clock().toISOString(), userId);
    return this.get(id);
  }

  get(id: string): Info {
    const row = this.info.get(id);
    if (!row) throw new LavkaError('not_found', 'errors.noSuchStocktake', { id });
    return toInfo(row);
  }

  list(): Info[] {
    return this.all.all().map(toInfo);
  }

  groupOf(id: string): string | null {
    return this.info.get(id)?.group_id ?? null;
  }

  count(input: { id: string; stocktakeId: string; code?: string | undefined; productId?: string | undefined; qty?: number | undefined }, userId: string) {
    const info = this.requireOpen(input.stocktakeId);
    const found = input.code ? this.catalog.lookup(input.code) : null;
    if (input.code && !found) throw new LavkaError('not_found', 'errors.unknownBarcode', { code: input.code });
    const product = found?.product ?? (input.productId ? this.catalog.get(input.productId) : null);
    if (!product) throw new LavkaError('not_found', 'errors.noSuchProduct', { id: input.productId });
    if (info.group_id && !this.inScope.get(info.group_id, product.id)) throw new LavkaError('validation', 'errors.notInStocktake', { product: product.name, group: info.grp });
    const qty = input.qty ?? found?.qty ?? (product.unit === 'pcs' ? QTY_ONE : null);
    if (qty === null) throw new LavkaError('validation', 'errors.weightNeeded', { product: product.name });
    if (product.unit === 'pcs' && qty % QTY_ONE !== 0) throw new LavkaError('validation', 'errors.pieceFraction', { product: product.name });
    const before = this.countOf.get(input.stocktakeId, product.id)?.n ?? 0;
    if (before + qty < 0) throw new LavkaError('validation', 'errors.countBelowZero', { product: product.name });
    this.insertCount.run(input.id, input.stocktakeId, product.id, qty, userId, this.clock().toISOString());
    return { productId: product.id, name: product.name, unit: product.unit, counted: this.countOf.get(input.stocktakeId, product.id)?.n ?? 0 };
  }

  /** Writes the differences as a stocktake document (in the caller's transaction). */
  post(stocktakeId: string, userId: string, approvedBy: string | null): StockDocView {
    const info = this.requireOpen(stocktakeId);
    const rows = this.sheet.all({ stocktake: stocktakeId, group: info.group_id }).filter((r) => r.counted !== r.book);
    const doc = this.ledger.write({
      id: stocktakeId, kind: 'stocktake', userId, approvedBy, note: info.grp,
      lines: rows.map((r) => ({ productId: r.id, qty: r.counted - r.book, cost: r.cost, price: r.price, vat: null, bookQty: r.book, countedQty: r.counted })),
    });
    this.setStatus.run('posted', doc.id, stocktakeId);
    return doc;
  }

  cancel(stocktakeId: string): void {
    this.requireOpen(stocktakeId);
    this.setStatus.run('cancelled', null, stocktakeId);
  }

  private requireOpen(id: string): InfoRow {
    const row = this.info.get(id);
    if (!row) throw new LavkaError('not_found', 'errors.noSuchStocktake', { id });
    if (row.status !== 'open') throw new LavkaError('conflict', 'errors.stocktakeClosed', { number: row.number });
    return row;
  }
}

function toInfo(row: InfoRow): Info {
  return { id: row.id, number: row.number, group: row.grp, startedAt: row.started_at, status: row.status, counted: row.counted, docId: row.doc_id };
}
