import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { startVirtualPrinterServer, type VirtualPrinterServer } from '../simulators/escpos/server.js';
import { VirtualEscPosPrinter } from '../simulators/escpos/virtual-printer.js';
import { DeviceFileTransport } from '../transports/device-file.js';
import { openPtyPair, socatAvailable, type PtyPair } from '../transports/pty-pair.js';
import { SerialTransport } from '../transports/serial.js';
import { TcpTransport } from '../transports/tcp.js';
import type { ByteTransport } from '../transports/types.js';
import { EscPosPrinter, PrinterError } from './printer.js';
import { profileWith, PROFILES } from './profiles.js';
import { TEST_PANGRAM } from './render.js';
import { MILK_RECEIPT, MILK_RECEIPT_32 } from './test-support/receipt.js';
import { loopback } from '../transports/loopback.js';

// without socat the pty tests skip on a laptop but fail in CI (openPtyPair throws SocatMissingError)
const mustRunPtyTests = (await socatAvailable()) || process.env.CI === 'true';

/**
 * pty-pair.ts's close() kills socat but never resolves (its removeAllListeners('exit')
 * also drops the listener close() waits on); bound the wait until that is fixed.
 */
const closePair = (pair: PtyPair) => Promise.race([pair.close(), new Promise<void>((r) => setTimeout(r, 200))]);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const p58 = profileWith('pos-5890', { cutter: true });

async function overTcp(sim = new VirtualEscPosPrinter()): Promise<{ printer: EscPosPrinter; sim: VirtualEscPosPrinter; server: VirtualPrinterServer }> {
  const server = await startVirtualPrinterServer({ printer: sim });
  const printer = new EscPosPrinter(new TcpTransport({ host: '127.0.0.1', port: server.port }), { profile: p58, statusTimeoutMs: 150 });
  cleanups.push(() => server.close(), () => printer.close());
  return { printer, sim, server };
}

function inMemory(sim = new VirtualEscPosPrinter()): { printer: EscPosPrinter; sim: VirtualEscPosPrinter } {
  const [host, device] = loopback();
  sim.attach(device);
  return { printer: new EscPosPrinter(host, { profile: p58, statusTimeoutMs: 50 }), sim };
}

