import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TestTill, MILK, PIN } from '../testing/harness.js';
import { ROLLUP_FILE } from '../app.js';
import { uuidv7 } from '../../shared/ids.js';
import Database from 'better-sqlite3';
import { xyzRanked } from './reports.js';

let till: TestTill;
afterEach(() => till?.close());

const MILK_BIG = '4600070000748';
const DAY = { from: '2026-11-23', to: '2026-11-23' };

/** A day at the demo shop: milk bought in at 60.00, sold by two cashiers, one of whom voids, cancels, returns and opens the drawer. */
async function day() {
  till = await TestTill.demo();
  const owner = await till.login(PIN.owner);
  const supplier = await till.call('suppliers.save', { id: uuidv7(), name: 'ООО Молоко' });
  const draft = await till.call('draft.create', { id: uuidv7(), kind: 'intake', header: { supplierId: supplier.id, extNumber: '1', extDate: null, counterpart: null, reason: null, note: null } });
  const filled = await till.call('draft.scan', { id: draft.id, code: MILK, qty: 20_000 });
  await till.call('draft.setLine', { draftId: draft.id, lineId: filled.lines[0]?.lineId ?? '', cost: 6000 });
  await till.call('draft.post', { id: draft.id });
  await till.openShift();
  const svetlana = await till.login(PIN.cashier);
  const maria = await till.login(PIN.senior);
  till.now = new Date('2026-11-23T09:30:00Z');
  const sale = await till.call('sale.record', { id: uuidv7(), lines: [{ code: MILK, qty: 3000 }], payments: [{ kind: 'cash', amount: 30_000 }] }, svetlana);
  till.now = new Date('2026-11-23T12:10:00Z');
  await till.call('sale.record', { id: uuidv7(), lines: [{ code: MILK }, { code: MILK_BIG }], payments: [{ kind: 'card', amount: 8899 + 15_999 }] }, maria);
  // Maria voids a line, cancels a receipt, returns a milk from Svetlana's sale and opens the drawer
  await till.call('cart.scan', { code: MILK }, maria);
  const cart = await till.call('cart.scan', { code: MILK_BIG }, maria);
  await till.call('cart.removeLine', { lineId: cart.lines[1]?.id ?? '' }, maria);
  await till.call('cart.cancel', {}, maria);
  await till.call('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }] }, maria);
  await till.call('drawer.open', { reason: 'размен' }, maria);
  till.token = owner;
  return { svetlana, maria };
}

/** The ranking SQL over rows given in JS, on an in-memory SQLite (the same engine the worker runs it on). */
function rankIn<T>(sql: string, columns: string, rows: readonly (string | number)[][], params: Record<string, number> = {}): T[] {
  const db = new Database(':memory:');
  try {
    db.exec(`CREATE TABLE t (${columns})`);
    const insert = db.prepare(`INSERT INTO t VALUES (${columns.split(',').map(() => '?').join(', ')})`);
    for (const row of rows) insert.run(...row);
    return db.prepare(`${sql} ORDER BY 1`).all(params) as T[];
  } finally {
    db.close();
  }
}

describe('XYZ classes', () => {
  it('a product sold alike every week is X, an uneven one Y or Z, one sold in a single week of four Z', () => {
    const weeks = (id: string, qty: number[]) => qty.map((q, week) => [id, week, q]);
    const ranked = rankIn<{ product_id: string; mean_qty: number; variation: number; xyz: string }>(
      xyzRanked('SELECT product_id, week, qty FROM t'), 'product_id TEXT, week INTEGER, qty INTEGER',
      [...weeks('even', [10_000, 10_000, 10_000, 10_000]), ...weeks('uneven', [8_000, 12_000, 9_000, 11_000]), ...weeks('burst', [40_000])],
      { weeks: 4 });
    // burst: mean 10, sd √300 ≈ 17.32 → 173.2 %; uneven: sd √2.5 ≈ 1.58 → 15.8 %
    expect(ranked.map((r) => [r.product_id, r.mean_qty, r.variation, r.xyz])).toEqual([
      ['burst', 10_000, 17_321, 'Z'], ['even', 10_000, 0, 'X'], ['uneven', 10_000, 1581, 'Y'],
    ]);
  });
});

describe('reports', () => {
  it('sales by product carry revenue, the purchase cost in force at the sale and the margin', async () => {
    await day();
    const r = await till.call('report.sales', { ...DAY, by: 'product' });
    const milk = r.rows.find((x) => x.label.startsWith('Молоко 2,5% Простоквашино 0,9'));
    // 3 + 1 sold, 1 returned: 3 milk at 88.99 = 266.97, bought at 60.00 = 180.00
    expect(milk).toMatchObject({ qty: 3000, revenue: 26_697, cost: 18_000, margin: 8697 });
    const milkBig = r.rows.find((x) => x.label.includes('1,4'));
    expect(milkBig).toMatchObject({ qty: 1000, revenue: 15_999, cost: 0 });
    expect(r.totals).toMatchObject({ receipts: 2, revenue: 26_697 + 15_999 });
    const byHour = await till.call('report.sales', { ...DAY, by: 'hour' });
    expect(byHour.rows.reduce((a, x) => a + x.revenue, 0)).toBe(r.totals.revenue);
    const top = await till.call('report.sales', { ...DAY, by: 'product', limit: 1 });
    expect([top.rows.map((x) => x.revenue), top.count, top.totals.revenue]).toEqual([[26_697], 2, r.totals.revenue]);
    const byPayment = await till.call('report.sales', { ...DAY, by: 'payment' });
    // cash: 266.97 taken, 88.99 refunded; card: 88.99 + 159.99
    expect(byPayment.rows.map((x) => [x.key, x.revenue])).toEqual([['card', 24_898], ['cash', 17_798]]);
  });

  it('nothing outside the period counts', async () => {
    await day();
    const before = await till.call('report.sales', { from: '2026-11-22', to: '2026-11-22', by: 'day' });
    expect(before.rows).toEqual([]);
    expect(before.totals.revenue).toBe(0);
  });

  it('ABC puts the product that makes most of the money in A', async () => {
    await day();
    const { rows: abc, total, classes } = await till.call('report.abc', { ...DAY, measure: 'revenue' });
    expect(abc[0]).toMatchObject({ abc: 'A', value: 26_697 });
    expect(abc[0]?.share).toBe(Math.round((26_697 / (26_697 + 15_999)) * 10_000));
    expect(abc.at(-1)?.cumulative).toBe(10_000);
    expect(total).toBe(2);
    expect(classes.map((c) => [c.abc, c.products, c.value])).toEqual([['A', 2, 26_697 + 15_999], ['B', 0, 0], ['C', 0, 0]]);
    const byMargin = await till.call('report.abc', { ...DAY, measure: 'margin' });
    expect(byMargin.rows[0]?.name).toContain('1,4');
    // the first rows only, the count of all
    const first = await till.call('report.abc', { ...DAY, measure: 'revenue', limit: 1 });
    expect([first.rows.length, first.total]).toEqual([1, 2]);
  });

  it('cashier control shows who voided, cancelled, returned and opened the drawer, with links to the receipts', async () => {
    await day();
    const rows = await till.call('report.cashiers', DAY);
    const maria = rows.find((x) => x.name === 'Мария Иванова');
    expect(maria).toMatchObject({ receipts: 1, voidedLines: 1, cancelledReceipts: 1, returns: 1, returnsTotal: 8899, drawerOpenings: 1 });
    expect(maria?.events.map((e) => e.type)).toEqual(['cart.lineVoided', 'cart.cancelled', 'return.completed', 'drawer.opened']);
    expect(maria?.events.find((e) => e.type === 'return.completed')?.saleId).toBeTruthy();
    expect(rows.find((x) => x.name === 'Светлана Кузнецова')).toMatchObject({ receipts: 1, voidedLines: 0, revenue: 26_697 });
  });

  it('reorder suggests enough for the cover period from the sales rate, and slow movers are goods that sit', async () => {
    await day();
    const reorder = await till.call('report.reorder', { days: 7, cover: 14 });
    const milkBig = reorder.find((x) => x.name.includes('1,4'));
    // sold 1 in 7 days, none in stock: 2 for two weeks
    expect(milkBig).toMatchObject({ stock: -1000, orderQty: 3000 });
    till.now = new Date('2026-12-30T09:00:00Z');
    const slow = await till.call('report.stock', { kind: 'slow', days: 30 });
    expect(slow.map((x) => [x.name.slice(0, 30), x.stock])).toEqual([['Молоко 2,5% Простоквашино 0,9 ', 17_000]]);
    const out = await till.call('report.stock', { kind: 'out', days: 60 });
    expect(out.map((x) => x.stock)).toEqual([-1000]);
  });

  it('every report agrees on the day: by day, hour, cashier, group and product add up to the same money', async () => {
    await day();
    const totals = await Promise.all((['day', 'hour', 'cashier', 'group', 'product'] as const).map(async (by) => {
      const r = await till.call('report.sales', { ...DAY, by });
      return [by, r.rows.reduce((a, x) => a + x.revenue, 0), r.rows.reduce((a, x) => a + x.cost, 0), r.totals.receipts];
    }));
    expect(totals).toEqual(['day', 'hour', 'cashier', 'group', 'product'].map((by) => [by, 26_697 + 15_999, 18_000, 2]));
    const cashiers = await till.call('report.sales', { ...DAY, by: 'cashier' });
    expect(cashiers.rows.map((x) => [x.label, x.receipts, x.revenue])).toEqual([['Светлана Кузнецова', 1, 26_697], ['Мария Иванова', 1, 15_999]]);
  });

  it('a report counts the sales made since the last one', async () => {
    const { svetlana } = await day();
    const before = await till.call('report.sales', { ...DAY, by: 'group' });
    till.now = new Date('2026-11-23T15:00:00Z');
    await till.call('sale.record', { id: uuidv7(), lines: [{ code: MILK }], payments: [{ kind: 'cash', amount: 8899 }] }, svetlana);
    const after = await till.call('report.sales', { ...DAY, by: 'group' });
    expect(after.totals.revenue - before.totals.revenue).toBe(8899);
    expect(after.totals.receipts).toBe(before.totals.receipts + 1);
  });

  it('a product moved to another group leaves what it sold before in the group it was in', async () => {
    await day();
    const before = await till.call('report.sales', { ...DAY, by: 'group' });
    const milk = await till.call('catalog.list', { query: 'Молоко 2,5% Простоквашино 0,9', limit: 1 });
    const card = await till.call('catalog.get', { id: milk.rows[0]?.id ?? '' });
    const other = (await till.call('groups.list', {})).find((g) => g.id !== card.groupId);
    const { id, name, unit, vat, kind, article, plu, marked, barcodes, minStock, maxStock } = card;
    await till.call('catalog.save', { id, name, unit, vat, kind, article, plu, marked, barcodes, minStock, maxStock, groupId: other?.id ?? null });
    const after = await till.call('report.sales', { ...DAY, by: 'group' });
    expect(after.rows.map((x) => [x.label, x.revenue])).toEqual(before.rows.map((x) => [x.label, x.revenue]));
  });

  it('a rollup of an earlier layout, with other columns, is built again in this one', async () => {
    await day();
    const mine = await till.call('report.abc', { ...DAY, measure: 'revenue' });
    till.core.close();
    const old = new Database(join(till.dir, ROLLUP_FILE));
    // as layout v1 made it: the product's id in sold_product, indexed by it, and no numbering of products
    old.exec(`DROP TABLE sold_product; DROP TABLE sold_item;
      CREATE TABLE sold_product (day TEXT NOT NULL, product_id TEXT NOT NULL, receipts INTEGER NOT NULL,
      qty INTEGER NOT NULL, revenue INTEGER NOT NULL, cost INTEGER NOT NULL, PRIMARY KEY (day, product_id)) WITHOUT ROWID;
      CREATE INDEX sold_product_by_product ON sold_product (product_id, day, receipts, qty, revenue, cost);
      UPDATE meta SET value = 'sales-rollup-v1' WHERE key = 'layout'`);
    old.close();
    const reopened = new TestTill(till.dir);
    till = reopened;
    await reopened.login(PIN.owner);
    expect(await reopened.call('report.abc', { ...DAY, measure: 'revenue' })).toEqual(mine);
  });

  it('a rollup left by another ledger is not trusted: the reports start over from this one', async () => {
    await day();
    const mine = await till.call('report.sales', { ...DAY, by: 'product' });
    const other = await TestTill.demo();
    try {
      await other.login(PIN.owner);
      await other.call('report.sales', { ...DAY, by: 'product' });
      // the rollup's own thread writes it until it has ended
      await other.core.close();
      await till.core.close();
      // the other shop's rollup, as it is on disk: its write-ahead log holds the latest of it
      for (const part of ['', '-wal']) {
        const from = join(other.dir, ROLLUP_FILE + part);
        if (existsSync(from)) copyFileSync(from, join(till.dir, ROLLUP_FILE + part));
        else rmSync(join(till.dir, ROLLUP_FILE + part), { force: true });
      }
      rmSync(join(till.dir, `${ROLLUP_FILE}-shm`), { force: true });
    } finally {
      other.close();
    }
    const reopened = new TestTill(till.dir);
    till = reopened;
    await reopened.login(PIN.owner);
    const again = await reopened.call('report.sales', { ...DAY, by: 'product' });
    expect(again.rows).toEqual(mine.rows);
  });
});
