/**
 * The read thread (see read-worker.ts): a read-only connection to the ledger with the report rollup attached,
 * and a writable connection to the rollup file alone. It answers each request in turn.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { rankAbc } from '../reports/abc.js';
import { openReader, type Db } from './open.js';
import type { AbcQuery, AbcRanking, CopyStep, Params, ReadAnswer, ReadFiles, ReadRequest } from './read-worker.js';

if (!parentPort) throw new Error('read-thread.ts runs in a worker thread');
const port = parentPort;
const { file, rollupFile } = workerData as ReadFiles;

const cache = new Database(rollupFile);
cache.pragma('journal_mode = WAL');
cache.pragma('synchronous = OFF');
const db = openReader(file);
db.pragma('cache_size = -65536');
db.prepare('ATTACH DATABASE ? AS rollup').run(rollupFile);

type Statement = Database.Statement<[Params?]>;
const statements = new Map<string, Statement>();

/** The statement of `sql` on `conn`, prepared once. */
function prepared(conn: Db, sql: string): Statement {
  const key = (conn === cache ? 'w:' : 'r:') + sql;
  let statement = statements.get(key);
  if (!statement) {
    statement = conn.prepare<[Params?]>(sql);
    statements.set(key, statement);
  }
  return statement;
}

const copy = cache.transaction((steps: readonly CopyStep[], params: Params): number => {
  let rows = 0;
  for (const step of steps) {
    if (step.scratch !== undefined) {
      prepared(db, step.scratch).run(params);
      continue;
    }
    const insert = prepared(cache, step.insert);
    if (step.select === undefined) {
      insert.run(params);
      continue;
    }
    for (const row of prepared(db, step.select).iterate(params)) {
      insert.run(row as Params);
      rows++;
    }
  }
  return rows;
});

/** An ABC query's products and values, as `abc_take` is given them: typed arrays that grow as needed. */
class Taken {
  products = new Int32Array(1 << 16);
  values = new Float64Array(1 << 16);
  length = 0;

  add(product: number, value: number): void {
    if (this.length === this.products.length) {
      const products = new Int32Array(this.length * 2);
      products.set(this.products);
      this.products = products;
      const values = new Float64Array(this.length * 2);
      values.set(this.values);
      this.values = values;
    }
    this.products[this.length] = product;
    this.values[this.length] = value;
    this.length++;
  }
}

let taking: Taken | null = null;
// An ABC query's rows reach JavaScript through a function the query calls on each: a year's half a million cost
// 0.04–0.15 s so, against 0.4 s iterating over them as result rows (an array and a step of the iterator each).
db.function('abc_take', { directOnly: true }, (product: number, value: number) => {
  taking?.add(product, value);
  return null;
});

/** The period's values into typed arrays, ranked here; ids and names only for the rows that go back. */
function abc(query: AbcQuery): AbcRanking {
  const taken = new Taken();
  taking = taken;
  try {
    prepared(db, `SELECT COUNT(abc_take(product, value)) FROM (${query.values})`).get(query.params);
  } finally {
    taking = null;
  }
  const { classes, rows } = rankAbc(taken.products.subarray(0, taken.length), taken.values.subarray(0, taken.length), query.limit);
  const named = new Map<number, { productId: string; name: string }>();
  if (rows.length > 0) {
    const keys = JSON.stringify(rows.map((r) => r.product));
    for (const it of prepared(db, query.names).all({ keys }) as { key: number; productId: string; name: string }[]) named.set(it.key, it);
  }
  // a product no longer in the catalogue keeps its place in the classes, but has no row to show
  return {
    classes,
    rows: rows.flatMap(({ product, value, share, cumulative, abc: c }) => {
      const it = named.get(product);
      return it ? [{ productId: it.productId, name: it.name, value, share, cumulative, abc: c }] : [];
    }),
  };
}

function answer(request: ReadRequest): unknown {
  if ('steps' in request) return copy(request.steps, request.params);
  if ('ddl' in request) {
    cache.exec(request.ddl);
    return null;
  }
  if ('abc' in request) return abc(request.abc);
  return prepared(db, request.sql).all(request.params);
}

port.on('message', (request: ReadRequest) => {
  let reply: ReadAnswer;
  try {
    reply = { id: request.id, value: answer(request) };
  } catch (err) {
    // a script of several statements that failed half way leaves its BEGIN open: the next write would join it
    if (cache.inTransaction) cache.exec('ROLLBACK');
    reply = { id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
