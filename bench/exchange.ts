/**
 * Import/export file figures of issue #4, on the file layer alone (no database): export of a
 * 1,000,000-row catalogue to CSV and XLSX, the same files read back and every row mapped and
 * validated as an import would, and a 100,000-product CommerceML pair read. Each figure carries
 * the peak RSS above what the process held before it, the proof that the work streams.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapRow } from '../src/core/exchange/catalog-row.js';
import { readCommerceMl } from '../src/core/exchange/cml-read.js';
import { readCsv } from '../src/core/exchange/csv-read.js';
import { guessMapping } from '../src/core/exchange/mapping.js';
import type { SheetRow } from '../src/core/exchange/rows.js';
import { writeTable, type TableColumn, type TableRecord } from '../src/core/exchange/write-table.js';
import { readXlsx } from '../src/core/exchange/xlsx-read.js';
import { barcodeOf, generatedProduct, isPiece } from './catalog.js';
import { emit, figure, msSince, progress, round } from './stats.js';

/** the first columns of the catalogue export (exports.ts): what a product is and what it sells for */
export const PRODUCT_COLUMNS: TableColumn[] = [
  { key: 'name', title: 'Наименование', kind: 'text' },
  { key: 'barcode', title: 'Штрихкод', kind: 'text' },
  { key: 'article', title: 'Артикул', kind: 'text' },
  { key: 'group', title: 'Группа', kind: 'text' },
  { key: 'unit', title: 'Ед. изм.', kind: 'text' },
  { key: 'vat', title: 'НДС', kind: 'text' },
  { key: 'price', title: 'Цена', kind: 'money' },
];

const COLUMNS: TableColumn[] = [...PRODUCT_COLUMNS, { key: 'qty', title: 'Остаток', kind: 'qty' }];

function* catalogue(rows: number): Generator<TableRecord> {
  for (let i = 0; i < rows; i++) {
    const p = generatedProduct(i);
    yield {
      name: p.name, barcode: barcodeOf(i), article: p.article, group: `Продукты / ${p.groupId}`, unit: isPiece(i) ? 'шт' : 'кг',
      vat: p.vat === 'none' ? 'без НДС' : `${p.vat}%`, price: p.price, qty: isPiece(i) ? (i % 200) * 1000 : (i % 50) * 1000 + (i % 997),
    };
  }
}

