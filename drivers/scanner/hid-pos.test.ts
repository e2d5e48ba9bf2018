import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { parseGs1 } from '../../src/shared/barcode/gs1.js';
import { HidPosScanner, type HidReportSource } from './hid.js';
import { HidPosAssembler, parseHidPosReport } from './hid-pos.js';

const GS = '\x1d';
const SHOES = `0104601234567893215'&Wd:<8.GJ;L${GS}91EE06${GS}92MDEGCCqGSM49AwEHA0IABGx+7y/QpLk2ZlAw9nTr3Q==`;

/** A 64-byte Scanned Data Report laid out by hand: ID 2, length, AIM id, data, vendor id, reserved, continuation. */
function report(data: string, options: { aim?: string; continued?: boolean; id?: number; length?: number } = {}): Uint8Array {
  const r = new Uint8Array(64);
  r[0] = options.id ?? 2;
  r[1] = options.length ?? data.length;
  r.set(Array.from(options.aim ?? ']d2', (c) => c.charCodeAt(0)), 2);
  r.set(Array.from(data, (c) => c.charCodeAt(0)), 5);
  r[61] = 0x77; // Honeywell's own id for DataMatrix: not ours to read
  r[63] = options.continued ? 0x01 : 0x00;
  return r;
}

/** A code as the scanner sends it: 56 data bytes a report, the flag set on all but the last. */
function reportsFor(code: string, aim = ']d2'): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < code.length; at += 56) out.push(report(code.slice(at, at + 56), { aim, continued: at + 56 < code.length }));
  return out;
}

describe('HID POS Scanned Data Report', () => {
  it('reads the length, the AIM symbology and the data, and nothing of the padding', () => {
    expect(parseHidPosReport(report('4607009780870', { aim: ']E0' }))).toEqual({
      kind: 'scan', symbology: ']E0', data: Uint8Array.from('4607009780870', (c) => c.charCodeAt(0)), continued: false,
    });
  });

  it('reads the continuation flag in the last byte', () => {
    expect(parseHidPosReport(report('x'.repeat(56), { continued: true }))).toMatchObject({ kind: 'scan', continued: true });
  });

  it('leaves other reports alone and refuses a length past the data field', () => {
    expect(parseHidPosReport(report('123', { id: 4 }))).toEqual({ kind: 'other', reportId: 4 });
    expect(parseHidPosReport(report('123', { length: 57 }))).toEqual({ kind: 'invalid', why: 'length 57 over the 56 data bytes of the report' });
    expect(parseHidPosReport(Uint8Array.of(2, 1, 0x5d))).toEqual({ kind: 'invalid', why: 'report of 3 bytes' });
  });

  it('a scanner without AIM ids sends zeros there', () => {
    expect(parseHidPosReport(report('123', { aim: '\0\0\0' }))).toMatchObject({ symbology: '' });
  });
});

describe('HidPosAssembler', () => {
  it('joins a marking code sent in two reports into one code that still parses as GS1', () => {
    const a = new HidPosAssembler();
    const reports = reportsFor(SHOES);
    expect(reports).toHaveLength(2);
    expect(a.push(reports[0] ?? new Uint8Array())).toBeNull();
    const code = a.push(reports[1] ?? new Uint8Array());
    expect(code).toBe(SHOES);
    expect(parseGs1(code ?? '')).toMatchObject({ ok: true, code: { recovered: false, fields: { gtin: '04601234567893', cryptoKey: 'EE06' } } });
  });

  it('drops a symbol whose report is broken, and reads the next one whole', () => {
    const a = new HidPosAssembler();
    const [first] = reportsFor(SHOES);
    expect(a.push(first ?? new Uint8Array())).toBeNull();
    expect(a.push(report('x', { length: 60 }))).toBeNull();
    expect(a.push(report('4607009780870'))).toBe('4607009780870');
  });

  it('ignores the device\'s other reports in the middle of a symbol', () => {
    const a = new HidPosAssembler();
    const [first, second] = reportsFor(SHOES);
    a.push(first ?? new Uint8Array());
    expect(a.push(report('status', { id: 4 }))).toBeNull();
    expect(a.push(second ?? new Uint8Array())).toBe(SHOES);
  });
});

describe('HidPosScanner (the node-hid glue) on a stand-in device', () => {
  it('turns the device\'s report Buffers into scans, and reports a device error', async () => {
    const device = Object.assign(new EventEmitter(), { close: async () => undefined }) as EventEmitter & HidReportSource;
    const errors: string[] = [];
    const scanner = new HidPosScanner(device, { onError: (e) => errors.push(e.message) });
    const scans: string[] = [];
    scanner.onScan((c) => scans.push(c));
    for (const r of reportsFor(SHOES)) device.emit('data', Buffer.from(r));
    device.emit('data', Buffer.from(report('4607009780870', { aim: ']E0' })));
    device.emit('error', new Error('could not read from HID device'));
    expect(scans).toEqual([SHOES, '4607009780870']);
    expect(errors).toEqual(['could not read from HID device']);
    await scanner.dispose();
  });
});
