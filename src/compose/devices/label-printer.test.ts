import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTill } from '../open-till.js';
import { ComposedShop } from './test-shop.js';
import { startVirtualLabelServer, VirtualLabelPrinter, type DecodedLabel, type VirtualLabelServer } from '../../../drivers/simulators/label/index.js';
import { LabelFace, tagLabel, type Label } from '../../../drivers/label/index.js';
import { tagFontFiles } from '../../core/tags/fonts.js';
import { packOf } from '../../core/tags/select.js';
import { LABEL_CHUNK } from '../../core/tags/commands.js';
import { MILK, PIN } from '../../core/testing/harness.js';
import { DEMO_DEVICES, type DeviceSettings } from '../../shared/contract/devices.js';
import { pricePerKgOrLitre, TAG_TEMPLATES, type PriceTag } from '../../shared/tags/index.js';
import { uuidv7 } from '../../shared/ids.js';

const APPLES_PLU = '1';
const face = new LabelFace(tagFontFiles());

/** A till process put together by compose (the real core, LiveDevices, the real label driver) on a fresh data folder. */
class Shop extends ComposedShop {
  static async open(devices: DeviceSettings | 'auto'): Promise<Shop> {
    const dir = mkdtempSync(join(tmpdir(), 'lavka-labels-'));
    const till = await openTill({ dataDir: dir, demo: true, devices, log: () => undefined, deviceOptions: { pollMs: 0, printerStatusTimeoutMs: 500 } });
    const shop = new Shop(dir, till);
    shop.token = (await shop.call('auth.login', { pin: PIN.manager })).token;
    return shop;
  }
}

let shop: Shop | undefined;
let server: VirtualLabelServer | undefined;
afterEach(async () => {
  await shop?.close();
  await server?.close();
  shop = undefined;
  server = undefined;
});

/** A shop whose label printer is a virtual one on TCP, as a network label printer on port 9100 would be. */
async function shopWithLabelPrinter(language: 'tspl' | 'zpl', dpi: 203 | 300) {
  const printer = new VirtualLabelPrinter({ language, dpi });
  server = await startVirtualLabelServer({ printer });
  shop = await Shop.open({ ...DEMO_DEVICES, labelPrinter: { kind: language, link: { kind: 'tcp', host: server.host, port: server.port }, dpi } });
  return { printer, shop, where: `tcp ${server.host}:${server.port}` };
}

/**
 * What the tag of a product must say, from its card as the back office shows it: name, price, EAN,
 * PLU, and the price per kg or litre for a pack whose size the name states.
 */
async function expectedTag(s: Shop, id: string): Promise<PriceTag> {
  const card = await s.call('catalog.get', { id });
  const pack = card.unit === 'pcs' ? packOf(card.name) : null;
  const now = new Date();
  const printedOn = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const barcode = card.barcodes.find((b) => b.length === 13 || b.length === 8);
  return {
    name: card.name, price: card.price, unit: card.unit, printedOn, shop: 'Лавка «У дома»',
    ...(barcode ? { barcode } : {}), ...(card.article ? { article: card.article } : {}), ...(card.plu ? { plu: card.plu } : {}),
    ...(pack ? { unitPrice: { per: pack.per, price: pricePerKgOrLitre(card.price, pack.net) } } : {}),
  };
}

/** The ink of a label: every bitmap where it stands, and every barcode. */
function inkOf(label: Label | DecodedLabel) {
  const bitmaps = 'elements' in label
    ? label.elements.flatMap((e) => (e.kind === 'bitmap' ? [{ x: e.x, y: e.y, bitmap: e.bitmap }] : []))
    : label.bitmaps;
  return bitmaps.map((b) => ({ x: b.x, y: b.y, rows: b.bitmap.height, bytesPerRow: b.bitmap.bytesPerRow, bits: Buffer.from(b.bitmap.bits).toString('hex') }));
}

