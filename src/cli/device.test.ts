import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../drivers/escpos/printer.js';
import { PROFILES } from '../../drivers/escpos/profiles.js';
import { ShtrihRegistrar } from '../../drivers/shtrih/registrar.js';
import { SerialScanner } from '../../drivers/scanner/serial.js';
import { startVirtualPrinterServer } from '../../drivers/simulators/escpos/server.js';
import { VirtualEscPosPrinter } from '../../drivers/simulators/escpos/virtual-printer.js';
import { startSimulatorOnPty } from '../../drivers/simulators/shtrih/bench.js';
import { FAST_DRIVER, FIVE_LINES, skipSerial } from '../../drivers/simulators/shtrih/test-support.js';
import { openPtyPair } from '../../drivers/transports/pty-pair.js';
import { SerialTransport } from '../../drivers/transports/serial.js';
import { TcpTransport } from '../../drivers/transports/tcp.js';
import { deviceCommand, type DeviceCommandOptions } from './device.js';
import type { CliOutput } from './output.js';

/** What a command printed, line by line, and a way to wait for a line (simulators print as they go). */
class Captured implements CliOutput {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  private waiters: (() => void)[] = [];

  out = (line: string): void => {
    this.stdout.push(...line.split('\n'));
    for (const w of this.waiters.splice(0)) w();
  };

  err = (line: string): void => {
    this.stderr.push(line);
  };

  json<T = Record<string, unknown>>(): T {
    return JSON.parse(this.stdout.join('\n')) as T;
  }

