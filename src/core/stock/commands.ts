import type { Handlers } from '../rpc/context.js';
import type { Services } from '../services.js';
import { EMPTY_HEADER } from './drafts.js';
import { sheetRows, SHEET_SQL, type SheetRow } from './stocktake.js';

type Names = 'draft.create' | 'draft.list' | 'draft.get' | 'draft.setHeader' | 'draft.scan' | 'draft.addLine' | 'draft.setLine'
  | 'draft.removeLine' | 'draft.discard' | 'draft.post' | 'stock.correct' | 'stock.docs' | 'stock.doc' | 'stock.movements'
  | 'stocktake.start' | 'stocktake.list' | 'stocktake.count' | 'stocktake.sheet' | 'stocktake.post' | 'stocktake.cancel';

export function stockHandlers(s: Services): Pick<Handlers, Names> {
  const { drafts, stock, stocktakes } = s;
  return {
    'draft.create': (input, ctx) => s.tx(() => drafts.create(input.id, input.kind, input.header ?? EMPTY_HEADER, ctx.user.id)),
    'draft.list': (input) => drafts.list(input.kind ?? null),
    'draft.get': (input) => drafts.get(input.id),
    'draft.setHeader': (input) => s.tx(() => drafts.setHeader(input.id, input.header)),
    'draft.scan': (input) => s.tx(() => drafts.scan(input.id, input.code, input.qty)),
    'draft.addLine': (input) => s.tx(() => drafts.add(input.id, input.productId, input.qty, input.cost)),
    'draft.setLine': (input) => s.tx(() => drafts.setLine(input.draftId, input.lineId, input)),
    'draft.removeLine': (input) => s.tx(() => drafts.removeLine(input.draftId, input.lineId)),
    'draft.discard': (input) => {
      s.tx(() => drafts.discard(input.id));
      return { ok: true as const };
    },
    'draft.post': (input, ctx) => s.tx(() => {
      const posted = stock.post(drafts.get(input.id), ctx.user.id, ctx.approver?.id ?? null);
      drafts.discard(input.id);
      return posted;
    }),
    'stock.correct': (input, ctx) => s.tx(() => {
      const { root, header, lines } = stock.current(input.docId);
      if (root.kind === 'stocktake') throw new Error('unreachable: stocktakes are not corrected');
      const draft = drafts.create(input.id, root.kind, header, ctx.user.id, root.id);
      for (const l of lines) drafts.add(draft.id, l.productId, l.qty, l.cost);
      return drafts.get(draft.id);
    }),
    'stock.docs': (input) => stock.list(input),
    'stock.doc': (input) => stock.get(input.id),
    'stock.movements': (input) => stock.movements(input.productId, input.limit),
    'stocktake.start': (input, ctx) => s.tx(() => stocktakes.start(input.id, input.groupId, ctx.user.id)),
    'stocktake.list': () => stocktakes.list(),
    'stocktake.count': (input, ctx) => s.tx(() => stocktakes.count(input, ctx.user.id)),
    'stocktake.sheet': async (input) => {
      const info = stocktakes.get(input.stocktakeId);
      const raw = await s.reads.all<SheetRow>(SHEET_SQL, { stocktake: input.stocktakeId, group: stocktakes.groupOf(input.stocktakeId) });
      const all = sheetRows(raw);
      const rows = input.onlyDiff ? all.filter((r) => r.diff !== 0) : all;
      const sum = (pick: (r: (typeof all)[number]) => number) => all.reduce((acc, r) => acc + pick(r), 0);
      return {
        info, total: rows.length, rows: rows.slice(input.offset, input.offset + input.limit),
        surplusCost: sum((r) => Math.max(r.diffCost, 0)), shortageCost: sum((r) => Math.min(r.diffCost, 0)),
        surplusRetail: sum((r) => Math.max(r.diffRetail, 0)), shortageRetail: sum((r) => Math.min(r.diffRetail, 0)),
      };
    },
    'stocktake.post': (input, ctx) => s.tx(() => stocktakes.post(input.stocktakeId, ctx.user.id, ctx.approver?.id ?? null)),
    'stocktake.cancel': (input) => {
      s.tx(() => stocktakes.cancel(input.stocktakeId));
      return { ok: true as const };
    },
  };
}
