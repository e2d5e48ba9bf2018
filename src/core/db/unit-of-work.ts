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
  private readonly sql;

  constructor(
    private readonly db: Db,
    private readonly committed: () => void = () => undefined,
    private readonly beforeBegin: () => void = () => undefined,
  ) {
    this.sql = {
      begin: db.prepare('BEGIN IMMEDIATE'), commit: db.prepare('COMMIT'), rollback: db.prepare('ROLLBACK'),
      savepoint: db.prepare('SAVEPOINT tx'), release: db.prepare('RELEASE tx'), rollbackTo: db.prepare('ROLLBACK TO tx'),
    };
  }

  /**
   * Runs fn in one transaction (a savepoint when a batch is open): all of it or none. This is what
   * better-sqlite3's db.transaction(fn) does, without building its four wrapper functions on every
   * call (about 7 µs of every scan and sale).
   */
  tx<T>(fn: () => T): T {
    const nested = this.db.inTransaction;
    (nested ? this.sql.savepoint : this.sql.begin).run();
    let result: T;
    try {
      result = fn();
      if (result instanceof Promise) throw new TypeError('a transaction cannot wait: its function returned a promise');
    } catch (err) {
      // an error SQLite rolled back itself (a full disk) has ended the transaction already
      if (this.db.inTransaction) {
        if (nested) {
          this.sql.rollbackTo.run();
          this.sql.release.run();
        } else {
          this.sql.rollback.run();
        }
      }
      throw err;
    }
    (nested ? this.sql.release : this.sql.commit).run();
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
    this.sql.begin.run();
    this.open = true;
  }

  /** Makes what was written so far durable now (before a device is told about it) and carries on. */
  checkpoint(): void {
    if (!this.open) return;
    this.sql.commit.run();
    this.committed();
    this.runEffects();
    this.sql.begin.run();
  }

  /**
   * Drops what was written since the last commit or checkpoint, effects included, and carries on in
   * a new transaction. A WAL rollback only forgets frames, so a job that starts with `checkpoint()`
   * can be undone this way without a savepoint journal (which would copy every page it touches).
   */
  discard(): void {
    if (!this.open) return;
    this.effects = [];
    this.sql.rollback.run();
    this.sql.begin.run();
  }

  /** Commits the batch and returns its effects, for the caller to run once the answers are out. */
  commit(): (() => void)[] {
    if (!this.open) return [];
    this.open = false;
    this.sql.commit.run();
    this.committed();
    return this.takeEffects();
  }

  rollback(): void {
    if (!this.open) return;
    this.open = false;
    this.effects = [];
    if (this.db.inTransaction) this.sql.rollback.run();
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
