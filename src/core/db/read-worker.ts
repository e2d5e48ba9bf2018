import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

/**
 * Heavy reads (reports, exports, stocktake sheets) on their own connection in a worker thread,
 * so a long query never holds up the event loop the scan path runs on. Only SQL crosses over:
 * the worker runs a statement and sends the rows back; shaping them stays on the main side.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
parentPort.on('message', ({ id, sql, params }) => {
  if (id === 0) { db.close(); parentPort.postMessage({ id: 0 }); return; }
  try {
    let statement = statements.get(sql);
    if (!statement) { statement = db.prepare(sql); statements.set(sql, statement); }
    parentPort.postMessage({ id, rows: statement.all(params) });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.message || err) });
  }
});
`;

type Params = Record<string, string | number | null>;

interface Answer {
  id: number;
  rows?: unknown[];
  error?: string;
}

export class ReadWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve(rows: unknown[]): void; reject(err: Error): void }>();
  private nextId = 1;

  constructor(file: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER, { eval: true, workerData: { file, driver } });
    this.worker.unref();
    this.worker.on('message', (answer: Answer) => {
      const waiter = this.waiting.get(answer.id);
      if (!waiter) return;
      this.waiting.delete(answer.id);
      if (answer.error !== undefined) waiter.reject(new Error(answer.error));
      else waiter.resolve(answer.rows ?? []);
    });
    this.worker.on('error', (err) => {
      for (const waiter of this.waiting.values()) waiter.reject(err);
      this.waiting.clear();
    });
  }

  /** Runs one read-only statement with named parameters and returns its rows. */
  all<T>(sql: string, params: Params = {}): Promise<T[]> {
    const id = this.nextId++;
    return new Promise<T[]>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      if (this.waiting.size === 1) this.worker.ref();
      this.worker.postMessage({ id, sql, params });
    }).finally(() => {
      if (this.waiting.size === 0) this.worker.unref();
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
