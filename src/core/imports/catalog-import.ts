import type { Services } from '../services.js';
import type { CatalogMapping } from '../../shared/catalog-import.js';
import type { RowError } from '../exchange/index.js';
import type { ImportFile } from './items.js';
import { CatalogLookup } from './lookup.js';
import { CheckThread, type CheckedRun } from './check-thread.js';
import { ImportDocuments } from './documents.js';
import { CatalogWriter } from './write.js';

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
/**
 * The ledger connection's page cache while a file is written, in KiB. With SQLite's default 2 MB, a
 * transaction of 200,000 new products spills pages to the WAL and reads them back as the products'
 * indexes grow: 16 MB took a fifth off inserting them. It is set back after the write, which frees
 * what it held.
 */
const WRITE_CACHE_KIB = 16 * 1024;

class Cancelled extends Error {}

class Refused extends Error {}

/**
 * Applies a catalogue import: products created or updated (found by 1C Ид, then any barcode, then
 * article, then exact name), groups by path or 1C Ид, purchase and retail prices (a retail change is
 * a line of a price document), and stock where the file states it (stocktake documents); see
 * `CatalogWriter` and `ImportDocuments`.
 *
 * The two passes run side by side on the two cores: a thread of its own reads and checks the files
 * (`CheckThread`: nothing written, bad rows refused) while this one writes the runs that passed, as
 * one job of the write queue, in a transaction of its own. The till sells on until the first run is
 * ready to write; from then on its writes wait for the import. A cancel, an error, or a refused row
 * (unless the owner chose to skip bad rows) rolls the transaction back: all of the file or none of it.
 * After a refusal the check goes on to the end, so the report names every bad row.
 */
export class CatalogImporter {
  private readonly lookup;

  constructor(private readonly s: Services) {
    this.lookup = new CatalogLookup(s.db);
  }

  async run(o: ImportOptions): Promise<ImportReport> {
    const report: ImportReport = { id: o.id, created: 0, updated: 0, groups: 0, refused: [], refusedCount: 0, applied: false, cancelled: false };
    const refuse = (errors: RowError[]) => {
      report.refusedCount++;
      for (const e of errors) if (report.refused.length < REPORT_LIMIT) report.refused.push(e);
    };
    const stopped = () => report.refusedCount > 0 && !o.skipBad;
    let writing = false;
    const check = new CheckThread({ ledger: this.s.db.name, files: o.files, mapping: o.mapping, skipBad: o.skipBad },
      (at) => {
        if (!writing) o.onProgress('check', at.file, at.done, at.total);
      });
    const runs = check.runs();
    /** the next run with something to write: null at the end, or once a refusal means nothing will be */
    const next = async (): Promise<CheckedRun | null> => {
      for (;;) {
        if (o.isCancelled()) throw new Cancelled();
        const r = await runs.next();
        if (r.done) return null;
        r.value.refused.forEach(refuse);
        if (stopped()) return null;
        if (r.value.items.length > 0) return r.value;
      }
    };
    try {
      const first = await next();
      if (stopped()) throw new Refused();
      const counts = { created: 0, updated: 0, groups: 0 };
      await this.s.writeAlone(() => this.withCache(async () => {
        writing = true;
        check.writing();
        const note = o.files.map((f) => f.name).join(', ');
        const docs = new ImportDocuments(this.s, { userId: o.userId, note });
        const writer = new CatalogWriter(this.s, this.lookup, docs, counts);
        for (let run = first; run; run = await next()) {
          writer.write(run.items);
          if (run.at) o.onProgress('apply', run.at.file, run.at.done, run.at.total);
        }
        if (stopped()) throw new Refused();
        docs.finish();
        this.s.journal.append({
          type: 'catalog.imported', id: o.id, userId: o.userId,
          payload: { id: o.id, files: o.files.map((f) => f.name), created: counts.created, updated: counts.updated, groups: counts.groups, refused: report.refusedCount },
        });
      }));
      return { ...report, ...counts, applied: true };
    } catch (err) {
      if (err instanceof Cancelled) return { ...report, cancelled: true };
      if (!(err instanceof Refused)) throw err;
      // nothing is written: the rest of the files are read for the report of their bad rows
      for await (const run of runs) {
        if (o.isCancelled()) return { ...report, cancelled: true };
        run.refused.forEach(refuse);
      }
      return report;
    } finally {
      await check.stop();
    }
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
}
