import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/barcode/ean.js';
import type { CatalogImportRow } from '../../shared/catalog-import.js';
import { mapRow } from './catalog-row.js';
import { readCsv } from './csv-read.js';
import { detectFormat } from './detect.js';
import { guessMapping } from './mapping.js';
import type { SheetRow } from './rows.js';
import { writeTable, type TableColumn, type TableRecord } from './write-table.js';
import { readXlsx } from './xlsx-read.js';

const dir = mkdtempSync(join(tmpdir(), 'lavka-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The catalogue export's columns, titled as the back office titles them. */
const COLUMNS: TableColumn[] = [
  { key: 'name', title: 'Наименование', kind: 'text' },
  { key: 'barcodes', title: 'Штрихкод', kind: 'text' },
  { key: 'article', title: 'Артикул', kind: 'text' },
  { key: 'group', title: 'Группа', kind: 'text' },
  { key: 'unit', title: 'Ед. изм.', kind: 'text' },
  { key: 'vat', title: 'НДС', kind: 'text' },
  { key: 'price', title: 'Цена продажи', kind: 'money' },
  { key: 'cost', title: 'Закупочная цена', kind: 'money' },
  { key: 'plu', title: 'PLU', kind: 'text' },
  { key: 'marked', title: 'Маркировка', kind: 'text' },
  { key: 'minStock', title: 'Мин. остаток', kind: 'qty' },
  { key: 'maxStock', title: 'Макс. остаток', kind: 'qty' },
  { key: 'qty', title: 'Остаток', kind: 'qty' },
];

const NAMES = ['Молоко 3,2% 1 л', 'Сыр "Российский"; весовой', 'Набор:\nкружка и ложка', '=Акция -50%', '-Скидка', 'Ёжик в тумане', 'Чай «Беседа» 100 пак.', 'Печенье\tовсяное'];
const UNITS = [['pcs', 'шт'], ['kg', 'кг'], ['l', 'л']] as const;
const VATS = [['22', '22%'], ['10', '10%'], ['0', '0%'], ['none', 'без НДС']] as const;

/** Product i of a 10,000-row catalogue, as the export writes it and as the import must give it back. */
function product(i: number): { record: TableRecord; expected: CatalogImportRow } {
  const [unit, unitText] = UNITS[i % 3] as (typeof UNITS)[number];
  const [vat, vatText] = VATS[i % 4] as (typeof VATS)[number];
  const barcodes = i % 5 === 0 ? [] : [withCheckDigit(`46${String(i).padStart(10, '0')}`), ...(i % 7 === 0 ? [withCheckDigit(`47${String(i).padStart(10, '0')}`)] : [])];
  const name = `${NAMES[i % NAMES.length] as string} №${i}`;
  const whole = (n: number) => (unit === 'pcs' ? n * 1000 : n * 1000 + (i % 1000));
  const price = 1 + ((i * 7919) % 1_000_000);
  const groupPath = i % 6 === 0 ? undefined : ['Продукты', `Группа ${i % 11}`];
  const record: TableRecord = {
    name, barcodes: barcodes.join(', '), article: i % 3 === 0 ? null : `A-${i}`, group: groupPath?.join(' / ') ?? null, unit: unitText, vat: vatText,
    price, cost: i % 2 ? Math.floor(price * 0.7) : null, plu: unit === 'kg' ? String(i % 100_000) : null, marked: i % 9 === 0 ? 'да' : 'нет',
    minStock: whole(i % 5), maxStock: whole(10 + (i % 5)), qty: i % 8 === 0 ? null : whole(i % 300),
  };
  const expected: CatalogImportRow = {
    row: i + 2, name, barcodes, unit, vat, price, marked: i % 9 === 0, minStock: record.minStock as number, maxStock: record.maxStock as number,
    ...(record.article !== null && { article: record.article as string }),
    ...(groupPath && { groupPath }),
    ...(record.cost !== null && { cost: record.cost as number }),
    ...(record.plu !== null && { plu: record.plu as string }),
    ...(record.qty !== null && { qty: record.qty as number }),
  };
  return { record, expected };
}

const N = 10_000;
function* records(): Generator<TableRecord> {
  for (let i = 0; i < N; i++) yield product(i).record;
}

async function importBack(rows: AsyncIterable<SheetRow>): Promise<CatalogImportRow[]> {
  const out: CatalogImportRow[] = [];
  let mapping: ReturnType<typeof guessMapping> | null = null;
  for await (const row of rows) {
    if (!mapping) {
      mapping = guessMapping(row.cells);
      continue;
    }
    const r = mapRow(mapping, row);
    if (!r.ok) throw new Error(`row ${row.row} refused: ${JSON.stringify(r.errors)}`);
    out.push(r.value);
  }
  return out;
}

describe('export → import round trip of 10,000 catalogue rows', () => {
  const expected = Array.from({ length: N }, (_v, i) => product(i).expected);

  it('comes back identical through CSV', async () => {
    const path = join(dir, 'catalog.csv');
    expect(await writeTable({ format: 'csv', columns: COLUMNS, rows: records(), out: path })).toEqual({ rows: N });
    expect(await importBack(readCsv(path))).toEqual(expected);
  });

  it('comes back identical through XLSX', async () => {
    const path = join(dir, 'catalog.xlsx');
    expect(await writeTable({ format: 'xlsx', columns: COLUMNS, rows: records(), out: path, sheetName: 'Каталог' })).toEqual({ rows: N });
    expect(await importBack(readXlsx(path))).toEqual(expected);
  });
});

describe('CSV export bytes', () => {
  it('is what Russian Excel opens with a double click: BOM, ;, CRLF, decimal comma, formulas defused', async () => {
    const path = join(dir, 'bytes.csv');
    async function* rows() {
      yield { name: 'Сыр; "Российский"', price: 123456, qty: 1250, at: '2026-01-05T10:30:00', discount: 550 };
      yield { name: '=HYPERLINK("http://x")', price: -501, qty: 3000, at: null, discount: null };
    }
    await writeTable({
      format: 'csv', out: path, rows: rows(),
      columns: [{ key: 'name', title: 'Товар', kind: 'text' }, { key: 'price', title: 'Цена', kind: 'money' }, { key: 'qty', title: 'Кол-во', kind: 'qty' },
        { key: 'at', title: 'Время', kind: 'date' }, { key: 'discount', title: 'Скидка', kind: 'percent' }],
    });
    expect(readFileSync(path, 'utf8')).toBe('\ufeffТовар;Цена;Кол-во;Время;Скидка\r\n"Сыр; ""Российский""";1234,56;1,25;05.01.2026 10:30;5,5%\r\n"\'=HYPERLINK(""http://x"")";-5,01;3;;\r\n');
  });
});

describe('detectFormat', () => {
  it('tells a workbook, a 1C exchange file and a CSV by their bytes, whatever their names', async () => {
    const xlsx = join(dir, 'price.csv');
    await writeTable({ format: 'xlsx', columns: COLUMNS.slice(0, 1), rows: [{ name: 'Хлеб' }], out: xlsx });
    const xml = join(dir, 'import.txt');
    writeFileSync(xml, '\ufeff\n<?xml version="1.0" encoding="UTF-8"?><КоммерческаяИнформация/>');
    const csv = join(dir, 'price.xls');
    writeFileSync(csv, 'Наименование;Цена\nХлеб;45\n');
    expect([await detectFormat(xlsx), await detectFormat(xml), await detectFormat(csv)]).toEqual(['xlsx', 'commerceml', 'csv']);
    const xls = join(dir, 'old.xls');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    await expect(detectFormat(xls)).rejects.toMatchObject({ key: 'import.xlsOld' });
  });
});
