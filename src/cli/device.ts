import { parseArgs } from 'node:util';
import type { ShtrihRegistrarOptions } from '../../drivers/shtrih/registrar.js';
import { fiscalCommand, FISCAL_USAGE } from './device-fiscal.js';
import { listPorts } from '../../drivers/port-list.js';
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

async function listCommand(argv: string[], io: CliOutput): Promise<number> {
  parseArgs({ args: argv, options: {}, strict: true });
  const { ports, warnings } = await listPorts();
  for (const w of warnings) io.err(w);
  io.out(json(ports));
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
