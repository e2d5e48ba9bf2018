import { z } from 'zod';
import { commands, isCommandName, type CommandName } from '../../shared/contract/commands.js';
import { LavkaError } from '../../shared/contract/errors.js';
import type { DispatchResult } from '../../shared/contract/bridge.js';
import { roleAtLeast, type Role } from '../../shared/roles.js';
import type { CallContext, Handlers, SessionUser } from './context.js';
import type { Sessions } from '../users/sessions.js';
import type { WriteQueue } from './write-queue.js';

export interface DispatchOptions {
  token?: string | null;
  origin: string;
}

export interface Dispatcher {
  dispatch(name: string, input: unknown, options: DispatchOptions): Promise<DispatchResult>;
}

const ANONYMOUS: SessionUser = { id: '', name: '', role: 'cashier' };

function zodDetails(error: z.ZodError): Record<string, unknown> {
  return {
    // An unknown field is reported at its own path, so a client can name it like any other field.
    issues: error.issues.flatMap((issue) => issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), message: issue.message }))
      : [{ path: issue.path.join('.'), message: issue.message }]),
  };
}

/**
 * session → permission → validation → handler → error mapping. Mutating commands
 * go through the write queue: one at a time, those queued together in one commit.
 */
export function createDispatcher(
  handlers: Handlers, sessions: Sessions, writes: WriteQueue, checkOutputs: boolean, log: (err: unknown) => void,
): Dispatcher {
  async function run(name: CommandName, rawInput: unknown, options: DispatchOptions): Promise<unknown> {
    const def = commands[name];
    const session = options.token ? sessions.get(options.token) : null;
    const { role } = def.permission;
    if (role !== 'public' && !session) throw new LavkaError('unauthenticated', 'errors.unauthenticated');

    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw new LavkaError('validation', 'errors.validation', zodDetails(parsed.error));
    const input = parsed.data as Record<string, unknown>;
    const overridePin = (input.override as { pin: string } | undefined)?.pin ?? null;
    const user = session?.user ?? ANONYMOUS;

    const ctx: CallContext = {
      user,
      session,
      origin: options.origin,
      approver: null,
      async authorize(needed: Role, action: string) {
        if (roleAtLeast(user.role, needed)) return null;
        if (!overridePin) throw new LavkaError('forbidden', 'errors.forbidden', { action, role: needed, overridable: true });
        let approver: SessionUser | null;
        try {
          approver = await sessions.checkOverride(overridePin, needed, options.origin);
        } catch (err) {
          // A mistyped approver PIN refuses this action; it must not read as "log in again" (401) to the client.
          if (err instanceof LavkaError && err.code === 'unauthenticated') {
            throw new LavkaError('forbidden', err.key, { action, role: needed, overridable: true });
          }
          throw err;
        }
        if (!approver) throw new LavkaError('forbidden', 'errors.overrideRefused', { action, role: needed, overridable: true });
        return approver;
      },
    };

    if (role !== 'public' && role !== 'any' && !roleAtLeast(user.role, role)) {
      if (!def.permission.override) throw new LavkaError('forbidden', 'errors.forbidden', { action: name, role, overridable: false });
      ctx.approver = await ctx.authorize(role, name);
    }

    const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
    const result = await handler(input, ctx);
    if (checkOutputs) {
      const checked = def.output.safeParse(result);
      if (!checked.success) throw new Error(`${name} returned output that breaks its contract: ${JSON.stringify(zodDetails(checked.error))}`);
    }
    return result;
  }

  return {
    async dispatch(name, input, options) {
      try {
        if (!isCommandName(name)) throw new LavkaError('not_found', 'errors.unknownCommand', { command: name });
        let result: unknown;
        if (commands[name].mutates) {
          result = await writes.run(() => run(name, input, options));
        } else {
          result = await run(name, input, options);
        }
        return { ok: true, result };
      } catch (err) {
        if (err instanceof LavkaError) return { ok: false, error: err.toBody() };
        log(err);
        return { ok: false, error: { code: 'internal', message: 'errors.internal', details: { reason: err instanceof Error ? err.message : String(err) } } };
      }
    },
  };
}
