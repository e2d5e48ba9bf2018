import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTill } from '../open-till.js';
import { ComposedShop } from './test-shop.js';
import { openSimulatedCounter, type SimulatedCounter } from '../../../drivers/simulators/counter.js';
import { FAST_DRIVER, skipSerial } from '../../../drivers/simulators/shtrih/test-support.js';
import type { DeviceSettings } from '../../shared/contract/devices.js';
import { uuidv7 } from '../../shared/ids.js';
import { MILK, PIN } from '../../core/testing/harness.js';

const APPLES_PLU = '1';
const HOUR = 3_600_000;

/** A till process opened by compose on a fresh data folder, its devices on the simulated counter's ptys. */
class Shop extends ComposedShop {
  static async open(devices: DeviceSettings, dir = mkdtempSync(join(tmpdir(), 'lavka-devices-'))): Promise<Shop> {
    const till = await openTill({
      dataDir: dir, demo: true, devices, log: () => undefined,
      deviceOptions: { pollMs: 0, retryMs: 100, fiscalDriver: FAST_DRIVER, printerStatusTimeoutMs: 300,
        scaleTimings: { replyMs: 300, interByteMs: 200, attempts: 2, pollMs: 20, settleMs: 1_500 } },
    });
    return new Shop(dir, till);
  }
}

