import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, MigrationError, readMigrations } from './migrate.js';
import { migrationsDir } from '../app.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'lavka-migrate-'));
  dirs.push(d);
  return d;
}

/** The migrations on disk, cut after the first `count`: an older Lavka. */
function olderMigrations(count: number): string {
  const dir = join(temp(), 'till');
  cpSync(migrationsDir(), dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe('migrations', () => {
  it('carry an open receipt from the line table into its one row, backing the ledger up first', () => {
    const work = temp();
    const db = new Database(join(work, 'lavka.sqlite'));
    migrate(db, olderMigrations(3), work);
    db.exec(`INSERT INTO users (id, name, role, pin_hash) VALUES ('u', 'Кассир', 'cashier', 'h');
      INSERT INTO vat_rates (code, percent, label, tag1199) VALUES ('22', 22, 'НДС 22%', 1);
      INSERT INTO products (rid, id, name, search_name, unit, vat, price) VALUES (1, 'p', 'Хлеб', 'хлеб', 'pcs', '22', 5000);
      INSERT INTO shifts (id, number, opened_at, opened_by, float) VALUES ('s', 1, '2026-11-23T09:00:00Z', 'u', 0);
      INSERT INTO carts (id, shift_id, opened_at, user_id) VALUES ('c', 's', '2026-11-23T09:01:00Z', 'u');
      INSERT INTO cart_lines (id, cart_id, position, product_id, barcode, qty, price) VALUES ('l2', 'c', 2, 'p', NULL, 2000, 5000), ('l1', 'c', 1, 'p', '460', 1000, 5000);`);
    migrate(db, migrationsDir(), work);
    const lines = JSON.parse((db.prepare("SELECT lines FROM carts WHERE id = 'c'").get() as { lines: string }).lines) as { id: string; qty: number }[];
    expect(lines.map((l) => [l.id, l.qty])).toEqual([['l1', 1000], ['l2', 2000]]);
    expect(readdirSync(work).some((f) => f.startsWith('before-migration-3-'))).toBe(true);
    db.close();
  });

  it('refuse a ledger written by a newer Lavka, and leave it as it was', () => {
    const work = temp();
    const db = new Database(join(work, 'lavka.sqlite'));
    migrate(db, migrationsDir(), work);
    const count = readMigrations(migrationsDir()).length;
    expect(() => migrate(db, olderMigrations(count - 1), work)).toThrow(MigrationError);
    expect((db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(count);
    db.close();
  });
});
