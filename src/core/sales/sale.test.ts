import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { TestTill, MILK, PIN } from '../testing/harness.js';
import { uuidv7 } from '../../shared/ids.js';

let till: TestTill;
afterEach(() => till?.close());

describe('a sale at the till', () => {
  it('scans, pays cash with change and keeps the sale', async () => {
    till = await TestTill.demo();
    await till.login(PIN.cashier);
    await till.openShift(100000);
    await till.call('cart.scan', { code: MILK });
    const cart = await till.call('cart.scan', { code: MILK });
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]?.qty).toBe(2000);
    expect(cart.total).toBe(17798);
    const sale = await till.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'cash', amount: 20000 }] });
    expect(sale.change).toBe(2202);
    expect(sale.total).toBe(17798);
    expect(await till.call('cart.get', {})).toBeNull();
    await till.core.settled();
    expect(till.printer.printed.at(-1)?.join('\n')).toContain('Молоко 2,5% Простоквашино 0,9 л');
  });

  it('prints the receipt of a sale paid just before the till is closed', async () => {
    const closing = await TestTill.selling();
    try {
      await closing.call('cart.scan', { code: MILK });
      const sale = await closing.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'cash', amount: 10_000 }] });
      closing.core.close();
      expect(closing.printer.printed.at(-1)?.join('\n')).toContain(`Чек № ${sale.number}`);
      expect(closing.printer.drawerOpenings).toBe(1);
    } finally {
      rmSync(closing.dir, { recursive: true, force: true });
    }
  });

  it('answers each document exactly as the ledger keeps it', async () => {
    till = await TestTill.selling();
    await till.call('cart.scan', { code: MILK });
    await till.call('cart.scan', { code: MILK });
    await till.call('cart.scan', { code: '3', qty: 1250 });
    await till.call('cart.discount', { discount: { kind: 'percent', value: 500 } });
    const sale = await till.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'card', amount: 10_000 }, { kind: 'cash', amount: 30_000 }] });
    expect(sale.payments.map((p) => p.kind)).toEqual(['card', 'cash']);
    expect(sale.vat.map((v) => v.code)).toEqual(['10']);
    expect(await till.call('sale.get', { id: sale.id })).toEqual(sale);

    const returned = await till.call('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }], override: { pin: PIN.manager } });
    expect(returned.approvedBy?.role).toBe('manager');
    expect(await till.call('sale.get', { id: returned.id })).toEqual(returned);

    await till.login(PIN.manager);
    const noReceipt = await till.call('return.noReceipt', {
      id: uuidv7(), lines: [{ productId: returned.lines[0]?.productId ?? '', qty: 1000, price: 8000 }], kind: 'cash', reason: 'чек утерян',
    });
    expect(await till.call('sale.get', { id: noReceipt.id })).toEqual(noReceipt);
  });

  it('finds the product behind a DataMatrix marking code by its GTIN', async () => {
    till = await TestTill.selling();
    const cart = await till.call('cart.scan', { code: `01${'0' + MILK}215Qbag!\u001d93Zjqw` });
    expect(cart.lines[0]?.name).toBe('Молоко 2,5% Простоквашино 0,9 л');
  });
});
