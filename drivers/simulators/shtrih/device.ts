import { QTY_FROM_MILLI, SUM_AUTO, concat, writeDateTime, writeSum, writeUint } from '../../shtrih/binary.js';
import { Cmd } from '../../shtrih/commands.js';
import { DocType } from '../../shtrih/fiscal-codes.js';
import { commandBytes, splitCommand } from '../../shtrih/frame.js';
import { decodeCp1251Z, encodeCp1251 } from '../../../src/shared/codepages.js';
import { decodeTlvs, type Tlv } from '../../shtrih/tlv.js';
import { MarkingDesk } from './marking.js';
import { DeviceRefusal, E, RequestReader } from './request.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_LINES = 200;

export interface SimLine {
  type: number;
  /** device units: millionths */
  qty: number;
  price: number;
  sum: number;
  taxMask: number;
  department: number;
  paymentMethod: number;
  subject: number;
  name: string;
  markingCode?: string;
}

export interface SimDocument {
  number: number;
  type: number;
  fiscalSign: number;
  at: Date;
  ofdAcknowledged: boolean;
  /** receipts */
  receiptType?: number;
  total?: number;
  lines?: SimLine[];
  payments?: number[];
  taxSystem?: number;
  /** shift reports */
  shiftNumber?: number;
  tlvs: Tlv[];
}

export interface VirtualRegistrarOptions {
  /** the registrar's clock; tests move it to cross the 24-hour line */
  now?: () => Date;
  fnNumber?: string;
  adminPassword?: number;
  /** add the DATE_TIME field to document answers (the "extended answers" setting) */
  extendedAnswers?: boolean;
  /** FF45 tax systems the registration allows (bit mask), all by default */
  taxSystems?: number;
  deviceName?: string;
}

type Paper = 'ok' | 'out';

/**
 * The registrar itself, without the line: modes, shift, receipt, fiscal
 * storage. `execute` takes a command payload and returns the answer payload,
 * as the firmware would; the rules enforced are the ones the host must cope with.
 */
export class VirtualRegistrar {
  readonly now: () => Date;
  readonly fnNumber: string;
  private readonly adminPassword: number;
  private readonly extendedAnswers: boolean;
  private readonly taxSystems: number;
  private readonly deviceName: string;

  shift: { number: number; openedAt: Date; receipts: number } | null = null;
  lastShiftNumber = 0;
  private opening: Tlv[] | null = null;
  private closing: Tlv[] | null = null;
  receipt: { type: number; lines: SimLine[]; tlvs: Tlv[] } | null = null;
  readonly documents = new Map<number, SimDocument>();
  lastDocumentNumber = 0;
  /** through number of printed documents (non-fiscal ones count too) */
  private printedSeq = 0;
  cashInDrawer = 0;
  /** documents not yet acknowledged by the OFD */
  unsent: number[] = [];
  readonly marking = new MarkingDesk();

  paper: Paper = 'ok';
  /** paper ran out in the middle of a print: 2 while out, 3 once loaded until B0h */
  private interrupted: 'active' | 'awaiting' | null = null;
  private paperRunsOutNext = false;

  constructor(options: VirtualRegistrarOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.fnNumber = options.fnNumber ?? '9960440300123456';
    this.adminPassword = options.adminPassword ?? 30;
    this.extendedAnswers = options.extendedAnswers ?? false;
    this.taxSystems = options.taxSystems ?? 0b111111;
    this.deviceName = options.deviceName ?? 'ШТРИХ-М-01Ф';
  }

  // ---------- state the host sees ----------

  get shiftExpired(): boolean {
    return this.shift !== null && this.now().getTime() - this.shift.openedAt.getTime() > DAY_MS;
  }

  get mode(): number {
    if (this.receipt) return 8 | ((this.receipt.type - 1) << 4);
    if (!this.shift) return 4;
    return this.shiftExpired ? 3 : 2;
  }

