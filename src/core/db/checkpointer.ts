import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { Db } from './open.js';

/**
 * WAL checkpoints off the commit path. SQLite's automatic checkpoint runs inside whichever
 * commit crosses the threshold, so every few dozen sales one of them would also copy the
 * WAL into the database and fsync it: that was the till's p99. Here the main connection
 * never checkpoints on its own; a worker thread with its own connection copies the WAL back,
 * passive round after round until it has caught up, while the till keeps selling.
 *
 * Copying back is not enough under a steady load: SQLite starts the WAL over from its
 * beginning only when a write begins with every frame already copied, and a till that never
 * pauses never gives the worker that moment. The WAL then grows for as long as the load
 * lasts, and a commit that appends to a growing file costs about twice the fsync of one that
 * overwrites blocks already there (the file system journals the new size and blocks too).
 * So once the WAL is large and the worker reports it has caught up, the next write first
 * copies the few frames written since (`beforeWrite`), and SQLite restarts the WAL: commits
 * go back to overwriting its first megabytes.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
parentPort.on('message', (message) => {
  if (message === 'checkpoint') {
    let state = { log: -1, checkpointed: -1 };
    try {
      // each round copies what was written during the one before, so a few rounds catch up
      for (let round = 0; round < workerData.rounds; round++) {
        const [r] = db.pragma('wal_checkpoint(PASSIVE)');
        state = r;
        if (r.busy || r.log === r.checkpointed) break;
      }
    } catch { /* busy: the next round gets it */ }
    parentPort.postMessage(state);
  }
});
`;

interface Progress {
  /** frames in the WAL when the last round began (-1: unknown) */
  log: number;
  /** of those, frames copied into the database */
  checkpointed: number;
}

export interface CheckpointerOptions {
  /** how often to look for new frames to copy */
  everyMs?: number;
  /** the WAL size (in frames) from which the main connection restarts it once the worker has caught up */
  restartFrames?: number;
}

export class Checkpointer {
  private readonly worker: Worker;
  private readonly timer: NodeJS.Timeout;
  private readonly restartFrames: number;
  private dirty = false;
  private busy = false;
  private restartDue = false;
  /** commits since the worker last reported: what a restart would have to copy itself */
  private commitsSinceReport = 0;

  constructor(private readonly db: Db, file: string, options: CheckpointerOptions = {}) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.restartFrames = options.restartFrames ?? 4096;
    this.worker = new Worker(WORKER, { eval: true, workerData: { file, driver, rounds: 8 } });
    this.worker.unref();
    this.worker.on('message', (m: Progress) => {
      this.busy = false;
      this.commitsSinceReport = 0;
      this.restartDue = m.log >= this.restartFrames && m.log === m.checkpointed;
    });
    this.timer = setInterval(() => this.tick(), options.everyMs ?? 500);
    this.timer.unref();
  }

  /** Something was committed: the WAL has frames to copy back. */
  wrote(): void {
    this.dirty = true;
    this.commitsSinceReport++;
  }

  /**
   * Runs before a write transaction begins on the main connection. When the worker has just
   * caught up with a large WAL, copies the few frames written since, so this write starts the
   * WAL over instead of appending to it.
   */
  beforeWrite(): void {
    if (!this.restartDue || this.busy || this.commitsSinceReport > 2 || this.db.inTransaction) return;
    this.restartDue = false;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // the write goes ahead all the same, appending; the next report tries again
    }
  }

  private tick(): void {
    if (!this.dirty || this.busy) return;
    this.dirty = false;
    this.busy = true;
    this.worker.postMessage('checkpoint');
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.worker.terminate();
  }
}
