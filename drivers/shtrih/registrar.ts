import type { ByteTransport } from '../transports/types.js';
import { Cmd } from './commands.js';
import { FiscalOutcomeUnknownError, ShtrihDeviceError, ShtrihLinkError, ShtrihUsageError } from './errors.js';
import { DEFAULT_TAX_GROUPS, DocType, Mode, ReceiptType, Submode, TAX_SYSTEM_BIT, taxGroupMask, type TaxGroupTable } from './fiscal-codes.js';
import { DEFAULT_TIMINGS, ShtrihLink, type LinkTimings } from './link.js';
import * as P from './protocol.js';
import { ReceiptSchema, paymentSlots, receiptTotal, type Receipt, type ReceiptInput } from './receipt.js';
import { receiptQrString } from './qr.js';
import { Tag, stringTlv, type Tlv } from './tlv.js';
import * as M from './marking.js';

/**
 * How long each kind of command may keep the registrar busy before its answer.
 * A status is instant; a receipt close talks to the fiscal storage and prints;
 * a shift report prints a long slip.
 */
export interface AnswerTimeouts {
  query: number;
  operation: number;
  document: number;
  report: number;
}

export const DEFAULT_ANSWER_TIMEOUTS: AnswerTimeouts = { query: 3_000, operation: 5_000, document: 20_000, report: 90_000 };

type TimeoutClass = keyof AnswerTimeouts;

/** Per command: its timeout class and whether sending it twice is harmless. */
const COMMAND_TRAITS: Record<number, { timeout: TimeoutClass; idempotent: boolean }> = {
  [Cmd.shortStatus]: { timeout: 'query', idempotent: true },
  [Cmd.deviceType]: { timeout: 'query', idempotent: true },
  [Cmd.fnStatus]: { timeout: 'query', idempotent: true },
  [Cmd.fnNumber]: { timeout: 'query', idempotent: true },
  [Cmd.findDocument]: { timeout: 'query', idempotent: true },
  [Cmd.ofdExchangeStatus]: { timeout: 'query', idempotent: true },
  [Cmd.shiftParams]: { timeout: 'query', idempotent: true },
  [Cmd.continuePrint]: { timeout: 'document', idempotent: true },
  [Cmd.cancelReceipt]: { timeout: 'document', idempotent: false },
  [Cmd.sendTlv]: { timeout: 'operation', idempotent: false },
  [Cmd.operationV2]: { timeout: 'operation', idempotent: false },
  [Cmd.beginOpenShift]: { timeout: 'operation', idempotent: false },
  [Cmd.beginCloseShift]: { timeout: 'operation', idempotent: false },
  [Cmd.openShiftFn]: { timeout: 'document', idempotent: false },
  [Cmd.closeReceiptV2]: { timeout: 'document', idempotent: false },
  [Cmd.cashIn]: { timeout: 'document', idempotent: false },
  [Cmd.cashOut]: { timeout: 'document', idempotent: false },
  [Cmd.xReport]: { timeout: 'report', idempotent: false },
  [Cmd.zReport]: { timeout: 'report', idempotent: false },
  [Cmd.closeShiftFn]: { timeout: 'report', idempotent: false },
  [Cmd.checkMarking]: { timeout: 'document', idempotent: false },
  [Cmd.acceptMarking]: { timeout: 'operation', idempotent: false },
  [Cmd.bindMarking]: { timeout: 'document', idempotent: false },
};

export interface ShtrihRegistrarOptions {
  /** operator password for cashier commands (default 30, the system administrator) */
  operatorPassword?: number;
  /** system administrator password for fiscal storage (FFxx) commands (default 30) */
  adminPassword?: number;
  timings?: Partial<LinkTimings>;
  answerTimeouts?: Partial<AnswerTimeouts>;
  /** refuse a sale whose marking code fails the check (default true); false sells it anyway, as the law allows the cashier */
  rejectInvalidMarking?: boolean;
  /** tag 1199 value → registrar tax group, as programmed in its table 6 */
  taxGroups?: TaxGroupTable;
  onLinkEvent?: (message: string) => void;
}

