import { afterEach, describe, expect, it } from 'vitest';
import { TestTill, MILK, PIN } from '../testing/harness.js';
import { uuidv7 } from '../../shared/ids.js';
import { verifyLedger } from '../verify.js';
import { migrationsDir } from '../app.js';

let till: TestTill;
afterEach(() => till?.close());

const BANANAS = '3'; // PLU 3, 128.90 per kg
const count = (sql: string) => (till.core.services.db.prepare(sql).get() as { n: number }).n;
const stockOf = (productId: string) => (till.core.services.db.prepare('SELECT COALESCE(SUM(qty), 0) AS n FROM stock_moves WHERE product_id = ?').get(productId) as { n: number }).n;

async function shopWithSale() {
  till = await TestTill.demo();
  await till.login(PIN.senior);
  await till.openShift(100_000);
  // 3 × milk 88.99 = 266.97; 1.5 kg of bananas at 128.90 = 193.35; total 460.32, 100 by card, the rest cash
  const sale = await till.call('sale.record', {
    id: uuidv7(), lines: [{ code: MILK, qty: 3000 }, { code: BANANAS, qty: 1500 }],
    payments: [{ kind: 'card', amount: 10_000 }, { kind: 'cash', amount: 40_000 }],
  });
  expect(sale.total).toBe(46_032);
  expect(sale.change).toBe(3_968);
  return sale;
}

