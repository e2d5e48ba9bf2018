/**
 * The scale and scanner figures of issue #3: the real drivers against their simulators
 * on a socat pty pair, at each device's usual speed, against the wire time of the bytes.
 * A pty does not pace bytes (see fiscalSaleCycle in devices.ts): what is measured is the
 * protocol's turnarounds through both pty ends, socat and two event loops; a real line
 * costs that plus the wire time (`real_line_floor_ms`).
 */
import { SCALE_DEFAULT_BAUD, scaleOn, type ScaleProtocol } from '../drivers/scale/index.js';
import { SCANNER_DEFAULT_BAUD, SerialScanner } from '../drivers/scanner/serial.js';
import { CasScaleSimulator, MassakScaleSimulator, ScalePlatform } from '../drivers/simulators/scale/index.js';
import { ScannerSimulator } from '../drivers/simulators/scanner/index.js';
import { openPtyPair } from '../drivers/transports/pty-pair.js';
import { SerialTransport } from '../drivers/transports/serial.js';
import { detailOf, emit, figure, msSince, progress, round, summarize } from './stats.js';

/** 8N1: start bit, 8 data bits, stop bit */
const BITS_PER_BYTE = 10;
const wireMs = (bytes: number, baud: number) => (bytes * BITS_PER_BYTE * 1000) / baud;

/** One reading (what a weighed line asks for), `reads` times after a warm-up. */
export async function scaleReading(protocol: ScaleProtocol, options: { reads: number; warmup: number }): Promise<void> {
  const baud = SCALE_DEFAULT_BAUD[protocol];
  progress(`devices: ${protocol} scale reading over a socat pty pair at ${baud} baud (${options.reads} readings)`);
  const pty = await openPtyPair();
  const device = await SerialTransport.open({ path: pty.b, baudRate: baud });
  const platform = new ScalePlatform();
  platform.put(1_234);
  const sim = protocol === 'cas' ? new CasScaleSimulator(device, platform) : new MassakScaleSimulator(device, platform);
  const host = await SerialTransport.open({ path: pty.a, baudRate: baud });
  const scale = scaleOn(protocol, host);
  try {
    // both directions, each counted where it arrives
    let bytes = 0;
    const off = device.onData((b) => (bytes += b.length));
    const offBack = host.onData((b) => (bytes += b.length));
    for (let i = 0; i < options.warmup; i++) await scale.readWeight();
    const samples: number[] = [];
    let perReading = 0;
    for (let i = 0; i < options.reads; i++) {
      const before = bytes;
      const start = process.hrtime.bigint();
      const r = await scale.readWeight();
      samples.push(msSince(start));
      if (r.grams !== 1_234) throw new Error(`read ${r.grams} g, put 1234 g`);
      perReading = bytes - before;
    }
    off();
    offBack();
    const total = perReading;
    const wire = wireMs(total, baud);
    const s = summarize(samples);
    emit(figure(`scale_read_${protocol}_ms`, s.p50, 'ms', {}, wire, {
      ...detailOf(s),
      baud,
      bytes_per_reading: total,
      wire_ms: round(wire),
      real_line_floor_ms: round(wire + s.p50),
      baseline: 'pure wire time of the bytes exchanged, 10 bits/byte',
    }));
  } finally {
    await scale.dispose();
    sim.dispose();
    await host.close();
    await device.close();
    await pty.close();
  }
}

/** From the scanner's first byte to the code in the listener, for an EAN-13 and a 85-byte DataMatrix. */
export async function scanLatency(options: { scans: number }): Promise<void> {
  progress(`devices: serial scanner, code to listener over a socat pty pair (${options.scans} scans)`);
  const pty = await openPtyPair();
  const device = await SerialTransport.open({ path: pty.b, baudRate: SCANNER_DEFAULT_BAUD });
  const sim = new ScannerSimulator(device);
  const scanner = await SerialScanner.open({ path: pty.a });
  const GS = '\x1d';
  const codes = ['4607009780870', `0104601234567893215'&Wd:<8.GJ;L${GS}91EE06${GS}92MDEGCCqGSM49AwEHA0IABGx+7y/QpLk2ZlAw9nTr3Q==`];
  try {
    let waiting: ((code: string) => void) | null = null;
    scanner.onScan((code) => waiting?.(code));
    const samples: number[] = [];
    for (let i = 0; i < options.scans; i++) {
      const code = codes[i % codes.length] ?? '';
      const heard = new Promise<string>((resolve) => (waiting = resolve));
      const start = process.hrtime.bigint();
      await sim.scan(code);
      if ((await heard) !== code) throw new Error('the scanner handed over another code');
      samples.push(msSince(start));
    }
    const s = summarize(samples);
    const meanBytes = codes.reduce((n, c) => n + c.length + 1, 0) / codes.length;
    emit(figure('scan_to_listener_ms', s.p50, 'ms', {}, undefined, {
      ...detailOf(s),
      baud: SCANNER_DEFAULT_BAUD,
      codes: 'EAN-13 and an 85-byte DataMatrix, alternating',
      wire_ms_mean_code: round(wireMs(meanBytes, SCANNER_DEFAULT_BAUD)),
    }));
  } finally {
    await scanner.dispose();
    await device.close();
    await pty.close();
  }
}
