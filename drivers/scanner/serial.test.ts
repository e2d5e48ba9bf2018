import { afterEach, describe, expect, it } from 'vitest';
import { parseGs1 } from '../../src/shared/barcode/gs1.js';
import { ScannerSimulator, type ScannerSimulatorOptions } from '../simulators/scanner/scanner.js';
import { skipSerial } from '../simulators/shtrih/test-support.js';
import { openPtyPair } from '../transports/pty-pair.js';
import { SerialTransport } from '../transports/serial.js';
import { SCANNER_DEFAULT_BAUD, SerialScanner, type SerialScannerOptions } from './serial.js';

const GS = '\x1d';
const SHOES = `0104601234567893215'&Wd:<8.GJ;L${GS}91EE06${GS}92MDEGCCqGSM49AwEHA0IABGx+7y/QpLk2ZlAw9nTr3Q==`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The simulated scanner on one end of a socat pty pair, the driver on the other. */
async function bench(sim: ScannerSimulatorOptions = {}, driver: Omit<SerialScannerOptions, 'ownsTransport'> = {}) {
  const pty = await openPtyPair();
  cleanups.push(() => pty.close());
  const device = await SerialTransport.open({ path: pty.b, baudRate: SCANNER_DEFAULT_BAUD });
  cleanups.push(() => device.close());
  const scanner = await SerialScanner.open({ path: pty.a, ...driver });
  cleanups.push(() => scanner.dispose());
  const scans: string[] = [];
  scanner.onScan((code) => scans.push(code));
  return { sim: new ScannerSimulator(device, sim), scanner, scans };
}

describe.skipIf(skipSerial)('serial scanner driver ↔ simulated scanner over a socat pty pair', () => {
  it('hands over each code scanned, in order, EAN-13 and DataMatrix alike, GS kept', async () => {
    const { sim, scans } = await bench();
    for (const code of ['4607009780870', SHOES, '2000000012342']) await sim.scan(code);
    await expect.poll(() => scans.length).toBe(3);
    expect(scans).toEqual(['4607009780870', SHOES, '2000000012342']);
    // read as sent, not recovered from a code that lost its separators
    expect(parseGs1(scans[1] ?? '')).toMatchObject({ ok: true, code: { recovered: false, fields: { cryptoKey: 'EE06' } } });
  });

  it('reads a scanner set to CR LF with a prefix', async () => {
    const { sim, scans } = await bench({ suffix: '\r\n', prefix: ']C1' }, { prefix: ']C1' });
    await sim.scan('4607009780870');
    await sim.scan('4600000000003');
    await expect.poll(() => scans).toEqual(['4607009780870', '4600000000003']);
  });

  it('tells codes apart by the pause alone when the scanner sends no suffix', async () => {
    const { sim, scans } = await bench({ suffix: '' }, { suffix: '', idleMs: 50 });
    await sim.scan('4607009780870');
    await expect.poll(() => scans).toEqual(['4607009780870']);
    await sim.scan(SHOES);
    await expect.poll(() => scans).toEqual(['4607009780870', SHOES]);
  });

  it('stops handing over scans to a listener that unsubscribed', async () => {
    const { sim, scanner, scans } = await bench();
    const late: string[] = [];
    const off = scanner.onScan((c) => late.push(c));
    await sim.scan('1');
    await expect.poll(() => late).toEqual(['1']);
    off();
    await sim.scan('2');
    await expect.poll(() => scans).toEqual(['1', '2']);
    expect(late).toEqual(['1']);
  });
});

describe('SerialScanner set-up', () => {
  it('will not run a scanner that sends no suffix without a pause to go by', () => {
    const never = { description: 'none', write: async () => undefined, onData: () => () => undefined, close: async () => undefined };
    expect(() => new SerialScanner(never, { suffix: '' })).toThrow(/needs idleMs/);
  });
});
