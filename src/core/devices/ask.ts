import type { DeviceState } from '../../shared/contract/devices.js';
import type { DeviceStatus, ReceiptPrinter } from '../ports/devices.js';
import { FiscalError, type FiscalRegistrar, type FiscalState } from '../ports/fiscal.js';

/** What a device said when asked: the part of its DeviceState that asking can change. */
export type Heard = Pick<DeviceState, 'state' | 'problem' | 'detail'>;

export const OK: Heard = { state: 'ok', problem: null, detail: null };

export function errorDetail(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A printer's status: paper near end still prints (a warning), paper out does not. */
export function heardOfPrinter(s: DeviceStatus): Heard {
  if (!s.ok) return { state: 'problem', problem: s.problem ?? 'devices.printerError', detail: null };
  return s.problem ? { state: 'warning', problem: s.problem, detail: null } : OK;
}

/** The registrar's state: a shift over 24 hours or no paper is the owner's to act on before the next sale. */
export function heardOfFiscal(s: FiscalState): Heard {
  if (s.shiftExpired) return { state: 'warning', problem: 'devices.shiftOver24h', detail: null };
  if (s.paperOut) return { state: 'problem', problem: 'devices.paperOut', detail: null };
  return OK;
}

/**
 * A failed device call as a problem: drivers that speak to the till name it by an i18n key
 * (devices.paperOut, with the detail beside it); anything else is a device we lost.
 */
export function heardOfError(err: unknown): Heard {
  if (err instanceof FiscalError) {
    return { state: 'problem', problem: err.failure === 'no-connection' ? 'devices.offline' : 'devices.fiscalError', detail: err.ru };
  }
  const message = errorDetail(err);
  if (!message.startsWith('devices.')) return { state: 'problem', problem: 'devices.offline', detail: message };
  const detail = (err as { detail?: unknown }).detail;
  return { state: 'problem', problem: message, detail: typeof detail === 'string' ? detail : null };
}

export async function askPrinter(printer: ReceiptPrinter): Promise<Heard> {
  try {
    return heardOfPrinter(await printer.status());
  } catch (err) {
    return heardOfError(err);
  }
}

export async function askFiscal(fiscal: FiscalRegistrar): Promise<Heard> {
  try {
    return heardOfFiscal(await fiscal.state());
  } catch (err) {
    return heardOfError(err);
  }
}
