import { parseArgs } from 'node:util';
import { FIRMWARE_CODE_PAGES } from '../../drivers/simulators/escpos/codepages.js';
import type { PaperElement } from '../../drivers/simulators/escpos/decoder.js';
import { elementText, VirtualEscPosPrinter } from '../../drivers/simulators/escpos/virtual-printer.js';
import { DeviceLink } from '../../drivers/simulators/shtrih/device-link.js';
import { VirtualRegistrar } from '../../drivers/simulators/shtrih/device.js';
import { isScaleProtocol, SCALE_DEFAULT_BAUD, SCALE_PROTOCOLS } from '../../drivers/scale/index.js';
import { SCANNER_DEFAULT_BAUD } from '../../drivers/scanner/serial.js';
import type { ByteTransport } from '../../drivers/transports/types.js';
import { parseBaud, parsePort } from './device-target.js';
import { UsageError, type CliOutput } from './output.js';
import { simulateScale } from './simulate-scale.js';
import { simulateScanner } from './simulate-scanner.js';
import { serveAt, untilStopped, type Running, type SimulateAt } from './simulate-support.js';

type Firmware = keyof typeof FIRMWARE_CODE_PAGES;

const SUFFIXES: Record<string, string> = { cr: '\r', lf: '\n', crlf: '\r\n', tab: '\t', none: '' };

export const SIMULATE_USAGE = `lavka device simulate fiscal|printer|scale (--port PATH [--baud N] | --tcp PORT) [options]
lavka device simulate scanner --port PATH [--baud N] [--suffix S] [--prefix P]
  runs a device simulator until Ctrl-C (SIGINT) or SIGTERM; prints "ready <where>" once it listens.
  --port      the device side of a serial line: a real port, or one end of a pty pair
              (socat -d -d pty,raw,echo=0 pty,raw,echo=0; give the other end to the till)
  --tcp       listen on 127.0.0.1:PORT (0 picks a free port, shown in the ready line)
  fiscal   a virtual Shtrih-M registrar (its own shift, documents and fiscal storage, kept while it runs)
  printer  a virtual ESC/POS printer: each receipt's decoded text is printed here after its cut
           --firmware  code page numbering, ${Object.keys(FIRMWARE_CODE_PAGES).join(', ')} (default epson)
  scale    a scale; what is on it is typed on stdin (1250, ~1250 swinging, empty, overload, silent, …)
           --protocol  ${SCALE_PROTOCOLS.join(' | ')} (default cas; baud 9600 for cas, 57600 for massak)
           --grams     what is on it at the start (default 0; --grams=-40 below zero)
  scanner  a serial / USB-CDC scanner: sends each line of stdin as a scanned code (GS as <GS>);
           stops at the end of its input
           --suffix    ${Object.keys(SUFFIXES).join(' | ')} (default cr)   --prefix  sent before each code
`;

/**
 * Prints the decoded text of each receipt once it is cut. Called after every chunk the
 * printer decodes (the decoder is synchronous), so no polling.
 */
class ReceiptEcho {
  private start = 0;
  private scanned = 0;
  count = 0;

  constructor(private readonly printer: VirtualEscPosPrinter, private readonly io: CliOutput) {}

  private emit(elements: PaperElement[], end: string): void {
    const lines = elements.map(elementText).filter((t): t is string => t !== null);
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    for (const l of lines) this.io.out(l);
    this.io.out(end);
  }

  check(): void {
    const paper = this.printer.paper;
    for (; this.scanned < paper.length; this.scanned++) {
      if (paper[this.scanned]?.kind !== 'cut') continue;
      this.count++;
      this.emit(paper.slice(this.start, this.scanned), `-- cut (receipt ${this.count}) --`);
      this.start = this.scanned + 1;
    }
  }

  /** What was printed after the last cut (a 58 mm printer without a cutter never cuts). */
  flush(): void {
    this.check();
    const rest = this.printer.paper.slice(this.start);
    if (rest.some((e) => e.kind === 'line' ? e.text !== '' : elementText(e) !== null)) this.emit(rest, '-- end, not cut --');
    this.start = this.scanned = this.printer.paper.length;
  }
}

/** The printer hears the link through this, and the echo looks at the paper after each chunk. */
function echoing(link: ByteTransport, after: () => void): ByteTransport {
  return {
    description: link.description,
    write: (bytes) => link.write(bytes),
    onData: (listener) => link.onData((bytes) => {
      listener(bytes);
      after();
    }),
    close: () => link.close(),
  };
}