describe.each([['tspl', 203], ['zpl', 300]] as const)('price tags on a %s label printer at %i dpi over TCP', (language, dpi) => {
  it('the products picked come out one label each, in shelf order: their names and prices as ink, their EANs as the printer\'s barcodes', async () => {
    const { printer, shop } = await shopWithLabelPrinter(language, dpi);
    const milk = (await shop.call('catalog.lookup', { code: MILK })).product;
    const apples = (await shop.call('catalog.lookup', { code: APPLES_PLU })).product;
    const cheese = (await shop.call('catalog.search', { query: 'сыр гауда', limit: 1 }))[0];
    if (!cheese) throw new Error('no cheese in the demo');
    const picked = [milk.id, apples.id, cheese.id];

    const id = uuidv7();
    const result = await shop.call('tags.print', { selection: { by: 'products', productIds: picked }, templateId: 'label-58x40', target: 'label', id });
    expect(result).toEqual({ count: 3, file: null });
    await printer.waitFor((p) => p.labels.length === 3);

    const k = dpi / 25.4;
    expect(printer.labels.map((l) => [l.language, l.width, l.height])).toEqual(Array(3).fill([language, Math.round(58 * k), Math.round(40 * k)]));
    // by name: Молоко, Сыр, Яблоки
    const tags = [await expectedTag(shop, milk.id), await expectedTag(shop, cheese.id), await expectedTag(shop, apples.id)];
    expect(tags.map((t) => t.name)).toEqual([milk.name, cheese.name, apples.name]);
    expect(printer.labels.map((l) => l.barcodes.map((b) => b.data))).toEqual([[MILK], [cheese.barcode], []]);
    // the name, the price in roubles and kopecks, the price per litre or kg, the date: as the layout draws them for these tags
    printer.labels.forEach((label, i) => {
      expect(inkOf(label), `label ${i + 1}, ${tags[i]?.name}`).toEqual(inkOf(tagLabel(tags[i]!, TAG_TEMPLATES['label-58x40'], face, dpi)));
    });
    expect(printer.unknown).toEqual([]);
    expect(shop.events('tags.progress')).toEqual([{ id, printed: 3, total: 3 }]);
    expect(shop.state('labelPrinter')).toMatchObject({ state: 'ok', kind: language });
  });
});