  get submode(): number {
    if (this.interrupted === 'active') return 2;
    if (this.interrupted === 'awaiting') return 3;
    return this.paper === 'out' ? 1 : 0;
  }

  // ---------- what the test bench does to the hardware ----------

  paperOut(): void {
    this.paper = 'out';
  }

  loadPaper(): void {
    this.paper = 'ok';
    if (this.interrupted === 'active') this.interrupted = 'awaiting';
  }

  /** the paper ends while the next document prints: it is still fiscalised, then waits for paper and B0h */
  paperRunsOutDuringNextPrint(): void {
    this.paperRunsOutNext = true;
  }

  /** the OFD acknowledged everything */
  ofdCatchUp(): void {
    for (const n of this.unsent) {
      const d = this.documents.get(n);
      if (d) d.ofdAcknowledged = true;
    }
    this.unsent = [];
  }

  /** power cycle: an open receipt and half-done shift commands do not survive it */
  reboot(): void {
    this.receipt = null;
    this.opening = null;
    this.closing = null;
    this.marking.reset();
  }

  // ---------- the firmware ----------

  execute(payload: Uint8Array): Uint8Array {
    let code = -1;
    try {
      const split = splitCommand(payload);
      code = split.code;
      const data = this.dispatch(code, new RequestReader(split.rest));
      return concat(commandBytes(code), Uint8Array.of(0), data);
    } catch (e) {
      if (!(e instanceof DeviceRefusal)) throw e;
      const echo = code >= 0 ? commandBytes(code) : Uint8Array.of(payload[0] ?? 0);
      return concat(echo, Uint8Array.of(e.code));
    }
  }

  private dispatch(code: number, r: RequestReader): Uint8Array {
    switch (code) {
      case Cmd.deviceType:
        return concat(Uint8Array.of(0, 0, 1, 14, 250, 0), encodeCp1251(this.deviceName));
      case Cmd.shortStatus:
        return this.shortStatus(this.operator(r));
      case Cmd.fnStatus:
        this.admin(r);
        return this.fnStatus();
      case Cmd.fnNumber:
        this.admin(r);
        return this.fnNumberField();
      case Cmd.shiftParams:
        this.admin(r);
        return concat(Uint8Array.of(this.shift ? 1 : 0), writeUint(this.shift?.number ?? this.lastShiftNumber, 2), writeUint(this.shift?.receipts ?? 0, 2));
      case Cmd.findDocument:
        this.admin(r);
        return this.findDocument(r.uint(4));
      case Cmd.ofdExchangeStatus:
        this.admin(r);
        return this.ofdStatus();
      case Cmd.beginOpenShift:
        this.admin(r);
        return this.beginOpenShift();
      case Cmd.openShiftFn:
        this.admin(r);
        return this.openShift();
      case Cmd.sendTlv:
        this.admin(r);
        return this.acceptTlv(r.rest());
      case Cmd.operationV2:
        return this.operation(this.operator(r), r);
      case Cmd.closeReceiptV2:
        this.admin(r);
        return this.closeReceipt(r);
      case Cmd.cancelReceipt: {
        const op = this.operator(r);
        if (!this.receipt) throw new DeviceRefusal(E.receiptClosed);
        this.receipt = null;
        this.marking.reset();
        return Uint8Array.of(op);
      }
      case Cmd.continuePrint: {
        const op = this.operator(r);
        if (this.interrupted === 'awaiting') this.interrupted = null;
        return Uint8Array.of(op);
      }
      case Cmd.cashIn:
      case Cmd.cashOut:
        return this.cashMove(code, this.operator(r), r.uint(5));
      case Cmd.xReport: {
        const op = this.operator(r);
        this.requireNoReceipt();
        this.requirePaper();
        this.print();
        return Uint8Array.of(op);
      }
      case Cmd.zReport: {
        const op = this.operator(r);
        if (op < 29) throw new DeviceRefusal(E.wrongPassword);
        this.requireShift(true);
        this.requireNoReceipt();
        this.requirePaper();
        this.closeShiftDocument([]);
        return Uint8Array.of(op);
      }
      case Cmd.beginCloseShift:
        this.admin(r);
        this.requireShift(true);
        this.requireNoReceipt();
        this.closing = [];
        return new Uint8Array();
      case Cmd.closeShiftFn: {
        this.admin(r);
        if (this.closing === null) throw new DeviceRefusal(E.fnState);
        this.requirePaper();
        const doc = this.closeShiftDocument(this.closing);
        return concat(writeUint(doc.shiftNumber ?? 0, 2), this.stamp(doc));
      }
      case Cmd.checkMarking:
        this.operator(r);
        return this.marking.check(r);
      case Cmd.acceptMarking:
        this.operator(r);
        return this.marking.accept(r.u8());
      case Cmd.bindMarking:
        this.operator(r);
        {
          const line = this.receipt?.lines.at(-1);
          if (!line) throw new DeviceRefusal(E.receiptClosed);
          const { answer, code } = this.marking.bind(r);
          line.markingCode = code;
          return answer;
        }
      default:
        throw new DeviceRefusal(E.badFormat);
    }
  }

