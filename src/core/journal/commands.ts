import type { Handlers } from '../rpc/context.js';
import type { Services } from '../services.js';

/**
 * The events an owner audits: what can hide a theft or a mistake at the till (a registrar
 * switched off in the device settings sells without fiscalising).
 */
export const SENSITIVE_EVENTS = [
  'cart.lineVoided', 'cart.cancelled', 'cart.discountGiven', 'return.completed', 'drawer.opened', 'user.loginFailed', 'cash.moved', 'shift.closed',
  'devices.saved',
] as const;

interface Row { id: string; seq: number; type: string; at: string; payload: string; user: string | null; approved: string | null }

export function journalHandlers(s: Services): Pick<Handlers, 'journal.list'> {
  const select = `SELECT j.id, j.seq, j.type, j.at, j.payload, u.name AS user, a.name AS approved FROM journal j
    LEFT JOIN users u ON u.id = j.user_id LEFT JOIN users a ON a.id = j.approved_by`;
  const all = s.db.prepare<[{ before: number | null; limit: number }], Row>(
    `${select} WHERE (@before IS NULL OR j.seq < @before) ORDER BY j.seq DESC LIMIT @limit`,
  );
  // `type <> 'sale.completed'` lets SQLite read the partial index by type (see schema.ts)
  const sensitive = s.db.prepare<[{ before: number | null; limit: number }], Row>(
    `${select} WHERE j.type IN (${SENSITIVE_EVENTS.map((t) => `'${t}'`).join(', ')}) AND j.type <> 'sale.completed'
      AND (@before IS NULL OR j.seq < @before) ORDER BY j.seq DESC LIMIT @limit`,
  );
  return {
    'journal.list': (input) => (input.sensitive ? sensitive : all)
      .all({ before: input.beforeSeq ?? null, limit: input.limit })
      .map((r) => ({ id: r.id, seq: r.seq, type: r.type, at: r.at, user: r.user, approvedBy: r.approved, payload: JSON.parse(r.payload) as Record<string, unknown> })),
  };
}
