import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { UnitOfWork } from './unit-of-work.js';

let dir: string;
let db: Database.Database;
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function ledger(): UnitOfWork {
  dir = mkdtempSync(join(tmpdir(), 'lavka-uow-'));
  db = new Database(join(dir, 'lavka.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (v TEXT NOT NULL)');
  return new UnitOfWork(db);
}

const rows = () => db.prepare('SELECT v FROM t ORDER BY rowid').pluck().all();
const insert = (v: string) => db.prepare('INSERT INTO t (v) VALUES (?)').run(v);

describe('a unit of work', () => {
  it('keeps all of a transaction or none of it, alone or as one command of a batch', () => {
    const uow = ledger();
    expect(() => uow.tx(() => {
      insert('a');
      throw new Error('half done');
    })).toThrow('half done');
    expect(rows()).toEqual([]);

    uow.begin();
    uow.tx(() => insert('b'));
    expect(() => uow.tx(() => {
      insert('c');
      throw new Error('half done');
    })).toThrow('half done');
    uow.tx(() => {
      insert('d');
      // a transaction inside another is part of it
      uow.tx(() => insert('e'));
    });
    uow.commit();
    expect(rows()).toEqual(['b', 'd', 'e']);
  });

  it('refuses a transaction that would wait for a promise, and writes nothing of it', () => {
    const uow = ledger();
    expect(() => uow.tx(() => {
      insert('a');
      return Promise.resolve();
    })).toThrow(TypeError);
    expect(rows()).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });
});