  // ---------- passwords ----------

  /** Operators 1..28 are cashiers with their number as password, 29 the administrator, 30 the system administrator. */
  private operator(r: RequestReader): number {
    const pw = r.uint(4);
    if (pw === this.adminPassword) return 30;
    if (pw >= 1 && pw <= 29) return pw;
    throw new DeviceRefusal(E.wrongPassword);
  }

  private admin(r: RequestReader): void {
    if (r.uint(4) !== this.adminPassword) throw new DeviceRefusal(E.wrongPassword);
  }

  // ---------- rules ----------

  private requireShift(allowExpired: boolean): void {
    if (!this.shift) throw new DeviceRefusal(E.badMode);
    if (!allowExpired && this.shiftExpired) throw new DeviceRefusal(E.shiftOver24h);
  }

  private requireNoReceipt(): void {
    if (this.receipt) throw new DeviceRefusal(E.receiptOpen);
  }

  private requirePaper(): void {
    if (this.interrupted === 'awaiting') throw new DeviceRefusal(E.awaitingContinue);
    if (this.paper === 'out' || this.interrupted === 'active') throw new DeviceRefusal(E.noPaper);
  }

  /** a document went to the printer; the paper may give out on it */
  private print(): number {
    this.printedSeq = (this.printedSeq + 1) % 10_000;
    if (this.paperRunsOutNext) {
      this.paperRunsOutNext = false;
      this.paper = 'out';
      this.interrupted = 'active';
    }
    return this.printedSeq;
  }

  // ---------- queries ----------

  private shortStatus(op: number): Uint8Array {
    const flags = this.paper === 'ok' ? 0x0082 : 0x0000; // receipt roll present, optical sensor sees paper
    const ops = this.receipt?.lines.length ?? 0;
    return Uint8Array.of(
      op,
      flags & 0xff,
      flags >> 8,
      this.mode,
      this.submode,
      ops & 0xff,
      0x9b, // backup battery, in the device's units
      0x7c, // supply voltage
      ops >> 8,
      0,
      0,
      0,
      this.paper === 'ok' ? 0 : 1,
      0, // pads the answer to the documented 16-byte length
    );
  }

  private fnNumberField(): Uint8Array {
    return encodeCp1251(this.fnNumber.padEnd(16, ' ').slice(0, 16));
  }

  private fnStatus(): Uint8Array {
    const currentDoc = this.opening ? 0x02 : this.closing ? 0x08 : this.receipt ? 0x04 : 0x00;
    return concat(
      Uint8Array.of(0b0011, currentDoc, 0, this.shift ? 1 : 0, 0),
      writeDateTime(this.now()),
      this.fnNumberField(),
      writeUint(this.lastDocumentNumber, 4),
    );
  }