/**
 * Peak RSS while `work` runs, above the RSS before it (sampled every 20 ms), and the CPU time it
 * took (all threads, zlib's included): on a shared machine the wall clock says more about the
 * neighbours than about the code.
 */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number; cpuSeconds: number }> {
  global.gc?.();
  const cpu = process.cpuUsage();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    const used = process.cpuUsage(cpu);
    return { result, peakMb: round((peak - before) / 1e6, 1), cpuSeconds: (used.user + used.system) / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

async function exportFigure(format: 'csv' | 'xlsx', path: string, rows: number): Promise<void> {
  progress(`exchange: export ${rows.toLocaleString('en')} rows to ${format}`);
  const started = process.hrtime.bigint();
  const { peakMb, cpuSeconds } = await withPeakRss(() => writeTable({ format, columns: COLUMNS, rows: catalogue(rows), out: path }));
  const seconds = msSince(started) / 1000;
  emit(figure(`export_${format}_rows_per_second`, rows / seconds, 'rows/s', {}, undefined,
    { rows, seconds: round(seconds, 2), rows_per_cpu_second: Math.round(rows / cpuSeconds), file_mb: round(statSync(path).size / 1e6, 1), peak_rss_above_start_mb: peakMb }));
}

/** Reads, maps and validates every row, as an import does before its database work. */
async function importFigure(format: 'csv' | 'xlsx', path: string, rows: number): Promise<void> {
  progress(`exchange: import-parse ${rows.toLocaleString('en')} rows of ${format}`);
  const source: AsyncIterable<SheetRow> = format === 'csv' ? readCsv(path) : readXlsx(path);
  const started = process.hrtime.bigint();
  let readMs = 0;
  const { result, peakMb, cpuSeconds } = await withPeakRss(async () => {
    let mapping: ReturnType<typeof guessMapping> | null = null;
    let accepted = 0;
    let last = process.hrtime.bigint();
    for await (const row of source) {
      readMs += msSince(last);
      if (!mapping) mapping = guessMapping(row.cells);
      else if (mapRow(mapping, row).ok) accepted++;
      last = process.hrtime.bigint();
    }
    return accepted;
  });
  const seconds = msSince(started) / 1000;
  if (result !== rows) throw new Error(`${format}: ${result} of ${rows} rows accepted`);
  emit(figure(`import_parse_${format}_rows_per_second`, rows / seconds, 'rows/s', format === 'csv' ? { min: 20_000 } : {}, undefined,
    { rows, seconds: round(seconds, 2), rows_per_cpu_second: Math.round(rows / cpuSeconds), read_only_rows_per_second: Math.round(rows / (readMs / 1000)), peak_rss_above_start_mb: peakMb }));
}

/** import.xml and offers.xml as 1C writes them: `products` generated goods from number `first` on, in nine groups. */
export async function commerceMlFiles(paths: { importXml: string; offersXml: string }, products: number, first = 0): Promise<void> {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n<КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" ВерсияСхемы="2.07">\n';
  const groups = ['dairy', 'bread', 'grocery', 'drinks', 'sweets', 'frozen', 'canned', 'household', 'baby'];
  const importParts = [head, '<Классификатор><Ид>c</Ид><Группы>', ...groups.map((g) => `<Группа><Ид>${g}</Ид><Наименование>${g}</Наименование></Группа>`),
    '</Группы></Классификатор><Каталог><Ид>c</Ид><Товары>\n'];
  const offerParts = [head, '<ПакетПредложений><ТипыЦен><ТипЦены><Ид>r</Ид><Наименование>Розничная</Наименование><Валюта>RUB</Валюта></ТипЦены></ТипыЦен><Предложения>\n'];
  for (let i = first; i < first + products; i++) {
    const p = generatedProduct(i);
    importParts.push(`<Товар><Ид>${p.id}</Ид><Штрихкод>${barcodeOf(i)}</Штрихкод><Артикул>${p.article}</Артикул><Наименование>${p.name} ${p.article}</Наименование>`
      + `<БазоваяЕдиница Код="${isPiece(i) ? '796' : '166'}" НаименованиеПолное="${isPiece(i) ? 'Штука' : 'Килограмм'}"/><Группы><Ид>${groups[i % groups.length] ?? ''}</Ид></Группы>`
      + `<СтавкиНалогов><СтавкаНалога><Наименование>НДС</Наименование><Ставка>${p.vat}</Ставка></СтавкаНалога></СтавкиНалогов></Товар>\n`);
    offerParts.push(`<Предложение><Ид>${p.id}</Ид><Цены><Цена><ИдТипаЦены>r</ИдТипаЦены><ЦенаЗаЕдиницу>${(p.price / 100).toFixed(2)}</ЦенаЗаЕдиницу></Цена></Цены>`
      + `<Количество>${i % 200}</Количество></Предложение>\n`);
  }
  await writeFile(paths.importXml, [...importParts, '</Товары></Каталог></КоммерческаяИнформация>\n'].join(''));
  await writeFile(paths.offersXml, [...offerParts, '</Предложения></ПакетПредложений></КоммерческаяИнформация>\n'].join(''));
}

async function commerceMlFigure(dir: string, products: number): Promise<void> {
  progress(`exchange: CommerceML, ${products.toLocaleString('en')} products`);
  const importXml = join(dir, 'import.xml');
  const offersXml = join(dir, 'offers.xml');
  await commerceMlFiles({ importXml, offersXml }, products);
  const started = process.hrtime.bigint();
  const { result, peakMb, cpuSeconds } = await withPeakRss(async () => {
    let n = 0;
    for (const path of [importXml, offersXml]) {
      for await (const r of readCommerceMl(path)) if (r.kind === 'product' || r.kind === 'offer') n++;
    }
    return n;
  });
  const seconds = msSince(started) / 1000;
  if (result !== products * 2) throw new Error(`CommerceML: ${result} records of ${products * 2}`);
  emit(figure('import_parse_commerceml_seconds', seconds, 's', {}, undefined,
    { products, products_per_second: Math.round(products / seconds), cpu_seconds: round(cpuSeconds, 2), import_xml_mb: round(statSync(importXml).size / 1e6, 1), peak_rss_above_start_mb: peakMb }));
}

export async function runExchangeFigures(options: { rows: number; cmlProducts: number }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lavka-bench-exchange-'));
  try {
    for (const format of ['csv', 'xlsx'] as const) {
      const path = join(dir, `catalog.${format}`);
      await exportFigure(format, path, options.rows);
      await importFigure(format, path, options.rows);
      rmSync(path);
    }
    await commerceMlFigure(dir, options.cmlProducts);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
