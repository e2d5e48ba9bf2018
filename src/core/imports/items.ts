import { detectFormat, guessMapping, mapRow, readCommerceMl, readCsv, readXlsx, type FileFormat, type RowError, type SheetRow } from '../exchange/index.js';
import type { CatalogImportRow, CatalogMapping, Unit } from '../../shared/catalog-import.js';
import { searchKey } from '../../shared/text.js';

/**
 * A catalogue row to create or update, with its name as search folds it (the key an exact-name
 * match looks up); from 1C it also carries its Ид and its group's. `unit` is left out where the
 * file does not give one: a new product is sold by the piece then, a known one keeps its unit.
 */
export type ImportRow = Omit<CatalogImportRow, 'unit'> & {
  unit?: Unit;
  search: string;
  extId?: string;
  groupExtId?: string;
  /** set by the check: no product of the shop has any of the row's keys, nor does any row before it, so it makes a new one */
  new?: true;
};

/** Everything an import file can say, whatever its format, in the order the file says it. */
export type ImportItem =
  | { kind: 'row'; row: ImportRow }
  | { kind: 'group'; line: number; extId: string; parentExtId: string | null; name: string }
  | { kind: 'offer'; line: number; extId: string; price?: number; qty?: number }
  | { kind: 'invalid'; errors: RowError[] };

export interface ImportFile {
  path: string;
  name: string;
}

export interface ReadProgress {
  (file: number, done: number, total: number | null): void;
}

/** The rows of a table file, from the reader itself: a generator around it would cost a turn of promises per row. */
function sheetRows(path: string, format: 'csv' | 'xlsx', onProgress?: (done: number, total: number | null) => void): AsyncGenerator<SheetRow> {
  const options = onProgress ? { onProgress } : {};
  return format === 'csv' ? readCsv(path, options) : readXlsx(path, options);
}

/** The header row of a table file and its first rows, for the owner to check the mapping. */
export async function previewTable(path: string, format: 'csv' | 'xlsx', rows = 8): Promise<{ header: string[]; sample: string[][] }> {
  let header: string[] | null = null;
  const sample: string[][] = [];
  for await (const r of sheetRows(path, format)) {
    if (!header) header = r.cells;
    else sample.push(r.cells);
    if (sample.length >= rows) break;
  }
  return { header: header ?? [], sample };
}

export async function formatOf(path: string): Promise<FileFormat> {
  return detectFormat(path);
}

export function defaultMapping(header: readonly string[]): CatalogMapping {
  return guessMapping(header);
}

/**
 * The items of the files in order: a table's first row is its header and the rest map through
 * `mapping`; a CommerceML file gives groups, products and offers as 1C wrote them.
 */
export async function* readItems(files: readonly ImportFile[], mapping: CatalogMapping | null, onProgress?: ReadProgress): AsyncGenerator<ImportItem> {
  for (const [index, file] of files.entries()) {
    const progress = onProgress ? (done: number, total: number | null) => onProgress(index, done, total) : undefined;
    const format = await detectFormat(file.path);
    if (format === 'commerceml') {
      for await (const r of readCommerceMl(file.path, progress ? { onProgress: progress } : {})) {
        if (r.kind === 'group') yield { kind: 'group', line: r.line, extId: r.id, parentExtId: r.parentId, name: r.name };
        else if (r.kind === 'offer') yield { kind: 'offer', line: r.line, extId: r.externalId, ...(r.price !== undefined ? { price: r.price } : {}), ...(r.qty !== undefined ? { qty: r.qty } : {}) };
        else if (r.kind === 'invalid') yield { kind: 'invalid', errors: r.errors };
        else if (r.kind === 'product') {
          yield {
            kind: 'row',
            row: {
              row: r.line, name: r.name, search: searchKey(r.name), barcodes: r.barcodes, unit: r.unit, extId: r.externalId,
              ...(r.article ? { article: r.article } : {}), ...(r.vat ? { vat: r.vat } : {}), ...(r.groupExternalId ? { groupExtId: r.groupExternalId } : {}),
            },
          };
        }
      }
      continue;
    }
    let header = true;
    for await (const r of sheetRows(file.path, format, progress)) {
      if (header) {
        header = false;
        continue;
      }
      const mapped = mapRow(mapping ?? {}, r);
      if (!mapped.ok) {
        yield { kind: 'invalid', errors: mapped.errors };
        continue;
      }
      const unitColumn = mapping?.unit;
      const given = unitColumn !== undefined && (r.cells[unitColumn] ?? '').trim() !== '';
      // the row was made just now for this: added to, not copied (a copy of every row costs more than reading it)
      const row: ImportRow = Object.assign(mapped.value, { search: searchKey(mapped.value.name), unit: given ? mapped.value.unit : undefined });
      yield { kind: 'row', row };
    }
  }
}
