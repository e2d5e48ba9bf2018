/**
 * The check thread of an import (see check-thread.ts): pass 1 over the files, a run of items at a
 * time, each run's passed items and refusals sent to the writer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RowError } from '../exchange/index.js';
import { ExchangeError } from '../exchange/index.js';
import { openReader } from '../db/open.js';
import { ImportCheck } from './check.js';
import { readItems, type ImportItem } from './items.js';
import { CatalogLookup } from './lookup.js';
import { TAKEN, WRITING, type CheckJob, type FromCheck, type ReadPosition } from './check-thread.js';

/** items checked together: their catalogue lookups are one statement per kind of key */
const CHUNK = 500;
/** runs sent and not yet taken by the writer: enough to keep both threads busy, few enough to keep memory flat */
const AHEAD = 4;

if (!parentPort) throw new Error('check-worker.ts runs in a worker thread');
const port = parentPort;
const job = workerData as CheckJob;

let credit = AHEAD;
let taken: (() => void) | null = null;
let writing = false;
port.on('message', (message: unknown) => {
  if (message === WRITING) writing = true;
  if (message !== TAKEN) return;
  credit++;
  taken?.();
});

const send = (message: FromCheck) => port.postMessage(message);
let at: ReadPosition | null = null;

async function sendRun(items: ImportItem[], refused: RowError[][]): Promise<void> {
  if (items.length === 0 && refused.length === 0) return;
  send({ kind: 'run', items, refused, at });
  credit--;
  while (credit <= 0) {
    await new Promise<void>((resolve) => {
      taken = resolve;
    });
    taken = null;
  }
}

async function checkFiles(): Promise<void> {
  const db = openReader(job.ledger);
  try {
    const vats = new Set(db.prepare<[], { code: string }>('SELECT code FROM vat_rates').all().map((v) => v.code));
    const check = new ImportCheck(new CatalogLookup(db), vats);
    let anyRefused = false;
    const pass = async (run: ImportItem[]) => {
      const refused: RowError[][] = [];
      const passed = check.run(run, (errors) => refused.push(errors), writing);
      anyRefused ||= refused.length > 0;
      // once a row is refused and bad rows are not skipped, nothing is written: the rest is only checked
      await sendRun(anyRefused && !job.skipBad ? [] : passed, refused);
    };
    let run: ImportItem[] = [];
    for await (const item of readItems(job.files, job.mapping, (file, done, total) => {
      at = { file, done, total };
      send({ kind: 'progress', ...at });
    })) {
      run.push(item);
      if (run.length < CHUNK) continue;
      await pass(run);
      run = [];
    }
    await pass(run);
  } finally {
    db.close();
  }
}

checkFiles().then(
  () => send({ kind: 'done' }),
  (err: unknown) => send({
    kind: 'failed',
    message: err instanceof Error ? (err.stack ?? err.message) : String(err),
    exchange: err instanceof ExchangeError ? { key: err.key, row: err.row, params: err.params } : null,
  }),
).finally(() => port.unref());
