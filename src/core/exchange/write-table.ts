import { rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { writeCsv } from './csv-write.js';
import { openOut } from './sink.js';
import type { TableColumn, TableRecord } from './table.js';
import { writeXlsx } from './xlsx-write.js';

export type { ColumnKind, TableColumn, TableRecord, TableValue } from './table.js';

export interface WriteTableOptions {
  format: 'csv' | 'xlsx';
  columns: readonly TableColumn[];
  rows: AsyncIterable<TableRecord> | Iterable<TableRecord>;
  /** a file path, or a stream (an HTTP response); the stream is ended when the table is written */
  out: Writable | string;
  /** the tab name in an XLSX (at most 31 characters; Excel's forbidden ones are replaced) */
  sheetName?: string;
}

/**
 * Writes an export as it is produced: rows are pulled one at a time and pushed out with
 * backpressure, so a million-row export needs the memory of one batch. Resolves to the number
 * of data rows once everything is written.
 */
export async function writeTable(options: WriteTableOptions): Promise<{ rows: number }> {
  const stream = openOut(options.out);
  try {
    const rows = options.format === 'csv'
      ? await writeCsv(options.columns, options.rows, stream)
      : await writeXlsx(options.columns, options.rows, stream, options.sheetName ?? 'Лист1');
    return { rows };
  } catch (err) {
    // half a file would pass for an export: leave none
    stream.destroy();
    if (typeof options.out === 'string') await rm(options.out, { force: true });
    throw err;
  }
}
