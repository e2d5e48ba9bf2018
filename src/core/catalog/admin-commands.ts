import type { Handlers } from '../rpc/context.js';
import type { Services } from '../services.js';

type Names = 'catalog.list' | 'catalog.get' | 'catalog.save' | 'catalog.remove' | 'catalog.restore' | 'groups.list' | 'groups.save'
  | 'suppliers.list' | 'suppliers.save' | 'vat.list' | 'vat.save';

export function catalogAdminHandlers(s: Services): Pick<Handlers, Names> {
  const admin = s.catalogAdmin;
  return {
    'catalog.list': (input) => admin.list(input),
    'catalog.get': (input) => admin.get(input.id),
    'catalog.save': (input, ctx) => s.tx(() => admin.save(input, ctx.user.id, ctx.approver?.id ?? null)),
    'catalog.remove': (input, ctx) => ({ outcome: s.tx(() => admin.remove(input.id, ctx.user.id)) }),
    'catalog.restore': (input, ctx) => {
      s.tx(() => admin.restore(input.id, ctx.user.id));
      return { ok: true as const };
    },
    'groups.list': () => admin.groups(),
    'groups.save': (input, ctx) => s.tx(() => admin.saveGroup(input, ctx.user.id)),
    'suppliers.list': () => admin.suppliers(),
    'suppliers.save': (input, ctx) => s.tx(() => admin.saveSupplier(input, ctx.user.id)),
    'vat.list': () => admin.vatRates(),
    'vat.save': (input, ctx) => s.tx(() => admin.saveVat(input, ctx.user.id)),
  };
}
