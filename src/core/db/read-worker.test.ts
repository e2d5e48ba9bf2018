import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ReadWorker } from './read-worker.js';

let dir = '';
let reads: ReadWorker | null = null;
afterEach(async () => {
  await reads?.close();
  reads = null;
  rmSync(dir, { recursive: true, force: true });
});

/** A ledger of three products and a read thread on it, its rollup holding what four products sold. */
async function start(): Promise<ReadWorker> {
  dir = mkdtempSync(join(tmpdir(), 'lavka-read-'));
  const ledger = new Database(join(dir, 'ledger.sqlite'));
  ledger.exec(`CREATE TABLE products (id TEXT PRIMARY KEY, name TEXT NOT NULL);
    INSERT INTO products VALUES ('p-milk', 'Молоко'), ('p-bread', 'Хлеб'), ('p-salt', 'Соль')`);
  ledger.close();
  reads = new ReadWorker(join(dir, 'ledger.sqlite'), join(dir, 'rollup.sqlite'));
  await reads.ddl(`CREATE TABLE sold_item (key INTEGER PRIMARY KEY, product_id TEXT NOT NULL);
    CREATE TABLE sold_product (day TEXT NOT NULL, product INTEGER NOT NULL, revenue INTEGER NOT NULL)`);
  await reads.copy([
    { insert: `INSERT INTO sold_item VALUES (1, 'p-milk'), (2, 'p-bread'), (3, 'p-gone'), (4, 'p-salt')` },
    { insert: `INSERT INTO sold_product VALUES ('d1', 1, 6000), ('d2', 1, 1000), ('d1', 2, 2000), ('d1', 3, 1000), ('d1', 4, -500)` },
  ]);
  return reads;
}

const VALUES = 'SELECT product, SUM(revenue) AS value FROM rollup.sold_product GROUP BY product ORDER BY product';
const NAMES = 'SELECT i.key, i.product_id AS productId, p.name FROM json_each(@keys) k JOIN rollup.sold_item i ON i.key = k.value JOIN products p ON p.id = i.product_id';

describe('the read thread', () => {
  it('ranks ABC where the values are and sends back the classes and the rows asked for, named', async () => {
    const r = await start();
    const ranked = await r.abc({ values: VALUES, names: NAMES, params: {}, limit: null });
    expect(ranked.classes).toEqual([{ abc: 'A', products: 2, value: 9000 }, { abc: 'B', products: 1, value: 1000 }, { abc: 'C', products: 0, value: 0 }]);
    // the product gone from the catalogue keeps its place in the classes, with no row; salt sold nothing
    expect(ranked.rows).toEqual([
      { productId: 'p-milk', name: 'Молоко', value: 7000, share: 7000, cumulative: 7000, abc: 'A' },
      { productId: 'p-bread', name: 'Хлеб', value: 2000, share: 2000, cumulative: 9000, abc: 'A' },
    ]);
    expect((await r.abc({ values: VALUES, names: NAMES, params: {}, limit: 1 })).rows.map((x) => x.productId)).toEqual(['p-milk']);
  });

  it('answers a failed statement with its error, and a script that failed half way leaves no transaction open', async () => {
    const r = await start();
    await expect(r.all('SELECT x FROM nowhere')).rejects.toThrow(/no such table/);
    await expect(r.ddl('BEGIN; CREATE TABLE half (x); INSERT INTO nowhere VALUES (1); COMMIT;')).rejects.toThrow(/no such table/);
    await r.ddl('CREATE TABLE whole (x)');
    expect(await r.all<{ name: string }>("SELECT name FROM rollup.sqlite_master WHERE name IN ('half', 'whole')")).toEqual([{ name: 'whole' }]);
  });

  it('fails a read once the thread has stopped, rather than leave it unanswered', async () => {
    const r = await start();
    await r.close();
    await expect(r.all('SELECT 1')).rejects.toThrow(/stopped/);
  });
});
