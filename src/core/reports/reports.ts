import type { z } from 'zod';
import type { ReadWorker } from '../db/read-worker.js';
import type { AbcClass, AbcRow, CashierRow, ReorderRow, SalesBy, SalesRow, StockRow, XyzClass, XyzRow } from '../../shared/contract/reports.js';
import { dayRange } from '../period.js';
import { SalesRollup, soldByProduct } from './rollup.js';
import { divRound, lineAmount, QTY_ONE } from '../../shared/money.js';

type Sales = z.output<typeof SalesRow>;
type By = z.output<typeof SalesBy>;

/** Rollup rows of the period by what the report is by: key, label and the sums (see rollup.ts); `sold` is soldByProduct's. */
const BY: Record<By, (sold: string) => string> = {
  day: () => `SELECT r.day AS key, r.day AS label, SUM(r.receipts) AS receipts, SUM(r.qty) AS qty, SUM(r.revenue) AS revenue, SUM(r.cost) AS cost
    FROM rollup.sold_hour r WHERE r.day BETWEEN @from AND @to GROUP BY r.day ORDER BY key`,
  hour: () => `SELECT r.hour AS key, r.hour || ':00' AS label, SUM(r.receipts) AS receipts, SUM(r.qty) AS qty, SUM(r.revenue) AS revenue, SUM(r.cost) AS cost
    FROM rollup.sold_hour r WHERE r.day BETWEEN @from AND @to GROUP BY r.hour ORDER BY key`,
  cashier: () => `SELECT r.user_id AS key, u.name AS label, SUM(r.receipts) AS receipts, SUM(r.qty) AS qty, SUM(r.revenue) AS revenue, SUM(r.cost) AS cost
    FROM rollup.sold_hour r JOIN users u ON u.id = r.user_id WHERE r.day BETWEEN @from AND @to GROUP BY r.user_id ORDER BY revenue DESC`,
  // the first rows are chosen before their names are looked up: a year has most of the catalogue
  product: (sold) => `SELECT i.product_id AS key, p.name AS label, r.receipts, r.qty, r.revenue, r.cost
    FROM (SELECT product, SUM(receipts) AS receipts, SUM(qty) AS qty, SUM(revenue) AS revenue, SUM(cost) AS cost
      FROM ${sold} WHERE day BETWEEN @from AND @to GROUP BY product ORDER BY revenue DESC, product LIMIT @limit) r
    JOIN rollup.sold_item i ON i.key = r.product JOIN products p ON p.id = i.product_id ORDER BY r.revenue DESC, r.product`,
  group: () => `SELECT r.group_id AS key, COALESCE(g.name, '') AS label, SUM(r.receipts) AS receipts, SUM(r.qty) AS qty, SUM(r.revenue) AS revenue, SUM(r.cost) AS cost
    FROM rollup.sold_group r LEFT JOIN product_groups g ON g.id = r.group_id WHERE r.day BETWEEN @from AND @to GROUP BY r.group_id ORDER BY revenue DESC`,
  payment: () => `SELECT r.kind AS key, r.kind AS label, SUM(r.receipts) AS receipts, 0 AS qty, SUM(r.revenue) AS revenue, 0 AS cost
    FROM rollup.sold_payment r WHERE r.day BETWEEN @from AND @to GROUP BY r.kind ORDER BY revenue DESC`,
};

interface Grouped { key: string; label: string; receipts: number; qty: number; revenue: number; cost: number }

/**
 * XYZ over `source` (rows of product_id, week, qty): the coefficient of variation of the weekly quantity over
 * @weeks weeks (weeks without sales count as zero), in hundredths of a percent: X below 10 %, Y below 25 %.
 */
export function xyzRanked(source: string): string {
  return `WITH xyz_weeks AS (${source}),
    xyz_moments AS (SELECT product_id, SUM(qty) * 1.0 / @weeks AS mean, SUM(qty * qty) * 1.0 / @weeks AS square FROM xyz_weeks GROUP BY product_id),
    xyz_variation AS (SELECT product_id, mean, CASE WHEN mean > 0 THEN CAST(round(sqrt(max(square - mean * mean, 0)) / mean * 10000) AS INTEGER) ELSE 100000 END AS variation FROM xyz_moments)
  SELECT product_id, CAST(round(mean) AS INTEGER) AS mean_qty, variation, CASE WHEN variation < 1000 THEN 'X' WHEN variation < 2500 THEN 'Y' ELSE 'Z' END AS xyz
  FROM xyz_variation`;
}

type Ranked<Row, Class> = { total: number; classes: Class[]; rows: Row[] };

/**
 * The first @limit rows of a ranking of the rollup's products (with the product's id and name) and its per-class
 * totals, in one statement that works the ranking out once: each row says whether it is a `row` or a `class`.
 */
