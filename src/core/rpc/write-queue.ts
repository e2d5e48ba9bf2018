import type { UnitOfWork } from '../db/unit-of-work.js';

/** How many queued writes one commit may carry. */
const MAX_BATCH = 64;

interface Job {
  run(): Promise<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * The one way into the ledger for writes. Jobs run one at a time, so an async job (a device
 * round trip) never interleaves its writes with another's; the jobs that queued up meanwhile
 * share one transaction and one durable commit, and each is answered only after that commit.
 */
export class WriteQueue {
  private readonly queue: Job[] = [];
  private draining = false;
  /** effects of committed batches whose answers are out, not run yet */
  private readonly effects: (() => void)[] = [];

  constructor(private readonly uow: UnitOfWork, private readonly log: (err: unknown) => void) {}

  /** Resolves once the effects of every batch answered so far have run. */
  settled(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  /** Runs the effects still waiting (on their turn, or before the ledger closes); one failing stops none of the others. */
  runEffects(): void {
    for (const effect of this.effects.splice(0)) {
      try {
        effect();
      } catch (err) {
        this.log(err);
      }
    }
  }

  run<T>(job: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: async () => job(), resolve: resolve as (value: unknown) => void, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        // let requests that arrived meanwhile join this batch
        await new Promise((resolve) => setImmediate(resolve));
        const batch = this.queue.splice(0, MAX_BATCH);
        const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
        try {
          this.uow.begin();
        } catch (error) {
          // the ledger is closed or unwritable: nothing in this batch can run
          for (const job of batch) job.reject(error);
          continue;
        }
        for (const job of batch) {
          try {
            outcomes.push({ ok: true, value: await job.run() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
        try {
          this.effects.push(...this.uow.commit());
        } catch (error) {
          this.uow.rollback();
          outcomes.fill({ ok: false, error });
        }
        batch.forEach((job, i) => {
          const o = outcomes[i];
          if (o?.ok) job.resolve(o.value);
          else job.reject(o?.error);
        });
        // The answers travel in the promise jobs queued just now; the events and printing the
        // batch caused run on the next turn, so no rendering or broadcasting delays an answer.
        // The next batch waits for its turn behind them (setImmediate keeps order).
        setImmediate(() => this.runEffects());
      }
    } finally {
      this.draining = false;
    }
  }
}
