import type { Handlers } from '../rpc/context.js';
import type { Services } from '../services.js';

type Names = 'report.sales' | 'report.abc' | 'report.xyz' | 'report.cashiers' | 'report.stock' | 'report.reorder';

export function reportHandlers(s: Services): Pick<Handlers, Names> {
  const r = s.reports;
  return {
    'report.sales': (input) => r.sales(input.from, input.to, input.by),
    'report.abc': async (input) => {
      const ranked = await r.abc(input.from, input.to, input.measure);
      const classes = (['A', 'B', 'C'] as const).map((abc) => {
        const mine = ranked.filter((x) => x.abc === abc);
        return { abc, products: mine.length, value: mine.reduce((acc, x) => acc + x.value, 0) };
      });
      return { total: ranked.length, classes, rows: ranked.slice(0, input.limit) };
    },
    'report.xyz': async (input) => {
      const ranked = await r.xyz(input.from, input.to);
      const classes = (['X', 'Y', 'Z'] as const).map((xyz) => ({ xyz, products: ranked.filter((x) => x.xyz === xyz).length }));
      return { total: ranked.length, classes, rows: ranked.slice(0, input.limit) };
    },
    'report.cashiers': (input) => r.cashiers(input.from, input.to),
    'report.stock': (input) => r.stock(input.kind, input.days),
    'report.reorder': (input) => r.reorder(input.days, input.cover),
  };
}
