/**
 * Request bodies and answer decoders, one pair per command, as pure functions
 * (no I/O), so each layout is unit-tested on its own bytes.
 */
import { SUM_AUTO, concat, writeQtyMilli, writeSum, writeUint } from './binary.js';
import { openAnswer } from './answer.js';
import { Cmd } from './commands.js';
import { ShtrihProtocolError } from './errors.js';
import { DocType } from './fiscal-codes.js';
import { cp1251Field, decodeCp1251Z } from '../../src/shared/codepages.js';
import { encodeTlvs, type Tlv } from './tlv.js';

export const password = (pw: number): Uint8Array => writeUint(pw, 4);

// ---------- requests ----------

export interface OperationV2 {
  /** tag 1054 */
  type: number;
  qtyMilli: number;
  price: number;
  /** line sum in kopecks; null lets the registrar compute price × quantity */
  sum: number | null;
  /** FF46 tax byte: one bit per tax group */
  taxMask: number;
  department: number;
  /** tag 1214 */
  paymentMethod: number;
  /** tag 1212 */
  subject: number;
  name: string;
}

export const MAX_ITEM_NAME = 128;

export function operationV2Request(pw: number, op: OperationV2): Uint8Array {
  return concat(
    password(pw),
    Uint8Array.of(op.type),
    writeQtyMilli(op.qtyMilli),
    writeSum(op.price),
    writeSum(op.sum ?? SUM_AUTO),
    // the tax amount: always left to the registrar (tax calculation mode 0)
    writeSum(SUM_AUTO),
    Uint8Array.of(op.taxMask, op.department, op.paymentMethod, op.subject),
    cp1251Field(op.name, MAX_ITEM_NAME),
  );
}

export interface CloseReceiptV2 {
  /** 16 payment-type sums: [0] cash, [1..12] electronic, [13] prepayment, [14] credit, [15] counter-provision */
  payments: readonly number[];
  /** kopecks rounded off the total, 0..99 */
  rounding: number;
  /** FF45 tax system bit (0..5) */
  taxSystemBit: number;
  text: string;
}

export const MAX_CLOSE_TEXT = 64;

export function closeReceiptV2Request(pw: number, c: CloseReceiptV2): Uint8Array {
  if (c.payments.length !== 16) throw new RangeError('FF45 takes exactly 16 payment sums');
  return concat(
    password(pw),
    ...c.payments.map(writeSum),
    Uint8Array.of(c.rounding),
    // six tax sums: ignored in tax calculation mode 0, where the registrar computes them
    ...Array.from({ length: 6 }, () => writeSum(0)),
    Uint8Array.of(1 << c.taxSystemBit),
    cp1251Field(c.text, MAX_CLOSE_TEXT),
  );
}

export function tlvRequest(pw: number, tlvs: readonly Tlv[]): Uint8Array {
  const body = encodeTlvs(tlvs);
  if (body.length > 250) throw new RangeError(`TLV block of ${body.length} bytes, FF0C takes at most 250`);
  return concat(password(pw), body);
}

export const sumRequest = (pw: number, kopecks: number): Uint8Array => concat(password(pw), writeSum(kopecks));
export const docNumberRequest = (pw: number, n: number): Uint8Array => concat(password(pw), writeUint(n, 4));

// ---------- answers ----------

export interface ShortStatus {
  operator: number;
  flags: number;
  /** low nibble of the mode byte (appendix 1) */
  mode: number;
  /** high nibble: for mode 8, the open document's kind (0 sale, 1 purchase, 2 sale return, 3 purchase return) */
  modeStatus: number;
  submode: number;
  operationsInReceipt: number;
  /** result of the last print, when the model reports it */
  lastPrintResult: number | null;
}

export function decodeShortStatus(payload: Uint8Array): ShortStatus {
  const r = openAnswer(Cmd.shortStatus, payload, 9);
  const operator = r.u8('operator');
  const flags = r.uint(2, 'flags');
  const modeByte = r.u8('mode');
  const submode = r.u8('submode');
  const opsLo = r.u8('operations (low)');
  r.u8('battery voltage');
  r.u8('supply voltage');
  const opsHi = r.u8('operations (high)');
  let lastPrintResult: number | null = null;
  if (r.remaining >= 4) {
    r.bytes(3, 'reserved');
    lastPrintResult = r.u8('last print result');
  }
  return { operator, flags, mode: modeByte & 0x0f, modeStatus: modeByte >> 4, submode, operationsInReceipt: opsHi * 256 + opsLo, lastPrintResult };
}

export interface DeviceType {
  type: number;
  subtype: number;
  protocolVersion: number;
  protocolSubversion: number;
  model: number;
  language: number;
  name: string;
}

export function decodeDeviceType(payload: Uint8Array): DeviceType {
  const r = openAnswer(Cmd.deviceType, payload, 6);
  return {
    type: r.u8('type'),
    subtype: r.u8('subtype'),
    protocolVersion: r.u8('protocol version'),
    protocolSubversion: r.u8('protocol subversion'),
    model: r.u8('model'),
    language: r.u8('language'),
    name: decodeCp1251Z(r.rest()),
  };
}

export interface FnStatus {
  lifePhase: number;
  currentDocument: number;
  documentDataReceived: boolean;
  shiftOpen: boolean;
  warnings: number;
  at: Date;
  fnNumber: string;
  lastDocumentNumber: number;
}

const ascii = (bytes: Uint8Array): string => String.fromCharCode(...bytes).replace(/[\0 ]+$/, '');

