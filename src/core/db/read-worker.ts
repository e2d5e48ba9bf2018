import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

/**
 * Heavy reads (reports, exports, stocktake sheets) on their own connection in a worker thread,
 * so a long query never holds up the event loop the scan path runs on. Only SQL crosses over:
 * the worker runs a statement and sends the rows back; shaping them stays on the main side.
 *
 * The worker also keeps the report rollup, a cache file of its own (see reports/rollup.ts): a second,
 * writable connection to that file only, fed by `copy` with rows the read-only ledger connection
 * selects, so nothing in this thread can write the ledger. The ledger connection sees the rollup
 * attached as `rollup` (read-only, as everything on that connection).
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const cache = new Database(workerData.rollupFile);
cache.pragma('journal_mode = WAL');
cache.pragma('synchronous = OFF');
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -65536');
db.prepare('ATTACH DATABASE ? AS rollup').run(workerData.rollupFile);
const statements = new Map();
function prepared(conn, sql) {
  const key = (conn === cache ? 'w:' : 'r:') + sql;
  let statement = statements.get(key);
  if (!statement) { statement = conn.prepare(sql); statements.set(key, statement); }
  return statement;
}
const copy = cache.transaction((steps, params) => {
  let rows = 0;
  for (const step of steps) {
    if (step.scratch !== undefined) { prepared(db, step.scratch).run(params); continue; }
    if (step.select === undefined) { prepared(cache, step.insert).run(params); continue; }
    const insert = prepared(cache, step.insert);
    for (const row of prepared(db, step.select).iterate(params)) { insert.run(row); rows++; }
  }
  return rows;
});
parentPort.on('message', (message) => {
  const { id } = message;
  if (id === 0) { db.close(); cache.close(); parentPort.postMessage({ id: 0 }); return; }
  try {
    if (message.steps) { parentPort.postMessage({ id, rows: [copy(message.steps, message.params)] }); return; }
    if (message.ddl) { cache.exec(message.ddl); parentPort.postMessage({ id, rows: [] }); return; }
    parentPort.postMessage({ id, rows: prepared(db, message.sql).all(message.params) });
  } catch (err) {
    // a script of several statements that failed half way leaves its BEGIN open: the next write would join it
    if (cache.inTransaction) cache.exec('ROLLBACK');
    parentPort.postMessage({ id, error: String(err && err.message || err) });
  }
});
`;

export type Params = Record<string, string | number | null>;

/**
 * One step of a rollup write: the rows of `select` (on the read-only ledger connection, which sees the
 * rollup as `rollup.*`) each go through `insert` on the rollup's own connection as its named parameters;
 * `insert` alone runs once with the call's parameters; `scratch` runs on the ledger connection, where
 * only its TEMP tables can be written (to work out a batch once for several steps).
 */
export type CopyStep = { select?: string; insert: string; scratch?: never } | { scratch: string };

interface Answer {
  id: number;
  rows?: unknown[];
  error?: string;
}

export class ReadWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve(rows: unknown[]): void; reject(err: Error): void }>();
  private nextId = 1;

  constructor(file: string, rollupFile: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER, { eval: true, workerData: { file, rollupFile, driver } });
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
    return this.send<T>({ sql, params });
  }

  /** Runs the steps in one transaction on the rollup's connection; answers how many rows were copied. */
  async copy(steps: readonly CopyStep[], params: Params = {}): Promise<number> {
    const [rows] = await this.send<number>({ steps, params });
    return rows ?? 0;
  }

  /** Runs schema statements on the rollup's connection. */
  async ddl(sql: string): Promise<void> {
    await this.send({ ddl: sql });
  }

  private send<T>(message: object): Promise<T[]> {
    const id = this.nextId++;
    return new Promise<T[]>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      if (this.waiting.size === 1) this.worker.ref();
      this.worker.postMessage({ id, ...message });
    }).finally(() => {
      if (this.waiting.size === 0) this.worker.unref();
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
