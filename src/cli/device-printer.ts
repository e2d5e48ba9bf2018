import { parseArgs } from 'node:util';
import { EscPosPrinter } from '../../drivers/escpos/printer.js';
import { PROFILES, type PrinterProfile, type ProfileId } from '../../drivers/escpos/profiles.js';
import type { ByteTransport } from '../../drivers/transports/types.js';
import type { DeviceStatus, PrintDoc } from '../core/ports/devices.js';
import { translate } from '../shared/i18n/index.js';
import { describeTarget, errorText, openTarget, pickTarget } from './device-target.js';
import { json, UsageError, type CliOutput } from './output.js';

export const DEFAULT_PROFILE: ProfileId = 'epson-80';

export const PRINTER_USAGE = `lavka device printer test (--port PATH [--baud N] | --tcp HOST[:PORT] | --file /dev/usb/lp0) [--profile P] [--codepages]
  prints a short test receipt (or, with --codepages, the code page test page) and the printer's status as JSON.
  --baud       serial speed (default 9600)
  --tcp        a network printer (raw port, default 9100)
  --file       a USB printer-class device file
  --profile    ${Object.keys(PROFILES).join(', ')} (default ${DEFAULT_PROFILE})
  --codepages  print one Cyrillic line per candidate code page: save the number of the line that reads right
  Exit 0 when it printed and the printer is ready, 1 when it reports a problem or does not answer.
`;

function isProfileId(id: string): id is ProfileId {
  return Object.hasOwn(PROFILES, id);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A short receipt that shows the code page, the layout, the QR and the cutter at a glance. */
export function testReceipt(profile: PrinterProfile, at: Date = new Date()): PrintDoc {
  const when = `${pad2(at.getDate())}.${pad2(at.getMonth() + 1)}.${at.getFullYear()} ${pad2(at.getHours())}:${pad2(at.getMinutes())}`;
  return {
    items: [
      { kind: 'text', text: 'Магазин «Лавка»', align: 'center', bold: true },
      { kind: 'text', text: 'Проверка печати', align: 'center' },
      { kind: 'rule' },
      { kind: 'pair', left: 'Принтер', right: profile.id },
      { kind: 'pair', left: 'Кодовая страница', right: `${profile.codePage.number} ${profile.codePage.encoding}` },
      { kind: 'pair', left: 'Дата', right: when },
      { kind: 'text', text: 'Ёжик съел щи: АБВГД абвгд №1' },
      { kind: 'rule' },
      { kind: 'qr', data: `LAVKA PRINTER TEST ${profile.id}` },
      { kind: 'text', text: 'Печать в порядке', align: 'center' },
      { kind: 'feed', lines: 3 },
      { kind: 'cut' },
    ],
  };
}

export interface PrinterTestReport {
  ok: boolean;
  transport: string;
  profile: string;
  /** what was sent; null when the printer was not ready and nothing was */
  printed: 'test receipt' | 'code page test' | null;
  /** false on a one-way link: the printer cannot be asked, so "ok" only means the bytes went out */
  statusKnown: boolean;
  status: DeviceStatus & { ru: string | null; en: string | null };
  flags: Awaited<ReturnType<EscPosPrinter['flags']>>;
  error: string | null;
}

function withText(s: DeviceStatus): PrinterTestReport['status'] {
  return { ...s, ru: s.problem ? translate('ru', s.problem) : null, en: s.problem ? translate('en', s.problem) : null };
}

export async function printerTest(transport: ByteTransport, profile: PrinterProfile, codepages: boolean, statusTimeoutMs?: number): Promise<PrinterTestReport> {
  const printer = new EscPosPrinter(transport, { profile, ...(statusTimeoutMs !== undefined ? { statusTimeoutMs } : {}) });
  const report: PrinterTestReport = {
    ok: false, transport: transport.description, profile: profile.id, printed: null, statusKnown: printer.canQueryStatus,
    status: withText({ ok: false, problem: null }), flags: null, error: null,
  };
  try {
    const before = await printer.status();
    if (before.ok) {
      try {
        if (codepages) await printer.printCodePageTest();
        else await printer.print(testReceipt(profile));
        report.printed = codepages ? 'code page test' : 'test receipt';
      } catch (err) {
        report.error = errorText(err);
      }
    }
    // after printing: a printer that ran out of paper or opened its cover mid-page says so now
    report.status = withText(before.ok ? await printer.status() : before);
    report.flags = await printer.flags();
    report.statusKnown = printer.canQueryStatus;
  } finally {
    await printer.close();
  }
  report.ok = report.printed !== null && report.status.ok && report.error === null;
  return report;
}

/** `lavka device printer …` */
export async function printerCommand(argv: string[], io: CliOutput): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' }, baud: { type: 'string' }, tcp: { type: 'string' }, file: { type: 'string' },
      profile: { type: 'string', default: DEFAULT_PROFILE }, codepages: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(PRINTER_USAGE);
    return 0;
  }
  const [sub, ...extra] = positionals;
  if (sub !== 'test' || extra.length > 0) throw new UsageError(`unknown: device printer ${positionals.join(' ')}`.trim());
  if (!isProfileId(values.profile)) throw new UsageError(`--profile is one of ${Object.keys(PROFILES).join(', ')}, got "${values.profile}"`);
  const profile: PrinterProfile = PROFILES[values.profile];
  const target = pickTarget(values, { baudRate: 9_600, tcpPort: 9_100 });

  let transport: ByteTransport;
  try {
    transport = await openTarget(target);
  } catch (err) {
    io.out(json({ ok: false, transport: describeTarget(target), profile: profile.id, printed: null, statusKnown: false,
      status: withText({ ok: false, problem: 'devices.offline' }), flags: null, error: errorText(err) }));
    io.err(`${translate('ru', 'devices.offline')} / ${translate('en', 'devices.offline')}: ${errorText(err)}`);
    return 1;
  }
  const report = await printerTest(transport, profile, values.codepages);
  io.out(json(report));
  if (!report.ok) {
    const problem = report.status.problem;
    io.err(problem ? `${translate('ru', problem)} / ${translate('en', problem)}` : `не напечатано / not printed: ${report.error ?? 'unknown'}`);
  }
  return report.ok ? 0 : 1;
}
