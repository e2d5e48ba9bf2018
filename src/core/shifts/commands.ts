import { LavkaError } from '../../shared/contract/errors.js';
import { requireOpenShift, type Services } from '../services.js';
import type { Handlers } from '../rpc/context.js';
import type { ShiftView } from './shifts.js';
import { reportDoc } from '../receipts/layout.js';
import { renderText } from '../receipts/render-text.js';
import type { z } from 'zod';
import type { ShiftReport } from '../../shared/contract/schemas.js';

type ShiftHandlers = Pick<Handlers, 'shift.current' | 'shift.open' | 'shift.xReport' | 'shift.close' | 'shift.list' | 'shift.report' | 'cash.move' | 'drawer.open'>;
type Report = z.output<typeof ShiftReport>;

export function shiftHandlers(s: Services): ShiftHandlers {
  function report(kind: 'x' | 'z', shift: ShiftView): Report {
    const t = s.shifts.totals(shift.id);
    const base = {
      kind, shift, printedAt: s.clock().toISOString(),
      sales: { count: t.salesCount, cash: t.salesCash, card: t.salesCard, total: t.salesTotal },
      returns: { count: t.returnsCount, cash: t.returnsCash, card: t.returnsCard, total: t.returnsTotal },
      cashIn: t.cashIn, cashOut: t.cashOut, float: shift.float, expectedCash: s.shifts.expectedCash(shift, t), discounts: t.discounts,
      voidedLines: t.voidedLines, cancelledReceipts: t.cancelledReceipts, drawerOpenings: t.drawerOpenings, vat: t.vat,
    };
    const shop = s.settings.get('shop');
    const doc = shop ? reportDoc(base, shop) : { items: [] };
    return { ...base, text: renderText(doc, s.devices.printer.width) };
  }

  function print(r: Report) {
    const shop = s.settings.get('shop');
    if (shop) {
      const doc = reportDoc(r, shop);
      s.afterCommit(() => void s.devices.printer.print(doc).catch((err) => s.deviceTrouble('printer', err)));
    }
  }

  return {
    'shift.current': () => s.shifts.current(),

    'shift.open': async (input, ctx) => {
      const open = s.shifts.current();
      if (open) {
        if (open.id === input.id) return open;
        throw new LavkaError('conflict', 'errors.shiftAlreadyOpen', { number: open.number });
      }
      if (s.shifts.get(input.id)) throw new LavkaError('conflict', 'errors.shiftClosed');
      // the registrar first: if it refuses, the till's shift stays closed too
      await s.fiscal.command((r) => r.openShift({ name: ctx.user.name }));
      s.tx(() => {
        const at = s.clock().toISOString();
        const number = s.shifts.insertOpening(input.id, ctx.user.id, input.float, at);
        s.journal.append({ type: 'shift.opened', userId: ctx.user.id, payload: { shiftId: input.id, number, float: input.float } });
      });
      s.events.emit('shift.changed', { open: true });
      return requireOpenShift(s);
    },

    'shift.xReport': async (_input, ctx) => {
      const shift = requireOpenShift(s);
      await s.fiscal.command((r) => r.xReport());
      const r = report('x', shift);
      s.tx(() => s.journal.append({ type: 'shift.xReport', userId: ctx.user.id, payload: { shiftId: shift.id, expectedCash: r.expectedCash } }));
      print(r);
      return r;
    },

    'shift.close': async (input, ctx) => {
      const shift = requireOpenShift(s);
      if (s.carts.load()?.lines.length) throw new LavkaError('conflict', 'errors.receiptOpen');
      s.fiscal.assertIdle();
      await s.fiscal.command((r) => r.closeShift({ name: ctx.user.name }));
      const expected = s.shifts.expectedCash(shift);
      s.tx(() => {
        const open = s.carts.load();
        if (open) s.carts.discard(open.row.id);
        s.shifts.insertClosing(shift.id, ctx.user.id, input.counted, expected, s.clock().toISOString());
        s.journal.append({
          type: 'shift.closed', userId: ctx.user.id,
          payload: { shiftId: shift.id, number: shift.number, counted: input.counted, expected, discrepancy: input.counted - expected },
        });
      });
      const closed = s.shifts.get(shift.id);
      if (!closed) throw new Error('shift vanished');
      const r = report('z', closed);
      print(r);
      s.events.emit('shift.changed', { open: false });
      return r;
    },

    'shift.list': (input) => s.shifts.list(input.limit),

    'shift.report': (input) => {
      const shift = s.shifts.get(input.id);
      if (!shift) throw new LavkaError('not_found', 'errors.noSuchShift', { id: input.id });
      return report(shift.closedAt ? 'z' : 'x', shift);
    },

    'cash.move': async (input, ctx) => {
      const shift = requireOpenShift(s);
      if (!s.shifts.hasCashMove(input.id)) {
        if (input.kind === 'out' && input.amount > s.shifts.expectedCash(shift)) {
          throw new LavkaError('rejected', 'errors.notEnoughCash', { available: s.shifts.expectedCash(shift) });
        }
        await s.fiscal.command((r) => (input.kind === 'in' ? r.cashIn(input.amount) : r.cashOut(input.amount)));
        s.tx(() => {
          s.shifts.insertCashMove(input.id, shift.id, input.kind, input.amount, input.reason, s.clock().toISOString(), ctx.user.id);
          s.journal.append({ type: 'cash.moved', userId: ctx.user.id, payload: { shiftId: shift.id, id: input.id, kind: input.kind, amount: input.amount, reason: input.reason } });
        });
        s.afterCommit(() => void s.devices.drawer.open().catch((err) => s.deviceTrouble('drawer', err)));
      }
      return { id: input.id, expectedCash: s.shifts.expectedCash(shift) };
    },

    'drawer.open': async (input, ctx) => {
      const shift = s.shifts.current();
      s.tx(() => s.journal.append({
        type: 'drawer.opened', userId: ctx.user.id, approvedBy: ctx.approver?.id ?? null,
        payload: { shiftId: shift?.id ?? null, reason: input.reason },
      }));
      // the audit row is on disk before the drawer opens
      s.checkpoint();
      try {
        await s.devices.drawer.open();
      } catch (err) {
        s.deviceTrouble('drawer', err);
        throw new LavkaError('rejected', 'errors.device', { device: 'drawer', problem: err instanceof Error ? err.message : String(err) });
      }
      return { ok: true as const };
    },
  };
}