function oneRankingTwoViews(ranked: string, rowColumns: string, order: string, classColumns: string): string {
  return `WITH r AS MATERIALIZED (${ranked})
    SELECT * FROM (SELECT 'row' AS kind, ${rowColumns} FROM (SELECT * FROM r ORDER BY ${order} LIMIT @limit) r
      JOIN rollup.sold_item i ON i.key = r.product_id JOIN products p ON p.id = i.product_id ORDER BY ${order})
    UNION ALL SELECT 'class', ${classColumns}`;
}

/**
 * Reports, all read on the worker's connection (see ReadWorker): a report over a year of sales
 * never holds up a scan. SQL does the grouping; money is summed per line in kopecks.
 */
export class Reports {
  readonly rollup: SalesRollup;

  constructor(private readonly reads: ReadWorker, private readonly clock: () => Date) {
    this.rollup = new SalesRollup(reads);
  }

  /**
   * Sales by `by`, the first `limit` rows (all with null: by product a year has most of the catalogue), with the
   * number of rows there are and the period's totals.
   */
  async sales(from: string, to: string, by: By, limit: number | null): Promise<{ rows: Sales[]; count: number; totals: Sales }> {
    await this.rollup.catchUp();
    const params = { from, to, limit: limit ?? -1 };
    const rows = await this.reads.all<Grouped>(`${BY[by](soldByProduct(from, to))} LIMIT @limit`, params);
    const out = rows.map((r) => ({ ...r, key: String(r.key), label: String(r.label ?? ''), margin: by === 'payment' ? 0 : r.revenue - r.cost }));
    // every line is in one hour: the hours' sums are the period's, whatever the report is by
    const [all] = await this.reads.all<{ receipts: number | null; qty: number | null; revenue: number | null; cost: number | null }>(
      'SELECT SUM(receipts) AS receipts, SUM(qty) AS qty, SUM(revenue) AS revenue, SUM(cost) AS cost FROM rollup.sold_hour WHERE day BETWEEN @from AND @to', params);
    const [counted] = by === 'product' && limit !== null && rows.length === limit
      ? await this.reads.all<{ n: number }>(`SELECT COUNT(DISTINCT product) AS n FROM ${soldByProduct(from, to)} WHERE day BETWEEN @from AND @to`, params)
      : [{ n: rows.length }];
    const sum = (pick: (r: Sales) => number) => out.reduce((acc, r) => acc + pick(r), 0);
    const totals = by === 'payment'
      ? { qty: 0, revenue: sum((r) => r.revenue), cost: 0, margin: 0 }
      : { qty: all?.qty ?? 0, revenue: all?.revenue ?? 0, cost: all?.cost ?? 0, margin: (all?.revenue ?? 0) - (all?.cost ?? 0) };
    return { rows: out, count: counted?.n ?? out.length, totals: { key: 'total', label: '', receipts: all?.receipts ?? 0, ...totals } };
  }

  /** ABC: products ranked by their share, the classes' totals and the first `limit` rows (all with null); see abc.ts. */
  async abc(from: string, to: string, measure: 'revenue' | 'margin', limit: number | null): Promise<Ranked<z.output<typeof AbcRow>, z.output<typeof AbcClass>>> {
    await this.rollup.catchUp();
    const { classes, rows } = await this.reads.abc({
      values: `SELECT product, SUM(${measure === 'revenue' ? 'revenue' : 'revenue - cost'}) AS value FROM ${soldByProduct(from, to)}
        WHERE day BETWEEN @from AND @to GROUP BY product ORDER BY product`,
      names: 'SELECT i.key, i.product_id AS productId, p.name FROM json_each(@keys) k JOIN rollup.sold_item i ON i.key = k.value JOIN products p ON p.id = i.product_id',
      params: { from, to }, limit,
    });
    return { total: classes.reduce((acc, c) => acc + c.products, 0), classes, rows };
  }

