import type { z } from 'zod';
import type { Db } from '../db/open.js';
import type { Journal } from '../journal/journal.js';
import type { Sale, SaleSummary } from '../../shared/contract/schemas.js';
import type { Kopecks } from '../../shared/money.js';
import type { FiscalDocument } from '../ports/fiscal.js';

export type SaleView = z.output<typeof Sale>;
export type SaleSummaryView = z.output<typeof SaleSummary>;

export interface DraftLine {
  productId: string;
  name: string;
  barcode: string | null;
  unit: 'pcs' | 'kg' | 'l';
  price: Kopecks;
  qty: number;
  discount: Kopecks;
  total: Kopecks;
  vat: string;
  vatAmount: Kopecks;
  refLineNo: number | null;
  markingCode: string | null;
}

export interface SaleDraft {
  id: string;
  kind: 'sale' | 'return';
  refSaleId: string | null;
  shiftId: string;
  userId: string;
  approvedBy: string | null;
  lines: DraftLine[];
  subtotal: Kopecks;
  discount: Kopecks;
  total: Kopecks;
  cash: Kopecks;
  card: Kopecks;
  tendered: Kopecks;
  change: Kopecks;
  /** extra facts for the journal (a reason, a cancelled cart id) */
  note?: Record<string, unknown>;
}

interface SaleRow {
  id: string; number: number; kind: 'sale' | 'return'; ref_sale_id: string | null; shift_id: string; shift_number: number; at: string;
  user_id: string; user_name: string; user_role: 'cashier'; approved_by: string | null; approver_name: string | null; approver_role: 'cashier' | null;
  subtotal: number; discount: number; total: number; tendered: number; change: number;
}
type People = Pick<SaleRow, 'shift_number' | 'user_name' | 'user_role' | 'approver_name' | 'approver_role'>;
interface PaymentRow { kind: 'cash' | 'card'; amount: number }
interface LineRow {
  line_no: number; product_id: string; name: string; barcode: string | null; unit: 'pcs' | 'kg' | 'l'; price: number; qty: number;
  discount: number; total: number; vat: string; vat_amount: number; returned: number;
}

/**
 * Writes completed sales and returns: the sale, its lines, payments, stock moves and
 * the journal event, in one transaction. Nothing here ever updates or deletes a row.
 */
export class SalesLedger {
  private readonly nextNumber;
  private readonly insertSale;
  private readonly insertLine;
  private readonly insertPayment;
  private readonly insertMove;
  private readonly saleRow;
  private readonly people;
  private readonly lineRows;
  private readonly paymentRows;
  private readonly exists;
  private readonly summaries;
  private readonly byNumber;
  private readonly byDate;
  private readonly cardRefunded;
  private readonly lastId;
  private readonly insertFiscal;
  private readonly markBalance;
  private readonly lineMark;
  private readonly fiscalRow;

