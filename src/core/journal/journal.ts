import { createHash } from 'node:crypto';
import type { Db } from '../db/open.js';
import { uuidv7 } from '../../shared/ids.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface JournalRow {
  id: string;
  till_id: string;
  seq: number;
  type: string;
  payload: string;
  at: string;
  user_id: string | null;
  approved_by: string | null;
  prev_hash: string;
  hash: string;
}

export interface JournalEvent {
  type: string;
  payload: Record<string, unknown>;
  userId: string | null;
  approvedBy?: string | null;
  /** the document id, when the event records a document (so the event id is stable on retry) */
  id?: string;
}

/** The hash of a row: every field but the hash itself, in a fixed order, chained to the previous one. */
export function rowHash(row: Omit<JournalRow, 'hash'>): string {
  return createHash('sha256')
    .update([row.prev_hash, row.id, row.till_id, row.seq, row.type, row.at, row.user_id ?? '', row.approved_by ?? '', row.payload].join('\u001f'))
    .digest('hex');
}

/**
 * The append-only journal: audit log, sync outbox and tamper-evident hash chain at once.
 * `append` must run inside the transaction that writes the state tables it feeds.
 */
export class Journal {
  private readonly last;
  private readonly insert;

  constructor(private readonly db: Db, private readonly tillId: string, private readonly clock: () => Date) {
    this.last = db.prepare<[string], { seq: number; hash: string }>('SELECT seq, hash FROM journal WHERE till_id = ? ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare(
      'INSERT INTO journal (id, till_id, seq, type, payload, at, user_id, approved_by, prev_hash, hash) VALUES (@id, @till_id, @seq, @type, @payload, @at, @user_id, @approved_by, @prev_hash, @hash)',
    );
  }

  append(event: JournalEvent): JournalRow {
    if (!this.db.inTransaction) throw new Error('journal.append outside a transaction');
    const last = this.last.get(this.tillId);
    const at = this.clock().toISOString();
    const base = {
      id: event.id ?? uuidv7(),
      till_id: this.tillId,
      seq: (last?.seq ?? 0) + 1,
      type: event.type,
      payload: JSON.stringify(event.payload),
      at,
      user_id: event.userId,
      approved_by: event.approvedBy ?? null,
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    const row = { ...base, hash: rowHash(base) };
    this.insert.run(row);
    return row;
  }
}

/** Walks the chain; returns the problems found (empty when sound). */
export function verifyChain(db: Db): string[] {
  const problems: string[] = [];
  // in key order (seq), so the walk needs no sort; each till's chain is followed on its own
  const rows = db.prepare<[], JournalRow>('SELECT * FROM journal ORDER BY seq').iterate();
  const chains = new Map<string, { prev: string; expectSeq: number }>();
  for (const row of rows) {
    const chain = chains.get(row.till_id) ?? { prev: GENESIS_HASH, expectSeq: 1 };
    if (row.seq !== chain.expectSeq) problems.push(`journal: till ${row.till_id} seq ${row.seq} where ${chain.expectSeq} was expected (a gap)`);
    if (row.prev_hash !== chain.prev) problems.push(`journal: seq ${row.seq} does not chain to the row before it`);
    if (rowHash(row) !== row.hash) problems.push(`journal: seq ${row.seq} (${row.type}) was altered: its hash does not match its content`);
    chains.set(row.till_id, { prev: row.hash, expectSeq: row.seq + 1 });
  }
  return problems;
}