  /** XYZ: how regular weekly sales are, most regular first; the classes' counts and the first `limit` rows (all with null). */
  async xyz(from: string, to: string, limit: number | null): Promise<Ranked<z.output<typeof XyzRow>, z.output<typeof XyzClass>>> {
    const range = dayRange(from, to);
    const weeks = Math.max(1, Math.ceil((Date.parse(range.end) - Date.parse(range.start)) / (7 * 86_400_000)));
    await this.rollup.catchUp();
    const ranked = xyzRanked(`SELECT product AS product_id, CAST((julianday(day) - julianday(@from)) / 7 AS INTEGER) AS week, SUM(qty) AS qty
      FROM ${soldByProduct(from, to)} WHERE day BETWEEN @from AND @to GROUP BY product, week`);
    const rows = await this.reads.all<{ kind: 'row' | 'class'; productId: string; name: string; meanQty: number; variation: number; xyz: 'X' | 'Y' | 'Z'; products: number }>(
      oneRankingTwoViews(ranked, 'i.product_id AS productId, p.name, r.mean_qty AS meanQty, r.variation, r.xyz, 0 AS products', 'r.variation, r.product_id',
        'NULL, NULL, NULL, NULL, xyz, COUNT(*) FROM r GROUP BY xyz'), { from, to, weeks, limit: limit ?? -1 });
    const classes = (['X', 'Y', 'Z'] as const).map((xyz) => ({ xyz, products: rows.find((x) => x.kind === 'class' && x.xyz === xyz)?.products ?? 0 }));
    return {
      total: classes.reduce((acc, c) => acc + c.products, 0), classes,
      rows: rows.filter((x) => x.kind === 'row').map(({ productId, name, meanQty, variation, xyz }) => ({ productId, name, periods: weeks, meanQty, variation, xyz })),
    };
  }

  /** What each cashier did that an owner checks: voids, cancels, returns, discounts, drawer openings without a sale. */
  async cashiers(from: string, to: string): Promise<z.output<typeof CashierRow>[]> {
    const range = dayRange(from, to);
    // the journal is read by type through its partial index, which `type <> 'sale.completed'` lets SQLite use (see schema.ts)
    const people = await this.reads.all<{ id: string; name: string; receipts: number; revenue: number; returns: number; returns_total: number; discount_total: number; discounted: number }>(
      `SELECT u.id, u.name,
        COUNT(CASE s.kind WHEN 'sale' THEN 1 END) AS receipts, COALESCE(SUM(CASE s.kind WHEN 'sale' THEN s.total END), 0) AS revenue,
        COUNT(CASE s.kind WHEN 'return' THEN 1 END) AS returns, COALESCE(SUM(CASE s.kind WHEN 'return' THEN s.total END), 0) AS returns_total,
        COALESCE(SUM(CASE s.kind WHEN 'sale' THEN s.discount END), 0) AS discount_total,
        COUNT(CASE WHEN s.kind = 'sale' AND s.discount > 0 THEN 1 END) AS discounted
      FROM users u JOIN sales s ON s.user_id = u.id AND s.at >= @start AND s.at < @end GROUP BY u.id
      UNION SELECT u.id, u.name, 0, 0, 0, 0, 0, 0 FROM users u WHERE EXISTS (SELECT 1 FROM journal j WHERE j.user_id = u.id AND j.at >= @start AND j.at < @end
        AND j.type IN ('cart.lineVoided', 'cart.cancelled', 'drawer.opened') AND j.type <> 'sale.completed') AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.user_id = u.id AND s.at >= @start AND s.at < @end)`,
      range);
    const events = await this.reads.all<{ seq: number; type: string; at: string; user_id: string; sale_id: string | null; amount: number | null }>(
      `SELECT j.seq, j.type, j.at, j.user_id, json_extract(j.payload, '$.id') AS sale_id,
        CASE j.type WHEN 'return.completed' THEN json_extract(j.payload, '$.total') WHEN 'cart.cancelled' THEN json_extract(j.payload, '$.total')
          WHEN 'cart.lineVoided' THEN json_extract(j.payload, '$.price') * json_extract(j.payload, '$.qty') / 1000 END AS amount
      FROM journal j WHERE j.at >= @start AND j.at < @end AND j.type IN ('cart.lineVoided', 'cart.cancelled', 'return.completed', 'drawer.opened', 'cart.discountGiven')
        AND j.type <> 'sale.completed'
      ORDER BY j.seq`, range);
    return people.map((p) => {
      const mine = events.filter((e) => e.user_id === p.id);
      const count = (type: string) => mine.filter((e) => e.type === type).length;
      return {
        userId: p.id, name: p.name, receipts: p.receipts, revenue: p.revenue,
        voidedLines: count('cart.lineVoided'), cancelledReceipts: count('cart.cancelled'),
        returns: p.returns, returnsTotal: p.returns_total, discounts: p.discounted, discountTotal: p.discount_total,
        drawerOpenings: count('drawer.opened'),
        events: mine.filter((e) => e.type !== 'cart.discountGiven').map((e) => ({
          seq: e.seq, type: e.type, at: e.at, saleId: e.type === 'return.completed' ? e.sale_id : null, amount: e.amount === null ? null : Math.round(e.amount),
        })),
      };
    }).sort((a, b) => b.voidedLines + b.cancelledReceipts + b.drawerOpenings - (a.voidedLines + a.cancelledReceipts + a.drawerOpenings));
  }