  constructor(db: Db, private readonly journal: Journal, private readonly clock: () => Date) {
    this.nextNumber = db.prepare<[], { n: number }>('SELECT COALESCE(MAX(number), 0) + 1 AS n FROM sales');
    this.insertSale = db.prepare(`INSERT INTO sales (id, number, kind, ref_sale_id, shift_id, at, user_id, approved_by, subtotal, discount, total, tendered, change)
      VALUES (@id, @number, @kind, @refSaleId, @shiftId, @at, @userId, @approvedBy, @subtotal, @discount, @total, @tendered, @change)`);
    this.insertLine = db.prepare(`INSERT INTO sale_lines (sale_id, line_no, product_id, name, barcode, unit, price, qty, discount, total, vat, vat_amount, ref_line_no, marking_code)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertPayment = db.prepare('INSERT INTO sale_payments (sale_id, kind, amount) VALUES (?, ?, ?)');
    this.insertMove = db.prepare('INSERT INTO stock_moves (product_id, qty, doc_type, doc_id, at) VALUES (?, ?, ?, ?, ?)');
    this.exists = db.prepare<[string], { id: string }>('SELECT id FROM sales WHERE id = ?');
    this.saleRow = db.prepare<[string], SaleRow>(`SELECT s.*, sh.number AS shift_number, u.name AS user_name, u.role AS user_role, a.name AS approver_name, a.role AS approver_role
      FROM sales s JOIN shifts sh ON sh.id = s.shift_id JOIN users u ON u.id = s.user_id LEFT JOIN users a ON a.id = s.approved_by WHERE s.id = ?`);
    this.people = db.prepare<[{ shiftId: string; userId: string; approvedBy: string | null }], People>(`SELECT sh.number AS shift_number, u.name AS user_name,
        u.role AS user_role, a.name AS approver_name, a.role AS approver_role FROM shifts sh JOIN users u ON u.id = @userId LEFT JOIN users a ON a.id = @approvedBy
      WHERE sh.id = @shiftId`);
    this.lineRows = db.prepare<[string], LineRow>(`SELECT l.*, COALESCE((SELECT SUM(r.qty) FROM sales rs JOIN sale_lines r ON r.sale_id = rs.id
        WHERE rs.ref_sale_id = l.sale_id AND r.ref_line_no = l.line_no), 0) AS returned
      FROM sale_lines l WHERE l.sale_id = ? ORDER BY l.line_no`);
    this.paymentRows = db.prepare<[string], PaymentRow>('SELECT kind, amount FROM sale_payments WHERE sale_id = ? ORDER BY kind');
    const summary = `SELECT s.id, s.number, s.kind, s.at, sh.number AS shiftNumber, u.name AS cashier, s.total,
      (SELECT COUNT(*) FROM sale_lines l WHERE l.sale_id = s.id) AS lines FROM sales s JOIN shifts sh ON sh.id = s.shift_id JOIN users u ON u.id = s.user_id`;
    this.summaries = db.prepare<[{ shiftId: string | null; before: number | null; limit: number }], SaleSummaryView>(
      `${summary} WHERE (@shiftId IS NULL OR s.shift_id = @shiftId) AND (@before IS NULL OR s.number < @before) ORDER BY s.number DESC LIMIT @limit`,
    );
    this.byNumber = db.prepare<[number], SaleSummaryView>(`${summary} WHERE s.number = ?`);
    this.cardRefunded = db.prepare<[string], { n: number }>(
      `SELECT COALESCE(SUM(p.amount), 0) AS n FROM sales r JOIN sale_payments p ON p.sale_id = r.id WHERE r.ref_sale_id = ? AND p.kind = 'card'`,
    );
    this.insertFiscal = db.prepare(`INSERT INTO sale_fiscal (sale_id, doc_number, fiscal_sign, fn_number, fiscal_shift, receipt_number, at, qr)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.fiscalRow = db.prepare<[string], { doc_number: number; fiscal_sign: string; fn_number: string; fiscal_shift: number | null; receipt_number: number | null; at: string; qr: string }>(
      'SELECT * FROM sale_fiscal WHERE sale_id = ?',
    );
    this.markBalance = db.prepare<[string], { n: number }>(
      `SELECT COALESCE(SUM(CASE s.kind WHEN 'sale' THEN 1 ELSE -1 END), 0) AS n FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE l.marking_code = ?`,
    );
    this.lineMark = db.prepare<[string, number], { marking_code: string | null }>('SELECT marking_code FROM sale_lines WHERE sale_id = ? AND line_no = ?');
    this.lastId = db.prepare<[], { id: string }>('SELECT id FROM sales ORDER BY number DESC LIMIT 1');
    this.byDate = db.prepare<[string, string, number], SaleSummaryView>(`${summary} WHERE s.at >= ? AND s.at < ? ORDER BY s.number DESC LIMIT ?`);
  }

  /** Card money already refunded against a sale. */
  refundedToCard(saleId: string): number {
    return this.cardRefunded.get(saleId)?.n ?? 0;
  }

  /** Whether this marked piece is out of the shop: sold, and not returned since. */
  markingCodeSold(code: string): boolean {
    return (this.markBalance.get(code)?.n ?? 0) > 0;
  }

  /** The marking code on a sold line (a return gives the same piece back). */
  lineMarkingCode(saleId: string, lineNo: number): string | null {
    return this.lineMark.get(saleId, lineNo)?.marking_code ?? null;
  }

  lastSaleId(): string | null {
    return this.lastId.get()?.id ?? null;
  }

  has(id: string): boolean {
    return this.exists.get(id) !== undefined;
  }

  /**
   * Writes the document (with the registrar's answer, when there is a registrar); the caller
   * runs this inside its transaction. Returns the document as `get` will read it back.
   */
  write(draft: SaleDraft, fiscal: FiscalDocument | null): SaleView {
    const at = this.clock().toISOString();
    const number = this.nextNumber.get()?.n ?? 1;
    this.insertSale.run({ ...draft, number, at });
    const sign = draft.kind === 'sale' ? -1 : 1;
    draft.lines.forEach((l, i) => {
      this.insertLine.run(draft.id, i + 1, l.productId, l.name, l.barcode, l.unit, l.price, l.qty, l.discount, l.total, l.vat, l.vatAmount, l.refLineNo, l.markingCode);
      this.insertMove.run(l.productId, sign * l.qty, draft.kind, draft.id, at);
    });
    if (draft.cash > 0 || draft.card === 0) this.insertPayment.run(draft.id, 'cash', draft.cash);
    if (draft.card > 0) this.insertPayment.run(draft.id, 'card', draft.card);
    if (fiscal) {
      this.insertFiscal.run(draft.id, fiscal.fiscalDocNumber, fiscal.fiscalSign, fiscal.fnNumber, fiscal.fiscalShift, fiscal.receiptNumber, fiscal.at, fiscal.qr);
    }
    this.journal.append({
      type: draft.kind === 'sale' ? 'sale.completed' : 'return.completed',
      userId: draft.userId,
      approvedBy: draft.approvedBy,
      payload: {
        id: draft.id, number, refSaleId: draft.refSaleId, shiftId: draft.shiftId, subtotal: draft.subtotal, discount: draft.discount,
        total: draft.total, cash: draft.cash, card: draft.card, tendered: draft.tendered, change: draft.change, ...draft.note, fiscal,
        lines: draft.lines.map((l, i) => ({
          lineNo: i + 1, productId: l.productId, qty: l.qty, price: l.price, discount: l.discount, total: l.total, vat: l.vat, refLineNo: l.refLineNo,
          ...(l.markingCode ? { markingCode: l.markingCode } : {}),
        })),
      },
    });
    return this.written(draft, number, at, fiscal);
  }

  /** The view of a document just written, from what was written rather than read back: nothing can have returned its lines yet. */
  private written(draft: SaleDraft, number: number, at: string, fiscal: FiscalDocument | null): SaleView {
    const who = this.people.get({ shiftId: draft.shiftId, userId: draft.userId, approvedBy: draft.approvedBy });
    if (!who) throw new Error(`sale ${draft.id}: its shift or cashier is missing`);
    const lines = draft.lines.map((l, i): LineRow => ({
      line_no: i + 1, product_id: l.productId, name: l.name, barcode: l.barcode, unit: l.unit, price: l.price, qty: l.qty,
      discount: l.discount, total: l.total, vat: l.vat, vat_amount: l.vatAmount, returned: 0,
    }));
    // as written above, in the order paymentRows reads them (by kind)
    const payments: PaymentRow[] = [];
    if (draft.card > 0) payments.push({ kind: 'card', amount: draft.card });
    if (draft.cash > 0 || draft.card === 0) payments.push({ kind: 'cash', amount: draft.cash });
    return view({
      id: draft.id, number, kind: draft.kind, ref_sale_id: draft.refSaleId, shift_id: draft.shiftId, at, user_id: draft.userId,
      approved_by: draft.approvedBy, subtotal: draft.subtotal, discount: draft.discount, total: draft.total, tendered: draft.tendered, change: draft.change, ...who,
    }, lines, payments, fiscal && {
      fiscalDocNumber: fiscal.fiscalDocNumber, fiscalSign: fiscal.fiscalSign, fnNumber: fiscal.fnNumber, fiscalShift: fiscal.fiscalShift,
      receiptNumber: fiscal.receiptNumber, at: fiscal.at, qr: fiscal.qr,
    });
  }

  get(id: string): SaleView | null {
    const s = this.saleRow.get(id);
    return s ? view(s, this.lineRows.all(id), this.paymentRows.all(id), this.fiscalOf(id)) : null;
  }

  private fiscalOf(id: string): FiscalDocument | null {
    const f = this.fiscalRow.get(id);
    return f
      ? { fiscalDocNumber: f.doc_number, fiscalSign: f.fiscal_sign, fnNumber: f.fn_number, fiscalShift: f.fiscal_shift, receiptNumber: f.receipt_number, at: f.at, qr: f.qr }
      : null;
  }

  list(shiftId: string | null, before: number | null, limit: number): SaleSummaryView[] {
    return this.summaries.all({ shiftId, before, limit });
  }

  findByNumber(number: number): SaleSummaryView[] {
    const row = this.byNumber.get(number);
    return row ? [row] : [];
  }

  /** Receipts of a local calendar day given as YYYY-MM-DD (UTC offsets are the clock's). */
  findByDay(from: string, to: string, limit: number): SaleSummaryView[] {
    return this.byDate.all(from, to, limit);
  }
}

function view(s: SaleRow, lines: LineRow[], payments: PaymentRow[], fiscal: FiscalDocument | null): SaleView {
  const vat = new Map<string, number>();
  for (const l of lines) vat.set(l.vat, (vat.get(l.vat) ?? 0) + l.vat_amount);
  return {
    id: s.id, number: s.number, kind: s.kind, refSaleId: s.ref_sale_id, shiftId: s.shift_id, shiftNumber: s.shift_number, at: s.at,
    cashier: { id: s.user_id, name: s.user_name, role: s.user_role },
    approvedBy: s.approved_by ? { id: s.approved_by, name: s.approver_name ?? '', role: s.approver_role ?? 'cashier' } : null,
    lines: lines.map((l) => ({
      lineNo: l.line_no, productId: l.product_id, name: l.name, barcode: l.barcode, unit: l.unit, price: l.price, qty: l.qty,
      discount: l.discount, total: l.total, vat: l.vat, vatAmount: l.vat_amount, returnedQty: l.returned,
    })),
    payments,
    subtotal: s.subtotal, discount: s.discount, total: s.total, tendered: s.tendered, change: s.change,
    vat: [...vat].map(([code, amount]) => ({ code, amount })),
    fiscal,
  };
}
