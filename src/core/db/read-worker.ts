import type { Worker } from 'node:worker_threads';
import type { AbcClassName, AbcRanks } from '../reports/abc.js';
import { startModuleWorker } from './module-worker.js';

export type Params = Record<string, string | number | null>;

/**
 * One step of a rollup write: the rows of `select` (on the read-only ledger connection, which sees the
 * rollup as `rollup.*`) each go through `insert` on the rollup's own connection as its named parameters;
 * `insert` alone runs once with the call's parameters; `scratch` runs on the ledger connection, where
 * only its TEMP tables can be written (to work out a batch once for several steps).
 */
export type CopyStep = { select?: string; insert: string; scratch?: never } | { scratch: string };

/** What the thread is given: the ledger and the rollup's file. */
export interface ReadFiles {
  file: string;
  rollupFile: string;
}

/** An ABC ranking to work out in the thread (see reports/abc.ts). */
export interface AbcQuery {
  /** rows of `product` (a product's key) and `value` (kopecks), one a product, in ascending order of key */
  values: string;
  /** given @keys, a JSON array of product keys: rows of `key`, `productId` and `name` */
  names: string;
  params: Params;
  /** the rows wanted, from the top (null: all) */
  limit: number | null;
}

export interface AbcRanking {
  classes: AbcRanks['classes'];
  rows: { productId: string; name: string; value: number; share: number; cumulative: number; abc: AbcClassName }[];
}

type Ask = { sql: string; params: Params } | { steps: readonly CopyStep[]; params: Params } | { ddl: string } | { abc: AbcQuery };

/** What the main side asks the thread; `id` pairs it with its answer. */
export type ReadRequest = { id: number } & Ask;

export type ReadAnswer = { id: number; value: unknown; error?: never } | { id: number; error: string };

/**
 * Heavy reads (reports, exports, stocktake sheets) on their own connection in a worker thread
 * (read-thread.ts), so a long query never holds up the event loop the scan path runs on. Mostly SQL crosses
 * over: the thread runs a statement and sends the rows back, and shaping them stays on the main side. The
 * exception is ABC, ranked in the thread (`abc`) so that half a million values never cross.
 *
 * The thread also keeps the report rollup, a cache file of its own (see reports/rollup.ts): a second,
 * writable connection to that file only, fed by `copy` with rows the read-only ledger connection
 * selects, so nothing in this thread can write the ledger. The ledger connection sees the rollup
 * attached as `rollup` (read-only, as everything on that connection).
 */
export class ReadWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  private nextId = 1;
  private broken: Error | null = null;

  constructor(file: string, rollupFile: string) {
    this.worker = startModuleWorker(new URL('./read-thread.ts', import.meta.url), { file, rollupFile } satisfies ReadFiles);
    this.worker.unref();
    this.worker.on('message', (answer: ReadAnswer) => {
      const waiter = this.waiting.get(answer.id);
      if (!waiter) return;
      this.waiting.delete(answer.id);
      if (answer.error !== undefined) waiter.reject(new Error(answer.error));
      else waiter.resolve(answer.value);
    });
    this.worker.on('error', (err) => this.stopped(err));
    this.worker.on('exit', (code) => this.stopped(new Error(`the read thread stopped (exit code ${code})`)));
  }

  /** Runs one read-only statement with named parameters and returns its rows. */
  all<T>(sql: string, params: Params = {}): Promise<T[]> {
    return this.send<T[]>({ sql, params });
  }

  /** Runs the steps in one transaction on the rollup's connection; answers how many rows were copied. */
  copy(steps: readonly CopyStep[], params: Params = {}): Promise<number> {
    return this.send<number>({ steps, params });
  }

  /** Runs schema statements on the rollup's connection. */
  async ddl(sql: string): Promise<void> {
    await this.send<null>({ ddl: sql });
  }

  /** Ranks the products of `query.values` by ABC in the thread; only the class totals and the rows asked for come back. */
  abc(query: AbcQuery): Promise<AbcRanking> {
    return this.send<AbcRanking>({ abc: query });
  }

  /** A thread that failed (its module missing from a build, say) fails every read after, rather than leave it unanswered. */
  private stopped(err: Error): void {
    this.broken ??= err;
    for (const waiter of this.waiting.values()) waiter.reject(this.broken);
    this.waiting.clear();
  }

  private send<T>(ask: Ask): Promise<T> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (this.waiting.size === 1) this.worker.ref();
      const request: ReadRequest = { id, ...ask };
      this.worker.postMessage(request);
    }).finally(() => {
      if (this.waiting.size === 0) this.worker.unref();
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