  /** Slow movers (stock on hand, nothing sold for `days`) or out of stock (sold within `days`, none left). */
  async stock(kind: 'slow' | 'out', days: number): Promise<z.output<typeof StockRow>[]> {
    const since = this.windowStart(days);
    await this.rollup.catchUp();
    const rows = await this.reads.all<{ id: string; name: string; stock: number; min_stock: number | null; last_sale: string | null; sold: number; cost: number }>(
      `WITH st AS (SELECT product_id, SUM(qty) AS stock FROM stock_moves GROUP BY product_id),
        sold AS (SELECT i.product_id, x.last_sale, x.sold FROM (SELECT product, MAX(day) AS last_sale, SUM(CASE WHEN day >= @since THEN qty ELSE 0 END) AS sold
          FROM rollup.sold_product INDEXED BY sold_product_by_product WHERE qty > 0 GROUP BY product) x JOIN rollup.sold_item i ON i.key = x.product)
      SELECT p.id, p.name, COALESCE(st.stock, 0) AS stock, p.min_stock, sold.last_sale, COALESCE(sold.sold, 0) AS sold, p.cost
      FROM products p LEFT JOIN st ON st.product_id = p.id LEFT JOIN sold ON sold.product_id = p.id
      WHERE p.archived = 0 AND ${kind === 'slow'
        ? 'COALESCE(st.stock, 0) > 0 AND (sold.last_sale IS NULL OR sold.last_sale < @since)'
        : 'COALESCE(st.stock, 0) <= 0 AND sold.last_sale >= @since'}
      ORDER BY ${kind === 'slow' ? 'COALESCE(st.stock, 0) * p.cost DESC' : 'sold DESC'} LIMIT 1000`, { since });
    return rows.map((r) => ({
      productId: r.id, name: r.name, stock: r.stock, minStock: r.min_stock, lastSale: r.last_sale, soldQty: r.sold, value: lineAmount(r.cost, Math.max(r.stock, 0)),
    }));
  }

  /** The first local day (YYYY-MM-DD) of the `days` calendar days that end with today. */
  private windowStart(days: number): string {
    const d = this.clock();
    const then = new Date(d.getFullYear(), d.getMonth(), d.getDate() - days + 1);
    return `${then.getFullYear()}-${String(then.getMonth() + 1).padStart(2, '0')}-${String(then.getDate()).padStart(2, '0')}`;
  }

  /**
   * Reorder: average daily sales over `days` against stock. Order up to the maximum where one is set,
   * else enough for `cover` days (and never below the minimum); piece goods in whole pieces.
   */
  async reorder(days: number, cover: number): Promise<z.output<typeof ReorderRow>[]> {
    const since = this.windowStart(days);
    await this.rollup.catchUp();
    const rows = await this.reads.all<{ id: string; name: string; unit: 'pcs' | 'kg' | 'l'; stock: number; min_stock: number | null; max_stock: number | null; sold: number; cost: number }>(
      `WITH sold AS (SELECT i.product_id, x.sold FROM (SELECT product, SUM(qty) AS sold FROM rollup.sold_product WHERE day >= @since GROUP BY product) x
          JOIN rollup.sold_item i ON i.key = x.product),
        wanted AS (SELECT id AS product_id FROM products WHERE min_stock IS NOT NULL AND archived = 0 UNION SELECT product_id FROM sold)
      SELECT p.id, p.name, p.unit, (SELECT COALESCE(SUM(m.qty), 0) FROM stock_moves m WHERE m.product_id = p.id) AS stock,
        p.min_stock, p.max_stock, COALESCE(sold.sold, 0) AS sold, p.cost
      FROM wanted w JOIN products p ON p.id = w.product_id LEFT JOIN sold ON sold.product_id = p.id WHERE p.archived = 0 AND p.kind <> 'service'`, { since });
    const out: z.output<typeof ReorderRow>[] = [];
    for (const r of rows) {
      const perDay = divRound(Math.max(r.sold, 0), days);
      const target = r.max_stock ?? Math.max(r.min_stock ?? 0, divRound(Math.max(r.sold, 0) * cover, days));
      if (r.min_stock !== null && r.max_stock === null && r.stock >= r.min_stock && perDay === 0) continue;
      let orderQty = Math.max(0, target - r.stock);
      if (r.unit === 'pcs') orderQty = Math.ceil(orderQty / QTY_ONE) * QTY_ONE;
      if (orderQty === 0) continue;
      out.push({
        productId: r.id, name: r.name, unit: r.unit, stock: r.stock, minStock: r.min_stock, maxStock: r.max_stock, perDay,
        daysLeft: perDay > 0 ? Math.max(0, Math.floor(r.stock / perDay)) : null, orderQty, cost: lineAmount(r.cost, orderQty),
      });
    }
    return out.sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || b.cost - a.cost);
  }
}
