import { afterEach, describe, expect, it } from 'vitest';
import { TestTill, MILK, PIN } from '../testing/harness.js';
import { uuidv7 } from '../../shared/ids.js';
import { vatIncluded } from '../../shared/money.js';
import { demoCatalog } from '../setup/demo-catalog.js';

let till: TestTill;
afterEach(() => till?.close());

const DRINK = demoCatalog().find((p) => p.vat === '22' && p.unit === 'pcs' && !p.marked)?.barcodes[0] ?? '';

describe('the shift', () => {
  it('opens once: a retry with the same id is the same shift, another id is refused', async () => {
    till = await TestTill.demo();
    await till.login(PIN.cashier);
    const id = uuidv7();
    const shift = await till.call('shift.open', { id, float: 50_000 });
    expect(shift).toMatchObject({ id, number: 1, float: 50_000, closedAt: null, openedBy: { role: 'cashier' } });
    expect(await till.call('shift.open', { id, float: 50_000 })).toEqual(shift);
    expect(await till.fail('shift.open', { id: uuidv7(), float: 0 })).toMatchObject({ code: 'conflict', message: 'errors.shiftAlreadyOpen', details: { number: 1 } });
    await till.call('shift.close', { counted: 50_000 });
    expect(await till.fail('shift.open', { id, float: 0 })).toMatchObject({ code: 'conflict', message: 'errors.shiftClosed' });
    expect(await till.call('shift.current', {})).toBeNull();
    expect(await till.fail('cart.scan', { code: MILK })).toMatchObject({ code: 'conflict', message: 'errors.noOpenShift' });
    expect(await till.fail('cash.move', { id: uuidv7(), kind: 'in', amount: 100, reason: 'x' })).toMatchObject({ code: 'conflict' });
    expect(await till.fail('shift.xReport', {})).toMatchObject({ code: 'conflict', message: 'errors.noOpenShift' });
    const next = await till.call('shift.open', { id: uuidv7(), float: 0 });
    expect(next.number).toBe(2);
  });

  it('stays open when the cashier logs out and another logs in', async () => {
    till = await TestTill.demo();
    const first = await till.login(PIN.cashier);
    await till.openShift(10_000);
    await till.call('cart.scan', { code: MILK });
    await till.call('auth.logout', {});
    expect(await till.fail('auth.whoami', {}, first)).toMatchObject({ code: 'unauthenticated' });
    await till.login(PIN.senior);
    expect(await till.call('auth.whoami', {})).toMatchObject({ role: 'senior' });
    expect(await till.call('shift.current', {})).toMatchObject({ number: 1, float: 10_000 });
    expect((await till.call('cart.get', {}))?.lines).toHaveLength(1);
  });
});

describe('cash in and out', () => {
  it('takes out no more than the drawer holds, and a retry moves the cash once', async () => {
    till = await TestTill.demo();
    await till.login(PIN.cashier);
    await till.openShift(10_000);
    await till.call('sale.record', { id: uuidv7(), lines: [{ code: MILK }], payments: [{ kind: 'cash', amount: 8_899 }] });
    const put = { id: uuidv7(), kind: 'in' as const, amount: 5_000, reason: 'размен' };
    expect(await till.call('cash.move', put)).toEqual({ id: put.id, expectedCash: 23_899 });
    expect(await till.call('cash.move', put)).toEqual({ id: put.id, expectedCash: 23_899 });
    await till.core.settled();
    const opened = till.printer.drawerOpenings;

    expect(await till.fail('cash.move', { id: uuidv7(), kind: 'out', amount: 23_900, reason: 'инкассация' }))
      .toMatchObject({ code: 'rejected', message: 'errors.notEnoughCash', details: { available: 23_899 } });
    await till.core.settled();
    expect(till.printer.drawerOpenings).toBe(opened);
    expect(await till.call('cash.move', { id: uuidv7(), kind: 'out', amount: 23_899, reason: 'инкассация' })).toMatchObject({ expectedCash: 0 });
    await till.core.settled();
    expect(till.printer.drawerOpenings).toBe(opened + 1);
    expect(await till.fail('cash.move', { id: uuidv7(), kind: 'out', amount: 1, reason: 'ещё' })).toMatchObject({ code: 'rejected' });

    const x = await till.call('shift.xReport', {});
    expect(x).toMatchObject({ cashIn: 5_000, cashOut: 23_899, expectedCash: 0 });
    const rows = till.core.services.db.prepare("SELECT COUNT(*) AS n FROM journal WHERE type = 'cash.moved'").get();
    expect(rows).toEqual({ n: 2 });
  });
});

