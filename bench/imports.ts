/**
 * The import figures of issue #4, end to end: a file in the core's exchange folder (as an upload
 * leaves it) imported with `import.preview` + `import.run` as the back office does, into a fresh demo
 * shop's data folder, timed from the call to its answer (the answer comes after the commit). A CSV of
 * new products as the catalogue export writes it (UTF-8, `;`), then a supplier's Windows-1251 price
 * list that reprices the same products (purchase and retail), then a CommerceML pair of new products
 * with their prices and stock. Meanwhile a till records a one-line sale every 50 ms: its worst wait
 * says how long the import keeps the till's writes out. CPU time counts every thread of the process.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../src/core/app.js';
import type { DispatchOptions } from '../src/core/rpc/dispatcher.js';
import { writeTable, type TableColumn, type TableRecord } from '../src/core/exchange/write-table.js';
import { encodeCp1251 } from '../src/shared/codepages.js';
import { uuidv7 } from '../src/shared/ids.js';
import { barcodeOf, generatedProduct, isPiece, priceOf } from './catalog.js';
import { commerceMlFiles, PRODUCT_COLUMNS, withPeakRss } from './exchange.js';
import { emit, figure, msSince, progress, round, summarize } from './stats.js';

const ORIGIN = 'bench';
/** a demo product the till sells while the import runs */
const MILK = '4600070000373';

/** the columns of the catalogue export (exports.ts), so this is one shop's export going into another */
const COLUMNS: TableColumn[] = [
  ...PRODUCT_COLUMNS,
  { key: 'cost', title: 'Закупочная цена', kind: 'money' },
  { key: 'plu', title: 'PLU', kind: 'text' },
  { key: 'marked', title: 'Маркировка', kind: 'text' },
  { key: 'min', title: 'Мин. остаток', kind: 'qty' },
  { key: 'max', title: 'Макс. остаток', kind: 'qty' },
];

/** generated names repeat now and then, and an import takes a row with a known name for that product: the article makes them unique */
function nameOf(i: number): string {
  const p = generatedProduct(i);
  return `${p.name} ${p.article}`;
}

const costOf = (i: number): number => Math.round((priceOf(i) * 0.7) / 10) * 10;
// the demo shop's scales use PLUs below 1000
const VAT_LABELS: Record<string, string> = { '22': 'НДС 22%', '10': 'НДС 10%', '0': 'НДС 0%', none: 'Без НДС' };

function* newProducts(rows: number): Generator<TableRecord> {
  const groups = ['Молочное', 'Бакалея', 'Напитки', 'Сладости', 'Заморозка', 'Консервы', 'Хозтовары', 'Детское'];
  for (let i = 0; i < rows; i++) {
    const p = generatedProduct(i);
    const piece = isPiece(i);
    yield {
      name: nameOf(i), barcode: barcodeOf(i), article: p.article, group: `Продукты / ${groups[i % groups.length] ?? ''}`, unit: piece ? 'шт' : 'кг',
      vat: VAT_LABELS[p.vat] ?? p.vat, price: priceOf(i), cost: costOf(i), plu: piece ? null : String(Math.floor(i / 25) + 1000), marked: 'нет',
      min: piece ? 2000 : 500, max: piece ? 20_000 : 5000,
    };
  }
}

/** A supplier's price list for the same goods, as 1C or Excel save it for Russian Windows: cp1251, `;`, new prices. */
function supplierPriceList(path: string, rows: number): void {
  const lines = ['Наименование;Штрихкод;Артикул;Цена закупки;Цена, руб.'];
  const rub = (k: number) => `${Math.floor(k / 100)},${String(k % 100).padStart(2, '0')}`;
  for (let i = 0; i < rows; i++) {
    const p = generatedProduct(i);
    lines.push(`${nameOf(i)};${barcodeOf(i)};${p.article};${rub(costOf(i) + 500)};${rub(priceOf(i) + 700)}`);
  }
  writeFileSync(path, encodeCp1251(`${lines.join('\r\n')}\r\n`));
}

async function call<T>(core: Core, name: string, input: unknown, options: DispatchOptions): Promise<T> {
  const r = await core.dispatch(name, input, options);
  if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
  return r.result as T;
}

interface Report { applied: boolean; created: number; updated: number; groups: number; refusedCount: number }

/** Sales recorded one after another, 50 ms apart, until stopped; each one's wait in ms. */
function till(core: Core, cashier: DispatchOptions): { stop(): Promise<number[]> } {
  const waits: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = process.hrtime.bigint();
      await call(core, 'sale.record', { id: uuidv7(), lines: [{ code: MILK }], payments: [{ kind: 'cash', amount: 10_000 }] }, cashier);
      waits.push(msSince(started));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return waits;
    },
  };
}

