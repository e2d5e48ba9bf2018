import type { z } from 'zod';
import type { Db } from '../db/open.js';
import type { Shift } from '../../shared/contract/schemas.js';

export type ShiftView = z.output<typeof Shift>;

interface ShiftRow {
  id: string; number: number; opened_at: string; float: number;
  opened_by: string; opener_name: string; opener_role: 'cashier';
  closed_at: string | null; closed_by: string | null; closer_name: string | null; closer_role: 'cashier' | null;
  counted: number | null; expected: number | null;
}

const SELECT = `SELECT s.id, s.number, s.opened_at, s.float, s.opened_by, o.name AS opener_name, o.role AS opener_role,
  c.closed_at, c.closed_by, cu.name AS closer_name, cu.role AS closer_role, c.counted, c.expected
  FROM shifts s JOIN users o ON o.id = s.opened_by LEFT JOIN shift_closures c ON c.shift_id = s.id LEFT JOIN users cu ON cu.id = c.closed_by`;

function toView(r: ShiftRow): ShiftView {
  return {
    id: r.id, number: r.number, openedAt: r.opened_at, float: r.float,
    openedBy: { id: r.opened_by, name: r.opener_name, role: r.opener_role },
    closedAt: r.closed_at,
    closedBy: r.closed_by ? { id: r.closed_by, name: r.closer_name ?? '', role: r.closer_role ?? 'cashier' } : null,
    counted: r.counted, expected: r.expected,
    discrepancy: r.counted !== null && r.expected !== null ? r.counted - r.expected : null,
  };
}

export interface ShiftTotals {
  salesCount: number; salesCash: number; salesCard: number; salesTotal: number;
  returnsCount: number; returnsCash: number; returnsCard: number; returnsTotal: number;
  cashIn: number; cashOut: number; discounts: number;
  voidedLines: number; cancelledReceipts: number; drawerOpenings: number;
  vat: { code: string; amount: number }[];
}

/** Shifts are two insert-only rows: the opening, and (later) the closure. */
export class Shifts {
  private readonly latest;
  private readonly byId;
  private readonly list_;
  private readonly insertShift;
  private readonly insertClosure;
  private readonly nextNumber;
  private readonly docTotals;
  private readonly cashTotals;
  private readonly eventCounts;
  private readonly vatTotals;
  private readonly insertCash;
  private readonly cashMove;

