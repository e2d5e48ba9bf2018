import { parseArgs } from 'node:util';
import { ShtrihDeviceError, ShtrihError, ShtrihLinkError, type LinkFailure } from '../../drivers/shtrih/errors.js';
import { Mode } from '../../drivers/shtrih/fiscal-codes.js';
import { ShtrihRegistrar, type ShtrihRegistrarOptions } from '../../drivers/shtrih/registrar.js';
import type { ByteTransport } from '../../drivers/transports/types.js';
import { describeTarget, errorText, openTarget, pickTarget } from './device-target.js';
import { json, UsageError, type CliOutput } from './output.js';

/** Shtrih-M registrars on Ethernet / RNDIS listen here by default. */
export const SHTRIH_TCP_PORT = 7778;

/** Appendix 1 of the protocol: the low nibble of the mode byte. */
const MODE_NAMES: Record<number, string> = {
  1: 'data output',
  2: 'shift open',
  3: 'shift open, 24 hours over',
  4: 'shift closed',
  5: 'locked: wrong tax inspector password',
  6: 'awaiting date confirmation',
  7: 'decimal point change allowed',
  8: 'document open',
  9: 'technological reset allowed',
  10: 'test run',
  11: 'printing full fiscal report',
  12: 'slip document open',
  13: 'printing slip document',
  14: 'slip document formed',
};

const SUBMODE_NAMES: Record<number, string> = {
  0: 'ready',
  1: 'paper out (idle)',
  2: 'paper out while printing',
  3: 'awaiting continue-print after paper out',
  4: 'printing full report',
  5: 'printing',
};

const LINK_FAILURE_EN: Record<LinkFailure, string> = {
  'no-connection': 'The fiscal registrar does not answer: check the cable, power, port and baud rate',
  'answer-lost': 'The registrar\'s answer was lost: the outcome of the command is unknown',
  'retries-exhausted': 'Too many errors on the line to the registrar (NAKs, bad checksums)',
};

export interface FiscalProblem {
  /** which query failed: open, deviceType, status, fnStatus, shiftParams, unsentCount */
  step: string;
  /** registrar error code (0x..) or link failure kind */
  code: string | null;
  ru: string;
  en: string;
  detail: string;
}

/** What `lavka device fiscal status` prints. null: not read (the query failed or the device did not answer). */
export interface FiscalStatusReport {
  ok: boolean;
  transport: string;
  device: string | null;
  model: number | null;
  protocol: string | null;
  mode: number | null;
  modeName: string | null;
  submode: number | null;
  submodeName: string | null;
  shiftOpen: boolean | null;
  shiftExpired: boolean | null;
  shiftNumber: number | null;
  receiptOpen: boolean | null;
  paperOut: boolean | null;
  fnNumber: string | null;
  fnShiftOpen: boolean | null;
  lastFiscalDocument: number | null;
  unsentToOfd: number | null;
  /** not failures, but what the owner must act on: shift over 24 hours, paper out */
  warnings: { ru: string; en: string }[];
  errors: FiscalProblem[];
}

export const FISCAL_USAGE = `lavka device fiscal status (--port PATH [--baud N] | --tcp HOST[:PORT]) [--password N]
  reads a Shtrih-M registrar: mode, shift, FN number, last fiscal document, unsent to the OFD.
  --baud      serial speed (default 115200)
  --tcp       a registrar on the network (Shtrih-M over TCP, default port ${SHTRIH_TCP_PORT})
  --password  operator/administrator password for the queries (default 30)
  Exit 0 when every query was answered, 1 when the registrar did not answer or refused.
`;

function problemOf(step: string, err: unknown): FiscalProblem {
  if (err instanceof ShtrihDeviceError) {
    return { step, code: `0x${err.errorCode.toString(16).padStart(2, '0')}`, ru: err.ru, en: err.en, detail: err.message };
  }
  if (err instanceof ShtrihLinkError) return { step, code: err.failure, ru: err.ru, en: LINK_FAILURE_EN[err.failure], detail: err.message };
  if (err instanceof ShtrihError) return { step, code: null, ru: err.ru, en: err.message, detail: err.message };
  // the transport itself failed: a TCP connection refused, a serial port gone
  return {
    step, code: null,
    ru: 'Нет связи с ККТ: проверьте кабель, питание, адрес и порт',
    en: 'Cannot reach the fiscal registrar: check the cable, power, address and port',
    detail: errorText(err),
  };
}

/** A failure that means nobody is there: asking anything else would only wait out more timeouts. */
function unreachable(err: unknown): boolean {
  return !(err instanceof ShtrihError) || (err instanceof ShtrihLinkError && err.failure === 'no-connection');
}

