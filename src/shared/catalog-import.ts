/**
 * The shape of a catalogue import from a CSV or XLSX file: which fields a column can feed, the
 * column mapping the owner sees and edits (stored per supplier), and the validated row. Shared so
 * the back office can show the mapping and the preview in the same terms the core checks them.
 */
import { z } from 'zod';
import { Unit } from './contract/schemas.js';

export { Unit };

export const CATALOG_FIELDS = ['name', 'barcodes', 'article', 'price', 'cost', 'group', 'unit', 'vat', 'plu', 'marked', 'minStock', 'maxStock', 'qty'] as const;
export const CatalogField = z.enum(CATALOG_FIELDS);
export type CatalogField = z.infer<typeof CatalogField>;

/** field → 0-based column index; a column feeds at most one field (each field sharing one is named) */
export const CatalogMapping = z.partialRecord(CatalogField, z.number().int().min(0).max(16_383))
  .superRefine((m, ctx) => {
    const entries = Object.entries(m);
    for (const [field, column] of entries) {
      const others = entries.filter(([f, c]) => f !== field && c === column).map(([f]) => f);
      if (others.length > 0) ctx.addIssue({ code: 'custom', path: [field], message: `column ${column} is mapped to ${others.join(', ')} too` });
    }
  });
export type CatalogMapping = z.infer<typeof CatalogMapping>;

export type Unit = z.infer<typeof Unit>;

/** thousandths, as every quantity in the ledger */
const Qty = z.number().int().min(0).max(1e12);
const Kopecks = z.number().int().min(0).max(1e13);

export const CatalogImportRow = z.object({
  /** the row in the file, for the report */
  row: z.number().int().min(1),
  name: z.string().min(1).max(300),
  barcodes: z.array(z.string()).max(20),
  article: z.string().max(64).optional(),
  /** "Молочное / Сыры" → ['Молочное', 'Сыры'] */
  groupPath: z.array(z.string().min(1).max(200)).min(1).optional(),
  unit: Unit,
  /** a code of vat_rates: '22' | '10' | '0' | 'none' (whether the shop has it is checked on apply) */
  vat: z.string().optional(),
  price: Kopecks.optional(),
  cost: Kopecks.optional(),
  plu: z.string().regex(/^\d{1,6}$/).optional(),
  marked: z.boolean().optional(),
  minStock: Qty.optional(),
  maxStock: Qty.optional(),
  qty: Qty.optional(),
});
export type CatalogImportRow = z.infer<typeof CatalogImportRow>;
