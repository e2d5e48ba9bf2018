import type { Worker } from 'node:worker_threads';
import type { CatalogMapping } from '../../shared/catalog-import.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import { ExchangeError, type RowError } from '../exchange/index.js';
import { startModuleWorker } from '../db/module-worker.js';
import type { ImportFile, ImportItem } from './items.js';

/** What the check thread is given: the ledger to look the catalogue up in, and the files. */
export interface CheckJob {
  ledger: string;
  files: ImportFile[];
  mapping: CatalogMapping | null;
  /** once a row is refused, whether the rows after it still go to be written */
  skipBad: boolean;
}

/** How far the reading of the files has come: the file (by index) and its bytes or rows read, of how many. */
export interface ReadPosition {
  file: number;
  done: number;
  total: number | null;
}

/** A run of checked items: those that passed, in file order, the reasons of each row refused, and where reading was when it ended. */
export interface CheckedRun {
  items: ImportItem[];
  refused: RowError[][];
  at: ReadPosition | null;
}

export type FromCheck =
  | ({ kind: 'run' } & CheckedRun)
  | ({ kind: 'progress' } & ReadPosition)
  | { kind: 'done' }
  | { kind: 'failed'; message: string; exchange: { key: MessageKey; row: number | null; params: Record<string, string | number> } | null };

/** The writer took a run: the thread may check one more ahead. */
export const TAKEN = 'taken';
/**
 * The import's write transaction has begun: nobody else can change the catalogue until it ends, so
 * what the thread looks up from now on holds for the write (see `ImportCheck.run`).
 */
export const WRITING = 'writing';

/**
 * Pass 1 of an import on the second core: check-worker.ts reads the files, maps and validates each
 * row and checks it against the catalogue on a read-only connection of its own, and hands the runs
 * that passed over here, where they are written while it checks the next ones. It keeps only a few
 * runs ahead of the writer, so a long file never piles up in memory.
 */
export class CheckThread {
  private readonly worker: Worker;
  private readonly queue: FromCheck[] = [];
  private wake: (() => void) | null = null;
  private broken: Error | null = null;
  private finished = false;

  /** @param onRead where reading is, as it goes; it runs ahead of the runs handed over by up to a few of them */
  constructor(job: CheckJob, private readonly onRead: (at: ReadPosition) => void) {
    this.worker = startModuleWorker(new URL('./check-worker.ts', import.meta.url), job);
    this.worker.on('message', (message: FromCheck) => this.arrived(message));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => {
      if (!this.finished) this.fail(new Error(`the import's check thread stopped (exit code ${code})`));
    });
  }

  /** The checked runs in file order, until the files end; a file that cannot be read throws its ExchangeError. */
  async *runs(): AsyncGenerator<CheckedRun> {
    for (;;) {
      const message = await this.next();
      if (message.kind === 'done') return;
      if (message.kind === 'failed') {
        const e = message.exchange;
        throw e ? new ExchangeError(e.key, e.row, e.params) : new Error(message.message);
      }
      if (message.kind === 'run') {
        yield { items: message.items, refused: message.refused, at: message.at };
        this.worker.postMessage(TAKEN);
      }
    }
  }

  /** Call once the import's write transaction has begun. */
  writing(): void {
    this.worker.postMessage(WRITING);
  }

  async stop(): Promise<void> {
    this.finished = true;
    await this.worker.terminate();
  }

  private arrived(message: FromCheck): void {
    if (message.kind === 'progress') {
      this.onRead(message);
      return;
    }
    if (message.kind === 'done' || message.kind === 'failed') this.finished = true;
    this.queue.push(message);
    this.wake?.();
  }

  private fail(err: Error): void {
    this.broken ??= err;
    this.wake?.();
  }

  private async next(): Promise<Exclude<FromCheck, { kind: 'progress' }>> {
    for (;;) {
      const message = this.queue.shift();
      if (message && message.kind !== 'progress') return message;
      if (this.broken) throw this.broken;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
  }
}
