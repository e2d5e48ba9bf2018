import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate.js';

export type Db = Database.Database;

/**
 * Opens the till ledger. WAL with synchronous=FULL makes every commit durable
 * (fsync of the WAL) before the caller is told it is done.
 */
export function openLedger(file: string, migrationsDir: string, backupDir: string): Db {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // checkpoints run in a worker (see checkpointer.ts), never inside a sale's commit
  db.pragma('wal_autocheckpoint = 0');
  // Every command writes inside a savepoint of its batch's transaction (unit-of-work.ts), so
  // SQLite keeps the pages it changes in a sub-journal; past 64 KiB that spills to a temp file.
  db.pragma('temp_store = MEMORY');
  try {
    migrate(db, migrationsDir, backupDir);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** A second connection that only reads (reports, exports, verify). */
export function openReader(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}
