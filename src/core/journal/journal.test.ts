import { afterEach, describe, expect, it } from 'vitest';
import { TestTill, MILK, PIN } from '../testing/harness.js';
import { uuidv7 } from '../../shared/ids.js';
import { SENSITIVE_EVENTS } from './commands.js';
import { verifyChain } from './journal.js';

let till: TestTill;
afterEach(() => till?.close());

async function busyDay(): Promise<string> {
  till = await TestTill.demo();
  await till.login(PIN.cashier);
  await till.openShift(10_000);
  const cart = await till.call('cart.scan', { code: MILK });
  await till.call('cart.scan', { code: MILK });
  await till.call('cart.setQty', { lineId: cart.lines[0]?.id ?? '', qty: 1000, override: { pin: PIN.senior } });
  await till.call('cart.discount', { discount: { kind: 'percent', value: 300 } });
  const sale = await till.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'cash', amount: 10_000 }] });
  await till.call('cart.scan', { code: MILK });
  await till.call('cart.cancel', { override: { pin: PIN.manager } });
  await till.call('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }], override: { pin: PIN.manager } });
  await till.call('drawer.open', { reason: 'размен', override: { pin: PIN.senior } });
  await till.call('cash.move', { id: uuidv7(), kind: 'in', amount: 500, reason: 'размен' });
  // the PIN is checked before the command runs, so a wrong one is journaled even with no receipt open
  expect(await till.fail('cart.cancel', { override: { pin: '55555' } })).toMatchObject({ code: 'forbidden', message: 'errors.wrongPin' });
  await till.send('auth.login', { pin: '55555' }, null);
  await till.call('shift.close', { counted: 10_000 });
  return (await till.call('auth.login', { pin: PIN.owner }, null)).token;
}

describe('the journal the owner reads', () => {
  it('lists every event newest first, and with sensitive=true only the audited ones, with who did and who approved them', async () => {
    const owner = await busyDay();
    const all = await till.call('journal.list', {}, owner);
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => b - a));
    const types = new Set(all.map((e) => e.type));
    for (const t of ['shop.created', 'user.login', 'shift.opened', 'sale.completed', 'cart.lineVoided', 'cart.discountGiven', 'cart.cancelled', 'return.completed', 'drawer.opened', 'cash.moved', 'user.loginFailed', 'shift.closed']) {
      expect(types, t).toContain(t);
    }

    const sensitive = await till.call('journal.list', { sensitive: true }, owner);
    expect(sensitive.length).toBeGreaterThan(0);
    expect(sensitive.every((e) => (SENSITIVE_EVENTS as readonly string[]).includes(e.type))).toBe(true);
    expect(sensitive.map((e) => e.id)).toEqual(all.filter((e) => (SENSITIVE_EVENTS as readonly string[]).includes(e.type)).map((e) => e.id));
    expect(sensitive.map((e) => e.type)).toEqual([
      'shift.closed', 'user.loginFailed', 'user.loginFailed', 'cash.moved', 'drawer.opened', 'return.completed', 'cart.cancelled', 'cart.discountGiven', 'cart.lineVoided',
    ]);
    const by = (type: string) => sensitive.find((e) => e.type === type);
    expect(by('cart.lineVoided')).toMatchObject({ user: 'Светлана Кузнецова', approvedBy: 'Мария Иванова', payload: { qty: 1000, partial: true } });
    expect(by('cart.cancelled')).toMatchObject({ user: 'Светлана Кузнецова', approvedBy: 'Игорь Петров' });
    expect(by('return.completed')).toMatchObject({ approvedBy: 'Игорь Петров' });
    expect(by('drawer.opened')).toMatchObject({ approvedBy: 'Мария Иванова', payload: { reason: 'размен' } });
    expect(by('cart.discountGiven')).toMatchObject({ approvedBy: null, payload: { discount: { kind: 'percent', value: 300 } } });
    expect(by('user.loginFailed')).toMatchObject({ user: null, payload: { purpose: 'login' } });
  });

  it('pages back with beforeSeq without gaps or overlaps, and the chain holds', async () => {
    const owner = await busyDay();
    const all = await till.call('journal.list', { limit: 1000 }, owner);
    const pages: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await till.call('journal.list', before === undefined ? { limit: 7 } : { limit: 7, beforeSeq: before }, owner);
      if (page.length === 0) break;
      pages.push(...page.map((e) => e.seq));
      before = page.at(-1)?.seq;
    }
    expect(pages).toEqual(all.map((e) => e.seq));
    expect(pages.at(-1)).toBe(1);
    const sensitivePage = await till.call('journal.list', { sensitive: true, limit: 2 }, owner);
    expect(sensitivePage.map((e) => e.type)).toEqual(['shift.closed', 'user.loginFailed']);
    expect(verifyChain(till.core.services.db)).toEqual([]);
  });

  it('is append-only: the database refuses to change or delete a row, and a forged row breaks the chain', async () => {
    await busyDay();
    const db = till.core.services.db;
    expect(() => db.prepare("UPDATE journal SET payload = '{}' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM journal WHERE seq = 2').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE sales SET total = 1').run()).toThrow(/append-only/);
    db.exec('DROP TRIGGER journal_no_update');
    db.prepare("UPDATE journal SET payload = json_set(payload, '$.float', 1) WHERE type = 'shift.opened'").run();
    expect(verifyChain(db).join('\n')).toMatch(/shift\.opened\) was altered/);
  });
});
