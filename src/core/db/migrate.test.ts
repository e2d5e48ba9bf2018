import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, MigrationError, readMigrations } from './migrate.js';
import { migrationsDir } from '../app.js';
import { GENESIS_HASH, rowHash } from '../journal/journal.js';
import { verifyLedger } from '../verify.js';

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

  it('rebuild the ledger tables for leaner commits with every row, the hash chain and the append-only rules intact', () => {
    const work = temp();
    const db = new Database(join(work, 'lavka.sqlite'));
    migrate(db, olderMigrations(6), work);
    const at = '2026-11-23T09:05:00.000Z';
    db.exec(`INSERT INTO users (id, name, role, pin_hash) VALUES ('u', 'Кассир', 'cashier', 'h');
      INSERT INTO vat_rates (code, percent, label, tag1199) VALUES ('10', 10, 'НДС 10%', 2);
      INSERT INTO products (rid, id, name, search_name, unit, vat, price) VALUES (1, 'p', 'Хлеб', 'хлеб', 'pcs', '10', 5000);
      INSERT INTO shifts (id, number, opened_at, opened_by, float) VALUES ('s', 1, '2026-11-23T09:00:00Z', 'u', 0);
      INSERT INTO sales (id, number, kind, ref_sale_id, shift_id, at, user_id, subtotal, discount, total, tendered, change)
        VALUES ('a', 1, 'sale', NULL, 's', '${at}', 'u', 10000, 0, 10000, 10000, 0), ('b', 2, 'return', 'a', 's', '${at}', 'u', 5000, 0, 5000, 5000, 0);
      INSERT INTO sale_lines (sale_id, line_no, product_id, name, unit, price, qty, discount, total, vat, vat_amount, ref_line_no, marking_code)
        VALUES ('a', 1, 'p', 'Хлеб', 'pcs', 5000, 2000, 0, 10000, '10', 909, NULL, NULL), ('b', 1, 'p', 'Хлеб', 'pcs', 5000, 1000, 0, 5000, '10', 455, 1, NULL);
      INSERT INTO sale_payments (sale_id, kind, amount) VALUES ('a', 'cash', 10000), ('b', 'cash', 5000);
      INSERT INTO sale_fiscal (sale_id, doc_number, fiscal_sign, fn_number, at, qr) VALUES ('a', 7, '123', '9999', '${at}', 't=1');
      INSERT INTO stock_moves (product_id, qty, doc_type, doc_id, at) VALUES ('p', -2000, 'sale', 'a', '${at}'), ('p', 1000, 'return', 'b', '${at}');`);
    const insertEvent = db.prepare('INSERT INTO journal (id, till_id, seq, type, payload, at, user_id, approved_by, prev_hash, hash) VALUES (@id, @till_id, @seq, @type, @payload, @at, @user_id, @approved_by, @prev_hash, @hash)');
    let prev = GENESIS_HASH;
    [['sale.completed', 'a'], ['return.completed', 'b']].forEach(([type, id], i) => {
      const row = { id: `e${i}`, till_id: 't', seq: i + 1, type: type ?? '', payload: JSON.stringify({ id }), at, user_id: 'u', approved_by: null, prev_hash: prev };
      const hash = rowHash(row);
      insertEvent.run({ ...row, hash });
      prev = hash;
    });

    migrate(db, migrationsDir(), work);
    expect(verifyLedger(db, migrationsDir())).toMatchObject({ ok: true, sales: 2, journal: 2, problems: [] });
    expect(db.prepare("SELECT doc_number FROM sale_fiscal WHERE sale_id = 'a'").get()).toEqual({ doc_number: 7 });
    expect(db.prepare("SELECT id FROM sales WHERE ref_sale_id = 'a'").all()).toEqual([{ id: 'b' }]);
    // stock moves go on numbering after the rows carried over
    db.prepare("INSERT INTO stock_moves (product_id, qty, doc_type, doc_id, at) VALUES ('p', -1000, 'sale', 'c', ?)").run(at);
    expect(db.prepare('SELECT id FROM stock_moves ORDER BY id').all()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    for (const sql of ["UPDATE sales SET total = 0 WHERE id = 'a'", "DELETE FROM sale_lines WHERE sale_id = 'a'", "DELETE FROM sale_payments WHERE sale_id = 'a'",
      "UPDATE sale_fiscal SET qr = '' WHERE sale_id = 'a'", 'DELETE FROM stock_moves WHERE id = 1', 'UPDATE journal SET payload = \'{}\' WHERE seq = 1']) {
      expect(() => db.exec(sql), sql).toThrow(/append-only/);
    }
    db.close();
  });

  it('drop the indexes a sale wrote for nothing, keep the open receipt, and verify still finds a sale missing its moves or journal row', () => {
    const work = temp();
    const db = new Database(join(work, 'lavka.sqlite'));
    migrate(db, olderMigrations(7), work);
    const at = '2026-11-23T09:05:00.000Z';
    const lines = JSON.stringify([{ id: 'l1', productId: 'p', barcode: null, qty: 1000, price: 5000, discountKind: null, discountValue: null }]);
    db.exec(`INSERT INTO users (id, name, role, pin_hash) VALUES ('u', 'Кассир', 'cashier', 'h');
      INSERT INTO vat_rates (code, percent, label, tag1199) VALUES ('10', 10, 'НДС 10%', 2);
      INSERT INTO products (rid, id, name, search_name, unit, vat, price) VALUES (1, 'p', 'Хлеб', 'хлеб', 'pcs', '10', 5000);
      INSERT INTO shifts (id, number, opened_at, opened_by, float) VALUES ('s', 1, '2026-11-23T09:00:00Z', 'u', 0);
      INSERT INTO carts (id, shift_id, opened_at, user_id, lines) VALUES ('c', 's', '${at}', 'u', '${lines}');
      INSERT INTO sales (id, number, kind, ref_sale_id, shift_id, at, user_id, subtotal, discount, total, tendered, change)
        VALUES ('a', 1, 'sale', NULL, 's', '${at}', 'u', 5000, 0, 5000, 5000, 0), ('b', 2, 'sale', NULL, 's', '${at}', 'u', 5000, 0, 5000, 5000, 0);
      INSERT INTO sale_lines (sale_id, line_no, product_id, name, unit, price, qty, discount, total, vat, vat_amount, ref_line_no, marking_code)
        VALUES ('a', 1, 'p', 'Хлеб', 'pcs', 5000, 1000, 0, 5000, '10', 455, NULL, NULL), ('b', 1, 'p', 'Хлеб', 'pcs', 5000, 1000, 0, 5000, '10', 455, NULL, NULL);
      INSERT INTO sale_payments (sale_id, kind, amount) VALUES ('a', 'cash', 5000), ('b', 'cash', 5000);
      INSERT INTO stock_moves (product_id, qty, doc_type, doc_id, at) VALUES ('p', -1000, 'sale', 'a', '${at}');`);
    // sale b has neither its stock move nor its journal row
    const row = { id: 'e1', till_id: 't', seq: 1, type: 'sale.completed', payload: JSON.stringify({ id: 'a' }), at, user_id: 'u', approved_by: null, prev_hash: GENESIS_HASH };
    db.prepare('INSERT INTO journal (id, till_id, seq, type, payload, at, user_id, approved_by, prev_hash, hash) VALUES (@id, @till_id, @seq, @type, @payload, @at, @user_id, @approved_by, @prev_hash, @hash)')
      .run({ ...row, hash: rowHash(row) });

    migrate(db, migrationsDir(), work);
    expect(db.prepare('SELECT id, lines FROM carts').all()).toEqual([{ id: 'c', lines }]);
    expect(verifyLedger(db, migrationsDir()).problems).toEqual([
      'sale № 2 (b): not in the journal exactly once',
      'sale № 2 (b): stock moves do not match its lines',
    ]);
    // an event that carries its document's id is still journaled once at most
    const posted = db.prepare("INSERT INTO journal (id, till_id, seq, type, payload, at, prev_hash, hash) VALUES ('d', 't', ?, 'stock.posted', '{}', ?, '', '')");
    posted.run(2, at);
    expect(() => posted.run(3, at)).toThrow(/UNIQUE/);
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
