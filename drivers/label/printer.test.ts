import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tagFontFiles } from '../../src/core/tags/fonts.js';
import { mustRunPdfTools, SAMPLE_TAGS } from '../../src/core/tags/test-support.js';
import { layoutTag, TAG_TEMPLATES, type TagTextBox } from '../../src/shared/tags/index.js';
import { bitmapToPng, labelImage, startVirtualLabelServer, VirtualLabelPrinter, type DecodedLabel } from '../simulators/label/index.js';
import { DeviceFileTransport } from '../transports/device-file.js';
import { loopback } from '../transports/loopback.js';
import { openPtyPair, socatAvailable, type PtyPair } from '../transports/pty-pair.js';
import { SerialTransport } from '../transports/serial.js';
import { TcpTransport } from '../transports/tcp.js';
import type { ByteTransport } from '../transports/types.js';
import { inkCount } from './bitmap.js';
import { LabelFace } from './face.js';
import { TagLabelPrinter, type LabelPrinterOptions } from './printer.js';
import { encodeTspl } from './tspl.js';
import { tagLabel } from './label.js';
import { TsplDecoder } from '../simulators/label/tspl-decoder.js';

const mustRunPtyTests = (await socatAvailable()) || process.env.CI === 'true';
const fonts = tagFontFiles();
const face = new LabelFace(fonts);
const template = TAG_TEMPLATES['label-58x40'];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function overTcp(language: 'tspl' | 'zpl', dpi: 203 | 300, options: Partial<LabelPrinterOptions> = {}) {
  const sim = new VirtualLabelPrinter({ language, dpi });
  const server = await startVirtualLabelServer({ printer: sim });
  const printer = new TagLabelPrinter(new TcpTransport({ host: '127.0.0.1', port: server.port }), { language, dpi, fonts, statusTimeoutMs: 300, ...options });
  cleanups.push(() => server.close(), () => printer.close());
  return { sim, printer };
}

/** The name's first line as the layout placed it, in dots. */
function nameLine(tagIndex: number, dpi: number): TagTextBox {
  const box = layoutTag(SAMPLE_TAGS[tagIndex]!, template, face.metrics).boxes.find((b): b is TagTextBox => b.kind === 'text' && b.role === 'name');
  if (!box) throw new Error('no name');
  const k = dpi / 25.4;
  return { ...box, x: box.x * k, baseline: box.baseline * k, width: box.width * k, size: box.size * k };
}

function expectTagLabels(labels: DecodedLabel[], dpi: 203 | 300): void {
  const k = dpi / 25.4;
  expect(labels).toHaveLength(4);
  for (const l of labels) {
    expect([l.width, l.height]).toEqual([Math.round(58 * k), Math.round(40 * k)]);
    expect(l.copies).toBe(1);
  }
  expect(labels.map((l) => l.barcodes.map((b) => `${b.symbology} ${b.data}`))).toEqual([
    ['ean13 4600070000373'], [], ['ean13 4607004650642'], ['ean8 46009333'],
  ]);
  // the EAN fits in the left part of the label, its module the 0.25 mm of the template in whole dots
  const ean = labels[0]!.barcodes[0]!;
  expect(ean.module).toBe(dpi === 203 ? 2 : 3);
  expect(ean.x + 95 * ean.module).toBeLessThan(l0width(labels) * 0.6);
  // the name is ink where the layout put it: a bitmap starting at its left edge, spanning its width, inked around its baseline
  labels.forEach((l, i) => {
    const name = nameLine(i, dpi);
    const bitmap = l.bitmaps.find((b) => Math.abs(b.x - name.x) <= 1 && b.y <= name.baseline && b.y + b.bitmap.height >= name.baseline);
    expect(bitmap, `label ${i}: a bitmap at the name`).toBeDefined();
    const b = bitmap!.bitmap;
    expect(b.width).toBeGreaterThanOrEqual(Math.floor(name.width));
    const baselineRow = Math.round(name.baseline) - bitmap!.y;
    const capRows = Math.round(name.size * face.metrics.capHeight);
    const ink = inkCount(b, 0, baselineRow - capRows, b.width, baselineRow);
    // letters cover a good share of the band between cap height and baseline, and nothing stands far above it
    expect(ink / (name.width * capRows)).toBeGreaterThan(0.15);
    expect(inkCount(b, 0, 0, b.width, Math.max(baselineRow - Math.round(name.size * 0.95), 0))).toBe(0);
  });
}
const l0width = (labels: DecodedLabel[]) => labels[0]!.width;

