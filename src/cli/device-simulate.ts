import net from 'node:net';
import { parseArgs } from 'node:util';
import { FIRMWARE_CODE_PAGES } from '../../drivers/simulators/escpos/codepages.js';
import type { PaperElement } from '../../drivers/simulators/escpos/decoder.js';
import { elementText, VirtualEscPosPrinter } from '../../drivers/simulators/escpos/virtual-printer.js';
import { DeviceLink } from '../../drivers/simulators/shtrih/device-link.js';
import { VirtualRegistrar } from '../../drivers/simulators/shtrih/device.js';
import { SerialTransport } from '../../drivers/transports/serial.js';
import { socketTransport } from '../../drivers/transports/tcp.js';
import type { ByteTransport } from '../../drivers/transports/types.js';
import { parseBaud, parsePort } from './device-target.js';
import { UsageError, type CliOutput } from './output.js';

type Firmware = keyof typeof FIRMWARE_CODE_PAGES;

export const SIMULATE_USAGE = `lavka device simulate fiscal|printer (--port PATH [--baud N] | --tcp PORT) [--firmware F]
  runs a device simulator until Ctrl-C (SIGINT) or SIGTERM; prints "ready <where>" once it listens.
  --port      the device side of a serial line: a real port, or one end of a pty pair
              (socat -d -d pty,raw,echo=0 pty,raw,echo=0; give the other end to the till)
  --tcp       listen on 127.0.0.1:PORT (0 picks a free port, shown in the ready line)
  --firmware  printer only: code page numbering, ${Object.keys(FIRMWARE_CODE_PAGES).join(', ')} (default epson)
  fiscal   a virtual Shtrih-M registrar (its own shift, documents and fiscal storage, kept while it runs)
  printer  a virtual ESC/POS printer: each receipt's decoded text is printed here after its cut
  scale, scanner: not available yet
`;

/** Resolves on SIGINT, SIGTERM or the abort signal; `release` removes the process handlers again. */
function untilStopped(signal: AbortSignal | undefined): { stopped: Promise<void>; release(): void } {
  let release = () => undefined as void;
  const stopped = new Promise<void>((resolve) => {
    const done = () => {
      release();
      resolve();
    };
    release = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      signal?.removeEventListener('abort', done);
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
    signal?.addEventListener('abort', done);
    if (signal?.aborted) done();
  });
  return { stopped, release };
}

/** Serves each TCP connection on 127.0.0.1 with `serve`; close() drops the clients and stops listening. */
async function listen(port: number, serve: (link: ByteTransport) => () => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const stop = serve(socketTransport(socket));
    socket.on('close', () => {
      stop();
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

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

interface Running {
  where: string;
  stop(): Promise<void>;
}

async function simulateFiscal(where: { port?: string; tcp?: number; baud: number }): Promise<Running> {
  // one registrar for all connections: its shift and documents outlive a reconnecting till
  const registrar = new VirtualRegistrar();
  const serve = (link: ByteTransport) => {
    const device = new DeviceLink(link, (payload) => registrar.execute(payload));
    device.onPowerOff = () => registrar.reboot();
    return () => device.dispose();
  };
  if (where.port !== undefined) {
    const transport = await SerialTransport.open({ path: where.port, baudRate: where.baud });
    const stop = serve(transport);
    return { where: where.port, stop: async () => { stop(); await transport.close(); } };
  }
  const server = await listen(where.tcp ?? 0, serve);
  return { where: `127.0.0.1:${server.port}`, stop: () => server.close() };
}

async function simulatePrinter(where: { port?: string; tcp?: number; baud: number }, firmware: Firmware, io: CliOutput): Promise<Running> {
  const printer = new VirtualEscPosPrinter({ codePages: FIRMWARE_CODE_PAGES[firmware] });
  const echo = new ReceiptEcho(printer, io);
  const serve = (link: ByteTransport) => printer.attach(echoing(link, () => echo.check()));
  if (where.port !== undefined) {
    const transport = await SerialTransport.open({ path: where.port, baudRate: where.baud });
    const detach = serve(transport);
    return { where: where.port, stop: async () => { detach(); echo.flush(); await transport.close(); } };
  }
  const server = await listen(where.tcp ?? 0, serve);
  return { where: `127.0.0.1:${server.port}`, stop: async () => { await server.close(); echo.flush(); } };
}

/** `lavka device simulate …`: resolves with the exit code once stopped. */
export async function simulateCommand(argv: string[], io: CliOutput, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' }, tcp: { type: 'string' }, baud: { type: 'string' }, firmware: { type: 'string', default: 'epson' },
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
  if (device === 'scale' || device === 'scanner') {
    io.err(`Симулятор «${device}» пока не готов / the ${device} simulator is not available yet`);
    return 2;
  }
  if ((device !== 'fiscal' && device !== 'printer') || extra.length > 0) throw new UsageError(`unknown: device simulate ${positionals.join(' ')}`.trim());
  if ((values.port === undefined) === (values.tcp === undefined)) throw new UsageError('say where to simulate: --port PATH or --tcp PORT (one of them)');
  if (values.baud !== undefined && values.port === undefined) throw new UsageError('--baud goes with --port');
  const firmware = values.firmware;
  if (!Object.hasOwn(FIRMWARE_CODE_PAGES, firmware)) throw new UsageError(`--firmware is one of ${Object.keys(FIRMWARE_CODE_PAGES).join(', ')}`);
  const where = {
    ...(values.port !== undefined ? { port: values.port } : {}),
    ...(values.tcp !== undefined ? { tcp: parsePort(values.tcp, '--tcp', 0) } : {}),
    baud: parseBaud(values.baud, 115_200),
  };

  // handlers first: a Ctrl-C while the port opens must stop us, not kill the process half set up
  const { stopped, release } = untilStopped(signal);
  let running: Running;
  try {
    running = device === 'fiscal' ? await simulateFiscal(where) : await simulatePrinter(where, firmware as Firmware, io);
  } catch (err) {
    release();
    io.err(`Не удалось запустить симулятор / cannot start the simulator: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  io.out(`ready ${running.where}`);
  await stopped;
  await running.stop();
  io.err('stopped');
  return 0;
}