export interface Cashier {
  /** tag 1021: the cashier's name and, by custom, position */
  cashier: string;
  /** tag 1203, 12 digits */
  inn?: string;
}

export interface ShiftResult {
  shiftNumber: number;
  fiscalDocNumber: number;
  fiscalSign: number;
}

export interface SaleResult {
  fiscalDocNumber: number;
  fiscalSign: number;
  fnNumber: string;
  /** null when the registrar did not say after the close (the sale itself went through) */
  shiftNumber: number | null;
  receiptNumber: number | null;
  /** the fiscal storage's date and time of the receipt (what the QR code must carry) */
  at: Date;
  total: number;
  change: number;
  receiptType: number;
  /** the receipt is fiscalised but its paper copy is not fully printed yet (paper out) */
  printPending: boolean;
  qr: string;
}

export interface RegistrarStatus extends P.ShortStatus {
  shiftOpen: boolean;
  shiftExpired: boolean;
  receiptOpen: boolean;
  paperOut: boolean;
  awaitingContinue: boolean;
}

/**
 * A Shtrih-M fiscal registrar (54-FZ) behind a byte transport. Methods are
 * serialised by the link; each one is a short, complete conversation.
 */
export class ShtrihRegistrar {
  private readonly link: ShtrihLink;
  private readonly opPw: number;
  private readonly adminPw: number;
  private readonly timeouts: AnswerTimeouts;
  private readonly taxGroups: TaxGroupTable;
  private readonly rejectInvalidMarking: boolean;

  constructor(transport: ByteTransport, options: ShtrihRegistrarOptions = {}) {
    this.link = new ShtrihLink(transport, { ...DEFAULT_TIMINGS, ...options.timings }, { onEvent: options.onLinkEvent });
    this.opPw = options.operatorPassword ?? 30;
    this.adminPw = options.adminPassword ?? 30;
    this.timeouts = { ...DEFAULT_ANSWER_TIMEOUTS, ...options.answerTimeouts };
    this.taxGroups = options.taxGroups ?? DEFAULT_TAX_GROUPS;
    this.rejectInvalidMarking = options.rejectInvalidMarking ?? true;
  }

  /** Stops listening to the transport; the caller closes the transport itself. */
  dispose(): void {
    this.link.dispose();
  }

  private send(code: number, data: Uint8Array): Promise<Uint8Array> {
    const traits = COMMAND_TRAITS[code] ?? { timeout: 'operation', idempotent: false };
    return this.link.exchange(code, data, { answerTimeoutMs: this.timeouts[traits.timeout], idempotent: traits.idempotent });
  }

  // ---------- queries ----------

  async deviceType(): Promise<P.DeviceType> {
    return P.decodeDeviceType(await this.send(Cmd.deviceType, new Uint8Array()));
  }

  async status(): Promise<RegistrarStatus> {
    const s = P.decodeShortStatus(await this.send(Cmd.shortStatus, P.password(this.opPw)));
    return {
      ...s,
      shiftOpen: s.mode === Mode.shiftOpen || s.mode === Mode.shiftExpired || s.mode === Mode.documentOpen,
      shiftExpired: s.mode === Mode.shiftExpired,
      receiptOpen: s.mode === Mode.documentOpen,
      paperOut: s.submode === Submode.paperOutPassive || s.submode === Submode.paperOutActive,
      awaitingContinue: s.submode === Submode.awaitingContinue,
    };
  }

  async fnStatus(): Promise<P.FnStatus> {
    return P.decodeFnStatus(await this.send(Cmd.fnStatus, P.password(this.adminPw)));
  }

  async shiftParams(): Promise<P.ShiftParams> {
    return P.decodeShiftParams(await this.send(Cmd.shiftParams, P.password(this.adminPw)));
  }