  constructor(db: Db) {
    this.latest = db.prepare<[], ShiftRow>(`${SELECT} ORDER BY s.number DESC LIMIT 1`);
    this.byId = db.prepare<[string], ShiftRow>(`${SELECT} WHERE s.id = ?`);
    this.list_ = db.prepare<[number], ShiftRow>(`${SELECT} ORDER BY s.number DESC LIMIT ?`);
    this.nextNumber = db.prepare<[], { n: number }>('SELECT COALESCE(MAX(number), 0) + 1 AS n FROM shifts');
    this.insertShift = db.prepare('INSERT INTO shifts (id, number, opened_at, opened_by, float) VALUES (?, ?, ?, ?, ?)');
    this.insertClosure = db.prepare('INSERT INTO shift_closures (shift_id, closed_at, closed_by, counted, expected) VALUES (?, ?, ?, ?, ?)');
    this.insertCash = db.prepare('INSERT INTO cash_moves (id, shift_id, kind, amount, reason, at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.cashMove = db.prepare<[string], { id: string }>('SELECT id FROM cash_moves WHERE id = ?');
    this.docTotals = db.prepare<[string], { kind: 'sale' | 'return'; n: number; total: number; discount: number; cash: number; card: number }>(
      `SELECT s.kind, COUNT(*) AS n, SUM(s.total) AS total, SUM(s.discount) AS discount,
        COALESCE(SUM((SELECT amount FROM sale_payments p WHERE p.sale_id = s.id AND p.kind = 'cash')), 0) AS cash,
        COALESCE(SUM((SELECT amount FROM sale_payments p WHERE p.sale_id = s.id AND p.kind = 'card')), 0) AS card
       FROM sales s WHERE s.shift_id = ? GROUP BY s.kind`,
    );
    this.cashTotals = db.prepare<[string], { kind: 'in' | 'out'; total: number }>('SELECT kind, SUM(amount) AS total FROM cash_moves WHERE shift_id = ? GROUP BY kind');
    this.eventCounts = db.prepare<[string], { type: string; n: number }>(
      // `type <> 'sale.completed'` lets SQLite read the partial index by type (see schema.ts)
      `SELECT type, COUNT(*) AS n FROM journal WHERE type IN ('cart.lineVoided', 'cart.cancelled', 'drawer.opened') AND type <> 'sale.completed'
        AND json_extract(payload, '$.shiftId') = ? GROUP BY type`,
    );
    this.vatTotals = db.prepare<[string], { code: string; amount: number }>(
      `SELECT l.vat AS code, SUM(CASE s.kind WHEN 'sale' THEN l.vat_amount ELSE -l.vat_amount END) AS amount
       FROM sales s JOIN sale_lines l ON l.sale_id = s.id WHERE s.shift_id = ? GROUP BY l.vat ORDER BY l.vat`,
    );
  }

  /** The open shift, or null when the last one is closed (or there was none). */
  current(): ShiftView | null {
    const row = this.latest.get();
    return row && row.closed_at === null ? toView(row) : null;
  }

  get(id: string): ShiftView | null {
    const row = this.byId.get(id);
    return row ? toView(row) : null;
  }

  list(limit: number): ShiftView[] {
    return this.list_.all(limit).map(toView);
  }

  insertOpening(id: string, userId: string, float: number, at: string): number {
    const number = this.nextNumber.get()?.n ?? 1;
    this.insertShift.run(id, number, at, userId, float);
    return number;
  }

  insertClosing(id: string, userId: string, counted: number, expected: number, at: string): void {
    this.insertClosure.run(id, at, userId, counted, expected);
  }

  hasCashMove(id: string): boolean {
    return this.cashMove.get(id) !== undefined;
  }

  insertCashMove(id: string, shiftId: string, kind: 'in' | 'out', amount: number, reason: string, at: string, userId: string): void {
    this.insertCash.run(id, shiftId, kind, amount, reason, at, userId);
  }

  totals(shiftId: string): ShiftTotals {
    const t: ShiftTotals = {
      salesCount: 0, salesCash: 0, salesCard: 0, salesTotal: 0, returnsCount: 0, returnsCash: 0, returnsCard: 0, returnsTotal: 0,
      cashIn: 0, cashOut: 0, discounts: 0, voidedLines: 0, cancelledReceipts: 0, drawerOpenings: 0, vat: this.vatTotals.all(shiftId),
    };
    for (const d of this.docTotals.all(shiftId)) {
      if (d.kind === 'sale') Object.assign(t, { salesCount: d.n, salesCash: d.cash, salesCard: d.card, salesTotal: d.total, discounts: d.discount });
      else Object.assign(t, { returnsCount: d.n, returnsCash: d.cash, returnsCard: d.card, returnsTotal: d.total });
    }
    for (const c of this.cashTotals.all(shiftId)) {
      if (c.kind === 'in') t.cashIn = c.total;
      else t.cashOut = c.total;
    }
    for (const e of this.eventCounts.all(shiftId)) {
      if (e.type === 'cart.lineVoided') t.voidedLines = e.n;
      else if (e.type === 'cart.cancelled') t.cancelledReceipts = e.n;
      else t.drawerOpenings = e.n;
    }
    return t;
  }

  /** Cash that should be in the drawer: float + cash sales − cash refunds + cash in − cash out. */
  expectedCash(shift: ShiftView, t: ShiftTotals = this.totals(shift.id)): number {
    return shift.float + t.salesCash - t.returnsCash + t.cashIn - t.cashOut;
  }
}