describe('EscPosPrinter over TCP on 127.0.0.1', () => {
  it('prints a Russian receipt that decodes back line by line', async () => {
    const { printer, sim } = await overTcp();
    expect(printer.width).toBe(32);
    await printer.print(MILK_RECEIPT);
    await sim.waitFor((s) => s.cuts === 1);
    expect(sim.lines(0)).toEqual(MILK_RECEIPT_32);
    expect(sim.lines(0)).toContain('1. Молоко 2,5% Простоквашино');
    expect(sim.unknown).toEqual([]);
  });

  it('reports ready, paper near end, paper out and cover open', async () => {
    const { printer, sim } = await overTcp();
    expect(await printer.status()).toEqual({ ok: true, problem: null });
    sim.setState({ paperNearEnd: true });
    expect(await printer.status()).toEqual({ ok: true, problem: 'devices.paperNearEnd' });
    sim.setState({ paperOut: true });
    expect(await printer.status()).toEqual({ ok: false, problem: 'devices.paperOut' });
    sim.setState({ paperOut: false, paperNearEnd: false, coverOpen: true });
    expect(await printer.status()).toEqual({ ok: false, problem: 'devices.coverOpen' });
    sim.setState({ coverOpen: false });
    expect(await printer.status()).toEqual({ ok: true, problem: null });
  });

  it('refuses to print into paper out, with the problem as the error, and prints after the roll is changed', async () => {
    const { printer, sim } = await overTcp();
    sim.setState({ paperOut: true });
    const err = await printer.print(MILK_RECEIPT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).message).toBe('devices.paperOut');
    expect(sim.paper).toEqual([]);
    sim.setState({ paperOut: false });
    await printer.print(MILK_RECEIPT); // the reprint
    await sim.waitFor((s) => s.cuts === 1);
    expect(sim.lines(0)).toEqual(MILK_RECEIPT_32);
  });

  it('calls a silent printer offline within the timeout, and a print fails clearly', async () => {
    const { printer, sim } = await overTcp();
    sim.setState({ offline: true });
    const started = Date.now();
    expect(await printer.status()).toEqual({ ok: false, problem: 'devices.offline' });
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(printer.print(MILK_RECEIPT)).rejects.toMatchObject({ name: 'PrinterError', problem: 'devices.offline', message: 'devices.offline' });
    await expect(printer.open()).rejects.toThrow('devices.offline');
    sim.setState({ offline: false });
    await printer.print(MILK_RECEIPT);
    await sim.waitFor((s) => s.cuts === 1);
    expect(sim.receipts()).toHaveLength(1);
  });

  it('calls nothing listening on the port offline', async () => {
    const spare = net.createServer();
    await new Promise<void>((r) => spare.listen(0, '127.0.0.1', () => r()));
    const port = (spare.address() as net.AddressInfo).port;
    await new Promise<void>((r) => spare.close(() => r()));
    const printer = new EscPosPrinter(new TcpTransport({ host: '127.0.0.1', port }), { profile: p58, statusTimeoutMs: 100 });
    cleanups.push(() => printer.close());
    expect(await printer.status()).toEqual({ ok: false, problem: 'devices.offline' });
    const err = (await printer.print(MILK_RECEIPT).catch((e: unknown) => e)) as PrinterError;
    expect(err.problem).toBe('devices.offline');
    expect(err.detail).toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });

  it('kicks the drawer with the profile pulse', async () => {
    const { printer, sim } = await overTcp();
    await printer.open();
    await sim.waitFor((s) => s.drawerKicks.length === 1);
    expect(sim.drawerKicks).toEqual([{ kind: 'drawer', pin: 0, onMs: 100, offMs: 500 }]);
  });

  it('reconnects when the printer comes back on a new connection', async () => {
    const { printer, sim, server } = await overTcp();
    await printer.print({ items: [{ kind: 'text', text: 'Первый' }, { kind: 'cut' }] });
    await sim.waitFor((s) => s.cuts === 1);
    await server.close(); // the printer is switched off: connections drop
    const again = await startVirtualPrinterServer({ printer: sim, port: server.port });
    cleanups.push(() => again.close());
    await printer.print({ items: [{ kind: 'text', text: 'Второй' }, { kind: 'cut' }] });
    await sim.waitFor((s) => s.cuts === 2);
    expect(sim.lines(1)).toEqual(['Второй']);
  });
});

describe('EscPosPrinter protocol', () => {
  it('keeps concurrent prints and status queries apart', async () => {
    const { printer, sim } = inMemory();
    const results = await Promise.all([
      printer.print({ items: [{ kind: 'text', text: 'Чек 1' }, { kind: 'cut' }] }),
      printer.status(),
      printer.print({ items: [{ kind: 'text', text: 'Чек 2' }, { kind: 'cut' }] }),
      printer.status(),
    ]);
    expect(results[1]).toEqual({ ok: true, problem: null });
    expect(results[3]).toEqual({ ok: true, problem: null });
    await sim.waitFor((s) => s.cuts === 2);
    expect(sim.receipts().map((r) => r.map((e) => (e.kind === 'line' ? e.text : e.kind)))).toEqual([['Чек 1'], ['Чек 2']]);
  });

  it('prints the code page test page so the right number can be read off', async () => {
    const { printer, sim } = inMemory(new VirtualEscPosPrinter({ codePages: { 0: 'cp437', 7: 'cp866' } }));
    await printer.printCodePageTest();
    await sim.waitFor((s) => s.lines().includes('ESC t 6 (windows1251):'));
    const lines = sim.lines();
    const at = lines.indexOf('ESC t 7 (cp866):');
    expect(lines.slice(at + 1, at + 3).join('')).toBe(TEST_PANGRAM);
  });

  it('rejects (does not throw) a doc it cannot render, and sends nothing', async () => {
    const { printer, sim } = inMemory();
    const result = printer.print({ items: [{ kind: 'barcode', symbology: 'ean13', data: '123' }] });
    await expect(result).rejects.toThrow(/EAN-13/);
    expect(sim.paper).toEqual([]);
  });

  it('does not ask a write-only link for status, and prints anyway', async () => {
    const sent: Uint8Array[] = [];
    const writeOnly: ByteTransport & { canRead: boolean } = {
      description: 'usb lp (write-only)', canRead: false,
      write: async (b) => void sent.push(b), onData: () => () => undefined, close: async () => undefined,
    };
    const printer = new EscPosPrinter(writeOnly, { profile: PROFILES['epson-80'] });
    expect(await printer.status()).toEqual({ ok: true, problem: null });
    await printer.print({ items: [{ kind: 'text', text: 'Чек' }] });
    expect(sent).toHaveLength(1);
    expect(sent.some((b) => b[0] === 0x10 && b[1] === 0x04)).toBe(false);
  });

  it('calls a write that never drains offline', async () => {
    const stuck: ByteTransport = {
      description: 'stuck', write: () => new Promise(() => undefined), onData: () => () => undefined, close: async () => undefined,
    };
    const printer = new EscPosPrinter(stuck, { profile: profileWith('epson-80', { realtimeStatus: false }), writeTimeoutMs: 50 });
    await expect(printer.print({ items: [{ kind: 'text', text: 'x' }] })).rejects.toMatchObject({ problem: 'devices.offline' });
  });

  it('ignores stray bytes on the line when reading status', async () => {
    const [host, device] = loopback();
    const sim = new VirtualEscPosPrinter({ state: { coverOpen: true } });
    sim.attach(device);
    const printer = new EscPosPrinter(host, { profile: p58, statusTimeoutMs: 50 });
    await device.write(Uint8Array.of(0xff, 0x00, 0x80)); // e.g. line noise after power-on
    expect(await printer.status()).toEqual({ ok: false, problem: 'devices.coverOpen' });
  });
});