async function simulateFiscal(at: SimulateAt): Promise<Running> {
  // one registrar for all connections: its shift and documents outlive a reconnecting till
  const registrar = new VirtualRegistrar();
  return serveAt(at, (link) => {
    const device = new DeviceLink(link, (payload) => registrar.execute(payload));
    device.onPowerOff = () => registrar.reboot();
    return () => device.dispose();
  });
}

async function simulatePrinter(at: SimulateAt, firmware: Firmware, io: CliOutput): Promise<Running> {
  const printer = new VirtualEscPosPrinter({ codePages: FIRMWARE_CODE_PAGES[firmware] });
  const echo = new ReceiptEcho(printer, io);
  const running = await serveAt(at, (link) => printer.attach(echoing(link, () => echo.check())));
  return { where: running.where, stop: async () => { await running.stop(); echo.flush(); } };
}

function parseGrams(value: string): number {
  if (!/^-?\d{1,7}$/.test(value)) throw new UsageError(`--grams is a whole number of grams, got "${value}"`);
  return Number(value);
}

/** The options that belong to one simulator only; given to another, they are a mistake. */
const ONLY_FOR: Record<string, string> = { firmware: 'printer', protocol: 'scale', grams: 'scale', suffix: 'scanner', prefix: 'scanner' };

/**
 * `lavka device simulate …`: resolves with the exit code once stopped. The scale and the
 * scanner read their input from `input` (stdin).
 */
export async function simulateCommand(argv: string[], io: CliOutput, signal?: AbortSignal, input: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' }, tcp: { type: 'string' }, baud: { type: 'string' }, firmware: { type: 'string' },
      protocol: { type: 'string' }, grams: { type: 'string' }, suffix: { type: 'string' }, prefix: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(SIMULATE_USAGE);
    return 0;
  }
  const [device, ...extra] = positionals;
  if ((device !== 'fiscal' && device !== 'printer' && device !== 'scale' && device !== 'scanner') || extra.length > 0) {
    throw new UsageError(`unknown: device simulate ${positionals.join(' ')}`.trim());
  }
  for (const [option, owner] of Object.entries(ONLY_FOR)) {
    if (values[option as keyof typeof values] !== undefined && owner !== device) throw new UsageError(`--${option} is for simulate ${owner}`);
  }
  if (device === 'scanner' && values.tcp !== undefined) throw new UsageError('a scanner is on a serial line: --port PATH');
  if ((values.port === undefined) === (values.tcp === undefined)) throw new UsageError('say where to simulate: --port PATH or --tcp PORT (one of them)');
  if (values.baud !== undefined && values.port === undefined) throw new UsageError('--baud goes with --port');
  const firmware = values.firmware ?? 'epson';
  if (!Object.hasOwn(FIRMWARE_CODE_PAGES, firmware)) throw new UsageError(`--firmware is one of ${Object.keys(FIRMWARE_CODE_PAGES).join(', ')}`);
  const protocol = values.protocol ?? 'cas';
  if (!isScaleProtocol(protocol)) throw new UsageError(`--protocol is one of ${SCALE_PROTOCOLS.join(', ')}`);
  const suffix = SUFFIXES[values.suffix ?? 'cr'];
  if (suffix === undefined) throw new UsageError(`--suffix is one of ${Object.keys(SUFFIXES).join(', ')}`);
  const grams = values.grams === undefined ? 0 : parseGrams(values.grams);
  const defaultBaud = device === 'scale' ? SCALE_DEFAULT_BAUD[protocol] : device === 'scanner' ? SCANNER_DEFAULT_BAUD : 115_200;
  const at: SimulateAt = {
    ...(values.port !== undefined ? { port: values.port } : {}),
    ...(values.tcp !== undefined ? { tcp: parsePort(values.tcp, '--tcp', 0) } : {}),
    baud: parseBaud(values.baud, defaultBaud),
  };

  // handlers first: a Ctrl-C while the port opens must stop us, not kill the process half set up
  const { stopped, release } = untilStopped(signal);
  let running: Running;
  try {
    switch (device) {
      case 'fiscal': running = await simulateFiscal(at); break;
      case 'printer': running = await simulatePrinter(at, firmware as Firmware, io); break;
      case 'scale': running = await simulateScale(at, protocol, grams, input, io); break;
      case 'scanner': running = await simulateScanner({ port: at.port ?? '', baud: at.baud }, { suffix, prefix: values.prefix ?? '' }, input, io); break;
    }
  } catch (err) {
    release();
    io.err(`Не удалось запустить симулятор / cannot start the simulator: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  io.out(`ready ${running.where}`);
  running.started?.();
  await (running.done ? Promise.race([stopped, running.done]) : stopped);
  release();
  await running.stop();
  io.err('stopped');
  return 0;
}
