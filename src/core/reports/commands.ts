import type { Handlers } from '../rpc/context.js';
import type { Services } from '../services.js';

type Names = 'report.sales' | 'report.abc' | 'report.xyz' | 'report.cashiers' | 'report.stock' | 'report.reorder';

export function reportHandlers(s: Services): Pick<Handlers, Names> {
  const r = s.reports;
  return {
    'report.sales': (input) => r.sales(input.from, input.to, input.by, input.limit),
    'report.abc': (input) => r.abc(input.from, input.to, input.measure, input.limit),
    'report.xyz': (input) => r.xyz(input.from, input.to, input.limit),
    'report.cashiers': (input) => r.cashiers(input.from, input.to),
    'report.stock': (input) => r.stock(input.kind, input.days),
    'report.reorder': (input) => r.reorder(input.days, input.cover),
  };
}
