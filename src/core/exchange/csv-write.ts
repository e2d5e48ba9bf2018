import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { BatchedSink } from './sink.js';
import { cellOf, type TableColumn, type TableRecord } from './table.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * CSV as Russian Excel opens it with a double click: UTF-8 with a BOM, `;` between cells, CRLF,
 * a decimal comma. A text cell that Excel would take for a formula (=, +, -, @) gets a leading
 * apostrophe, which Excel hides: a product name from a supplier's file must not run as a formula
 * on the owner's computer.
 */
export async function writeCsv(columns: readonly TableColumn[], rows: AsyncIterable<TableRecord> | Iterable<TableRecord>, out: Writable): Promise<number> {
  const sink = new BatchedSink(out);
  await sink.write(`\uFEFF${columns.map((c) => quote(guard(c.title))).join(';')}\r\n`);
  let count = 0;
  for await (const record of rows) {
    count++;
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as TableColumn;
      const cell = cellOf(column, record[column.key], count);
      if (i > 0) line += ';';
      if (cell.type === 'text') line += quote(guard(cell.text));
      else if (cell.type !== 'empty') line += cell.text;
    }
    await sink.write(`${line}\r\n`);
  }
  await sink.flush();
  out.end();
  await finished(out);
  return count;
}

function guard(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