  async waitForLine(test: RegExp, timeoutMs = 3_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.stdout.find((l) => test.test(l));
      if (hit !== undefined) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no line matching ${String(test)} in ${timeoutMs} ms; printed:\n${this.stdout.join('\n')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

async function run(argv: string[], options: Omit<DeviceCommandOptions, 'out'> = {}): Promise<{ code: number; io: Captured }> {
  const io = new Captured();
  const code = await deviceCommand(argv, { ...options, out: io });
  return { code, io };
}

/**
 * Starts a simulator in-process; returns its address from the ready line, the stream it reads
 * its stdin from, and a stop that resolves with its exit code.
 */
async function simulate(argv: string[]): Promise<{ where: string; io: Captured; input: PassThrough; exited: Promise<number>; stop(): Promise<number> }> {
  const io = new Captured();
  const abort = new AbortController();
  const input = new PassThrough();
  const exited = deviceCommand(['simulate', ...argv], { out: io, signal: abort.signal, input });
  const ready = await Promise.race([io.waitForLine(/^ready /), exited.then((code) => {
    throw new Error(`simulator exited ${code}: ${io.stderr.join('\n')}`);
  })]);
  return {
    where: ready.slice('ready '.length),
    io,
    input,
    exited,
    stop: () => {
      abort.abort();
      return exited;
    },
  };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface FiscalJson {
  ok: boolean; device: string; mode: number; modeName: string; shiftOpen: boolean; shiftNumber: number; fnNumber: string;
  lastFiscalDocument: number; unsentToOfd: number; errors: { step: string; code: string | null; ru: string; en: string }[];
}

describe.skipIf(skipSerial)('lavka device fiscal status over a socat pty pair', () => {
  it('reads mode, shift, FN number, last document and the OFD queue from the simulator', async () => {
    const sim = await startSimulatorOnPty();
    cleanups.push(() => sim.close());
    // a day under way: shift 1 opened (document 1) and one sale (document 2)
    const host = await SerialTransport.open({ path: sim.path, baudRate: 115_200 });
    const registrar = new ShtrihRegistrar(host, FAST_DRIVER);
    await registrar.openShift({ cashier: 'Петрова А.' });
    await registrar.sell(FIVE_LINES);
    registrar.dispose();
    await host.close();

    const { code, io } = await run(['fiscal', 'status', '--port', sim.path, '--baud', '115200', '--password', '30'], { fiscalDriver: FAST_DRIVER });
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const r = io.json<FiscalJson>();
    expect(r).toMatchObject({
      ok: true, device: 'ШТРИХ-М-01Ф', mode: 2, modeName: 'shift open', shiftOpen: true, shiftNumber: 1,
      fnNumber: sim.sim.registrar.fnNumber, lastFiscalDocument: 2, unsentToOfd: 2, errors: [],
    });
  });

  it('says in Russian and English that nobody answers, and exits 1', async () => {
    const pty = await openPtyPair();
    cleanups.push(() => pty.close());
    const started = Date.now();
    const { code, io } = await run(['fiscal', 'status', '--port', pty.a], { fiscalDriver: FAST_DRIVER });
    expect(code).toBe(1);
    const r = io.json<FiscalJson>();
    expect(r.ok).toBe(false);
    expect(r.fnNumber).toBeNull();
    // one failed query is enough: the rest would only wait out the same timeouts
    expect(r.errors).toEqual([expect.objectContaining({ step: 'deviceType', code: 'no-connection', ru: expect.stringMatching(/Нет связи с ККТ/), en: expect.stringMatching(/does not answer/) })]);
    expect(io.stderr.join('\n')).toMatch(/Нет связи с ККТ.*\/ The fiscal registrar does not answer/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('runs the fiscal simulator on a pty end (--port) for the driver on the other', async () => {
    const pty = await openPtyPair();
    cleanups.push(() => pty.close());
    const sim = await simulate(['fiscal', '--port', pty.b]);
    cleanups.push(() => sim.stop());
    expect(sim.where).toBe(pty.b);
    const { code, io } = await run(['fiscal', 'status', '--port', pty.a], { fiscalDriver: FAST_DRIVER });
    expect(code).toBe(0);
    expect(io.json<FiscalJson>()).toMatchObject({ mode: 4, modeName: 'shift closed', shiftOpen: false, lastFiscalDocument: 0 });
    expect(await sim.stop()).toBe(0);
  });
});

describe('lavka device fiscal status over TCP', () => {
  it('reports a port that cannot be opened', async () => {
    const { code, io } = await run(['fiscal', 'status', '--port', '/dev/lavka-no-such-port']);
    expect(code).toBe(1);
    expect(io.json<FiscalJson>().errors).toEqual([expect.objectContaining({ step: 'open', ru: expect.stringMatching(/Не удалось открыть порт/) })]);
  });

  it('talks to the simulator started with simulate fiscal --tcp, which keeps its state across connections', async () => {
    const sim = await simulate(['fiscal', '--tcp', '0']);
    cleanups.push(() => sim.stop());
    expect(sim.where).toMatch(/^127\.0\.0\.1:\d+$/);
    const [host, port] = sim.where.split(':');
    const tcp = new TcpTransport({ host: host ?? '', port: Number(port) });
    const registrar = new ShtrihRegistrar(tcp, FAST_DRIVER);
    await registrar.openShift({ cashier: 'Петрова А.' });
    registrar.dispose();
    await tcp.close();

    const { code, io } = await run(['fiscal', 'status', '--tcp', sim.where], { fiscalDriver: FAST_DRIVER });
    expect(code).toBe(0);
    expect(io.json<FiscalJson>()).toMatchObject({ ok: true, shiftOpen: true, shiftNumber: 1, lastFiscalDocument: 1 });
    expect(await sim.stop()).toBe(0);
    expect(sim.io.stderr).toEqual(['stopped']);
  });

  it('exits 1 with both languages when nothing listens', async () => {
    const { code, io } = await run(['fiscal', 'status', '--tcp', '127.0.0.1:1'], { fiscalDriver: FAST_DRIVER });
    expect(code).toBe(1);
    expect(io.json<FiscalJson>().errors[0]).toMatchObject({ ru: expect.stringMatching(/Нет связи с ККТ/), en: expect.stringMatching(/Cannot reach/) });
  });
});

interface PrinterJson {
  ok: boolean; printed: string | null; profile: string; statusKnown: boolean;
  status: { ok: boolean; problem: string | null; ru: string | null; en: string | null };
  flags: Record<string, boolean> | null;
}

describe('lavka device printer test', () => {
  async function virtualPrinter(sim = new VirtualEscPosPrinter()) {
    const server = await startVirtualPrinterServer({ printer: sim });
    cleanups.push(() => server.close());
    return { sim, tcp: `127.0.0.1:${server.port}` };
  }

  it('prints the Russian test receipt over TCP; the virtual printer decodes it back', async () => {
    const { sim, tcp } = await virtualPrinter();
    const { code, io } = await run(['printer', 'test', '--tcp', tcp, '--profile', 'pos-5890']);
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(io.json<PrinterJson>()).toMatchObject({ ok: true, printed: 'test receipt', profile: 'pos-5890', statusKnown: true, status: { ok: true, problem: null } });
    // pos-5890 has no cutter: the receipt ends with its feed
    await sim.waitFor((s) => s.lines().includes('        Печать в порядке'));
    const lines = sim.lines();
    const date = lines.findIndex((l) => l.startsWith('Дата'));
    expect(lines[date]).toMatch(/^Дата {12}\d\d\.\d\d\.\d{4} \d\d:\d\d$/);
    expect(lines.map((l, i) => (i === date ? 'Дата …' : l))).toEqual([
      '        Магазин "Лавка"',
      '        Проверка печати',
      '-'.repeat(32),
      'Принтер                 pos-5890',
      'Кодовая страница        17 cp866',
      'Дата …',
      'Ёжик съел щи: АБВГД абвгд №1',
      '-'.repeat(32),
      '[qr LAVKA PRINTER TEST pos-5890]',
      '',
      '        Печать в порядке',
      '',
      '',
      '',
    ]);
    expect(sim.cuts).toBe(0);
    expect(sim.unknown).toEqual([]);
  });

  it('cuts on an 80 mm profile and prints the code page test page with --codepages', async () => {
    const { sim, tcp } = await virtualPrinter();
    expect((await run(['printer', 'test', '--tcp', tcp])).code).toBe(0);
    await sim.waitFor((s) => s.cuts === 1);
    expect(sim.lines(0)[0]).toBe(' '.repeat(13) + 'Магазин "Лавка"');
    const { code, io } = await run(['printer', 'test', '--tcp', tcp, '--codepages']);
    expect(code).toBe(0);
    expect(io.json<PrinterJson>().printed).toBe('code page test');
    await sim.waitFor((s) => s.cuts === 2);
    const page = sim.lines(1);
    expect(page.slice(3, 11)).toEqual([
      'ESC t 17 (cp866):', 'Съешь же ещё этих мягких французских булок', ', да выпей чаю. ЁЖ №1', '',
      'ESC t 46 (windows1251):', 'Съешь же ещё этих мягких французских булок', ', да выпей чаю. ЁЖ №1', '',
    ]);
  });

  it('prints nothing and exits 1 when the printer is out of paper, naming the problem in both languages', async () => {
    const { sim, tcp } = await virtualPrinter(new VirtualEscPosPrinter({ state: { paperOut: true } }));
    const { code, io } = await run(['printer', 'test', '--tcp', tcp]);
    expect(code).toBe(1);
    const r = io.json<PrinterJson>();
    expect(r).toMatchObject({ ok: false, printed: null, status: { ok: false, problem: 'devices.paperOut', ru: 'нет бумаги', en: 'out of paper' } });
    expect(r.flags).toMatchObject({ paperOut: true });
    expect(io.stderr).toEqual(['нет бумаги / out of paper']);
    expect(sim.paper).toEqual([]);
  });

  it('exits 1, offline, when nothing listens', async () => {
    const { code, io } = await run(['printer', 'test', '--tcp', '127.0.0.1:1']);
    expect(code).toBe(1);
    expect(io.json<PrinterJson>()).toMatchObject({ ok: false, printed: null, status: { problem: 'devices.offline', ru: 'нет связи' } });
  });
});

describe('lavka device simulate printer --tcp', () => {
  it('prints each receipt it is sent, after the cut, and stops cleanly', async () => {
    const sim = await simulate(['printer', '--tcp', '0']);
    cleanups.push(() => sim.stop());
    const [host, port] = sim.where.split(':');
    const printer = new EscPosPrinter(new TcpTransport({ host: host ?? '', port: Number(port) }), { profile: PROFILES['epson-80'] });
    cleanups.push(() => printer.close());
    expect(await printer.status()).toEqual({ ok: true, problem: null });
    await printer.print({
      items: [
        { kind: 'text', text: 'Лавка у дома', align: 'center', bold: true },
        { kind: 'pair', left: 'Хлеб «Бородинский»', right: '=54.00' },
        { kind: 'qr', data: 't=20250305T1407&s=54.00&fn=7380440700000000&i=12&fp=1234567890&n=1' },
        { kind: 'feed', lines: 2 },
        { kind: 'cut' },
      ],
    });
    await sim.io.waitForLine(/^-- cut \(receipt 1\) --$/);
    expect(sim.io.stdout).toEqual([
      `ready ${sim.where}`,
      ' '.repeat(15) + 'Лавка у дома',
      'Хлеб "Бородинский"' + ' '.repeat(42 - 18 - 6) + '=54.00',
      '[qr t=20250305T1407&s=54.00&fn=7380440700000000&i=12&fp=1234567890&n=1]',
      '-- cut (receipt 1) --',
    ]);
    await printer.close();
    expect(await sim.stop()).toBe(0);
  });
});

describe.skipIf(skipSerial)('lavka device simulate printer --port, printed to through a device file', () => {
  it('echoes the test receipt sent with printer test --file to the other pty end; what is not cut shows on stop', async () => {
    const pty = await openPtyPair();
    cleanups.push(() => pty.close());
    const sim = await simulate(['printer', '--port', pty.b, '--firmware', 'xprinter']);
    cleanups.push(() => sim.stop());
    const { code, io } = await run(['printer', 'test', '--file', pty.a, '--profile', 'xprinter-80']);
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(io.json<PrinterJson>()).toMatchObject({ ok: true, printed: 'test receipt', statusKnown: true });
    await sim.io.waitForLine(/^-- cut \(receipt 1\) --$/);
    expect(sim.io.stdout).toContain(' '.repeat(16) + 'Проверка печати');
    expect(sim.io.stdout).toContain('[qr LAVKA PRINTER TEST xprinter-80]');

    // a 58 mm printer without a cutter: its receipt shows when the simulator stops
    expect((await run(['printer', 'test', '--file', pty.a, '--profile', 'xprinter-58'])).code).toBe(0);
    // no wait needed: its status answers came after the receipt on the same line, so the receipt is decoded
    expect(await sim.stop()).toBe(0);
    expect(sim.io.stdout.slice(-2)).toEqual(['        Печать в порядке', '-- end, not cut --']);
  });
});

describe('lavka device: the rest', () => {
  it('lists serial ports as a JSON array', async () => {
    const { code, io } = await run(['list']);
    expect(code).toBe(0);
    const list = io.json<{ kind: string; path: string }[]>();
    expect(Array.isArray(list)).toBe(true);
    for (const e of list) expect(e).toMatchObject({ kind: expect.stringMatching(/^(serial|usb-printer|hid-pos-scanner)$/), path: expect.any(String) });
  });

  it('prints the usage for --help (exit 0) and for mistakes (exit 2)', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.io.stdout.join('\n')).toMatch(/lavka device fiscal status/);
    expect((await run([])).code).toBe(2);
    for (const argv of [
      ['frobnicate'], ['fiscal', 'status'], ['fiscal', 'status', '--port', 'a', '--tcp', 'b:1'], ['fiscal', 'status', '--port', 'a', '--baud', 'fast'],
      ['printer', 'test', '--tcp', 'x:99999'], ['printer', 'test', '--tcp', 'x:1', '--profile', 'nope'], ['printer', 'test', '--bogus'],
      ['simulate', 'printer'], ['simulate', 'toaster', '--tcp', '0'],
      ['simulate', 'scanner', '--tcp', '0'], ['simulate', 'fiscal', '--tcp', '0', '--protocol', 'cas'], ['simulate', 'scale', '--tcp', '0', '--protocol', 'toledo'],
      ['simulate', 'scale', '--tcp', '0', '--grams', '1.5'], ['simulate', 'scanner', '--port', 'x', '--suffix', 'etx'], ['simulate', 'printer', '--tcp', '0', '--suffix', 'cr'],
      ['scale', 'read'], ['scale', 'weigh', '--port', 'a'], ['scale', 'read', '--port', 'a', '--protocol', 'toledo'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.io.stderr.at(-1)).toBe('see: lavka device --help');
    }
  });
});

interface ScaleJson {
  ok: boolean; transport: string; protocol: string; grams: number | null; stable: boolean | null;
  error: { failure: string; ru: string; en: string } | null;
}

describe.skipIf(skipSerial)('lavka device scale read ↔ simulate scale over a socat pty pair', () => {
  it('reads what is typed onto the simulated Massa-K: a weight, a swinging load, overload, then nothing at all', async () => {
    const pty = await openPtyPair();
    cleanups.push(() => pty.close());
    const sim = await simulate(['scale', '--port', pty.b, '--protocol', 'massak', '--grams', '1250']);
    cleanups.push(() => sim.stop());
    await sim.io.waitForLine(/^scale: 1250 g, stable$/);
    const read = () => run(['scale', 'read', '--port', pty.a, '--protocol', 'massak']);

    let r = await read();
    expect(r.code).toBe(0);
    expect(r.io.json<ScaleJson>()).toEqual({ ok: true, transport: `serial ${pty.a} @ 57600`, protocol: 'massak', grams: 1250, stable: true, error: null });

    sim.input.write('~700\n');
    await sim.io.waitForLine(/^scale: 700 g, unstable$/);
    r = await read();
    expect(r.io.json<ScaleJson>()).toMatchObject({ ok: true, grams: 700, stable: false });

    sim.input.write('overload\n');
    await sim.io.waitForLine(/^scale: overload/);
    r = await read();
    expect(r.code).toBe(1);
    expect(r.io.json<ScaleJson>()).toMatchObject({ ok: false, grams: null, error: { failure: 'overload', ru: expect.stringMatching(/Перегрузка/) } });
    expect(r.io.stderr.join('\n')).toMatch(/Перегрузка весов.* \/ The scale is overloaded/);

    sim.input.write('silent\n');
    await sim.io.waitForLine(/silent$/);
    r = await read();
    expect(r.io.json<ScaleJson>()).toMatchObject({ ok: false, error: { failure: 'no-connection' } });

    sim.input.write('what?\n');
    await expect.poll(() => sim.io.stderr).toContain('not a scale command: "what?"');
    expect(await sim.stop()).toBe(0);
  });

  it('reads a CAS scale at its own 9600 baud', async () => {
    const pty = await openPtyPair();
    cleanups.push(() => pty.close());
    const sim = await simulate(['scale', '--port', pty.b, '--grams', '335']);
    cleanups.push(() => sim.stop());
    const r = await run(['scale', 'read', '--port', pty.a]);
    expect(r.io.json<ScaleJson>()).toEqual({ ok: true, transport: `serial ${pty.a} @ 9600`, protocol: 'cas', grams: 335, stable: true, error: null });
  });
});

describe('lavka device scale read over TCP', () => {
  it('reads a Massa-K simulated on a TCP port, as their Ethernet module is', async () => {
    const sim = await simulate(['scale', '--tcp', '0', '--protocol', 'massak', '--grams=-40']);
    cleanups.push(() => sim.stop());
    const r = await run(['scale', 'read', '--tcp', sim.where, '--protocol', 'massak']);
    expect(r.io.json<ScaleJson>()).toMatchObject({ ok: true, grams: -40, stable: true });
  });

  it('reports a port that cannot be opened', async () => {
    const r = await run(['scale', 'read', '--port', '/dev/lavka-no-such-port']);
    expect(r.code).toBe(1);
    expect(r.io.json<ScaleJson>().error).toMatchObject({ failure: 'open', ru: expect.stringMatching(/Не удалось открыть порт/) });
  });
});

describe.skipIf(skipSerial)('lavka device simulate scanner', () => {
  it('sends each line of its input as a scan, GS written as <GS> kept as GS, and stops at the end of the input', async () => {
    const pty = await openPtyPair();
    cleanups.push(() => pty.close());
    const scanner = await SerialScanner.open({ path: pty.a });
    cleanups.push(() => scanner.dispose());
    const scans: string[] = [];
    scanner.onScan((c) => scans.push(c));

    const sim = await simulate(['scanner', '--port', pty.b, '--suffix', 'crlf']);
    sim.input.end("4607009780870\n0104601234567893215'&Wd:<8.GJ;L<GS>91EE06\\x1D92MDEGCCqGSM49AwEHA0IABGx+7y/QpLk2ZlAw9nTr3Q==\n\nЁжик\n");
    expect(await sim.exited).toBe(0);
    await expect.poll(() => scans.length).toBe(2);
    expect(scans).toEqual(['4607009780870', "0104601234567893215'&Wd:<8.GJ;L\x1d91EE06\x1d92MDEGCCqGSM49AwEHA0IABGx+7y/QpLk2ZlAw9nTr3Q=="]);
    expect(sim.io.stdout.filter((l) => l.startsWith('scanned '))).toEqual([
      'scanned 4607009780870', "scanned 0104601234567893215'&Wd:<8.GJ;L<GS>91EE06<GS>92MDEGCCqGSM49AwEHA0IABGx+7y/QpLk2ZlAw9nTr3Q==",
    ]);
    expect(sim.io.stderr).toContain('not sent: code: "Ё" is not a character a scanner sends');
  });
});
