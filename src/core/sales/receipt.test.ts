import { afterEach, describe, expect, it } from 'vitest';
import { TestTill, MILK, PIN } from '../testing/harness.js';
import { uuidv7 } from '../../shared/ids.js';
import { makeWeightBarcode } from '../../shared/barcode/weight.js';

const tills: TestTill[] = [];
afterEach(() => {
  for (const t of tills.splice(0)) t.close();
});
async function demoTill(pin: string = PIN.cashier): Promise<TestTill> {
  const till = await TestTill.demo();
  tills.push(till);
  await till.login(pin);
  await till.openShift(100_000);
  return till;
}

describe('scanning', () => {
  it('adds piece goods once per product, weighed goods by their label, and nothing for an unknown code', async () => {
    const till = await demoTill();
    expect(await till.fail('cart.scan', { code: '4600000000000' })).toMatchObject({ code: 'not_found', message: 'errors.unknownBarcode' });
    expect(await till.call('cart.get', {})).toBeNull();

    await till.call('cart.scan', { code: MILK });
    let cart = await till.call('cart.scan', { code: MILK });
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]).toMatchObject({ qty: 2000, total: 17_798, unit: 'pcs' });

    cart = await till.call('cart.scan', { code: makeWeightBarcode('21', '3', 1234) });
    expect(cart.lines[1]).toMatchObject({ name: 'Бананы', unit: 'kg', qty: 1234, total: 15_906 }); // 1.234 kg × 128.90 = 159.0626
    cart = await till.call('cart.scan', { code: makeWeightBarcode('21', '3', 500) });
    expect(cart.lines).toHaveLength(3); // each weighing is its own line

    expect(await till.fail('cart.scan', { code: '3' })).toMatchObject({ code: 'validation', message: 'errors.weightNeeded' });
    // a label the scale printed with no weight on it adds nothing, and cannot be recorded as a sale
    expect(await till.fail('cart.scan', { code: makeWeightBarcode('22', '3', 0) })).toMatchObject({ code: 'validation', message: 'errors.weightNeeded' });
    expect(await till.fail('sale.record', { id: uuidv7(), lines: [{ code: makeWeightBarcode('22', '3', 0) }], payments: [{ kind: 'cash', amount: 100 }] }))
      .toMatchObject({ code: 'validation', message: 'errors.weightNeeded' });
    expect((await till.call('cart.get', {}))?.lines).toHaveLength(3);
    cart = await till.call('cart.scan', { code: '3', qty: 250 });
    expect(cart.lines[3]).toMatchObject({ name: 'Бананы', qty: 250 });
    expect(await till.fail('cart.scan', { code: MILK, qty: 1500 })).toMatchObject({ code: 'validation', message: 'errors.pieceFraction' });
    expect(await till.fail('cart.setQty', { lineId: cart.lines[0]?.id ?? '', qty: 2500 })).toMatchObject({ code: 'validation', message: 'errors.pieceFraction' });
    cart = await till.call('cart.setQty', { lineId: cart.lines[1]?.id ?? '', qty: 1300 });
    expect(cart.lines[1]?.qty).toBe(1300);
    expect(cart.total).toBe(cart.lines.reduce((a, l) => a + l.total, 0));

    const milk = await till.call('catalog.lookup', { code: MILK });
    cart = await till.call('cart.add', { productId: milk.product.id, qty: 3000 });
    expect(cart.lines[0]?.qty).toBe(5000);
    expect(await till.fail('cart.add', { productId: uuidv7() })).toMatchObject({ code: 'not_found' });
  });

  it('finds products by name whatever the case and ё/е, by PLU and by article', async () => {
    const till = await demoTill();
    const names = async (query: string) => (await till.call('catalog.search', { query })).map((p) => p.name);
    expect((await names('МОЛОКО простокв')).every((n) => n.startsWith('Молоко') && n.includes('Простоквашино'))).toBe(true);
    expect(await names('свекла')).toContain('Свёкла');
    expect(await names('свёкла')).toContain('Свёкла');
    expect((await names('13'))[0]).toBe('Свёкла');
    expect((await names('W-013'))[0]).toBe('Свёкла');
    expect(await till.call('catalog.search', { query: 'нет такого товара' })).toEqual([]);
    expect(await till.call('catalog.search', { query: 'молоко', limit: 3 })).toHaveLength(3);
  });
});