  async document(fiscalDocNumber: number): Promise<P.StoredDocument> {
    return P.decodeFoundDocument(await this.send(Cmd.findDocument, P.docNumberRequest(this.adminPw, fiscalDocNumber)));
  }

  /** The last fiscal document in the storage: how a pending sale is reconciled after a crash. */
  async lastDocument(): Promise<P.StoredDocument | null> {
    const fn = await this.fnStatus();
    if (fn.lastDocumentNumber === 0) return null;
    return this.document(fn.lastDocumentNumber);
  }

  async ofdStatus(): Promise<P.OfdExchangeStatus> {
    return P.decodeOfdExchangeStatus(await this.send(Cmd.ofdExchangeStatus, P.password(this.adminPw)));
  }

  /** Documents the OFD has not acknowledged yet: a growing number means the till is offline too long. */
  async unsentCount(): Promise<number> {
    return (await this.ofdStatus()).unsentCount;
  }

  // ---------- shift ----------

  private async sendTlvs(tlvs: readonly Tlv[]): Promise<void> {
    if (tlvs.length === 0) return;
    P.decodeEmpty(Cmd.sendTlv, await this.send(Cmd.sendTlv, P.tlvRequest(this.adminPw, tlvs)));
  }

  private cashierTlvs(c: Cashier): Tlv[] {
    if (c.inn !== undefined && !/^\d{12}$/.test(c.inn)) {
      throw new ShtrihUsageError(`cashier INN must be 12 digits, got "${c.inn}"`, 'ИНН кассира — 12 цифр');
    }
    const tlvs = [stringTlv(Tag.cashierName, c.cashier, 64)];
    if (c.inn) tlvs.push(stringTlv(Tag.cashierInn, c.inn, 12));
    return tlvs;
  }

  /** Opens a shift with the cashier's name and INN in the report. An already open shift is left as is. */
  async openShift(cashier: Cashier): Promise<ShiftResult & { alreadyOpen: boolean }> {
    const tlvs = this.cashierTlvs(cashier);
    const st = await this.status();
    if (st.shiftOpen) {
      const p = await this.shiftParams();
      return { shiftNumber: p.shiftNumber, fiscalDocNumber: 0, fiscalSign: 0, alreadyOpen: true };
    }
    P.decodeEmpty(Cmd.beginOpenShift, await this.send(Cmd.beginOpenShift, P.password(this.adminPw)));
    await this.sendTlvs(tlvs);
    const r = P.decodeOpenShift(await this.send(Cmd.openShiftFn, P.password(this.adminPw)));
    return { shiftNumber: r.shiftNumber, fiscalDocNumber: r.fiscalDocNumber, fiscalSign: r.fiscalSign, alreadyOpen: false };
  }

  /** Closes the shift: the Z report, with the cashier in the fiscal document. */
  async closeShift(cashier: Cashier): Promise<ShiftResult> {
    const tlvs = this.cashierTlvs(cashier);
    await this.prepareForDocument();
    P.decodeEmpty(Cmd.beginCloseShift, await this.send(Cmd.beginCloseShift, P.password(this.adminPw)));
    await this.sendTlvs(tlvs);
    const r = P.decodeCloseShift(await this.send(Cmd.closeShiftFn, P.password(this.adminPw)));
    return { shiftNumber: r.shiftNumber, fiscalDocNumber: r.fiscalDocNumber, fiscalSign: r.fiscalSign };
  }

  /** The classic one-command Z report (41h), for firmware set up without cashier tags. */
  async zReport(): Promise<void> {
    await this.prepareForDocument();
    P.decodeOperatorOnly(Cmd.zReport, await this.send(Cmd.zReport, P.password(this.adminPw)));
  }

  async xReport(): Promise<void> {
    await this.prepareForDocument();
    P.decodeOperatorOnly(Cmd.xReport, await this.send(Cmd.xReport, P.password(this.opPw)));
  }

  // ---------- money in the drawer ----------

  async cashIn(amount: number): Promise<{ documentNumber: number }> {
    return this.cashMove(Cmd.cashIn, amount);
  }

