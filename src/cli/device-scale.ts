import { parseArgs } from 'node:util';
import { isScaleProtocol, MASSAK_TCP_PORT, SCALE_DEFAULT_BAUD, SCALE_PROTOCOLS, scaleOn, type ScaleProtocol } from '../../drivers/scale/index.js';
import type { ByteTransport } from '../../drivers/transports/types.js';
import { ScaleError } from '../core/ports/scale.js';
import { describeTarget, errorText, openTarget, pickTarget } from './device-target.js';
import { json, UsageError, type CliOutput } from './output.js';

export const SCALE_USAGE = `lavka device scale read (--port PATH [--baud N] | --tcp HOST[:PORT]) [--protocol P]
  one reading from the scale, as JSON: grams (whole, below zero when so), stable; exit 1 when none
  --protocol  cas: CAS AP / ER / PD-II, ENQ-ACK-DC1, 9600 baud (default)
              massak: Massa-K Протокол 100, 57600 baud, or TCP port ${MASSAK_TCP_PORT}
`;

/** What `lavka device scale read` prints. */
export interface ScaleReadReport {
  ok: boolean;
  transport: string;
  protocol: ScaleProtocol;
  grams: number | null;
  stable: boolean | null;
  /** failure: a ScaleFailure, or 'open' when the port could not be opened */
  error: { failure: string; ru: string; en: string } | null;
}

function print(report: ScaleReadReport, io: CliOutput): number {
  io.out(json(report));
  if (report.error) io.err(`${report.error.ru} / ${report.error.en}`);
  return report.ok ? 0 : 1;
}

/** `lavka device scale …` */
export async function scaleCommand(argv: string[], io: CliOutput): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' }, baud: { type: 'string' }, tcp: { type: 'string' }, protocol: { type: 'string', default: 'cas' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(SCALE_USAGE);
    return 0;
  }
  const [sub, ...extra] = positionals;
  if (sub !== 'read' || extra.length > 0) throw new UsageError(`unknown: device scale ${positionals.join(' ')}`.trim());
  const protocol = values.protocol;
  if (!isScaleProtocol(protocol)) throw new UsageError(`--protocol is one of ${SCALE_PROTOCOLS.join(', ')}`);
  const target = pickTarget(values, { baudRate: SCALE_DEFAULT_BAUD[protocol], tcpPort: MASSAK_TCP_PORT });
  const report: ScaleReadReport = { ok: false, transport: describeTarget(target), protocol, grams: null, stable: null, error: null };

  let transport: ByteTransport;
  try {
    transport = await openTarget(target);
  } catch (err) {
    report.error = { failure: 'open', ru: `Не удалось открыть порт: ${report.transport}`, en: `Cannot open ${report.transport}: ${errorText(err)}` };
    return print(report, io);
  }
  const scale = scaleOn(protocol, transport);
  try {
    const reading = await scale.readWeight();
    Object.assign(report, { ok: true, grams: reading.grams, stable: reading.stable });
  } catch (err) {
    if (!(err instanceof ScaleError)) throw err;
    report.error = { failure: err.failure, ru: err.ru, en: err.message };
  } finally {
    await scale.dispose();
    await transport.close();
  }
  return print(report, io);
}
