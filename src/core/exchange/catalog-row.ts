import { z } from 'zod';
import { CatalogImportRow, type CatalogField, type CatalogMapping, type Unit } from '../../shared/catalog-import.js';
import { isMessageKey } from '../../shared/i18n/index.js';
import type { RowError, SheetRow } from './rows.js';
import { parseBarcodeList, parseMoney, parseQty, parseUnit, parseVat, parseYesNo, type Parsed } from './values.js';

export type MapResult = { ok: true; value: CatalogImportRow } | { ok: false; errors: RowError[] };

/** A zod step over a cell's text that refuses with the parser's i18n key. */
function cell<T>(parse: (text: string) => Parsed<T>) {
  return z.string().transform((text, ctx): T => {
    const r = parse(text);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  });
}

const MAX_KOPECKS = 1e13;
const MAX_QTY = 1e12;

/** The cells that do not depend on another; quantities wait for the unit. */
const Cells = z.object({
  name: z.string().min(1, 'import.required').max(300, 'import.tooLong'),
  barcodes: cell(parseBarcodeList).pipe(z.array(z.string()).max(20, 'import.tooManyBarcodes')).optional(),
  article: z.string().max(64, 'import.tooLong').optional(),
  group: z.string().transform((t) => t.split(/\s*[/\\>]\s*/).filter((s) => s !== ''))
    .pipe(z.array(z.string().max(200, 'import.tooLong'))).optional(),
  unit: cell(parseUnit).optional(),
  vat: cell(parseVat).optional(),
  price: cell(parseMoney).pipe(z.number().max(MAX_KOPECKS, 'import.notAmount')).optional(),
  cost: cell(parseMoney).pipe(z.number().max(MAX_KOPECKS, 'import.notAmount')).optional(),
  plu: z.string().regex(/^\d{1,6}$/, 'import.pluInvalid').optional(),
  marked: cell(parseYesNo).optional(),
  minStock: z.string().optional(),
  maxStock: z.string().optional(),
  qty: z.string().optional(),
});

/** What CSV export put before a text that Excel would run as a formula (see csv-write.ts). */
const FORMULA_GUARD = /^'(?=[=+\-@])/;

/**
 * One row of a supplier's table → a catalogue row, or every reason it is refused (all of them at
 * once, so the owner fixes a row in one go). Empty cells are fields not given; the unit defaults
 * to pieces.
 */
export function mapRow(mapping: CatalogMapping, { row, cells }: SheetRow): MapResult {
  const texts: Partial<Record<CatalogField, string>> = {};
  for (const [field, column] of Object.entries(mapping) as [CatalogField, number][]) {
    const text = (cells[column] ?? '').trim().replace(FORMULA_GUARD, '');
    if (text !== '') texts[field] = text;
  }
  const errors: RowError[] = [];
  const refused = (field: string, message: string) => {
    errors.push({ row, field, message: isMessageKey(message) ? message : 'import.required', value: texts[field as CatalogField] ?? '' });
  };
  const parsed = Cells.safeParse({ name: '', ...texts });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) refused(String(issue.path[0] ?? 'name'), issue.message);
  }
  const unit: Unit = parsed.success ? parsed.data.unit ?? 'pcs' : Cells.shape.unit.safeParse(texts.unit).data ?? 'pcs';
  const quantities: Partial<Record<'minStock' | 'maxStock' | 'qty', number>> = {};
  for (const field of ['minStock', 'maxStock', 'qty'] as const) {
    const text = texts[field];
    if (text === undefined) continue;
    const q = parseQty(text, unit);
    if (!q.ok) refused(field, q.message);
    else if (q.value > MAX_QTY) refused(field, 'import.notQuantity');
    else quantities[field] = q.value;
  }
  if (quantities.minStock !== undefined && quantities.maxStock !== undefined && quantities.minStock > quantities.maxStock) {
    refused('minStock', 'import.minOverMax');
  }
  if (!parsed.success || errors.length > 0) return { ok: false, errors };
  const { name, barcodes, article, group, vat, price, cost, plu, marked } = parsed.data;
  // the shared schema is what the catalogue relies on; the checks above already hold it
  const value = CatalogImportRow.parse({
    row, name, barcodes: barcodes ?? [], unit,
    ...(article !== undefined && { article }),
    ...(group !== undefined && group.length > 0 && { groupPath: group }),
    ...(vat !== undefined && { vat }),
    ...(price !== undefined && { price }),
    ...(cost !== undefined && { cost }),
    ...(plu !== undefined && { plu }),
    ...(marked !== undefined && { marked }),
    ...quantities,
  });
  return { ok: true, value };
}