  private findDocument(n: number): Uint8Array {
    const d = this.documents.get(n);
    if (!d) throw new DeviceRefusal(E.noData);
    const head = concat(Uint8Array.of(d.type, d.ofdAcknowledged ? 1 : 0), writeDateTime(d.at), writeUint(d.number, 4), writeUint(d.fiscalSign, 4));
    if (d.type === DocType.receipt) return concat(head, Uint8Array.of(d.receiptType ?? 0), writeSum(d.total ?? 0));
    return concat(head, writeUint(d.shiftNumber ?? 0, 2));
  }

  private ofdStatus(): Uint8Array {
    const first = this.unsent[0];
    const firstDoc = first === undefined ? undefined : this.documents.get(first);
    return concat(
      Uint8Array.of(this.unsent.length > 0 ? 0b10 : 0, 0),
      writeUint(this.unsent.length, 2),
      writeUint(first ?? 0, 4),
      firstDoc ? writeDateTime(firstDoc.at) : new Uint8Array(5),
    );
  }

  // ---------- fiscal documents ----------

  /** FD number, fiscal sign and, with extended answers on, the date-time */
  private stamp(d: SimDocument): Uint8Array {
    return concat(writeUint(d.number, 4), writeUint(d.fiscalSign, 4), this.extendedAnswers ? writeDateTime(d.at) : new Uint8Array());
  }

  private store(fields: Omit<SimDocument, 'number' | 'fiscalSign' | 'at' | 'ofdAcknowledged'>): SimDocument {
    const number = ++this.lastDocumentNumber;
    const at = this.now();
    const doc: SimDocument = { ...fields, number, at, ofdAcknowledged: false, fiscalSign: fiscalSign(this.fnNumber, number, at, fields.total ?? 0) };
    this.documents.set(number, doc);
    this.unsent.push(number);
    return doc;
  }

  private beginOpenShift(): Uint8Array {
    if (this.shift) throw new DeviceRefusal(E.shiftOpen);
    this.opening = [];
    return new Uint8Array();
  }

  private openShift(): Uint8Array {
    if (this.opening === null) throw new DeviceRefusal(E.fnState);
    this.requirePaper();
    const number = this.lastShiftNumber + 1;
    const doc = this.store({ type: DocType.openShift, shiftNumber: number, tlvs: this.opening });
    this.opening = null;
    this.shift = { number, openedAt: doc.at, receipts: 0 };
    this.lastShiftNumber = number;
    this.print();
    return concat(writeUint(number, 2), this.stamp(doc));
  }

  private closeShiftDocument(tlvs: Tlv[]): SimDocument {
    const number = this.shift?.number ?? this.lastShiftNumber;
    const doc = this.store({ type: DocType.closeShift, shiftNumber: number, tlvs });
    this.shift = null;
    this.closing = null;
    this.print();
    return doc;
  }

  private acceptTlv(bytes: Uint8Array): Uint8Array {
    if (bytes.length > 250) throw new DeviceRefusal(E.tlvTooBig);
    let tlvs: Tlv[];
    try {
      tlvs = decodeTlvs(bytes);
    } catch {
      throw new DeviceRefusal(E.badFormat);
    }
    const target = this.opening ?? this.closing ?? this.receipt?.tlvs;
    if (!target) throw new DeviceRefusal(E.fnState);
    target.push(...tlvs);
    return new Uint8Array();
  }

