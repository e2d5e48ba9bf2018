import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BoundRows } from './bound-rows.js';

let db: Database.Database;
afterEach(() => db.close());

describe('rows written with their values bound', () => {
  it('a run of more values than one statement binds goes in whole, in order, the named value in every row', () => {
    db = new Database(':memory:');
    const columns = Array.from({ length: 15 }, (_, i) => `c${i}`);
    db.exec(`CREATE TABLE t (${columns.join(', ')}, at TEXT)`);
    const insert = new BoundRows(db, `(${columns.map(() => '?').join(', ')}, @at)`, (values) => `INSERT INTO t VALUES ${values}`);
    // 3,000 rows of 15 values: 45,000, past SQLite's 32,766 a statement
    const rows = Array.from({ length: 3000 }, (_, r) => columns.map((_, c) => (c === 1 ? `row ${r}` : r * 100 + c)));
    insert.run(rows, { at: '2026-11-23' });
    insert.run(rows.slice(0, 7), { at: '2026-11-24' });
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(3007);
    expect(db.prepare('SELECT c0, c1, c14, at FROM t ORDER BY rowid LIMIT 1 OFFSET 2999').raw().get()).toEqual([299_900, 'row 2999', 299_914, '2026-11-23']);
    expect(db.prepare('SELECT COUNT(*) FROM t WHERE at = ?').pluck().get('2026-11-24')).toBe(7);
  });

  it('a named value takes a slot too: rows whose width divides the limit still go in', () => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE costs (product_id TEXT, at TEXT, cost INTEGER, qty INTEGER)');
    const insert = new BoundRows(db, '(?, @now, ?, ?)', (values) => `INSERT INTO costs VALUES ${values}`);
    // 3 values a row: 10,922 rows fill 32,766 slots exactly, and @now needs one more
    const rows = Array.from({ length: 11_000 }, (_, r) => [`p${r}`, r, 1000]);
    insert.run(rows, { now: '2026-11-23' });
    expect(db.prepare('SELECT COUNT(*) FROM costs WHERE at = ?').pluck().get('2026-11-23')).toBe(11_000);
  });
});
