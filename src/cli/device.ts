import { readdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SerialPort } from 'serialport';
import type { ShtrihRegistrarOptions } from '../../drivers/shtrih/registrar.js';
import { fiscalCommand, FISCAL_USAGE } from './device-fiscal.js';
import { HidPosScanner } from '../../drivers/scanner/hid.js';
import { printerCommand, PRINTER_USAGE } from './device-printer.js';
import { scaleCommand, SCALE_USAGE } from './device-scale.js';
import { simulateCommand, SIMULATE_USAGE } from './device-simulate.js';
import { consoleOutput, isParseArgsError, json, UsageError, type CliOutput } from './output.js';

export const DEVICE_USAGE = `lavka device — the till's devices from the command line

  lavka device list
      serial ports, USB printer device files and HID POS scanners, as JSON
  ${FISCAL_USAGE.trimEnd().replace(/\n/g, '\n  ')}

  ${PRINTER_USAGE.trimEnd().replace(/\n/g, '\n  ')}

  ${SCALE_USAGE.trimEnd().replace(/\n/g, '\n  ')}

  ${SIMULATE_USAGE.trimEnd().replace(/\n/g, '\n  ')}
`;

export interface DeviceCommandOptions {
  out?: CliOutput;
  /** stops a running simulator, as SIGINT would (tests, embedding) */
  signal?: AbortSignal;
  /** what the scale and scanner simulators read their commands and codes from; stdin by default */
  input?: NodeJS.ReadableStream;
  /** overrides for the registrar driver, e.g. shorter link timings (tests) */
  fiscalDriver?: ShtrihRegistrarOptions;
}

export interface DeviceListEntry {
  kind: 'serial' | 'usb-printer' | 'hid-pos-scanner';
  path: string;
  manufacturer: string | null;
  vendorId: string | null;
  productId: string | null;
  serialNumber: string | null;
}

/** USB printer-class devices (usblp): /dev/usb/lp0, lp1… on Linux. */
async function usbPrinters(): Promise<string[]> {
  if (process.platform !== 'linux') return [];
  try {
    const names = await readdir('/dev/usb');
    return names.filter((n) => /^lp\d+$/.test(n)).sort((a, b) => Number(a.slice(2)) - Number(b.slice(2))).map((n) => `/dev/usb/${n}`);
  } catch {
    return [];
  }
}

/** Serial device names, for when the port list cannot be had (no udevadm in a container): no vendor details. */
async function serialDeviceNames(): Promise<string[]> {
  try {
    const names = await readdir('/dev');
    return names.filter((n) => /^tty(S|USB|ACM|AMA)\d+$/.test(n)).sort().map((n) => `/dev/${n}`);
  } catch {
    return [];
  }
}

async function listCommand(argv: string[], io: CliOutput): Promise<number> {
  parseArgs({ args: argv, options: {}, strict: true });
  const serial: DeviceListEntry[] = await SerialPort.list().then(
    (ports) => ports.map((p) => ({
      kind: 'serial' as const, path: p.path, manufacturer: p.manufacturer ?? null,
      vendorId: p.vendorId ?? null, productId: p.productId ?? null, serialNumber: p.serialNumber ?? null,
    })),
    async (err: unknown) => {
      io.err(`Нет сведений о портах, только имена устройств / no port details (${err instanceof Error ? err.message : String(err)}): device names only`);
      return (await serialDeviceNames()).map((path) => ({
        kind: 'serial' as const, path, manufacturer: null, vendorId: null, productId: null, serialNumber: null,
      }));
    },
  );
  const printers: DeviceListEntry[] = (await usbPrinters()).map((path) => ({
    kind: 'usb-printer', path, manufacturer: null, vendorId: null, productId: null, serialNumber: null,
  }));
  const hex = (id: number) => id.toString(16).padStart(4, '0');
  const scanners: DeviceListEntry[] = await HidPosScanner.list().then(
    (found) => found.map((d) => ({
      kind: 'hid-pos-scanner' as const, path: d.path, manufacturer: d.manufacturer,
      vendorId: hex(d.vendorId), productId: hex(d.productId), serialNumber: d.serialNumber,
    })),
    (err: unknown) => {
      io.err(`Нет сведений о HID-устройствах / no HID device list (${err instanceof Error ? err.message : String(err)})`);
      return [];
    },
  );
  io.out(json([...serial, ...printers, ...scanners]));
  return 0;
}

/**
 * `lavka device …`; resolves with the exit code: 0 fine, 1 the device failed or
 * reported a problem, 2 the command was called wrongly.
 * A simulator runs until SIGINT/SIGTERM or `options.signal`.
 */
export async function deviceCommand(argv: string[], options: DeviceCommandOptions = {}): Promise<number> {
  const io = options.out ?? consoleOutput;
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case 'list':
        return await listCommand(rest, io);
      case 'fiscal':
        return await fiscalCommand(rest, io, options.fiscalDriver);
      case 'printer':
        return await printerCommand(rest, io);
      case 'scale':
        return await scaleCommand(rest, io);
      case 'simulate':
        return await simulateCommand(rest, io, options.signal, options.input);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(DEVICE_USAGE);
        return sub === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown device command: ${sub}`);
    }
  } catch (err) {
    if (!(err instanceof UsageError) && !isParseArgsError(err)) throw err;
    io.err(err.message);
    io.err('see: lavka device --help');
    return 2;
  }
}