describe('returns against a receipt', () => {
  it('returns parts, then the rest, refunding the card first and exactly the sale in the end', async () => {
    const sale = await shopWithSale();
    const [milk, bananas] = sale.lines;
    if (!milk || !bananas) throw new Error('lines');

    const r1 = await till.call('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }] });
    expect(r1).toMatchObject({ kind: 'return', refSaleId: sale.id, total: 8899, payments: [{ kind: 'card', amount: 8899 }] });
    expect(stockOf(milk.productId)).toBe(-2000);

    const r2 = await till.call('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 2, qty: 500 }] });
    expect(r2.total).toBe(6445); // a third of 193.35
    // 11.01 left on the card, the rest in cash
    expect(r2.payments).toEqual([{ kind: 'card', amount: 1101 }, { kind: 'cash', amount: 5344 }]);

    expect((await till.call('sale.get', { id: sale.id })).lines.map((l) => l.returnedQty)).toEqual([1000, 500]);

    const r3 = await till.call('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 2000 }, { lineNo: 2, qty: 1000 }] });
    expect(r3.total).toBe(17_798 + 12_890);
    expect(r3.payments).toEqual([{ kind: 'cash', amount: 30_688 }]);
    expect(r1.total + r2.total + r3.total).toBe(sale.total);
    expect(stockOf(milk.productId)).toBe(0);
    expect(stockOf(bananas.productId)).toBe(0);

    const x = await till.call('shift.xReport', {});
    expect(x.returns).toEqual({ count: 3, cash: 36_032, card: 10_000, total: 46_032 });
    expect(x.expectedCash).toBe(100_000 + 36_032 - 36_032);
    expect(verifyLedger(till.core.services.db, migrationsDir()).problems).toEqual([]);
  });

  it('never more than was sold, in whole pieces, each line once, and not a return of a return', async () => {
    const sale = await shopWithSale();
    await till.call('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 2000 }] });
    const manager = (await till.call('auth.login', { pin: PIN.manager }, null)).token;
    const before = count('SELECT COUNT(*) AS n FROM journal');

    expect(await till.fail('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 2000 }] }))
      .toMatchObject({ code: 'rejected', message: 'errors.returnTooMuch', details: { lineNo: 1, max: 1000 } });
    expect(await till.fail('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 2, qty: 1501 }] }))
      .toMatchObject({ code: 'rejected', details: { max: 1500 } });
    expect(await till.fail('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 500 }] }))
      .toMatchObject({ code: 'validation', message: 'errors.pieceFraction' });
    expect(await till.fail('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 2, qty: 500 }, { lineNo: 2, qty: 500 }] }))
      .toMatchObject({ code: 'validation', message: 'errors.duplicateLine' });
    expect(await till.fail('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 3, qty: 1000 }] }))
      .toMatchObject({ code: 'not_found' });
    expect(await till.fail('return.create', { id: uuidv7(), saleId: uuidv7(), lines: [{ lineNo: 1, qty: 1000 }] }))
      .toMatchObject({ code: 'not_found', message: 'errors.noSuchReceipt' });
    const ret = (await till.call('sale.list', {}, manager)).find((s) => s.kind === 'return');
    expect(await till.fail('return.create', { id: uuidv7(), saleId: ret?.id ?? '', lines: [{ lineNo: 1, qty: 1000 }] }))
      .toMatchObject({ code: 'rejected', message: 'errors.notASale' });
    expect(count('SELECT COUNT(*) AS n FROM journal')).toBe(before);
  });

  it('the same return sent twice is one return', async () => {
    const sale = await shopWithSale();
    const input = { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }] };
    const a = await till.call('return.create', input);
    const b = await till.call('return.create', input);
    expect(b).toEqual(a);
    expect(count("SELECT COUNT(*) AS n FROM sales WHERE kind = 'return'")).toBe(1);
  });

  it('a discounted line is refunded at what was paid for it, to the kopeck', async () => {
    till = await TestTill.demo();
    await till.login(PIN.senior);
    await till.openShift();
    const cart = await till.call('cart.scan', { code: MILK, qty: 3000 });
    await till.call('cart.discount', { lineId: cart.lines[0]?.id ?? '', discount: { kind: 'percent', value: 1000 } });
    const sale = await till.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'cash', amount: 30_000 }] });
    expect(sale.total).toBe(26_697 - 2_670);
    const one = await till.call('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }] });
    expect(one.total).toBe(8009);
    const rest = await till.call('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 2000 }] });
    expect(one.total + rest.total).toBe(sale.total);
    expect(one.discount + rest.discount).toBe(sale.discount);
    expect(verifyLedger(till.core.services.db, migrationsDir()).problems).toEqual([]);
  });

  it('needs an open shift', async () => {
    const sale = await shopWithSale();
    await till.call('shift.close', { counted: 136_032 });
    expect(await till.fail('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }] }))
      .toMatchObject({ code: 'conflict', message: 'errors.noOpenShift' });
  });
});

describe('a return without a receipt', () => {
  it('is a manager\'s action, refunded the way chosen, with the reason journaled', async () => {
    await shopWithSale();
    const milk = await till.call('catalog.lookup', { code: MILK });
    const input = { id: uuidv7(), lines: [{ productId: milk.product.id, qty: 2000, price: 8000 }], kind: 'cash' as const, reason: 'покупатель потерял чек' };
    expect(await till.fail('return.noReceipt', input)).toMatchObject({ code: 'forbidden', details: { role: 'manager', overridable: true } });

    const ret = await till.call('return.noReceipt', { ...input, override: { pin: PIN.manager } });
    expect(ret).toMatchObject({ kind: 'return', refSaleId: null, total: 16_000, payments: [{ kind: 'cash', amount: 16_000 }], approvedBy: { role: 'manager' } });
    expect(stockOf(milk.product.id)).toBe(-3000 + 2000);
    const x = await till.call('shift.xReport', {});
    expect(x.expectedCash).toBe(100_000 + 36_032 - 16_000);

    const manager = (await till.call('auth.login', { pin: PIN.manager }, null)).token;
    const byCard = await till.call('return.noReceipt', { ...input, id: uuidv7(), kind: 'card' }, manager);
    expect(byCard.payments).toEqual([{ kind: 'card', amount: 16_000 }]);
    expect(byCard.approvedBy).toBeNull();
    const journal = await till.call('journal.list', { sensitive: true }, manager);
    expect(journal[0]).toMatchObject({ type: 'return.completed', user: 'Игорь Петров', payload: { reason: 'покупатель потерял чек', refSaleId: null } });
    expect(journal[1]).toMatchObject({ type: 'return.completed', user: 'Мария Иванова', approvedBy: 'Игорь Петров' });

    const retried = await till.call('return.noReceipt', { ...input, id: byCard.id, kind: 'card' }, manager);
    expect(retried).toEqual(byCard);
    expect(count("SELECT COUNT(*) AS n FROM sales WHERE kind = 'return'")).toBe(2);

    expect(await till.fail('return.noReceipt', { ...input, id: uuidv7(), lines: [{ productId: milk.product.id, qty: 1500, price: 8000 }] }, manager))
      .toMatchObject({ code: 'validation', message: 'errors.pieceFraction' });
    expect(await till.fail('return.noReceipt', { ...input, id: uuidv7(), lines: [{ productId: uuidv7(), qty: 1000, price: 8000 }] }, manager))
      .toMatchObject({ code: 'not_found' });
    expect(verifyLedger(till.core.services.db, migrationsDir()).problems).toEqual([]);
  });
});
