import { z } from 'zod';
import { command, ok } from './define.js';
import { Id } from './schemas.js';
import { FileId, FileRef } from './files.js';
import { CatalogMapping } from '../catalog-import.js';
import { Period, SalesBy } from './reports.js';

export const ImportError = z.object({ row: z.number().int(), field: z.string(), message: z.string(), value: z.string() });

export const ImportReport = z.object({
  id: Id,
  created: z.number().int(),
  updated: z.number().int(),
  groups: z.number().int(),
  refused: z.array(ImportError),
  refusedCount: z.number().int(),
  applied: z.boolean(),
  cancelled: z.boolean(),
});

/** What can be exported: the catalogue, stock, sold lines of a period, or a report as shown. */
export const ExportWhat = z.discriminatedUnion('what', [
  z.object({ what: z.literal('catalog') }).strict(),
  z.object({ what: z.literal('stock') }).strict(),
  z.object({ what: z.literal('sales'), ...Period.shape }).strict(),
  z.object({ what: z.literal('report.sales'), ...Period.shape, by: SalesBy }).strict(),
  z.object({ what: z.literal('report.abc'), ...Period.shape, measure: z.enum(['revenue', 'margin']).default('revenue') }).strict(),
  z.object({ what: z.literal('report.xyz'), ...Period.shape }).strict(),
  z.object({ what: z.literal('report.cashiers'), ...Period.shape }).strict(),
  z.object({ what: z.literal('report.reorder'), days: z.number().int().min(7).max(180).default(28), cover: z.number().int().min(1).max(90).default(14) }).strict(),
]);

const Files = z.array(FileId).min(1).max(4);

export const exchangeCommands = {
  'import.preview': command({
    summary: 'What an uploaded file holds: its format, header, first rows and the column mapping guessed (or remembered for the supplier)',
    input: z.object({ files: Files, supplierId: Id.optional() }).strict(),
    output: z.object({
      format: z.enum(['csv', 'xlsx', 'commerceml']),
      header: z.array(z.string()),
      sample: z.array(z.array(z.string())),
      mapping: CatalogMapping,
    }),
    permission: { role: 'manager' }, mutates: false,
  }),
  'import.run': command({
    summary: 'Import a catalogue: checked whole first, then written in one transaction (or refused); progress comes as import.progress events',
    input: z.object({ id: Id, files: Files, mapping: CatalogMapping.optional(), supplierId: Id.optional(), skipBad: z.boolean().default(false) }).strict(),
    output: ImportReport, permission: { role: 'manager' }, mutates: false,
  }),
  'import.cancel': command({
    summary: 'Stop an import under way; nothing it did stays',
    input: z.object({ id: Id }).strict(), output: ok, permission: { role: 'manager' }, mutates: false,
  }),
  'export.run': command({
    summary: 'Export the catalogue, stock, sales or a report to CSV or XLSX',
    input: z.object({ format: z.enum(['csv', 'xlsx']), source: ExportWhat }).strict(),
    output: z.object({ rows: z.number().int(), file: FileRef }),
    permission: { role: 'manager' }, mutates: false,
  }),
};
