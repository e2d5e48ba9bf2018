import { CATALOG_FIELDS, CatalogImportRow, type CatalogField, type CatalogMapping, type Unit } from '../../shared/catalog-import.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import type { RowError, SheetRow } from './rows.js';
import { parseBarcodeList, parseMoney, parseQty, parseUnit, parseVat, parseYesNo, type Parsed } from './values.js';

export type MapResult = { ok: true; value: CatalogImportRow } | { ok: false; errors: RowError[] };

const MAX_KOPECKS = 1e13;
const MAX_QTY = 1e12;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const refuse = (message: MessageKey): Parsed<never> => ({ ok: false, message });
const text = (max: number) => (t: string): Parsed<string> => (t.length <= max ? ok(t) : refuse('import.tooLong'));
const money = (t: string): Parsed<number> => {
  const r = parseMoney(t);
  return r.ok && r.value > MAX_KOPECKS ? refuse('import.notAmount') : r;
};

/**
 * How each cell that stands on its own is read; quantities wait for the unit. Hand-written rather
 * than zod transforms: an import runs this a million times, and the result still passes the shared
 * zod schema below.
 */
const CELLS = {
  name: text(300),
  barcodes: (t: string): Parsed<string[]> => {
    const r = parseBarcodeList(t);
    return r.ok && r.value.length > 20 ? refuse('import.tooManyBarcodes') : r;
  },
  article: text(64),
  group: (t: string): Parsed<string[]> => {
    const path = t.split(/\s*[/\\>]\s*/).filter((s) => s !== '');
    return path.some((s) => s.length > 200) ? refuse('import.tooLong') : ok(path);
  },
  unit: parseUnit,
  vat: parseVat,
  price: money,
  cost: money,
  plu: (t: string): Parsed<string> => (/^\d{1,6}$/.test(t) ? ok(t) : refuse('import.pluInvalid')),
  marked: parseYesNo,
} satisfies Partial<Record<CatalogField, (text: string) => Parsed<unknown>>>;

const STANDALONE = Object.keys(CELLS) as (keyof typeof CELLS)[];
type Quantity = 'minStock' | 'maxStock' | 'qty';
const QUANTITIES: readonly Quantity[] = ['minStock', 'maxStock', 'qty'];

type Cells = { [K in keyof typeof CELLS]?: ReturnType<(typeof CELLS)[K]> extends Parsed<infer T> ? T : never };

/** What CSV export put before a text that Excel would run as a formula (see csv-write.ts). */
const FORMULA_GUARD = /^'(?=[=+\-@])/;

/**
 * One row of a supplier's table → a catalogue row, or every reason it is refused (all of them at
 * once, so the owner fixes a row in one go). Empty cells are fields not given; the unit defaults
 * to pieces.
 */
export function mapRow(mapping: CatalogMapping, { row, cells }: SheetRow): MapResult {
  const texts: Partial<Record<CatalogField, string>> = {};
  for (const field of CATALOG_FIELDS) {
    const column = mapping[field];
    if (column === undefined) continue;
    const t = (cells[column] ?? '').trim();
    if (t !== '') texts[field] = t.charCodeAt(0) === 39 ? t.replace(FORMULA_GUARD, '') : t;
  }
  const errors: RowError[] = [];
  if (texts.name === undefined) errors.push({ row, field: 'name', message: 'import.required', value: '' });
  const got: Record<string, unknown> = {};
  for (const field of STANDALONE) {
    const t = texts[field];
    if (t === undefined) continue;
    const r = CELLS[field](t);
    if (r.ok) got[field] = r.value;
    else errors.push({ row, field, message: r.message, value: t });
  }
  const cellsOk = got as Cells;
  const unit: Unit = cellsOk.unit ?? 'pcs';
  const quantities: Partial<Record<Quantity, number>> = {};
  for (const field of QUANTITIES) {
    const t = texts[field];
    if (t === undefined) continue;
    const q = parseQty(t, unit);
    if (!q.ok) errors.push({ row, field, message: q.message, value: t });
    else if (q.value > MAX_QTY) errors.push({ row, field, message: 'import.notQuantity', value: t });
    else quantities[field] = q.value;
  }
  if (quantities.minStock !== undefined && quantities.maxStock !== undefined && quantities.minStock > quantities.maxStock) {
    errors.push({ row, field: 'minStock', message: 'import.minOverMax', value: texts.minStock ?? '' });
  }
  if (errors.length > 0) return { ok: false, errors };
  const { group, barcodes, name, ...rest } = cellsOk;
  // the shared schema is what the catalogue relies on; the checks above already hold it
  const value = CatalogImportRow.parse({
    row, name, barcodes: barcodes ?? [], unit, ...rest, ...quantities,
    ...(group !== undefined && group.length > 0 && { groupPath: group }),
  });
  return { ok: true, value };
}
