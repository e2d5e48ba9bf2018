import { afterEach, describe, expect, it } from 'vitest';
import { TestTill, MILK, PIN } from '../testing/harness.js';
import { uuidv7 } from '../../shared/ids.js';

let till: TestTill;
afterEach(() => till?.close());

describe('printer trouble', () => {
  it('keeps the sale, tells the till, and the receipt can be printed once paper is back', async () => {
    till = await TestTill.selling();
    const problems: unknown[] = [];
    till.core.events.on((name, payload) => {
      if (name === 'device.problem') problems.push(payload);
    });
    till.printer.fail = 'devices.paperOut';
    await till.call('cart.scan', { code: MILK });
    const sale = await till.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'card', amount: 8899 }] });
    await till.core.settled();
    expect(problems).toEqual([{ device: 'printer', problem: 'devices.paperOut' }]);
    expect((await till.call('sale.get', { id: sale.id })).total).toBe(8899);

    const refused = await till.call('sale.receipt', { id: sale.id, print: true });
    expect(refused).toMatchObject({ printed: false, printerError: 'devices.paperOut' });
    till.printer.fail = null;
    const reprinted = await till.call('sale.receipt', { print: true });
    expect(reprinted.printed).toBe(true);
    expect(till.printer.printed.at(-1)?.join('\n')).toContain(`Чек № ${sale.number}`);
  });

  it('says which device failed when the drawer will not open', async () => {
    till = await TestTill.demo();
    await till.login(PIN.senior);
    till.printer.fail = 'devices.offline';
    const error = await till.fail('drawer.open', { reason: 'размен' });
    expect(error).toMatchObject({ code: 'rejected', message: 'errors.device', details: { device: 'drawer', problem: 'devices.offline' } });
    const journal = await till.call('journal.list', { sensitive: true }, await till.login(PIN.owner));
    expect(journal.some((e) => e.type === 'drawer.opened')).toBe(true);
  });
});