/** Waits for what a device does on its own time (bytes on a serial line); fails with `what` after 10 s. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 10_000) throw new Error(`not within 10 s: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let counter: SimulatedCounter | undefined;
let shop: Shop | undefined;
let clock = new Date();
afterEach(async () => {
  await shop?.close();
  await counter?.close();
  shop = undefined;
  counter = undefined;
});

async function selling(): Promise<{ counter: SimulatedCounter; shop: Shop }> {
  clock = new Date();
  counter = await openSimulatedCounter({ now: () => clock });
  shop = await Shop.open(counter.settings);
  await shop.login(PIN.cashier);
  await shop.call('shift.open', { id: uuidv7(), float: 100_000 });
  return { counter, shop };
}

describe.skipIf(skipSerial)('a till whose devices come from its settings, on real serial lines', () => {
  it('sells on them: scanner, scale, registrar, printer, drawer and pole display', async () => {
    const { counter, shop } = await selling();
    // a serial scanner's code comes to the screens as an event; the till screen scans it
    await counter.scanner.scan(MILK);
    await until(() => shop.events('scanner.scanned').length === 1, 'the scan event');
    await shop.call('cart.scan', { code: shop.events('scanner.scanned')[0]?.code ?? '' });
    // apples without a weight: the scale gives it
    counter.platform.put(1_250);
    const apples = (await shop.call('catalog.lookup', { code: APPLES_PLU })).product;
    const { grams } = await shop.call('scale.read', {});
    expect(grams).toBe(1_250);
    const cart = await shop.call('cart.add', { productId: apples.id, qty: grams });
    expect(cart.lines.map((l) => l.qty)).toEqual([1_000, 1_250]);
    await until(() => counter.pole.lines()[1].includes((cart.total / 100).toFixed(2)), 'the total on the pole display');
    const apple = cart.lines[1];
    expect(counter.pole.lines()[0]).toMatch(new RegExp(`^Яблоки Голд.* ${((apple?.total ?? 0) / 100).toFixed(2).replace('.', '\\.')}$`));

    const sale = await shop.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'cash', amount: 100_000 }] });
    const receipts = [...counter.registrar.registrar.documents.values()].filter((d) => d.receiptType === 1);
    expect(receipts.map((d) => d.total)).toEqual([sale.total]);
    expect(sale.fiscal?.fiscalDocNumber).toBe(receipts[0]?.number);
    await until(() => counter.paper.cuts === 1 && counter.paper.drawerKicks.length === 1, 'the receipt and the drawer kick');
    const printed = counter.paper.lines(0).map((l) => l.trim());
    expect(printed).toContain('КАССОВЫЙ ЧЕК / ПРИХОД');
    expect(printed.join('\n')).toContain(`ФД ${sale.fiscal?.fiscalDocNumber}`);
    await until(() => counter.pole.lines()[1].startsWith('СДАЧА'), 'the change on the pole display');
    expect(counter.pole.lines()[1]).toMatch(new RegExp(`^СДАЧА\\s+${(sale.change / 100).toFixed(2).replace('.', '\\.')}$`));
    expect(counter.pole.unknown).toEqual([]);
  });

  it('tries each device from the devices tab: test page, registrar, drawer, scale, display', async () => {
    const { counter, shop } = await selling();
    await shop.login(PIN.manager);
    expect(await shop.call('devices.test', { device: 'printer' })).toMatchObject({ ok: true, message: 'devices.test.printed' });
    await until(() => counter.paper.cuts === 1, 'the test page');
    expect(counter.paper.lines(0)).toEqual(expect.arrayContaining([expect.stringMatching(/^\s*ПРОВЕРКА ПЕЧАТИ$/), 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ №1']));
    expect(await shop.call('devices.test', { device: 'fiscal' })).toMatchObject({ ok: true, message: 'devices.test.shiftOpen', params: { lastDoc: 1 } });
    expect(await shop.call('devices.test', { device: 'drawer' })).toMatchObject({ ok: true });
    await until(() => counter.paper.drawerKicks.length === 1, 'the drawer kick');
    const journal = await shop.call('journal.list', { sensitive: true });
    expect(journal.filter((e) => e.type === 'drawer.opened')).toHaveLength(1);
    counter.platform.put(480, { unstableFor: Infinity });
    expect(await shop.call('devices.test', { device: 'scale' })).toMatchObject({ ok: true, message: 'devices.test.weightSwinging', params: { grams: 480 } });
    expect(await shop.call('devices.test', { device: 'display' })).toMatchObject({ ok: true });
    await until(() => counter.pole.lines()[0].startsWith('Лавка: проверка'), 'the test text on the pole');
  });

  it('paper out: the sale stands, the till is told and sees it in the status, the receipt is printed again once paper is in', async () => {
    const { counter, shop } = await selling();
    counter.paper.setState({ paperOut: true });
    await shop.call('cart.scan', { code: MILK });
    const sale = await shop.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'card', amount: 8_899 }] });
    await until(() => shop.events('device.problem').length > 0, 'the device problem event');
    expect(shop.events('device.problem')[0]).toEqual({ device: 'printer', problem: 'devices.paperOut' });
    expect(shop.state('printer')).toMatchObject({ state: 'problem', problem: 'devices.paperOut' });
    expect(shop.events('devices.status').at(-1)?.devices).toContainEqual(expect.objectContaining({ device: 'printer', problem: 'devices.paperOut' }));
    expect((await shop.call('sale.get', { id: sale.id })).fiscal).not.toBeNull();
    expect(counter.paper.receipts()[0]).toEqual([]);

    counter.paper.setState({ paperOut: false });
    expect(await shop.call('sale.receipt', { id: sale.id, print: true })).toMatchObject({ printed: true, printerError: null });
    await until(() => counter.paper.cuts === 1, 'the reprinted receipt');
    expect(counter.paper.lines(0)).toContainEqual(expect.stringMatching(new RegExp(`^Чек № ${sale.number} `)));
    expect(shop.state('printer')).toMatchObject({ state: 'ok', problem: null });
  });

  it('says on the status that the registrar\'s shift is over 24 hours, and the sale waits for the Z report', async () => {
    const { shop } = await selling();
    await shop.call('cart.scan', { code: MILK });
    clock = new Date(clock.getTime() + 25 * HOUR);
    const refusal = await shop.fail('sale.complete', { id: uuidv7(), payments: [{ kind: 'card', amount: 8_899 }] });
    expect(refusal).toMatchObject({ code: 'conflict', message: 'errors.shiftOver24h' });
    await shop.till.devices?.refresh();
    expect(shop.state('fiscal')).toMatchObject({ state: 'warning', problem: 'devices.shiftOver24h' });
  });

  it('saving the settings opens again only what changed: the registrar keeps its link, the receipts go to the new printer', async () => {
    const { counter, shop } = await selling();
    const second = await openSimulatedCounter();
    try {
      const fiscal = shop.till.core.services.devices.fiscal;
      await shop.login(PIN.manager);
      const saved = await shop.call('devices.save', { ...counter.settings, printer: second.settings.printer });
      expect(saved.status.find((d) => d.device === 'printer')).toMatchObject({ state: 'ok', where: `serial ${second.ports.printer} @ 115200` });
      expect(shop.till.core.services.devices.fiscal).toBe(fiscal);
      await shop.login(PIN.cashier);
      await shop.call('cart.scan', { code: MILK });
      const sale = await shop.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'card', amount: 8_899 }] });
      await until(() => second.paper.cuts === 1, 'the receipt on the new printer');
      expect(second.paper.lines(0)).toContainEqual(expect.stringMatching(new RegExp(`^ФД ${sale.fiscal?.fiscalDocNumber} `)));
      expect(counter.paper.paper).toEqual([]);
      // and the owner's change is in the journal, without the registrar's password
      await shop.login(PIN.owner);
      const saves = (await shop.call('journal.list', {})).filter((e) => e.type === 'devices.saved');
      expect(saves).toHaveLength(2);
      expect(JSON.stringify(saves[0]?.payload)).not.toContain('password');
    } finally {
      await second.close();
    }
  });

  it('a port that is not there, or goes away, is a status and a clear refusal, never a crash', async () => {
    const { counter, shop } = await selling();
    await shop.login(PIN.manager);
    const saved = await shop.call('devices.save', {
      ...counter.settings, printer: { kind: 'escpos', link: { kind: 'serial', path: '/dev/ttyLAVKA9', baud: 9600 }, profile: 'pos-5890', codePage: null },
    });
    expect(saved.status.find((d) => d.device === 'printer')).toMatchObject({ state: 'problem', problem: 'devices.portUnavailable', detail: expect.stringContaining('ttyLAVKA9') });
    expect(saved.status.find((d) => d.device === 'drawer')).toMatchObject({ state: 'problem', problem: 'devices.portUnavailable' });
    expect(await shop.call('devices.test', { device: 'printer' })).toMatchObject({ ok: false, message: 'devices.offline' });

    // the scale's cable pulled out while the till runs
    await counter.unplug('scale');
    await shop.login(PIN.cashier);
    const error = await shop.fail('scale.read', {});
    expect(error).toMatchObject({ code: 'rejected', message: 'errors.scale', details: { failure: 'no-connection' } });
    expect(shop.state('scale')).toMatchObject({ state: 'problem' });
    // the sale goes on without the printer: fiscalised, its receipt waits for a reprint
    await shop.call('cart.scan', { code: MILK });
    const sale = await shop.call('sale.complete', { id: uuidv7(), payments: [{ kind: 'card', amount: 8_899 }] });
    expect(sale.fiscal).not.toBeNull();
    await until(() => shop.events('device.problem').some((p) => p.device === 'printer'), 'the printer problem');
  });

  it('a serial scanner hands a DataMatrix over with its GS separators', async () => {
    const { counter, shop } = await selling();
    const code = '0104600439931256215Qbag!Xk3mN7p\u001d93Ab1x';
    await counter.scanner.scan(code);
    await until(() => shop.events('scanner.scanned').length === 1, 'the scan');
    expect(shop.events('scanner.scanned')).toEqual([{ code }]);
  });
});