describe.each([
  ['tspl', 203], ['tspl', 300], ['zpl', 203], ['zpl', 300],
] as const)('%s label printer at %i dpi, over TCP, against the virtual printer', (language, dpi) => {
  it('prints one label per tag that decodes back to the EANs, the label size and the name as ink', async () => {
    const { sim, printer } = await overTcp(language, dpi);
    expect(await printer.status()).toEqual({ ok: true, problem: null });
    await printer.print(SAMPLE_TAGS, template);
    await sim.waitFor((s) => s.labels.length === 4);
    expectTagLabels(sim.labels, dpi);
    expect(sim.unknown).toEqual([]);
  });

  it('reports paper out, an open head and a spent ribbon, and sends no tags into them', async () => {
    const { sim, printer } = await overTcp(language, dpi);
    sim.setState({ paperOut: true });
    expect(await printer.status()).toEqual({ ok: false, problem: 'devices.paperOut' });
    await expect(printer.print(SAMPLE_TAGS, template)).rejects.toMatchObject({ name: 'LabelPrinterError', message: 'devices.paperOut' });
    sim.setState({ paperOut: false, headOpen: true });
    expect(await printer.status()).toEqual({ ok: false, problem: 'devices.coverOpen' });
    sim.setState({ headOpen: false, ribbonOut: true });
    expect(await printer.status()).toEqual({ ok: false, problem: 'devices.ribbonOut' });
    sim.setState({ ribbonOut: false });
    await printer.print(SAMPLE_TAGS.slice(0, 1), template);
    await sim.waitFor((s) => s.labels.length === 1);
    expect(sim.labels[0]?.barcodes[0]?.data).toBe('4600070000373');
  });

  it('prints a service label: its own font for the language line, a Cyrillic bitmap, an EAN-13', async () => {
    const { sim, printer } = await overTcp(language, dpi);
    await printer.printTest();
    await sim.waitFor((s) => s.labels.length === 1);
    const [label] = sim.labels;
    expect(label?.texts.map((t) => t.text)).toEqual([`Lavka ${language.toUpperCase()} ${dpi} dpi`]);
    expect(label?.barcodes.map((b) => b.data)).toEqual(['4600000000015']);
    expect(inkCount(label!.bitmaps[0]!.bitmap)).toBeGreaterThan(200);
  });
});

describe('label printer links', () => {
  it('calls a silent printer offline and sends nothing', async () => {
    const { sim, printer } = await overTcp('zpl', 203, { statusTimeoutMs: 100 });
    sim.setState({ offline: true });
    expect(await printer.status()).toEqual({ ok: false, problem: 'devices.offline' });
    await expect(printer.print(SAMPLE_TAGS, template)).rejects.toThrow('devices.offline');
    expect(sim.labels).toEqual([]);
  });

  it('lets the till do other work between labels, even over a link that never makes it wait', async () => {
    const [host, device] = loopback();
    const sim = new VirtualLabelPrinter({ language: 'tspl' });
    sim.attach(device);
    const printer = new TagLabelPrinter(host, { language: 'tspl', dpi: 203, fonts, statusTimeoutMs: 100 });
    let printedWhenOtherWorkRan: number | null = null;
    setImmediate(() => {
      printedWhenOtherWorkRan = sim.labels.length;
    });
    await printer.print(SAMPLE_TAGS, template);
    expect(sim.labels).toHaveLength(4);
    // it ran while the run was under way, not after it
    expect(printedWhenOtherWorkRan).toBe(1);
  });

  it('rejects a bad tag before sending anything', async () => {
    const [host, device] = loopback();
    const sim = new VirtualLabelPrinter({ language: 'tspl' });
    sim.attach(device);
    const printer = new TagLabelPrinter(host, { language: 'tspl', dpi: 203, fonts, statusTimeoutMs: 100 });
    await expect(printer.print([SAMPLE_TAGS[0]!, { ...SAMPLE_TAGS[1]!, barcode: '123' }], template)).rejects.toThrow(/tag 2 .*barcode/);
    expect(sim.labels).toEqual([]);
  });

  it('prints to a write-only USB device without asking it for status', async () => {
    const sent: Uint8Array[] = [];
    const usb: ByteTransport & { canRead: boolean } = {
      description: 'usb lp (write-only)', canRead: false,
      write: async (b) => void sent.push(b), onData: () => () => undefined, close: async () => undefined,
    };
    const printer = new TagLabelPrinter(usb, { language: 'zpl', dpi: 203, fonts });
    expect(await printer.status()).toEqual({ ok: true, problem: null });
    await printer.print(SAMPLE_TAGS.slice(0, 2), template);
    const zpl = Buffer.concat(sent).toString('latin1');
    expect(zpl).not.toContain('~HS');
    expect(zpl.match(/\^XA/g)).toHaveLength(2);
  });

  it('decodes TSPL however the bytes are chunked, binary bitmap rows included', () => {
    const bytes = encodeTspl(tagLabel(SAMPLE_TAGS[2]!, template, face, 203));
    const whole: DecodedLabel[] = [];
    const bytewise: DecodedLabel[] = [];
    const sink = (into: DecodedLabel[]) => ({ label: (l: DecodedLabel) => into.push(l), statusQuery: () => undefined, unknown: (c: string, why: string) => { throw new Error(`${c}: ${why}`); } });
    new TsplDecoder(sink(whole), 203).push(bytes);
    const d = new TsplDecoder(sink(bytewise), 203);
    for (const b of bytes) d.push(Uint8Array.of(b));
    expect(whole).toHaveLength(1);
    expect(bytewise).toEqual(whole);
    // the three wrapped name lines, the caption, the price parts, the unit price, the date: one bitmap each
    expect(whole[0]?.bitmaps.length).toBeGreaterThanOrEqual(9);
  });
});

