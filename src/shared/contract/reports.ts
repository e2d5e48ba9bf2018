import { z } from 'zod';
import { command } from './define.js';
import { Id, Money } from './schemas.js';
import { StockQty } from './catalog-admin.js';

const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
export const Period = z.object({ from: DateOnly, to: DateOnly }).strict();

export const SalesBy = z.enum(['day', 'hour', 'product', 'group', 'cashier', 'payment']);

export const SalesRow = z.object({
  key: z.string(),
  label: z.string(),
  receipts: z.number().int(),
  qty: StockQty,
  revenue: Money,
  cost: Money,
  margin: Money,
});

export const AbcRow = z.object({
  productId: Id, name: z.string(), value: Money,
  /** hundredths of a percent */
  share: z.number().int(), cumulative: z.number().int(), abc: z.enum(['A', 'B', 'C']),
});

export const XyzRow = z.object({
  productId: Id, name: z.string(), periods: z.number().int(), meanQty: StockQty,
  /** coefficient of variation, hundredths of a percent */
  variation: z.number().int(), xyz: z.enum(['X', 'Y', 'Z']),
});

export const CashierRow = z.object({
  userId: Id, name: z.string(),
  receipts: z.number().int(), revenue: Money,
  voidedLines: z.number().int(), cancelledReceipts: z.number().int(),
  returns: z.number().int(), returnsTotal: Money,
  discounts: z.number().int(), discountTotal: Money,
  drawerOpenings: z.number().int(),
  events: z.array(z.object({ seq: z.number().int(), type: z.string(), at: z.string(), saleId: z.string().nullable(), amount: Money.nullable() })),
});

export const StockRow = z.object({
  productId: Id, name: z.string(), stock: StockQty, minStock: StockQty.nullable(),
  /** the last local day it sold on, YYYY-MM-DD */
  lastSale: z.string().nullable(), soldQty: StockQty, value: Money,
});

export const ReorderRow = z.object({
  productId: Id, name: z.string(), unit: z.enum(['pcs', 'kg', 'l']), stock: StockQty,
  minStock: StockQty.nullable(), maxStock: StockQty.nullable(),
  /** average sold per day over the window, thousandths */
  perDay: StockQty, daysLeft: z.number().int().nullable(), orderQty: StockQty, cost: Money,
});

/** Ranked reports answer the first rows; the whole list is in the export (a year can rank a million products). */
const Shown = z.number().int().min(1).max(5_000).default(500);

export const AbcClass = z.object({ abc: z.enum(['A', 'B', 'C']), products: z.number().int(), value: Money });
export const XyzClass = z.object({ xyz: z.enum(['X', 'Y', 'Z']), products: z.number().int() });

export const reportCommands = {
  'report.sales': command({
    summary: 'Sales by day, hour, product, group, cashier or payment type, with margin',
    input: Period.extend({ by: SalesBy, limit: Shown }).strict(),
    /** `count`: the rows there are, of which the first `limit` are here; `totals` are the whole period's */
    output: z.object({ rows: z.array(SalesRow), count: z.number().int(), totals: SalesRow }),
    permission: { role: 'manager' }, mutates: false,
  }),
  'report.abc': command({
    summary: 'ABC analysis of products by revenue or by margin (A: 80 %, B: 15 %, C: 5 %)',
    input: Period.extend({ measure: z.enum(['revenue', 'margin']).default('revenue'), limit: Shown }).strict(),
    output: z.object({ total: z.number().int(), classes: z.array(AbcClass), rows: z.array(AbcRow) }), permission: { role: 'manager' }, mutates: false,
  }),
  'report.xyz': command({
    summary: 'XYZ analysis: how regular weekly sales are (X < 10 %, Y < 25 %, Z beyond)',
    input: Period.extend({ limit: Shown }).strict(),
    output: z.object({ total: z.number().int(), classes: z.array(XyzClass), rows: z.array(XyzRow) }), permission: { role: 'manager' }, mutates: false,
  }),
  'report.cashiers': command({
    summary: 'Cashier control: voids, cancelled receipts, returns, discounts, drawer openings without a sale',
    input: Period.strict(), output: z.array(CashierRow), permission: { role: 'manager' }, mutates: false,
  }),
  'report.stock': command({
    summary: 'Slow movers (stock, no sales for N days) or out of stock (sold lately, none left)',
    input: z.object({ kind: z.enum(['slow', 'out']), days: z.number().int().min(1).max(365).default(30) }).strict(),
    output: z.array(StockRow), permission: { role: 'manager' }, mutates: false,
  }),
  'report.reorder': command({
    summary: 'What to order: sales velocity against stock and min/max',
    input: z.object({ days: z.number().int().min(7).max(180).default(28), cover: z.number().int().min(1).max(90).default(14) }).strict(),
    output: z.array(ReorderRow), permission: { role: 'manager' }, mutates: false,
  }),
};