describe('X and Z reports', () => {
  it('add up sales, returns, cash, discounts, voids, cancels, drawer openings and VAT; Z shows the discrepancy', async () => {
    till = await TestTill.demo();
    await till.login(PIN.senior);
    await till.openShift(50_000);
    const drink = (await till.call('catalog.lookup', { code: DRINK })).product;

    const cashSale = await till.call('sale.record', { id: uuidv7(), lines: [{ code: MILK, qty: 2000 }], payments: [{ kind: 'cash', amount: 20_000 }] });
    await till.call('sale.record', { id: uuidv7(), lines: [{ code: DRINK }], payments: [{ kind: 'card', amount: drink.price }] });
    await till.call('cart.scan', { code: MILK });
    await till.call('cart.discount', { discount: { kind: 'percent', value: 500 } });
    const mixed = await till.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'card', amount: 4_000 }, { kind: 'cash', amount: 5_000 }] });
    expect(mixed).toMatchObject({ total: 8_454, discount: 445, change: 546 });

    await till.call('cart.scan', { code: MILK });
    const cart = await till.call('cart.scan', { code: DRINK });
    await till.call('cart.removeLine', { lineId: cart.lines[1]?.id ?? '' });
    await till.call('cart.cancel', {});
    await till.call('drawer.open', { reason: 'размен покупателю' });
    await till.call('cash.move', { id: uuidv7(), kind: 'in', amount: 10_000, reason: 'размен' });
    await till.call('cash.move', { id: uuidv7(), kind: 'out', amount: 3_000, reason: 'инкассация' });
    await till.call('return.create', { id: uuidv7(), saleId: cashSale.id, lines: [{ lineNo: 1, qty: 1000 }] });

    const expectedCash = 50_000 + (17_798 + 4_454) - 8_899 + 10_000 - 3_000;
    const x = await till.call('shift.xReport', {});
    expect(x).toMatchObject({
      kind: 'x', float: 50_000, expectedCash, cashIn: 10_000, cashOut: 3_000, discounts: 445,
      sales: { count: 3, cash: 22_252, card: drink.price + 4_000, total: 17_798 + drink.price + 8_454 },
      returns: { count: 1, cash: 8_899, card: 0, total: 8_899 },
      voidedLines: 1, cancelledReceipts: 1, drawerOpenings: 1,
    });
    expect(x.vat).toEqual([
      { code: '10', amount: 1_618 + 769 - 809 },
      { code: '22', amount: vatIncluded(drink.price, 22) },
    ]);
    expect(x.text.join('\n')).toContain('ОТЧЁТ БЕЗ ГАШЕНИЯ (X)');
    await till.core.settled();
    expect(till.printer.printed.at(-1)?.join('\n')).toContain('ОТЧЁТ БЕЗ ГАШЕНИЯ (X)');

    const z = await till.call('shift.close', { counted: expectedCash - 150 });
    expect(z).toMatchObject({ kind: 'z', expectedCash, sales: x.sales, returns: x.returns, vat: x.vat });
    expect(z.shift).toMatchObject({ counted: expectedCash - 150, expected: expectedCash, discrepancy: -150, closedBy: { role: 'senior' } });
    expect(z.text.join('\n')).toMatch(/Расхождение\s+-1\.50/);

    const manager = (await till.call('auth.login', { pin: PIN.manager }, null)).token;
    const [listed] = await till.call('shift.list', {}, manager);
    expect(listed).toEqual(z.shift);
    const again = await till.call('shift.report', { id: z.shift.id }, manager);
    expect(again).toMatchObject({ kind: 'z', expectedCash, sales: x.sales, shift: z.shift });
    expect(await till.fail('shift.report', { id: uuidv7() }, manager)).toMatchObject({ code: 'not_found' });
  });

  it('a shift is not closed over an open receipt with items; an emptied one is discarded', async () => {
    till = await TestTill.demo();
    await till.login(PIN.senior);
    await till.openShift(0);
    const cart = await till.call('cart.scan', { code: MILK });
    expect(await till.fail('shift.close', { counted: 0 })).toMatchObject({ code: 'conflict', message: 'errors.receiptOpen' });
    await till.call('cart.removeLine', { lineId: cart.lines[0]?.id ?? '' });
    expect(await till.call('cart.get', {})).toMatchObject({ lines: [] });
    const z = await till.call('shift.close', { counted: 0 });
    expect(z.shift.discrepancy).toBe(0);
    expect(await till.call('cart.get', {})).toBeNull();
  });
});
