import { parseArgs } from 'node:util';
import { basename, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { createCore, ledgerPath, type Core } from '../core/app.js';
import { CatalogImporter } from '../core/imports/catalog-import.js';
import { defaultMapping, formatOf, previewTable } from '../core/imports/items.js';
import { exportTable } from '../core/exports/exports.js';
import { ExchangeError, writeTable } from '../core/exchange/index.js';
import { CATALOG_FIELDS, CatalogMapping } from '../shared/catalog-import.js';
import { translate } from '../shared/i18n/index.js';
import { uuidv7 } from '../shared/ids.js';
import { defaultDataDir } from './data-dir.js';
import { consoleOutput, isParseArgsError, UsageError, type CliOutput } from './output.js';

export const IMPORT_USAGE = `lavka import catalog FILE... [--data DIR] [--skip-bad] [--map field=column,...]
  CSV (UTF-8 or Windows-1251), XLSX, or 1C CommerceML (import.xml then offers.xml).
  Columns are recognised by their headers; --map overrides (columns from 1): --map name=1,barcodes=3,price=5
  Fields: ${CATALOG_FIELDS.join(', ')}
  Checked whole first: a bad row refuses the file (exit 1) unless --skip-bad.`;

export const EXPORT_USAGE = `lavka export catalog|stock|sales --format csv|xlsx [--data DIR] [-o FILE] [--from YYYY-MM-DD --to YYYY-MM-DD]`;

/** Opens the shop's core as its owner would work on it (the first owner account). */
function openShop(data: string | undefined): { core: Core; ownerId: string } {
  const dir = resolve(data ?? defaultDataDir());
  if (!existsSync(ledgerPath(dir))) throw new UsageError(`no shop in ${dir} (lavka serve --demo --data ${dir} makes one)`);
  const core = createCore({ dataDir: dir, log: () => undefined });
  const owner = core.services.db.prepare<[], { id: string }>("SELECT id FROM users WHERE role = 'owner' AND active = 1 ORDER BY rowid LIMIT 1").get();
  if (!owner) {
    core.close();
    throw new UsageError(`the shop in ${dir} is not set up`);
  }
  return { core, ownerId: owner.id };
}

function parseMap(text: string): CatalogMapping {
  const mapping: Record<string, number> = {};
  for (const pair of text.split(',')) {
    const [field, column] = pair.split('=');
    const n = Number(column);
    if (!field || !(CATALOG_FIELDS as readonly string[]).includes(field) || !Number.isInteger(n) || n < 1) throw new UsageError(`--map: "${pair}" is not field=column`);
    mapping[field] = n - 1;
  }
  const parsed = CatalogMapping.safeParse(mapping);
  if (!parsed.success) throw new UsageError(`--map: ${parsed.error.issues[0]?.message ?? 'not a mapping'}`);
  return parsed.data;
}

async function runImport(argv: string[], io: CliOutput): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { data: { type: 'string' }, 'skip-bad': { type: 'boolean', default: false }, map: { type: 'string' } } });
  const [what, ...paths] = positionals;
  if (what !== 'catalog' || paths.length === 0) throw new UsageError(IMPORT_USAGE);
  const files = paths.map((p) => ({ path: resolve(p), name: basename(p) }));
  for (const f of files) if (!existsSync(f.path)) throw new UsageError(`no file ${f.path}`);
  const { core, ownerId } = openShop(values.data);
  try {
    const [first] = files;
    let mapping: CatalogMapping | null = null;
    if (first && (await formatOf(first.path)) !== 'commerceml') {
      mapping = values.map ? parseMap(values.map) : defaultMapping((await previewTable(first.path, (await formatOf(first.path)) === 'csv' ? 'csv' : 'xlsx', 0)).header);
      io.err(`columns: ${Object.entries(mapping).sort((a, b) => a[1] - b[1]).map(([field, col]) => `${field}=${col + 1}`).join(', ')}`);
    }
    let last = 0;
    const report = await new CatalogImporter(core.services).run({
      id: uuidv7(), files, mapping, skipBad: values['skip-bad'], userId: ownerId, isCancelled: () => false,
      onProgress: (phase, file, done, total) => {
        if (total && Date.now() - last > 1000) {
          last = Date.now();
          io.err(`${phase === 'check' ? 'checking' : 'writing'} ${files[file]?.name ?? ''}: ${Math.floor((done / total) * 100)} %`);
        }
      },
    });
    for (const e of report.refused) io.out(`row ${e.row}, ${e.field}: ${translate('en', e.message, {})} (${JSON.stringify(e.value)})`);
    if (report.refusedCount > report.refused.length) io.out(`… ${report.refusedCount - report.refused.length} more`);
    io.out(report.applied
      ? `created ${report.created}, updated ${report.updated}, new groups ${report.groups}${report.refusedCount ? `, skipped ${report.refusedCount} bad rows` : ''}`
      : `refused: ${report.refusedCount} bad rows; nothing was written (--skip-bad imports the rest)`);
    return report.applied ? 0 : 1;
  } catch (err) {
    if (err instanceof ExchangeError) {
      io.err(translate('en', err.key, { row: err.row ?? '', ...err.params }));
      return 1;
    }
    throw err;
  } finally {
    core.close();
  }
}

async function runExport(argv: string[], io: CliOutput): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { data: { type: 'string' }, format: { type: 'string', default: 'csv' }, o: { type: 'string', short: 'o' }, from: { type: 'string' }, to: { type: 'string' } },
  });
  const [what] = positionals;
  const format = values.format;
  if ((what !== 'catalog' && what !== 'stock' && what !== 'sales') || (format !== 'csv' && format !== 'xlsx')) throw new UsageError(EXPORT_USAGE);
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const today = new Date().toISOString().slice(0, 10);
  const from = values.from ?? today;
  const to = values.to ?? today;
  if (!day.test(from) || !day.test(to)) throw new UsageError('--from and --to are dates, YYYY-MM-DD');
  const { core } = openShop(values.data);
  try {
    const table = exportTable(core.services, what === 'sales' ? { what, from, to } : { what });
    const out = values.o ? resolve(values.o) : process.stdout;
    const { rows } = await writeTable({ format, columns: table.columns, rows: table.rows, out, sheetName: table.name });
    io.err(`${rows} rows${values.o ? ` written to ${resolve(values.o)}` : ''}`);
    return 0;
  } finally {
    core.close();
  }
}

/** A mistake in how the command was called: the message, exit code 2. */
async function usage(run: () => Promise<number>, io: CliOutput): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof UsageError) && !isParseArgsError(err)) throw err;
    io.err(err.message);
    return 2;
  }
}

export function importCommand(argv: string[], io: CliOutput = consoleOutput): Promise<number> {
  return usage(() => runImport(argv, io), io);
}

export function exportCommand(argv: string[], io: CliOutput = consoleOutput): Promise<number> {
  return usage(() => runExport(argv, io), io);
}
