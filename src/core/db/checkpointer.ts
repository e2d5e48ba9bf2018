import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

/**
 * WAL checkpoints off the commit path. SQLite's automatic checkpoint runs inside whichever
 * commit crosses the threshold, so every few dozen sales one of them would also copy the
 * WAL into the database and fsync it: that was the till's p99. Here the main connection
 * never checkpoints; a worker thread with its own connection does, a passive checkpoint at
 * a time, while the till keeps selling.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
parentPort.on('message', (message) => {
  if (message === 'checkpoint') {
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next round gets it */ }
    parentPort.postMessage('done');
  } else if (message === 'close') {
    db.close();
    parentPort.postMessage('closed');
  }
});
`;

export class Checkpointer {
  private readonly worker: Worker;
  private readonly timer: NodeJS.Timeout;
  private dirty = false;
  private busy = false;

  constructor(file: string, everyMs = 500) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER, { eval: true, workerData: { file, driver } });
    this.worker.unref();
    this.worker.on('message', (m) => {
      if (m === 'done') this.busy = false;
    });
    this.timer = setInterval(() => this.tick(), everyMs);
    this.timer.unref();
  }

  /** Something was committed: the WAL has frames to copy back. */
  wrote(): void {
    this.dirty = true;
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
