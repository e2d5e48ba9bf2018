import type { z } from 'zod';
import type { ReadWorker } from '../db/read-worker.js';
import type { AbcRow, CashierRow, ReorderRow, SalesBy, SalesRow, StockRow, XyzRow } from '../../shared/contract/reports.js';
import { dayRange } from '../period.js';
import { divRound, lineAmount, QTY_ONE } from '../../shared/money.js';

type Sales = z.output<typeof SalesRow>;
type By = z.output<typeof SalesBy>;

/** The purchase price in force when a line was sold: the last one taken up before the sale, else the product's. */
const COST_AT_SALE = `COALESCE((SELECT h.cost FROM cost_history h WHERE h.product_id = l.product_id AND h.at <= s.at ORDER BY h.at DESC LIMIT 1), p.cost)`;

/** Sold lines in the period, returns negative; money and cost per line computed the way a receipt is (kopecks, half up). */
const LINES = `SELECT s.id AS sale_id, s.kind, s.at, s.user_id, l.product_id, p.name, p.group_id,
    CASE s.kind WHEN 'sale' THEN 1 ELSE -1 END AS sign, l.qty, l.total, ${COST_AT_SALE} AS unit_cost
  FROM sales s JOIN sale_lines l ON l.sale_id = s.id JOIN products p ON p.id = l.product_id
  WHERE s.at >= @start AND s.at < @end`;

const KEYS: Record<Exclude<By, 'payment'>, { key: string; label: string; join: string; order: string }> = {
  day: { key: "date(x.at, 'localtime')", label: "date(x.at, 'localtime')", join: '', order: 'key' },
  hour: { key: "strftime('%H', x.at, 'localtime')", label: "strftime('%H', x.at, 'localtime') || ':00'", join: '', order: 'key' },
  product: { key: 'x.product_id', label: 'x.name', join: '', order: 'revenue DESC' },
  group: { key: "COALESCE(x.group_id, '')", label: 'COALESCE(g.name, \'\')', join: 'LEFT JOIN product_groups g ON g.id = x.group_id', order: 'revenue DESC' },
  cashier: { key: 'x.user_id', label: 'u.name', join: 'JOIN users u ON u.id = x.user_id', order: 'revenue DESC' },
};

interface Grouped { key: string; label: string; receipts: number; qty: number; revenue: number; cost: number }

/**
 * ABC: ranked by value, A while the running total is within 80 %, B within 95 %, C the rest. A product is
 * in the class its share starts in, so the one that crosses 80 % is still A (with two products, both can be).
 */
export function classifyAbc<T extends { value: number }>(items: readonly T[]): (T & { share: number; cumulative: number; abc: 'A' | 'B' | 'C' })[] {
  const valued = items.filter((r) => r.value > 0).sort((a, b) => b.value - a.value);
  const total = valued.reduce((acc, r) => acc + r.value, 0);
  let running = 0;
  return valued.map((r) => {
    const before = running;
    running += r.value;
    const abc: 'A' | 'B' | 'C' = before * 100 < total * 80 ? 'A' : before * 100 < total * 95 ? 'B' : 'C';
    return { ...r, share: divRound(r.value * 10_000, total), cumulative: divRound(running * 10_000, total), abc };
  });
}

/**
 * Reports, all read on the worker's connection (see ReadWorker): a report over a year of sales
 * never holds up a scan. SQL does the grouping; money is summed per line in kopecks.
 */
export class Reports {
  constructor(private readonly reads: ReadWorker, private readonly clock: () => Date) {}

  async sales(from: string, to: string, by: By): Promise<{ rows: Sales[]; totals: Sales }> {
    const range = dayRange(from, to);
    let rows: Grouped[];
    if (by === 'payment') {
      rows = await this.reads.all<Grouped>(`SELECT pm.kind AS key, pm.kind AS label, COUNT(DISTINCT s.id) AS receipts, 0 AS qty,
          SUM(CASE s.kind WHEN 'sale' THEN pm.amount ELSE -pm.amount END) AS revenue, 0 AS cost
        FROM sales s JOIN sale_payments pm ON pm.sale_id = s.id WHERE s.at >= @start AND s.at < @end GROUP BY pm.kind ORDER BY revenue DESC`, range);
    } else {
      const k = KEYS[by];
      // cost per line: unit cost × qty in thousandths, rounded half up like every amount
      rows = await this.reads.all<Grouped>(`SELECT ${k.key} AS key, ${k.label} AS label,
          COUNT(DISTINCT CASE x.kind WHEN 'sale' THEN x.sale_id END) AS receipts, SUM(x.sign * x.qty) AS qty, SUM(x.sign * x.total) AS revenue,
          SUM(x.sign * ((x.unit_cost * x.qty + 500) / 1000)) AS cost
        FROM (${LINES}) x ${k.join} GROUP BY ${k.key} ORDER BY ${k.order}`, range);
    }
    const out = rows.map((r) => ({ ...r, key: String(r.key), label: String(r.label ?? ''), margin: by === 'payment' ? 0 : r.revenue - r.cost }));
    const totals = await this.reads.all<{ receipts: number }>(`SELECT COUNT(*) AS receipts FROM sales s WHERE s.kind = 'sale' AND s.at >= @start AND s.at < @end`, range);
    const sum = (pick: (r: Sales) => number) => out.reduce((acc, r) => acc + pick(r), 0);
    return {
      rows: out,
      totals: {
        key: 'total', label: '', receipts: totals[0]?.receipts ?? 0, qty: sum((r) => r.qty), revenue: sum((r) => r.revenue),
        cost: sum((r) => r.cost), margin: sum((r) => r.margin),
      },
    };
  }