  async cashOut(amount: number): Promise<{ documentNumber: number }> {
    return this.cashMove(Cmd.cashOut, amount);
  }

  private async cashMove(code: number, amount: number): Promise<{ documentNumber: number }> {
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount >= 2 ** 40) {
      throw new ShtrihUsageError(`cash amount must be positive kopecks, got ${amount}`, 'Сумма должна быть положительной');
    }
    await this.prepareForDocument();
    const r = P.decodeCashInOut(code, await this.send(code, P.sumRequest(this.opPw, amount)));
    return { documentNumber: r.documentNumber };
  }

  // ---------- receipts ----------

  /** Continues a print that paper ran out in the middle of (after the roll is replaced). */
  async continuePrint(): Promise<void> {
    P.decodeOperatorOnly(Cmd.continuePrint, await this.send(Cmd.continuePrint, P.password(this.opPw)));
  }

  /** Cancels an open, not yet closed receipt. Returns false when none was open. */
  async cancel(): Promise<boolean> {
    const st = await this.status();
    if (!st.receiptOpen) return false;
    P.decodeOperatorOnly(Cmd.cancelReceipt, await this.send(Cmd.cancelReceipt, P.password(this.opPw)));
    return true;
  }

  /**
   * Before a new document: a receipt left open by a crash is cancelled (it was
   * never closed, so never fiscalised), and a print stopped by paper out is
   * continued, since the registrar refuses new documents until it is.
   */
  private async prepareForDocument(): Promise<RegistrarStatus> {
    let st = await this.status();
    if (st.awaitingContinue) {
      await this.continuePrint();
      st = await this.status();
    }
    if (st.receiptOpen) {
      P.decodeOperatorOnly(Cmd.cancelReceipt, await this.send(Cmd.cancelReceipt, P.password(this.opPw)));
      st = await this.status();
    }
    return st;
  }

  private taxMask(vat: number): number {
    const group = this.taxGroups[vat];
    if (group === undefined) {
      throw new ShtrihUsageError(`VAT rate (tag 1199) ${vat} has no tax group on this registrar`, `Ставка НДС ${vat} не настроена в ККТ`);
    }
    return taxGroupMask(group);
  }

  /**
   * Fiscalises a whole receipt: lines (FF46), buyer contact (FF0C), close (FF45).
   * Anything failing before the close cancels the receipt, so nothing is
   * fiscalised. A close whose answer is lost throws FiscalOutcomeUnknownError:
   * the caller keeps the sale pending and reconciles with lastDocument().
   */
  async sell(input: ReceiptInput): Promise<SaleResult> {
    const parsed = ReceiptSchema.safeParse(input);
    if (!parsed.success) {
      throw new ShtrihUsageError(`invalid receipt: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 'Чек заполнен неверно');
    }
    const receipt: Receipt = parsed.data;
    const type = ReceiptType[receipt.kind];
    const masks = receipt.lines.map((l) => this.taxMask(l.vat));
    const total = receiptTotal(receipt);
    const paid = Object.values(receipt.payments).reduce((a, b) => a + b, 0);
    if (paid < total) throw new ShtrihUsageError(`payments ${paid} < total ${total}`, 'Оплата меньше суммы чека');

    await this.prepareForDocument();
    const fn = await this.fnStatus();
    // every code is checked and decided on before the receipt opens, so a bad one costs no cancelled receipt
    const planned = type === ReceiptType.saleReturn ? M.PLANNED_PIECE_RETURNED : M.PLANNED_PIECE_SOLD;
    for (const line of receipt.lines) if (line.markingCode) await this.admitMarkingCode(line.markingCode, planned);

    try {
      for (const [i, line] of receipt.lines.entries()) {
        const op: P.OperationV2 = {
          type,
          qtyMilli: line.qty,
          price: line.price,
          sum: line.total ?? null,
          taxMask: masks[i] ?? 0,
          department: line.department,
          paymentMethod: line.paymentMethod,
          subject: line.subject,
          name: line.name,
        };
        P.decodeEmpty(Cmd.operationV2, await this.send(Cmd.operationV2, P.operationV2Request(this.opPw, op)));
        if (line.markingCode) M.decodeBindMarking(await this.send(Cmd.bindMarking, M.bindMarkingRequest(this.opPw, line.markingCode)));
        // receipt-level tags go in once the receipt is open, i.e. after its first line
        if (i === 0 && receipt.buyerContact) await this.sendTlvs([stringTlv(Tag.buyerContact, receipt.buyerContact, 64)]);
      }
    } catch (e) {
      await this.cancelQuietly();
      throw e;
    }

    let closed: P.ReceiptClosed;
    try {
      const close: P.CloseReceiptV2 = {
        payments: paymentSlots(receipt.payments),
        rounding: receipt.rounding,
        taxSystemBit: TAX_SYSTEM_BIT[receipt.taxSystem],
        text: receipt.footer ?? '',
      };
      closed = P.decodeCloseReceipt(await this.send(Cmd.closeReceiptV2, P.closeReceiptV2Request(this.adminPw, close)));
    } catch (e) {
      if (e instanceof ShtrihLinkError && e.mayHaveExecuted) throw new FiscalOutcomeUnknownError(fn.lastDocumentNumber, e);
      if (e instanceof ShtrihDeviceError) await this.cancelQuietly();
      throw e;
    }

    // The sale is fiscalised from here on: nothing below may turn it into a failure.
    const at = closed.at ?? (await this.documentTime(closed.fiscalDocNumber)) ?? new Date();
    const shift = await this.shiftParams().catch(() => null);
    const after = await this.status().catch(() => null);
    return {
      fiscalDocNumber: closed.fiscalDocNumber,
      fiscalSign: closed.fiscalSign,
      fnNumber: fn.fnNumber,
      shiftNumber: shift?.shiftNumber ?? null,
      receiptNumber: shift?.receiptNumber ?? null,
      at,
      total,
      change: closed.change,
      receiptType: type,
      printPending: after !== null && after.submode !== Submode.ready,
      qr: receiptQrString({ at, total, fnNumber: fn.fnNumber, fiscalDocNumber: closed.fiscalDocNumber, fiscalSign: closed.fiscalSign, receiptType: type }),
    };
  }

  // ---------- marking codes ----------

  /** FF61: what the storage (and the registry, online) says about a code. Must be followed by acceptMarkingCode. */
  async checkMarkingCode(code: string, plannedStatus = M.PLANNED_PIECE_SOLD): Promise<M.MarkingCheck> {
    return M.decodeMarkingCheck(await this.send(Cmd.checkMarking, M.checkMarkingRequest(this.opPw, code, plannedStatus)));
  }

  /** FF69: the cashier's decision on the code just checked; returns tag 2106. */
  async acceptMarkingCode(accept: boolean): Promise<number> {
    return M.decodeAcceptMarking(await this.send(Cmd.acceptMarking, M.acceptMarkingRequest(this.opPw, accept)));
  }

  private async admitMarkingCode(code: string, plannedStatus: number): Promise<void> {
    const check = await this.checkMarkingCode(code, plannedStatus);
    const accept = check.valid || !this.rejectInvalidMarking;
    await this.acceptMarkingCode(accept);
    if (!accept) {
      throw new ShtrihUsageError(`marking code ${code.slice(0, 31)} failed the check (2106=${String(check.result)})`, 'Код маркировки не прошёл проверку');
    }
  }

  private async documentTime(n: number): Promise<Date | null> {
    try {
      const doc = await this.document(n);
      return doc.type === DocType.receipt ? doc.at : null;
    } catch {
      return null;
    }
  }

  private async cancelQuietly(): Promise<void> {
    try {
      await this.cancel();
    } catch {
      // the original failure is what the caller needs to see; an open receipt is cancelled before the next one anyway
    }
  }
}