describe('the label printer among the devices', () => {
  it('is set up, journaled, shown with where it is, and prints a service label from the Test button', async () => {
    const { printer, shop, where } = await shopWithLabelPrinter('tspl', 203);
    const view = await shop.call('devices.get', {});
    expect(view.settings.labelPrinter).toEqual({ kind: 'tspl', link: { kind: 'tcp', host: '127.0.0.1', port: server?.port }, dpi: 203 });
    expect(view.status.find((d) => d.device === 'labelPrinter')).toMatchObject({ kind: 'tspl', where, state: 'ok' });

    expect(await shop.call('devices.test', { device: 'labelPrinter' })).toMatchObject({ ok: true, message: 'devices.test.labelPrinted', params: { language: 'TSPL', dpi: 203 } });
    await printer.waitFor((p) => p.labels.length === 1);
    expect(printer.labels[0]?.texts.map((t) => t.text)).toEqual(['Lavka TSPL 203 dpi']);
    expect(printer.labels[0]?.barcodes.map((b) => b.data)).toEqual(['4600000000015']);

    // switched to ZPL at 300 dpi and saved: journaled with the rest of the devices, and the old link let go
    const zpl = new VirtualLabelPrinter({ language: 'zpl', dpi: 300 });
    const zplServer = await startVirtualLabelServer({ printer: zpl });
    try {
      const settings: DeviceSettings = { ...view.settings, labelPrinter: { kind: 'zpl', link: { kind: 'tcp', host: zplServer.host, port: zplServer.port }, dpi: 300 } };
      const saved = await shop.call('devices.save', settings);
      expect(saved.status.find((d) => d.device === 'labelPrinter')).toMatchObject({ kind: 'zpl', where: `tcp ${zplServer.host}:${zplServer.port}` });
      expect(await shop.call('devices.test', { device: 'labelPrinter' })).toMatchObject({ ok: true, params: { language: 'ZPL', dpi: 300 } });
      await zpl.waitFor((p) => p.labels.length === 1);
      expect(printer.labels).toHaveLength(1);
      shop.token = (await shop.call('auth.login', { pin: PIN.owner })).token;
      const journal = (await shop.call('journal.list', {})).filter((e) => e.type === 'devices.saved');
      expect(journal.at(0)?.payload).toMatchObject({ labelPrinter: { kind: 'zpl', dpi: 300 } });
    } finally {
      await zplServer.close();
    }
  });

  it('paper out before a run prints nothing and says so; paper out mid-run stops it and says how far it got', async () => {
    const { printer, shop } = await shopWithLabelPrinter('tspl', 203);
    const dairy = (await shop.call('groups.list', {})).find((g) => g.name === 'Молочные продукты');
    if (!dairy || dairy.products <= 2 * LABEL_CHUNK) throw new Error('the demo dairy group is smaller than two chunks');
    const selection = { by: 'group' as const, groupId: dairy.id };

    printer.setState({ paperOut: true });
    const before = await shop.fail('tags.print', { selection, templateId: 'label-43x25', target: 'label' });
    expect(before).toMatchObject({ code: 'rejected', message: 'errors.labelPrinter', details: { problem: 'devices.paperOut', printed: 0, total: dairy.products } });
    expect(printer.labels).toEqual([]);
    expect(shop.state('labelPrinter')).toMatchObject({ state: 'problem', problem: 'devices.paperOut' });

    // the roll runs out as the first chunk's last label comes out
    printer.setState({ paperOut: false });
    let ranOut = false;
    const runOut = printer.waitFor((p) => {
      if (!ranOut && p.labels.length === LABEL_CHUNK) {
        p.setState({ paperOut: true });
        ranOut = true;
      }
      return ranOut;
    });
    const mid = await shop.fail('tags.print', { selection, templateId: 'label-43x25', target: 'label' });
    await runOut;
    expect(mid).toMatchObject({ code: 'rejected', message: 'errors.labelPrinter', details: { problem: 'devices.paperOut', printed: LABEL_CHUNK, total: dairy.products } });
    expect(printer.labels).toHaveLength(LABEL_CHUNK);

    // a new roll: the whole group prints, and the status is ok again
    printer.setState({ paperOut: false });
    printer.labels.length = 0;
    expect(await shop.call('tags.print', { selection, templateId: 'label-43x25', target: 'label' })).toEqual({ count: dairy.products, file: null });
    await printer.waitFor((p) => p.labels.length === dairy.products);
    expect(shop.state('labelPrinter')).toMatchObject({ state: 'ok', problem: null });
  });

  it('refuses a sheet template, and a till without a label printer, before printing anything', async () => {
    const { printer, shop } = await shopWithLabelPrinter('zpl', 203);
    const milk = (await shop.call('catalog.lookup', { code: MILK })).product;
    const selection = { by: 'products' as const, productIds: [milk.id] };
    expect(await shop.fail('tags.print', { selection, templateId: 'a4-3x8', target: 'label' })).toMatchObject({
      code: 'validation', message: 'errors.labelTemplate', details: { issues: [{ path: 'templateId' }] },
    });
    await shop.call('devices.save', { ...DEMO_DEVICES, labelPrinter: { kind: 'none' } });
    expect(shop.state('labelPrinter')).toMatchObject({ state: 'off' });
    expect(await shop.fail('tags.print', { selection, templateId: 'label-58x40', target: 'label' })).toMatchObject({
      code: 'conflict', message: 'errors.deviceNotSet', details: { device: 'labelPrinter' },
    });
    // the PDF is there as before, whatever the devices
    expect(await shop.call('tags.print', { selection, templateId: 'label-58x40' })).toMatchObject({ count: 1, file: { name: expect.stringMatching(/\.pdf$/) } });
    expect(printer.labels).toEqual([]);
  });

  it('a long run goes out chunk by chunk, and the till answers while it is under way', async () => {
    const { printer, shop } = await shopWithLabelPrinter('tspl', 203);
    const ids: string[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await shop.call('catalog.list', { offset, limit: 500 });
      ids.push(...page.rows.map((r) => r.id));
      if (ids.length >= page.total) break;
    }
    expect(ids.length).toBeGreaterThan(500);
    const id = uuidv7();
    let done = false;
    const run = shop.call('tags.print', { selection: { by: 'products', productIds: ids }, templateId: 'label-43x25', target: 'label', id }).finally(() => {
      done = true;
    });
    await printer.waitFor((p) => p.labels.length >= LABEL_CHUNK);
    // a scan's lookup is answered while the run is under way, not after it
    expect((await shop.call('catalog.lookup', { code: MILK })).product.barcode).toBe(MILK);
    expect(done).toBe(false);
    expect(printer.labels.length).toBeLessThan(ids.length);
    // a second run meanwhile would interleave with this one on the roll
    expect(await shop.fail('tags.print', { selection: { by: 'products', productIds: [ids[0]!] }, templateId: 'label-43x25', target: 'label' }))
      .toMatchObject({ code: 'conflict', message: 'errors.labelPrinterBusy' });

    expect(await run).toEqual({ count: ids.length, file: null });
    await printer.waitFor((p) => p.labels.length === ids.length, 10_000);
    const progress = shop.events('tags.progress').filter((e) => e.id === id);
    expect(progress).toHaveLength(Math.ceil(ids.length / LABEL_CHUNK));
    expect(progress.map((e) => e.printed)).toEqual(progress.map((_, i) => Math.min((i + 1) * LABEL_CHUNK, ids.length)));
    expect(progress.at(-1)).toEqual({ id, printed: ids.length, total: ids.length });
  });
});

describe('the demo shop', () => {
  it('prints price tags on its virtual label printer, and tests it', async () => {
    shop = await Shop.open('auto');
    expect(shop.state('labelPrinter')).toMatchObject({ kind: 'demo', where: 'simulator', state: 'ok' });
    expect(await shop.call('devices.test', { device: 'labelPrinter' })).toMatchObject({ ok: true, message: 'devices.test.labelPrinted' });
    const milk = (await shop.call('catalog.lookup', { code: MILK })).product;
    expect(await shop.call('tags.print', { selection: { by: 'products', productIds: [milk.id] }, templateId: 'label-58x40', target: 'label' })).toEqual({ count: 1, file: null });
  });
});
