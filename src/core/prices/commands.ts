import type { Handlers } from '../rpc/context.js';
import type { Services } from '../services.js';

export function priceHandlers(s: Services): Pick<Handlers, 'prices.change' | 'prices.docs' | 'prices.history'> {
  return {
    'prices.change': (input, ctx) => s.tx(() => s.prices.change({
      id: input.id, effectiveAt: input.effectiveAt ?? null, lines: input.lines, sourceDocId: input.sourceDocId ?? null,
      note: input.note ?? null, userId: ctx.user.id, approvedBy: ctx.approver?.id ?? null,
    })),
    'prices.docs': (input) => s.prices.list(input.limit),
    'prices.history': (input) => s.prices.historyOf(input.productId),
  };
}
