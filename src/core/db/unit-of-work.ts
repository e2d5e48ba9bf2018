import type { Db } from './open.js';

/**
 * Group commit. The dispatcher runs the mutating commands that queued up meanwhile in one
 * SQLite transaction, each command's writes in a savepoint of it, and answers them all
 * after the single COMMIT: one fsync for many sales, and still nothing acknowledged before
 * it is durable. Effects others can see (events, printing) wait for the commit too, and a
 * batch's effects are handed to the caller so the answers can go out before them.
 */
export class UnitOfWork {
  private open = false;
  private effects: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly committed: () => void = () => undefined,
    private readonly beforeBegin: () => void = () => undefined,
  ) {}

  /** Runs fn in one transaction (a savepoint when a batch is open): all of it or none. */
  tx<T>(fn: () => T): T {
    const result = this.db.transaction(fn).immediate();
    if (!this.open) this.committed();
    return result;
  }

  /** Runs an effect once everything written before it is committed. */
  afterCommit(effect: () => void): void {
    if (this.open) this.effects.push(effect);
    else effect();
  }

  begin(): void {
    this.beforeBegin();
    this.db.exec('BEGIN IMMEDIATE');
    this.open = true;
  }

  /** Makes what was written so far durable now (before a device is told about it) and carries on. */
  checkpoint(): void {
    if (!this.open) return;
    this.db.exec('COMMIT');
    this.committed();
    this.runEffects();
    this.db.exec('BEGIN IMMEDIATE');
  }

  /** Commits the batch and returns its effects, for the caller to run once the answers are out. */
  commit(): (() => void)[] {
    if (!this.open) return [];
    this.open = false;
    this.db.exec('COMMIT');
    this.committed();
    return this.takeEffects();
  }

  rollback(): void {
    if (!this.open) return;
    this.open = false;
    this.effects = [];
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  private runEffects(): void {
    for (const effect of this.takeEffects()) effect();
  }

  private takeEffects(): (() => void)[] {
    const effects = this.effects;
    this.effects = [];
    return effects;
  }
}