describe.skipIf(!mustRunPdfTools)('the virtual label as a picture', () => {
  it('writes a PNG a person can look at, whose barcode a scanner reads', async () => {
    const { sim, printer } = await overTcp('tspl', 203);
    await printer.print(SAMPLE_TAGS.slice(0, 1), template);
    await sim.waitFor((s) => s.labels.length === 1);
    const dir = mkdtempSync(join(tmpdir(), 'lavka-label-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'label.png');
    writeFileSync(file, bitmapToPng(labelImage(sim.labels[0]!)));
    const r = spawnSync('zbarimg', ['-q', '--raw', file], { encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.stdout.trim()).toBe('4600070000373');
  });
});

describe.skipIf(!mustRunPtyTests)('label printer over a serial pty (socat)', () => {
  it('prints TSPL through a serial port and answers status through the tty', async () => {
    const pair: PtyPair = await openPtyPair();
    cleanups.push(() => Promise.race([pair.close(), new Promise<void>((r) => setTimeout(r, 200))]));
    const sim = new VirtualLabelPrinter({ language: 'tspl', dpi: 203 });
    const deviceSide = new DeviceFileTransport(pair.b);
    sim.attach(deviceSide);
    const printer = new TagLabelPrinter(await SerialTransport.open({ path: pair.a, baudRate: 115_200 }), { language: 'tspl', dpi: 203, fonts, statusTimeoutMs: 500 });
    cleanups.push(() => deviceSide.close(), () => printer.close());

    expect(await printer.status()).toEqual({ ok: true, problem: null });
    await printer.print(SAMPLE_TAGS, template);
    await sim.waitFor((s) => s.labels.length === 4, 10_000);
    expectTagLabels(sim.labels, 203);
    sim.setState({ paperJam: true });
    expect(await printer.status()).toEqual({ ok: false, problem: 'devices.paperJam' });
  });

  it('prints ZPL through the pty too', async () => {
    const pair: PtyPair = await openPtyPair();
    cleanups.push(() => Promise.race([pair.close(), new Promise<void>((r) => setTimeout(r, 200))]));
    const sim = new VirtualLabelPrinter({ language: 'zpl', dpi: 300 });
    const deviceSide = new DeviceFileTransport(pair.b);
    sim.attach(deviceSide);
    const printer = new TagLabelPrinter(await SerialTransport.open({ path: pair.a, baudRate: 115_200 }), { language: 'zpl', dpi: 300, fonts, statusTimeoutMs: 500 });
    cleanups.push(() => deviceSide.close(), () => printer.close());
    await printer.print(SAMPLE_TAGS, template);
    await sim.waitFor((s) => s.labels.length === 4, 10_000);
    expectTagLabels(sim.labels, 300);
  });
});
