import type { Services } from '../services.js';
import type { CatalogMapping } from '../../shared/catalog-import.js';
import type { RowError } from '../exchange/index.js';
import { readItems, type ImportFile, type ImportItem } from './items.js';
import { CatalogLookup } from './lookup.js';
import { ImportCheck } from './check.js';
import { ImportDocuments } from './documents.js';
import { CatalogWriter, type WriteCounts } from './write.js';
import { readSpool, removeSpool, SpoolWriter } from './spool.js';

export interface ImportReport {
  id: string;
  created: number;
  updated: number;
  groups: number;
  refused: RowError[];
  refusedCount: number;
  applied: boolean;
  cancelled: boolean;
}

export interface ImportOptions {
  id: string;
  files: ImportFile[];
  mapping: CatalogMapping | null;
  skipBad: boolean;
  userId: string;
  isCancelled(): boolean;
  onProgress(phase: 'check' | 'apply', file: number, done: number, total: number | null): void;
}

/** Only this many refusals travel back in the report; the count says how many there were. */
const REPORT_LIMIT = 1000;
/** items checked together (their catalogue lookups are one statement per kind of key) between two looks at the event loop */
const CHUNK = 500;
/**
 * The ledger connection's page cache while a file is written, in KiB. With SQLite's default 2 MB, a
 * transaction of 200,000 new products spills pages to the WAL and reads them back as the products'
 * indexes grow: 16 MB took a fifth off inserting them. It is set back after the write, which frees
 * what it held.
 */
const WRITE_CACHE_KIB = 16 * 1024;

class Cancelled extends Error {}

/**
 * Applies a catalogue import: products created or updated (found by 1C Ид, then any barcode, then
 * article, then exact name), groups by path or 1C Ид, purchase and retail prices (a retail change is
 * a line of a price document), and stock where the file states it (stocktake documents); see
 * `CatalogWriter` and `ImportDocuments`. The file is read once: the check (pass 1, no writes, the
 * till sells on) refuses bad rows and spools the good ones; then, unless a row was refused and the
 * owner did not choose to skip bad rows, the write pass reads the spool back as one job of the write
 * queue, in a transaction of its own that a cancel or an error rolls back: all of the file or none of
 * it. While it writes, the till's writes wait for it.
 */
export class CatalogImporter {
  private readonly vats;
  private readonly lookup;

  constructor(private readonly s: Services) {
    this.vats = s.db.prepare<[], { code: string }>('SELECT code FROM vat_rates');
    this.lookup = new CatalogLookup(s.db);
  }

  async run(o: ImportOptions): Promise<ImportReport> {
    const report: ImportReport = { id: o.id, created: 0, updated: 0, groups: 0, refused: [], refusedCount: 0, applied: false, cancelled: false };
    const refuse = (errors: RowError[]) => {
      report.refusedCount++;
      for (const e of errors) if (report.refused.length < REPORT_LIMIT) report.refused.push(e);
    };
    const spoolPath = this.s.files.path(`${o.id}.spool`);
    try {
      const spool = await this.check(o, spoolPath, refuse, () => report.refusedCount > 0 && !o.skipBad);
      if (o.isCancelled()) return { ...report, cancelled: true };
      if (report.refusedCount > 0 && !o.skipBad) return report;
      const counts = { created: 0, updated: 0, groups: 0 };
      await this.s.writeAlone(() => this.withCache(() => this.apply(o, spoolPath, spool, counts, report.refusedCount)));
      return { ...report, ...counts, applied: true };
    } catch (err) {
      if (err instanceof Cancelled) return { ...report, cancelled: true };
      throw err;
    } finally {
      await removeSpool(spoolPath);
    }
  }

  /**
   * Pass 1: every item checked against the file's items before it and the shop's catalogue, in runs;
   * those that pass are spooled, until a refusal means nothing will be written.
   */
  private async check(o: ImportOptions, path: string, refuse: (errors: RowError[]) => void, refused: () => boolean): Promise<{ starts: number[]; size: number }> {
    const check = new ImportCheck(this.lookup, new Set(this.vats.all().map((v) => v.code)));
    const spool = await SpoolWriter.create(path);
    const pass = async (run: ImportItem[]) => {
      const passed = check.run(run, refuse);
      if (!refused()) await spool.add(passed);
    };
    try {
      for (const [index, file] of o.files.entries()) {
        await spool.startFile();
        let run: ImportItem[] = [];
        for await (const item of readItems([file], o.mapping, (_, done, total) => o.onProgress('check', index, done, total))) {
          run.push(item);
          if (run.length < CHUNK) continue;
          await pass(run);
          run = [];
          await new Promise((resolve) => setImmediate(resolve));
          if (o.isCancelled()) throw new Cancelled();
        }
        await pass(run);
      }
    } finally {
      await spool.close();
    }
    return { starts: spool.starts, size: spool.size };
  }

  private async withCache(write: () => Promise<void>): Promise<void> {
    const was = this.s.db.pragma('cache_size', { simple: true }) as number;
    this.s.db.pragma(`cache_size = -${WRITE_CACHE_KIB}`);
    try {
      await write();
    } finally {
      this.s.db.pragma(`cache_size = ${was}`);
    }
  }

  /** Pass 2, inside the write queue: the spooled items written a run at a time, then the documents and the journal event. */
  private async apply(o: ImportOptions, path: string, spool: { starts: number[]; size: number }, counts: WriteCounts, skipped: number): Promise<void> {
    const note = o.files.map((f) => f.name).join(', ');
    const docs = new ImportDocuments(this.s, { userId: o.userId, note });
    const writer = new CatalogWriter(this.s, this.lookup, docs, counts);
    const progress = (done: number) => {
      let file = 0;
      while (file + 1 < spool.starts.length && (spool.starts[file + 1] ?? 0) <= done) file++;
      const from = spool.starts[file] ?? 0;
      o.onProgress('apply', file, done - from, (spool.starts[file + 1] ?? spool.size) - from);
    };
    for await (const items of readSpool(path, progress)) {
      if (o.isCancelled()) throw new Cancelled();
      writer.write(items);
    }
    docs.finish();
    this.s.journal.append({
      type: 'catalog.imported', id: o.id, userId: o.userId,
      payload: { id: o.id, files: o.files.map((f) => f.name), created: counts.created, updated: counts.updated, groups: counts.groups, refused: skipped },
    });
  }
}