function emptyReport(transport: string): FiscalStatusReport {
  return {
    ok: false, transport, device: null, model: null, protocol: null,
    mode: null, modeName: null, submode: null, submodeName: null,
    shiftOpen: null, shiftExpired: null, shiftNumber: null, receiptOpen: null, paperOut: null,
    fnNumber: null, fnShiftOpen: null, lastFiscalDocument: null, unsentToOfd: null,
    warnings: [], errors: [],
  };
}

function printReport(report: FiscalStatusReport, io: CliOutput): number {
  io.out(json(report));
  for (const e of report.errors) io.err(`${e.ru} / ${e.en}`);
  return report.ok ? 0 : 1;
}

/** Asks everything it can; each answer fills its fields, each failure adds an error. */
export async function readFiscalStatus(transport: ByteTransport, driver: ShtrihRegistrarOptions): Promise<FiscalStatusReport> {
  const r = emptyReport(transport.description);
  const registrar = new ShtrihRegistrar(transport, driver);
  const steps: [string, () => Promise<void>][] = [
    ['deviceType', async () => {
      const d = await registrar.deviceType();
      r.device = d.name;
      r.model = d.model;
      r.protocol = `${d.protocolVersion}.${d.protocolSubversion}`;
    }],
    ['status', async () => {
      const s = await registrar.status();
      r.mode = s.mode;
      r.modeName = MODE_NAMES[s.mode] ?? `mode ${s.mode}`;
      r.submode = s.submode;
      r.submodeName = SUBMODE_NAMES[s.submode] ?? `submode ${s.submode}`;
      r.shiftOpen = s.shiftOpen;
      r.shiftExpired = s.shiftExpired;
      r.receiptOpen = s.receiptOpen;
      r.paperOut = s.paperOut;
      if (s.mode === Mode.shiftExpired) r.warnings.push({ ru: 'Смена длится больше 24 часов: снимите Z-отчёт', en: 'The shift is over 24 hours old: close it (Z report) before selling' });
      if (s.paperOut) r.warnings.push({ ru: 'В ККТ нет бумаги', en: 'The registrar is out of paper' });
      if (s.awaitingContinue) r.warnings.push({ ru: 'ККТ ждёт продолжения печати после замены бумаги', en: 'The registrar waits to continue printing after a paper change' });
    }],
    ['fnStatus', async () => {
      const fn = await registrar.fnStatus();
      r.fnNumber = fn.fnNumber;
      r.fnShiftOpen = fn.shiftOpen;
      r.lastFiscalDocument = fn.lastDocumentNumber;
    }],
    ['shiftParams', async () => {
      r.shiftNumber = (await registrar.shiftParams()).shiftNumber;
    }],
    ['unsentCount', async () => {
      r.unsentToOfd = await registrar.unsentCount();
    }],
  ];
  try {
    for (const [step, run] of steps) {
      try {
        await run();
      } catch (err) {
        r.errors.push(problemOf(step, err));
        if (unreachable(err)) break;
      }
    }
  } finally {
    registrar.dispose();
  }
  r.ok = r.errors.length === 0;
  return r;
}

function parsePassword(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d{1,8}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n)) throw new UsageError(`--password is a number (the registrar's operator password, 30 by default), got "${value}"`);
  return n;
}

/** `lavka device fiscal …` */
export async function fiscalCommand(argv: string[], io: CliOutput, driver: ShtrihRegistrarOptions = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' }, baud: { type: 'string' }, tcp: { type: 'string' }, password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(FISCAL_USAGE);
    return 0;
  }
  const [sub, ...extra] = positionals;
  if (sub !== 'status' || extra.length > 0) throw new UsageError(`unknown: device fiscal ${positionals.join(' ')}`.trim());
  const target = pickTarget(values, { baudRate: 115_200, tcpPort: SHTRIH_TCP_PORT });
  const password = parsePassword(values.password);
  const options: ShtrihRegistrarOptions = { ...(password !== undefined ? { operatorPassword: password, adminPassword: password } : {}), ...driver };

  let transport: ByteTransport;
  try {
    transport = await openTarget(target);
  } catch (err) {
    const where = describeTarget(target);
    const report = emptyReport(where);
    report.errors.push({ step: 'open', code: null, ru: `Не удалось открыть порт: ${where}`, en: `Cannot open ${where}`, detail: errorText(err) });
    return printReport(report, io);
  }
  try {
    return printReport(await readFiscalStatus(transport, options), io);
  } finally {
    await transport.close();
  }
}
