import type { Handlers } from '../rpc/context.js';
import type { Services } from '../services.js';
import type { Role } from '../../shared/roles.js';

type UserHandlers = Pick<Handlers, 'auth.login' | 'auth.logout' | 'auth.whoami' | 'users.list'>;

export function userHandlers(s: Services): UserHandlers {
  const all = s.db.prepare<[], { id: string; name: string; role: Role }>('SELECT id, name, role FROM users WHERE active = 1 ORDER BY name');
  return {
    'auth.login': async (input, ctx) => {
      const session = await s.sessions.login(input.pin, ctx.origin);
      return { token: session.token, user: session.user };
    },
    'auth.logout': (_input, ctx) => {
      if (ctx.session) s.sessions.end(ctx.session.token);
      return { ok: true as const };
    },
    'auth.whoami': (_input, ctx) => ctx.user,
    'users.list': () => all.all(),
  };
}