describe.skipIf(!mustRunPtyTests)('EscPosPrinter over a serial pty (socat)', () => {
  it('prints, reads status and kicks the drawer through a serial port and a tty', async () => {
    const pair: PtyPair = await openPtyPair();
    cleanups.push(() => closePair(pair));
    const sim = new VirtualEscPosPrinter();
    const deviceSide = new DeviceFileTransport(pair.b);
    sim.attach(deviceSide);
    // the till side opens the pty as a serial port at 9600, as it would a COM-port printer
    const printer = new EscPosPrinter(await SerialTransport.open({ path: pair.a, baudRate: 9600 }), { profile: p58, statusTimeoutMs: 300 });
    cleanups.push(() => deviceSide.close(), () => printer.close());

    expect(await printer.status()).toEqual({ ok: true, problem: null });
    await printer.print(MILK_RECEIPT);
    await sim.waitFor((s) => s.cuts === 1);
    expect(sim.lines(0)).toEqual(MILK_RECEIPT_32);

    sim.setState({ coverOpen: true });
    expect(await printer.status()).toEqual({ ok: false, problem: 'devices.coverOpen' });
    sim.setState({ coverOpen: false, offline: true });
    expect(await printer.status()).toEqual({ ok: false, problem: 'devices.offline' });
    sim.setState({ offline: false });
    await printer.open();
    await sim.waitFor((s) => s.drawerKicks.length === 1);
  });

  it('a status asked right after a receipt does not throw the receipt away on its way down the line', async () => {
    const pair: PtyPair = await openPtyPair();
    cleanups.push(() => closePair(pair));
    const sim = new VirtualEscPosPrinter();
    const deviceSide = await SerialTransport.open({ path: pair.b, baudRate: 115200 });
    sim.attach(deviceSide);
    const printer = new EscPosPrinter(await SerialTransport.open({ path: pair.a, baudRate: 115200 }), { profile: p58, statusTimeoutMs: 300 });
    cleanups.push(() => deviceSide.close(), () => printer.close());
    // a long receipt: a tcflush before the status query used to drop what the pty had not passed on yet
    const long = { items: [...Array.from({ length: 10 }, () => MILK_RECEIPT.items.filter((i) => i.kind !== 'cut')).flat(), { kind: 'cut' as const }] };
    for (let i = 1; i <= 10; i++) {
      await printer.print(long);
      expect(await printer.status()).toEqual({ ok: true, problem: null });
    }
    await sim.waitFor((s) => s.cuts === 10);
    expect(sim.receipts().slice(0, 10).map((r) => r.length)).toEqual(Array(10).fill(sim.receipts()[0]?.length));
  });
});