export function decodeFnStatus(payload: Uint8Array): FnStatus {
  const r = openAnswer(Cmd.fnStatus, payload, 30);
  return {
    lifePhase: r.u8('life phase'),
    currentDocument: r.u8('current document'),
    documentDataReceived: r.u8('document data') === 1,
    shiftOpen: r.u8('shift state') === 1,
    warnings: r.u8('warnings'),
    at: r.dateTime('date and time'),
    fnNumber: ascii(r.bytes(16, 'FN number')),
    lastDocumentNumber: r.uint(4, 'last document number'),
  };
}

export interface FiscalStamp {
  fiscalDocNumber: number;
  fiscalSign: number;
  /** present when the registrar's "extended answers" setting is on */
  at: Date | null;
}

export interface ShiftDocument extends FiscalStamp {
  shiftNumber: number;
}

function decodeShiftDocument(command: number, payload: Uint8Array): ShiftDocument {
  const r = openAnswer(command, payload, 10);
  const shiftNumber = r.uint(2, 'shift number');
  const fiscalDocNumber = r.uint(4, 'document number');
  const fiscalSign = r.uint(4, 'fiscal sign');
  const at = r.remaining >= 5 ? r.dateTime('date and time') : null;
  return { shiftNumber, fiscalDocNumber, fiscalSign, at };
}

export const decodeOpenShift = (p: Uint8Array): ShiftDocument => decodeShiftDocument(Cmd.openShiftFn, p);
export const decodeCloseShift = (p: Uint8Array): ShiftDocument => decodeShiftDocument(Cmd.closeShiftFn, p);

export interface ReceiptClosed extends FiscalStamp {
  change: number;
}

export function decodeCloseReceipt(payload: Uint8Array): ReceiptClosed {
  const r = openAnswer(Cmd.closeReceiptV2, payload, 13);
  const change = r.sum('change');
  const fiscalDocNumber = r.uint(4, 'document number');
  const fiscalSign = r.uint(4, 'fiscal sign');
  const at = r.remaining >= 5 ? r.dateTime('date and time') : null;
  return { change, fiscalDocNumber, fiscalSign, at };
}

export interface ShiftParams {
  shiftOpen: boolean;
  shiftNumber: number;
  receiptNumber: number;
}

export function decodeShiftParams(payload: Uint8Array): ShiftParams {
  const r = openAnswer(Cmd.shiftParams, payload, 5);
  return { shiftOpen: r.u8('shift state') === 1, shiftNumber: r.uint(2, 'shift number'), receiptNumber: r.uint(2, 'receipt number') };
}

export interface OfdExchangeStatus {
  status: number;
  readingMessage: boolean;
  unsentCount: number;
  firstUnsentNumber: number;
  firstUnsentAt: Date | null;
}

export function decodeOfdExchangeStatus(payload: Uint8Array): OfdExchangeStatus {
  const r = openAnswer(Cmd.ofdExchangeStatus, payload, 8);
  const status = r.u8('exchange status');
  const readingMessage = r.u8('reading state') === 1;
  const unsentCount = r.uint(2, 'messages for the OFD');
  const firstUnsentNumber = r.uint(4, 'first document number');
  let firstUnsentAt: Date | null = null;
  // all zeros when the queue is empty
  if (r.remaining >= 5 && unsentCount > 0) firstUnsentAt = r.dateTime('first document date');
  return { status, readingMessage, unsentCount, firstUnsentNumber, firstUnsentAt };
}

export type StoredDocument =
  | { type: typeof DocType.receipt | typeof DocType.bso; fiscalDocNumber: number; fiscalSign: number; at: Date; ofdAcknowledged: boolean; receiptType: number; total: number }
  | { type: typeof DocType.openShift | typeof DocType.closeShift; fiscalDocNumber: number; fiscalSign: number; at: Date; ofdAcknowledged: boolean; shiftNumber: number }
  | { type: number; fiscalDocNumber: number; fiscalSign: number; at: Date; ofdAcknowledged: boolean; raw: Uint8Array };

/**
 * FF0A's document data depends on the type; the layouts are the fiscal
 * storage's own: date-time, number, sign, then per type the operation and sum
 * (receipts) or the shift number (shift reports).
 */
export function decodeFoundDocument(payload: Uint8Array): StoredDocument {
  const r = openAnswer(Cmd.findDocument, payload, 2 + 13);
  const type = r.u8('document type');
  const ofdAcknowledged = r.u8('OFD receipt flag') === 1;
  const at = r.dateTime('date and time');
  const fiscalDocNumber = r.uint(4, 'document number');
  const fiscalSign = r.uint(4, 'fiscal sign');
  if (type === DocType.receipt || type === DocType.bso) {
    return { type, fiscalDocNumber, fiscalSign, at, ofdAcknowledged, receiptType: r.u8('operation type'), total: r.sum('total') };
  }
  if (type === DocType.openShift || type === DocType.closeShift) {
    return { type, fiscalDocNumber, fiscalSign, at, ofdAcknowledged, shiftNumber: r.uint(2, 'shift number') };
  }
  return { type, fiscalDocNumber, fiscalSign, at, ofdAcknowledged, raw: r.rest() };
}

/** Commands whose answer is the operator number and nothing else that we use. */
export function decodeOperatorOnly(command: number, payload: Uint8Array): number {
  return openAnswer(command, payload, 1).u8('operator');
}

/** Commands whose answer is just the error byte. */
export function decodeEmpty(command: number, payload: Uint8Array): void {
  openAnswer(command, payload, 0);
}

export function decodeCashInOut(command: number, payload: Uint8Array): { operator: number; documentNumber: number } {
  const r = openAnswer(command, payload, 3);
  return { operator: r.u8('operator'), documentNumber: r.uint(2, 'document number') };
}

export function assertDocType(command: number, doc: StoredDocument, want: number): void {
  if (doc.type !== want) throw new ShtrihProtocolError(command, `document type ${doc.type}, expected ${want}`);
}
