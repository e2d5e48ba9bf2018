import type { FiscalDocument, FiscalLine, FiscalReceipt, FiscalRegistrar, FiscalState, StoredReceipt } from '../../src/core/ports/fiscal.js';
import { FiscalError } from '../../src/core/ports/fiscal.js';
import { lineAmount } from '../../src/shared/money.js';
import { FiscalOutcomeUnknownError, ShtrihDeviceError, ShtrihError, ShtrihLinkError } from './errors.js';
import { DocType } from './fiscal-codes.js';
import { receiptQrString } from './qr.js';
import type { ShtrihRegistrar } from './registrar.js';
import type { ReceiptInput } from './receipt.js';

const SHIFT_EXPIRED = new Set([0x16, 0x4e]);
const SUBJECT_GOODS = 1;
const SUBJECT_MARKED_GOODS = 33;

type RegistrarLine = ReceiptInput['lines'][number];

/**
 * The registrar checks each line's sum against unit price × quantity to the kopeck, so a
 * discounted line is told as the price it was really sold at; a line of pieces whose sum
 * does not divide evenly is split into two lines at neighbouring prices.
 */
export function registrarLines(line: FiscalLine): RegistrarLine[] {
  const base = {
    name: line.name, vat: line.vatTag, subject: line.markingCode ? SUBJECT_MARKED_GOODS : SUBJECT_GOODS,
    ...(line.markingCode ? { markingCode: line.markingCode } : {}),
  };
  if (lineAmount(line.price, line.qty) === line.total) return [{ ...base, price: line.price, qty: line.qty, total: line.total }];
  if (line.qty % 1000 === 0) {
    const pieces = line.qty / 1000;
    const unit = Math.floor(line.total / pieces);
    const dearer = line.total - unit * pieces;
    const lines: RegistrarLine[] = [];
    if (pieces - dearer > 0) lines.push({ ...base, price: unit, qty: (pieces - dearer) * 1000, total: unit * (pieces - dearer) });
    if (dearer > 0) lines.push({ ...base, price: unit + 1, qty: dearer * 1000, total: (unit + 1) * dearer });
    return lines;
  }
  const price = Math.round((line.total * 1000) / line.qty);
  if (Math.abs(lineAmount(price, line.qty) - line.total) > 1) {
    throw new FiscalError('refused', 'Скидку на эту весовую строку нельзя передать в ККТ: уменьшите её', `line "${line.name}": ${line.total} is not ${price} × ${line.qty}`);
  }
  return [{ ...base, price, qty: line.qty, total: line.total }];
}

function asFiscalError(e: unknown): unknown {
  if (e instanceof FiscalError) return e;
  if (e instanceof FiscalOutcomeUnknownError) return new FiscalError('outcome-unknown', e.ru, e.message);
  if (e instanceof ShtrihDeviceError && SHIFT_EXPIRED.has(e.errorCode)) return new FiscalError('shift-expired', e.ru, e.message);
  if (e instanceof ShtrihLinkError) return new FiscalError(e.mayHaveExecuted ? 'outcome-unknown' : 'no-connection', e.ru, e.message);
  if (e instanceof ShtrihError) return new FiscalError('refused', e.ru, e.message);
  return e;
}

async function mapped<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw asFiscalError(e);
  }
}

/** A Shtrih-M registrar as the core's FiscalRegistrar port. */
export class ShtrihFiscal implements FiscalRegistrar {
  constructor(private readonly registrar: ShtrihRegistrar) {}

  state(): Promise<FiscalState> {
    return mapped(async () => {
      const status = await this.registrar.status();
      const fn = await this.registrar.fnStatus();
      return { shiftOpen: status.shiftOpen, shiftExpired: status.shiftExpired, lastDocNumber: fn.lastDocumentNumber, paperOut: status.paperOut };
    });
  }

  openShift(cashier: FiscalReceipt['cashier']): Promise<void> {
    return mapped(async () => {
      await this.registrar.openShift({ cashier: cashier.name, ...(cashier.inn ? { inn: cashier.inn } : {}) });
    });
  }

  closeShift(cashier: FiscalReceipt['cashier']): Promise<void> {
    return mapped(async () => {
      const status = await this.registrar.status();
      if (status.shiftOpen) await this.registrar.closeShift({ cashier: cashier.name, ...(cashier.inn ? { inn: cashier.inn } : {}) });
    });
  }

  fiscalise(receipt: FiscalReceipt): Promise<FiscalDocument> {
    return mapped(async () => {
      const sold = await this.registrar.sell({
        kind: receipt.kind === 'sale' ? 'sale' : 'saleReturn',
        lines: receipt.lines.flatMap(registrarLines),
        payments: { cash: receipt.cash, electronic: receipt.card },
        taxSystem: receipt.taxSystem,
      });
      return {
        fiscalDocNumber: sold.fiscalDocNumber, fiscalSign: String(sold.fiscalSign), fnNumber: sold.fnNumber,
        fiscalShift: sold.shiftNumber, receiptNumber: sold.receiptNumber, at: sold.at.toISOString(), qr: sold.qr,
      };
    });
  }

  lastReceipt(): Promise<StoredReceipt | null> {
    return mapped(async () => {
      const doc = await this.registrar.lastDocument();
      if (!doc) return null;
      const fn = await this.registrar.fnStatus();
      if (doc.type !== DocType.receipt || !('receiptType' in doc)) return null;
      const kind = doc.receiptType === 1 ? 'sale' : doc.receiptType === 2 ? 'return' : 'other';
      return {
        kind, total: doc.total,
        document: {
          fiscalDocNumber: doc.fiscalDocNumber, fiscalSign: String(doc.fiscalSign), fnNumber: fn.fnNumber, fiscalShift: null, receiptNumber: null,
          at: doc.at.toISOString(),
          qr: receiptQrString({ at: doc.at, total: doc.total, fnNumber: fn.fnNumber, fiscalDocNumber: doc.fiscalDocNumber, fiscalSign: doc.fiscalSign, receiptType: doc.receiptType }),
        },
      };
    });
  }

  cashIn(amount: number): Promise<void> {
    return mapped(async () => {
      await this.registrar.cashIn(amount);
    });
  }

  cashOut(amount: number): Promise<void> {
    return mapped(async () => {
      await this.registrar.cashOut(amount);
    });
  }

  xReport(): Promise<void> {
    return mapped(() => this.registrar.xReport());
  }
}
