import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

interface JournalFile {
  entries: { idx: number; tag: string }[];
}

export interface Migration {
  tag: string;
  statements: string[];
}

/** The migrations drizzle-kit wrote, in order. */
export function readMigrations(dir: string): Migration[] {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as JournalFile;
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map(({ tag }) => ({
      tag,
      statements: readFileSync(join(dir, `${tag}.sql`), 'utf8')
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter(Boolean),
    }));
}

export class MigrationError extends Error {}

/**
 * Brings the ledger up to the migrations on disk. Refuses a database whose applied
 * migrations are not a prefix of ours (written by a newer or a different Lavka), and
 * backs the file up with VACUUM INTO before changing an existing ledger.
 */
export function migrate(db: Database.Database, dir: string, backupDir: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (idx INTEGER PRIMARY KEY, tag TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = db.prepare('SELECT idx, tag FROM schema_migrations ORDER BY idx').all() as { idx: number; tag: string }[];
  const onDisk = readMigrations(dir);
  if (applied.length > onDisk.length) {
    throw new MigrationError(
      `this data folder was written by a newer Lavka (schema ${applied.length}, this version knows ${onDisk.length}); update Lavka`,
    );
  }
  applied.forEach((row, i) => {
    if (row.idx !== i || row.tag !== onDisk[i]?.tag) {
      throw new MigrationError(`applied migration ${i} is "${row.tag}", expected "${onDisk[i]?.tag}": not a Lavka ledger of this line`);
    }
  });
  const pending = onDisk.slice(applied.length);
  if (pending.length === 0) return;
  if (applied.length > 0) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    db.exec(`VACUUM INTO '${join(backupDir, `before-migration-${applied.length}-${stamp}.sqlite`).replace(/'/g, "''")}'`);
  }
  // Table rebuilds in drizzle-kit output must not cascade through foreign keys.
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      pending.forEach((m, k) => {
        for (const statement of m.statements) db.exec(statement);
        db.prepare('INSERT INTO schema_migrations (idx, tag, applied_at) VALUES (?, ?, ?)').run(applied.length + k, m.tag, new Date().toISOString());
      });
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new MigrationError(`migration left ${broken.length} broken foreign keys`);
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

export function schemaVersion(db: Database.Database): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n;
}
