import type { Handlers } from '../rpc/context.js';
import type { Services } from '../services.js';
import { CatalogMapping } from '../../shared/catalog-import.js';
import { LavkaError } from '../../shared/contract/errors.js';
import { ExchangeError } from '../exchange/index.js';
import { CatalogImporter } from './catalog-import.js';
import { defaultMapping, formatOf, previewTable, type ImportFile } from './items.js';

/** A file that cannot be read on is a validation error naming the row where reading stopped. */
function readable<T>(run: () => Promise<T>): Promise<T> {
  return run().catch((err: unknown) => {
    if (err instanceof ExchangeError) throw new LavkaError('validation', err.key, { row: err.row, ...err.params });
    throw err;
  });
}

export function importHandlers(s: Services): Pick<Handlers, 'import.preview' | 'import.run' | 'import.cancel'> {
  const running = new Map<string, { cancelled: boolean }>();
  const importer = new CatalogImporter(s);
  const files = (ids: readonly string[]): ImportFile[] => ids.map((id) => ({ path: s.files.require(id), name: s.files.nameOf(id) }));
  const remembered = s.db.prepare<[string], { import_mapping: string | null }>('SELECT import_mapping FROM suppliers WHERE id = ?');
  const remember = s.db.prepare('UPDATE suppliers SET import_mapping = ? WHERE id = ?');

  return {
    'import.preview': (input) => readable(async () => {
      const [first] = files(input.files);
      if (!first) throw new LavkaError('validation', 'errors.validation', { issues: [{ path: 'files', message: 'no file' }] });
      const format = await formatOf(first.path);
      if (format === 'commerceml') return { format, header: [], sample: [], mapping: {} };
      const { header, sample } = await previewTable(first.path, format);
      const saved = input.supplierId ? remembered.get(input.supplierId)?.import_mapping : null;
      const mapping = saved ? CatalogMapping.parse(JSON.parse(saved)) : defaultMapping(header);
      return { format, header, sample, mapping };
    }),
    'import.run': (input, ctx) => readable(async () => {
      const state = { cancelled: false };
      running.set(input.id, state);
      try {
        const report = await importer.run({
          id: input.id, files: files(input.files), mapping: input.mapping ?? null, skipBad: input.skipBad, userId: ctx.user.id,
          isCancelled: () => state.cancelled,
          onProgress: (phase, file, done, total) => s.events.emitNow('import.progress', { id: input.id, phase, file, done, total }),
        });
        if (report.applied && input.supplierId && input.mapping) {
          const mapping = JSON.stringify(input.mapping);
          await s.write(() => s.tx(() => remember.run(mapping, input.supplierId)));
        }
        return { ...report, refused: report.refused.map((e) => ({ ...e, message: e.message as string })) };
      } finally {
        running.delete(input.id);
      }
    }),
    'import.cancel': (input) => {
      const state = running.get(input.id);
      if (state) state.cancelled = true;
      return { ok: true as const };
    },
  };
}