  /** ABC: products ranked by their share; A up to 80 % of the total, B up to 95 %, C the rest. */
  async abc(from: string, to: string, measure: 'revenue' | 'margin'): Promise<z.output<typeof AbcRow>[]> {
    const { rows } = await this.sales(from, to, 'product');
    return classifyAbc(rows.map((r) => ({ productId: r.key, name: r.label, value: measure === 'revenue' ? r.revenue : r.margin })));
  }

  /** XYZ: the coefficient of variation of weekly sold quantity (weeks without sales count as zero). */
  async xyz(from: string, to: string): Promise<z.output<typeof XyzRow>[]> {
    const range = dayRange(from, to);
    const weeks = Math.max(1, Math.ceil((Date.parse(range.end) - Date.parse(range.start)) / (7 * 86_400_000)));
    const rows = await this.reads.all<{ product_id: string; name: string; week: number; qty: number }>(`SELECT x.product_id, x.name,
        CAST((julianday(x.at) - julianday(@start)) / 7 AS INTEGER) AS week, SUM(x.sign * x.qty) AS qty
      FROM (${LINES}) x GROUP BY x.product_id, week`, range);
    const byProduct = new Map<string, { name: string; qty: number[] }>();
    for (const r of rows) {
      const entry = byProduct.get(r.product_id) ?? { name: r.name, qty: new Array<number>(weeks).fill(0) };
      entry.qty[Math.min(r.week, weeks - 1)] = (entry.qty[Math.min(r.week, weeks - 1)] ?? 0) + r.qty;
      byProduct.set(r.product_id, entry);
    }
    return [...byProduct].map(([productId, { name, qty }]) => {
      const mean = qty.reduce((a, b) => a + b, 0) / weeks;
      const sd = Math.sqrt(qty.reduce((a, b) => a + (b - mean) ** 2, 0) / weeks);
      const variation = mean > 0 ? Math.round((sd / mean) * 10_000) : 100_000;
      const xyz: 'X' | 'Y' | 'Z' = variation < 1_000 ? 'X' : variation < 2_500 ? 'Y' : 'Z';
      return { productId, name, periods: weeks, meanQty: Math.round(mean), variation, xyz };
    }).sort((a, b) => a.variation - b.variation);
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
    const since = new Date(this.clock().getTime() - days * 86_400_000).toISOString();
    const rows = await this.reads.all<{ id: string; name: string; stock: number; min_stock: number | null; last_sale: string | null; sold: number; cost: number }>(
      `WITH st AS (SELECT product_id, SUM(qty) AS stock FROM stock_moves GROUP BY product_id),
        sold AS (SELECT l.product_id, MAX(s.at) AS last_sale, SUM(CASE WHEN s.at >= @since AND s.kind = 'sale' THEN l.qty ELSE 0 END) AS sold
          FROM sale_lines l JOIN sales s ON s.id = l.sale_id GROUP BY l.product_id)
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

  /**
   * Reorder: average daily sales over `days` against stock. Order up to the maximum where one is set,
   * else enough for `cover` days (and never below the minimum); piece goods in whole pieces.
   */
  async reorder(days: number, cover: number): Promise<z.output<typeof ReorderRow>[]> {
    const since = new Date(this.clock().getTime() - days * 86_400_000).toISOString();
    const rows = await this.reads.all<{ id: string; name: string; unit: 'pcs' | 'kg' | 'l'; stock: number; min_stock: number | null; max_stock: number | null; sold: number; cost: number }>(
      `WITH sold AS (SELECT l.product_id, SUM(CASE s.kind WHEN 'sale' THEN l.qty ELSE -l.qty END) AS sold
          FROM sales s JOIN sale_lines l ON l.sale_id = s.id WHERE s.at >= @since GROUP BY l.product_id),
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
