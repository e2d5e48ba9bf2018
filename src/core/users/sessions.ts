import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open.js';
import type { Journal } from '../journal/journal.js';
import { LavkaError } from '../../shared/contract/errors.js';
import { roleAtLeast, type Role } from '../../shared/roles.js';
import type { Session, SessionUser } from '../rpc/context.js';
import { hashPin } from './pin.js';
import type { Settings } from '../settings/settings.js';

const MAX_FAILURES = 5;
const LOCK_MS = 60_000;

interface Attempts {
  failures: number;
  lockedUntil: number;
}

/**
 * Sessions live in memory: after a restart the cashier logs in again, while the
 * shift and the open receipt (in the ledger) are still there. Wrong PINs are
 * counted per origin (a till, a tablet's address) and lock it out for a while.
 */
export class Sessions {
  private readonly sessions = new Map<string, Session>();
  private readonly attempts = new Map<string, Attempts>();
  private readonly byPin;

  constructor(
    db: Db,
    private readonly journal: Journal,
    private readonly settings: Settings,
    private readonly clock: () => Date,
    private readonly write: <T>(fn: () => T) => T,
  ) {
    this.byPin = db.prepare<[string], SessionUser>('SELECT id, name, role FROM users WHERE pin_hash = ? AND active = 1');
  }

  get(token: string): Session | null {
    return this.sessions.get(token) ?? null;
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  async login(pin: string, origin: string): Promise<Session> {
    const user = await this.identify(pin, origin, 'login');
    const session: Session = { token: randomBytes(24).toString('base64url'), user, startedAt: this.clock().toISOString() };
    this.sessions.set(session.token, session);
    this.write(() => this.journal.append({ type: 'user.login', payload: { origin }, userId: user.id }));
    return session;
  }

  /** A manager's PIN typed in to approve one action. */
  async checkOverride(pin: string, needed: Role, origin: string): Promise<SessionUser | null> {
    const user = await this.identify(pin, origin, 'override');
    return roleAtLeast(user.role, needed) ? user : null;
  }

  private async identify(pin: string, origin: string, purpose: string): Promise<SessionUser> {
    const now = this.clock().getTime();
    const attempts = this.attempts.get(origin) ?? { failures: 0, lockedUntil: 0 };
    if (attempts.lockedUntil > now) {
      throw new LavkaError('locked', 'errors.loginLocked', { seconds: Math.ceil((attempts.lockedUntil - now) / 1000) });
    }
    const user = this.byPin.get(await hashPin(pin, this.settings.shopSalt()));
    if (user) {
      this.attempts.delete(origin);
      return user;
    }
    attempts.failures++;
    if (attempts.failures >= MAX_FAILURES) {
      attempts.lockedUntil = now + LOCK_MS;
      attempts.failures = 0;
    }
    this.attempts.set(origin, attempts);
    this.write(() => this.journal.append({ type: 'user.loginFailed', payload: { origin, purpose }, userId: null }));
    throw new LavkaError('unauthenticated', 'errors.wrongPin');
  }
}