  private operation(op: number, r: RequestReader): Uint8Array {
    const type = r.u8();
    const qty = r.uint(6);
    const price = r.uint(5);
    const sumField = r.uint(5);
    r.uint(5); // tax amount: computed by the registrar in tax mode 0
    const taxMask = r.u8();
    const department = r.u8();
    const paymentMethod = r.u8();
    const subject = r.u8();
    const name = decodeCp1251Z(r.rest());

    this.requireShift(false);
    this.requirePaper();
    if (this.receipt && this.receipt.type !== type) throw new DeviceRefusal(E.otherReceiptType);
    if (type < 1 || type > 4 || qty === 0 || name.length > 128) throw new DeviceRefusal(E.badParams);
    if (!isOneGroup(taxMask)) throw new DeviceRefusal(E.badParams);
    if (department > 16 && department !== 255) throw new DeviceRefusal(E.departmentRange);
    if (paymentMethod < 1 || paymentMethod > 7 || subject < 1 || subject > 33) throw new DeviceRefusal(E.badParams);
    const computed = Math.round((price * qty) / (1000 * QTY_FROM_MILLI));
    const sum = sumField === SUM_AUTO ? computed : sumField;
    if (Math.abs(sum - computed) > 1) throw new DeviceRefusal(E.badParams);

    this.receipt ??= { type, lines: [], tlvs: [] };
    if (this.receipt.lines.length >= MAX_LINES) throw new DeviceRefusal(E.receiptBufferFull);
    const total = this.receipt.lines.reduce((s, l) => s + l.sum, 0) + sum;
    if (total >= SUM_AUTO) throw new DeviceRefusal(E.receiptTotalOverflow);
    this.receipt.lines.push({ type, qty, price, sum, taxMask, department, paymentMethod, subject, name });
    void op;
    return new Uint8Array();
  }

  private closeReceipt(r: RequestReader): Uint8Array {
    const payments = Array.from({ length: 16 }, () => r.uint(5));
    const rounding = r.u8();
    for (let i = 0; i < 6; i++) r.uint(5); // tax sums: ignored in tax mode 0
    const taxSystem = r.u8();
    const text = decodeCp1251Z(r.rest());
    void text;

    if (!this.receipt) throw new DeviceRefusal(E.receiptClosed);
    this.requireShift(false);
    this.requirePaper();
    if (!isOneGroup(taxSystem) || taxSystem > 0b100000 || (taxSystem & this.taxSystems) === 0) throw new DeviceRefusal(E.badParams);
    const gross = this.receipt.lines.reduce((s, l) => s + l.sum, 0);
    if (rounding > 99 || rounding > gross) throw new DeviceRefusal(E.badParams);
    const total = gross - rounding;
    if (total === 0) throw new DeviceRefusal(E.zeroTotal);
    const paid = payments.reduce((a, b) => a + b, 0);
    const cash = payments[0] ?? 0;
    if (paid < total) throw new DeviceRefusal(E.paymentsShort);
    if (paid - cash > total) throw new DeviceRefusal(E.nonCashTooBig);
    const change = paid - total;
    const cashDelta = cash - change;
    const incoming = this.receipt.type === 1 || this.receipt.type === 4;
    if (!incoming && this.cashInDrawer < cashDelta) throw new DeviceRefusal(E.notEnoughCash);

    const doc = this.store({
      type: DocType.receipt,
      receiptType: this.receipt.type,
      total,
      lines: this.receipt.lines,
      payments,
      taxSystem,
      tlvs: this.receipt.tlvs,
    });
    this.cashInDrawer += incoming ? cashDelta : -cashDelta;
    this.receipt = null;
    this.marking.reset();
    if (this.shift) this.shift.receipts++;
    this.print();
    return concat(writeSum(change), this.stamp(doc));
  }

  private cashMove(code: number, op: number, amount: number): Uint8Array {
    this.requireShift(false);
    this.requireNoReceipt();
    this.requirePaper();
    if (amount === 0) throw new DeviceRefusal(E.badParams);
    if (code === Cmd.cashOut && amount > this.cashInDrawer) throw new DeviceRefusal(E.notEnoughCash);
    this.cashInDrawer += code === Cmd.cashIn ? amount : -amount;
    const seq = this.print();
    return concat(Uint8Array.of(op), writeUint(seq, 2));
  }
}

function isOneGroup(mask: number): boolean {
  return mask !== 0 && (mask & (mask - 1)) === 0 && mask <= 0x80;
}

/** A stand-in for the storage's cryptographic sign: stable for the same document, 32 bits. */
function fiscalSign(fn: string, number: number, at: Date, total: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${fn}|${number}|${at.getTime()}|${total}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