describe('paying', () => {
  it('refuses an underpaid receipt and a card charged over the total, and keeps the receipt open', async () => {
    const till = await demoTill();
    const cart = await till.call('cart.scan', { code: MILK });
    expect(await till.fail('sale.complete', { id: uuidv7(), payments: [{ kind: 'cash', amount: 8_000 }] }))
      .toMatchObject({ code: 'rejected', message: 'errors.underpaid', details: { missing: 899 } });
    expect(await till.fail('sale.complete', { id: uuidv7(), payments: [{ kind: 'card', amount: 9_000 }] }))
      .toMatchObject({ code: 'rejected', message: 'errors.cardOverTotal' });
    expect(await till.call('cart.get', {})).toEqual(cart);
    expect(await till.call('sale.list', {}, (await till.call('auth.login', { pin: PIN.manager }, null)).token)).toEqual([]);
  });

  it('a retried completion returns the same sale and does not take the next receipt', async () => {
    const till = await demoTill();
    await till.call('cart.scan', { code: MILK });
    const input = { id: uuidv7(), payments: [{ kind: 'card' as const, amount: 8_899 }] };
    const sale = await till.call('sale.complete', input);
    await till.call('cart.scan', { code: MILK });
    expect(await till.call('sale.complete', input)).toEqual(sale);
    expect((await till.call('cart.get', {}))?.lines).toHaveLength(1);
    const record = { id: uuidv7(), lines: [{ code: MILK }], payments: [{ kind: 'cash' as const, amount: 10_000 }] };
    const recorded = await till.call('sale.record', record);
    expect(await till.call('sale.record', record)).toEqual(recorded);
    expect(recorded.number).toBe(sale.number + 1);
  });

  it('calls arriving together are done one at a time: no scan is lost, a doubled completion is one sale', async () => {
    const till = await demoTill();
    await Promise.all(Array.from({ length: 20 }, () => till.call('cart.scan', { code: MILK })));
    const cart = await till.call('cart.get', {});
    expect(cart?.lines).toHaveLength(1);
    expect(cart?.lines[0]?.qty).toBe(20_000);
    const input = { id: uuidv7(), payments: [{ kind: 'cash' as const, amount: 200_000 }] };
    const [a, b] = await Promise.all([till.call('sale.complete', input), till.call('sale.complete', input)]);
    expect(b).toEqual(a);
    expect(till.core.services.db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 1 });
    expect(await till.call('cart.get', {})).toBeNull();
  });

  it('a sale is complete even when the printer is out of paper; the receipt can be reprinted', async () => {
    const till = await demoTill();
    till.printer.fail = 'devices.paperOut';
    await till.call('cart.scan', { code: MILK });
    const sale = await till.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'cash', amount: 10_000 }] });
    expect(await till.call('sale.get', { id: sale.id })).toEqual(sale);
    const failed = await till.call('sale.receipt', { print: true });
    expect(failed).toMatchObject({ printed: false, printerError: 'devices.paperOut' });
    expect(failed.lines.join('\n')).toContain(`Чек № ${sale.number}`);

    till.printer.fail = null;
    const printed = till.printer.printed.length;
    const reprint = await till.call('sale.receipt', { id: sale.id, print: true });
    expect(reprint).toMatchObject({ printed: true, printerError: null });
    expect(till.printer.printed).toHaveLength(printed + 1);
    const text = till.printer.printed.at(-1)?.join('\n') ?? '';
    expect(text).toContain('КАССОВЫЙ ЧЕК / ПРИХОД');
    expect(text).toMatch(/СДАЧА\s+=11\.01/);
    const view = await till.call('sale.receipt', { id: sale.id });
    expect(view.printed).toBe(false);
    expect(till.printer.printed).toHaveLength(printed + 1);
    expect(await till.fail('sale.receipt', { id: uuidv7() })).toMatchObject({ code: 'not_found' });
  });
});

describe('finding receipts', () => {
  it('by number, by the code printed on it, and by date', async () => {
    const till = await demoTill();
    till.now = new Date('2026-11-22T12:00:00Z');
    const a = await till.call('sale.record', { id: uuidv7(), lines: [{ code: MILK }], payments: [{ kind: 'card', amount: 8_899 }] });
    till.now = new Date('2026-11-23T12:00:00Z');
    const b = await till.call('sale.record', { id: uuidv7(), lines: [{ code: MILK }, { code: '5', qty: 1000 }], payments: [{ kind: 'cash', amount: 50_000 }] });
    const c = await till.call('sale.record', { id: uuidv7(), lines: [{ code: MILK }], payments: [{ kind: 'cash', amount: 8_899 }] });

    expect((await till.call('sale.find', { number: b.number })).map((s) => s.id)).toEqual([b.id]);
    expect(await till.call('sale.find', { number: 999 })).toEqual([]);
    expect((await till.call('sale.find', { code: `R${a.number}` })).map((s) => s.id)).toEqual([a.id]);
    expect((await till.call('sale.find', { code: `r${c.number}` })).map((s) => s.id)).toEqual([c.id]);
    expect((await till.call('sale.find', { code: String(b.number) })).map((s) => s.id)).toEqual([b.id]);
    expect(await till.call('sale.find', { code: 'какой-то текст' })).toEqual([]);
    const day = (date: string) => till.call('sale.find', { date }).then((r) => r.map((s) => s.id));
    expect(await day('2026-11-23')).toEqual([c.id, b.id]);
    expect(await day('2026-11-22')).toEqual([a.id]);
    expect(await day('2026-11-21')).toEqual([]);
    const [found] = await till.call('sale.find', { number: b.number });
    expect(found).toMatchObject({ kind: 'sale', lines: 2, total: b.total, cashier: 'Светлана Кузнецова', shiftNumber: 1 });
  });
});

describe('the open receipt', () => {
  it('is there again, as it was, after the core is closed and opened again', async () => {
    const first = await TestTill.demo();
    await first.login(PIN.senior);
    await first.openShift(0);
    await first.call('cart.scan', { code: MILK });
    await first.call('cart.scan', { code: MILK });
    const withWeight = await first.call('cart.scan', { code: makeWeightBarcode('22', '7', 2_345) });
    await first.call('cart.discount', { lineId: withWeight.lines[1]?.id ?? '', discount: { kind: 'percent', value: 1000 } });
    const before = await first.call('cart.discount', { discount: { kind: 'amount', value: 100 } });
    first.core.close();

    const second = new TestTill(first.dir);
    tills.push(second);
    expect(await second.fail('cart.get', {})).toMatchObject({ code: 'unauthenticated' }); // sessions do not survive a restart
    await second.login(PIN.cashier);
    expect(await second.call('cart.get', {})).toEqual(before);
    const sale = await second.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'cash', amount: before.total }] });
    expect(sale.total).toBe(before.total);
    expect(sale.lines.map((l) => l.qty)).toEqual([2000, 2_345]);
  });
});
