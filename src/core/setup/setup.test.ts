import { afterEach, describe, expect, it } from 'vitest';
import { TestTill, MILK, PIN } from '../testing/harness.js';
import { verifyLedger } from '../verify.js';
import { migrationsDir } from '../app.js';

const tills: TestTill[] = [];
afterEach(() => {
  for (const t of tills.splice(0)) t.close();
});

const SHOP = { name: 'ИП Смирнова «Ромашка»', inn: '500100732259', address: 'г. Тверь, ул. Советская, д. 5', taxSystem: 'usn_income' as const, ownerName: 'Елена Смирнова', ownerPin: '73915' };

describe('a first start', () => {
  it('sets up a real shop: the owner logs in with the PIN given, the catalogue is empty, and it cannot be set up twice', async () => {
    const till = new TestTill();
    tills.push(till);
    expect(await till.call('setup.status', {})).toEqual({ ready: false, shop: null, lang: 'ru' });
    expect(await till.fail('auth.login', { pin: PIN.owner })).toMatchObject({ code: 'conflict', message: 'errors.notSetUp' });

    expect(await till.fail('setup.create', { ...SHOP, inn: '12345' })).toMatchObject({ code: 'validation' });
    expect(await till.call('setup.create', SHOP)).toEqual({ ok: true });
    expect(await till.call('setup.status', {})).toEqual({
      ready: true, lang: 'ru', shop: { name: SHOP.name, inn: SHOP.inn, address: SHOP.address, taxSystem: 'usn_income', demo: false },
    });
    expect(await till.fail('setup.create', SHOP)).toMatchObject({ code: 'conflict', message: 'errors.alreadySetUp' });
    expect(await till.fail('setup.demo', {})).toMatchObject({ code: 'conflict', message: 'errors.alreadySetUp' });

    expect(await till.fail('auth.login', { pin: PIN.owner })).toMatchObject({ code: 'unauthenticated', message: 'errors.wrongPin' });
    const { user } = await till.call('auth.login', { pin: SHOP.ownerPin }, null);
    expect(user).toMatchObject({ name: 'Елена Смирнова', role: 'owner' });
    till.token = (await till.call('auth.login', { pin: SHOP.ownerPin }, null)).token;
    expect(await till.call('users.list', {})).toEqual([user]);
    expect(await till.fail('catalog.lookup', { code: MILK })).toMatchObject({ code: 'not_found' });
    expect(await till.call('catalog.search', { query: 'молоко' })).toEqual([]);

    const journal = await till.call('journal.list', {});
    expect(journal.at(-1)).toMatchObject({ seq: 1, type: 'shop.created', payload: { name: SHOP.name, inn: SHOP.inn, demo: false } });
    expect(verifyLedger(till.core.services.db, migrationsDir()).problems).toEqual([]);
  });

  it('the demo shop has its catalogue and its four users', async () => {
    const till = await TestTill.demo();
    tills.push(till);
    expect(await till.call('setup.status', {})).toMatchObject({ ready: true, shop: { demo: true } });
    till.token = (await till.call('auth.login', { pin: PIN.owner }, null)).token;
    expect((await till.call('users.list', {})).map((u) => u.role).sort()).toEqual(['cashier', 'manager', 'owner', 'senior']);
    expect((await till.call('catalog.lookup', { code: MILK })).product).toMatchObject({ price: 8_899, vatPercent: 10, unit: 'pcs' });
  });
});

describe('the interface language', () => {
  it('switches and stays switched after a restart', async () => {
    const first = await TestTill.demo();
    await first.login(PIN.cashier);
    expect(await first.fail('settings.setLang', { lang: 'de' as 'en' })).toMatchObject({ code: 'validation' });
    expect(await first.call('settings.setLang', { lang: 'en' })).toEqual({ ok: true });
    expect(await first.call('setup.status', {})).toMatchObject({ lang: 'en' });
    first.core.close();
    const second = new TestTill(first.dir);
    tills.push(second);
    expect(await second.call('setup.status', {})).toMatchObject({ lang: 'en' });
    await second.login(PIN.cashier);
    await second.call('settings.setLang', { lang: 'ru' });
    expect(await second.call('setup.status', {})).toMatchObject({ lang: 'ru' });
    // a language switch is a setting, not a ledger event
    expect(verifyLedger(second.core.services.db, migrationsDir()).ok).toBe(true);
  });
});
