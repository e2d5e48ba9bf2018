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

/** The statement of `sql` on `conn`, prepared once; `raw` ones answer rows as arrays. */
function prepared(conn: Db, sql: string, raw = false): Statement {
  const key = `${conn === cache ? 'w' : 'r'}${raw ? 'a' : 'o'}:${sql}`;
  let statement = statements.get(key);
  if (!statement) {
    statement = conn.prepare<[Params?]>(sql);
    if (raw) statement.raw();
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

/** The period's values into typed arrays, ranked here; ids and names only for the rows that go back. */
function abc(query: AbcQuery): AbcRanking {
  let products = new Int32Array(1 << 16);
  let values = new Float64Array(1 << 16);
  let n = 0;
  for (const row of prepared(db, query.values, true).iterate(query.params) as IterableIterator<[number, number]>) {
    if (n === products.length) {
      const more = new Int32Array(n * 2);
      more.set(products);
      products = more;
      const moreValues = new Float64Array(n * 2);
      moreValues.set(values);
      values = moreValues;
    }
    products[n] = row[0];
    values[n] = row[1];
    n++;
  }
  const { classes, rows } = rankAbc(products.subarray(0, n), values.subarray(0, n), query.limit);
  const named = new Map<number, { productId: string; name: string }>();
  if (rows.length > 0) {
    const keys = JSON.stringify(rows.map((r) => r.product));
    for (const [key, productId, name] of prepared(db, query.names, true).iterate({ keys }) as IterableIterator<[number, string, string]>) {
      named.set(key, { productId, name });
    }
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
