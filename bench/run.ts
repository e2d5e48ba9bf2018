/**
 * `npm run bench`: the figures of issue #2 on a 1,000,000-product catalogue, one JSON
 * object per line on stdout (progress on stderr).
 *
 *   npm run bench                    everything (about 2–3 minutes; the first run builds the catalogue, ~2.5 min more)
 *   npm run bench -- --only=core     core | backoffice | http | ui | devices | tags | exchange | import, comma-separated
 *                                    (devices and tags need neither the build nor the catalogue: ~15 s each;
 *                                    exchange neither: 1,000,000-row CSV/XLSX export and import parsing, ~2 min,
 *                                    then the imports end to end into a demo shop, ~1 min, which `import` runs alone)
 *   npm run bench -- --quick         fewer iterations, for trying the script out
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEDGER_FILE } from '../src/core/app.js';
import { ensureCatalogue, freshDataDir, PRODUCTS } from './catalog.js';
import { ensureHistory } from './history.js';
import { runCoreFigures } from './core.js';
import { runBackOfficeFigures } from './backoffice.js';
import { runDeviceFigures } from './devices.js';
import { runTagFigures } from './tags.js';
import { runExchangeFigures } from './exchange.js';
import { runImportFigures } from './imports.js';
import { coldStart, httpSales, startServer } from './http.js';
import { scanToPaint } from './ui.js';
import { emit, figure, msSince, progress } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Always builds: a stale dist/ would measure yesterday's code. */
function ensureBuilt(): void {
  progress('building (node scripts/build.mjs) …');
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`build failed with ${r.status}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, quick: { type: 'boolean', default: false } } });
  const only = new Set((values.only ?? 'core,backoffice,http,ui,devices,tags,exchange').split(',').map((s) => s.trim()));
  const quick = values.quick ?? false;
  const started = process.hrtime.bigint();
  const dirs: string[] = [];
  // a stopped run leaves no copy of a 5 GB ledger behind
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    if (['core', 'backoffice', 'http', 'ui'].some((s) => only.has(s))) await catalogueFigures(only, quick, dirs);
    if (only.has('devices')) {
      // the drivers run from source (tsx) against the simulator on a socat pty pair: no build, no catalogue
      await runDeviceFigures(quick ? { sales: 10, renders: 300, readings: 20 } : { sales: 30, renders: 2_000, readings: 200 });
    }
    if (only.has('tags')) await runTagFigures(quick ? { iterations: 5, run: 1_000 } : { iterations: 20, run: 10_000 });
    if (only.has('exchange')) {
      // the file layer from source, on files it writes itself: no build, no catalogue
      await runExchangeFigures(quick ? { rows: 100_000, cmlProducts: 10_000 } : { rows: 1_000_000, cmlProducts: 100_000 });
    }
    if (only.has('exchange') || only.has('import')) {
      // through the import commands into a demo shop's ledger, from source like the file layer
      await runImportFigures(quick ? { csvRows: 20_000, cmlProducts: 10_000 } : { csvRows: 200_000, cmlProducts: 100_000 });
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  progress(`done in ${(msSince(started) / 1000).toFixed(0)} s`);
}

/** core, http and ui: the 1,000,000-product catalogue and the built app. */
async function catalogueFigures(only: ReadonlySet<string>, quick: boolean, dirs: string[]): Promise<void> {
  ensureBuilt();
  const catalogue = await ensureCatalogue();
  if (catalogue.built) {
    emit(figure('catalog_build_rows_per_second', catalogue.built.rowsPerSecond, 'products/s', {}, undefined, { products: PRODUCTS, seconds: catalogue.built.seconds }));
  }
  if (only.has('core')) {
    const dir = freshDataDir(catalogue, 'core');
    dirs.push(dir);
    await runCoreFigures(dir, quick ? { lookups: 2_000, scans: 500, sales: 200 } : { lookups: 20_000, scans: 5_000, sales: 2_000 });
  }
  if (only.has('backoffice')) {
    const history = await ensureHistory(catalogue);
    if (history.built) {
      emit(figure('history_build_lines_per_second', history.built.linesPerSecond, 'lines/s', {}, undefined, { seconds: history.built.seconds }));
    }
    const dir = mkdtempSync(join(tmpdir(), 'lavka-bench-backoffice-'));
    dirs.push(dir);
    copyFileSync(history.file, join(dir, LEDGER_FILE));
    await runBackOfficeFigures(dir, history, quick ? { pages: 20, reports: 2, scans: 300 } : { pages: 100, reports: 5, scans: 2_000 });
  }
  if (only.has('http') || only.has('ui')) {
    const dir = freshDataDir(catalogue, 'serve');
    dirs.push(dir);
    progress('serve: starting lavka serve on the 1M catalogue');
    const server = await startServer(dir);
    try {
      coldStart(server);
      if (only.has('http')) {
        progress('http: sale.record from 8 keep-alive clients');
        // a saturating load: writes that queue together share one durable commit, so capacity shows at saturation
        await httpSales(server, { clients: 32, warmupMs: quick ? 1_000 : 3_000, measureMs: quick ? 3_000 : 10_000 });
      }
      if (only.has('ui')) {
        progress('ui: scanning in Chromium');
        await scanToPaint(server.url, { warmup: 10, scans: quick ? 30 : 100, perReceipt: 20 });
      }
    } finally {
      await server.stop();
    }
  }
}

main().catch((err: unknown) => {
  progress(`failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exitCode = 1;
});