/** One import through the commands, timed from `import.run` to its answer, with the till selling meanwhile. */
async function timedImport(core: Core, owner: DispatchOptions, cashier: DispatchOptions, files: string[]): Promise<{ report: Report; seconds: number; cpuSeconds: number; peakMb: number; saleWaits: number[] }> {
  const preview = await call<{ mapping: Record<string, number> }>(core, 'import.preview', { files }, owner);
  const sales = till(core, cashier);
  const started = process.hrtime.bigint();
  const { result, peakMb, cpuSeconds } = await withPeakRss(() => call<Report>(core, 'import.run', { id: uuidv7(), files, mapping: preview.mapping }, owner));
  const seconds = msSince(started) / 1000;
  const saleWaits = await sales.stop();
  return { report: result, seconds, cpuSeconds, peakMb, saleWaits };
}

function saleDetail(waits: number[]): Record<string, number> {
  const s = summarize(waits);
  return { sales_meanwhile: s.n, sale_wait_p50_ms: round(s.p50, 1), sale_wait_max_ms: round(s.max, 1) };
}

export async function runImportFigures(options: { csvRows: number; cmlProducts: number }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lavka-bench-import-'));
  const core = createCore({ dataDir: dir, log: () => undefined });
  try {
    await call(core, 'setup.demo', {}, { origin: ORIGIN });
    const { token } = await call<{ token: string }>(core, 'auth.login', { pin: '0000' }, { origin: ORIGIN });
    const owner = { token, origin: ORIGIN };
    const { token: cashierToken } = await call<{ token: string }>(core, 'auth.login', { pin: '1111' }, { origin: ORIGIN });
    const cashier = { token: cashierToken, origin: ORIGIN };
    await call(core, 'shift.open', { id: uuidv7(), float: 0 }, cashier);
    const rows = options.csvRows;
    const place = (ext: string) => {
      const id = `${uuidv7()}.${ext}`;
      return { id, path: core.services.files.name(id, `bench.${ext}`) };
    };

    const csv = place('csv');
    progress(`import: writing ${rows.toLocaleString('en')} new products as CSV`);
    await writeTable({ format: 'csv', columns: COLUMNS, rows: newProducts(rows), out: csv.path });
    progress('import: CSV of new products into the demo shop');
    const created = await timedImport(core, owner, cashier, [csv.id]);
    if (!created.report.applied || created.report.created !== rows) throw new Error(`CSV import: ${JSON.stringify(created.report)}`);
    emit(figure('import_csv_new_rows_per_second', rows / created.seconds, 'rows/s', { min: 20_000 }, undefined, {
      rows, seconds: round(created.seconds, 2), rows_per_cpu_second: Math.round(rows / created.cpuSeconds), file_mb: round(statSync(csv.path).size / 1e6, 1),
      peak_rss_above_start_mb: created.peakMb, ...saleDetail(created.saleWaits),
    }));

    const prices = place('csv');
    supplierPriceList(prices.path, rows);
    progress('import: a cp1251 price list repricing the same products');
    const updated = await timedImport(core, owner, cashier, [prices.id]);
    if (!updated.report.applied || updated.report.updated !== rows) throw new Error(`CSV update: ${JSON.stringify(updated.report)}`);
    emit(figure('import_csv_update_rows_per_second', rows / updated.seconds, 'rows/s', { min: 20_000 }, undefined, {
      rows, seconds: round(updated.seconds, 2), rows_per_cpu_second: Math.round(rows / updated.cpuSeconds),
      peak_rss_above_start_mb: updated.peakMb, ...saleDetail(updated.saleWaits),
    }));

    const products = options.cmlProducts;
    progress(`import: writing a CommerceML pair of ${products.toLocaleString('en')} products`);
    const importFile = place('xml');
    const offersFile = place('xml');
    // goods numbered past the CSV's, so every one is new
    await commerceMlFiles({ importXml: importFile.path, offersXml: offersFile.path }, products, 1_000_000);
    progress('import: CommerceML import.xml + offers.xml');
    const cmlRun = await timedImport(core, owner, cashier, [importFile.id, offersFile.id]);
    if (!cmlRun.report.applied || cmlRun.report.created !== products) throw new Error(`CommerceML import: ${JSON.stringify(cmlRun.report)}`);
    emit(figure('import_commerceml_seconds', cmlRun.seconds, 's', { max: 10 }, undefined, {
      products, products_per_second: Math.round(products / cmlRun.seconds), cpu_seconds: round(cmlRun.cpuSeconds, 2),
      peak_rss_above_start_mb: cmlRun.peakMb, ...saleDetail(cmlRun.saleWaits),
    }));
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
