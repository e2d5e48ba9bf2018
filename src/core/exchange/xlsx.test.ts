import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { afterAll, describe, expect, it } from 'vitest';
import { ExchangeError, type SheetRow } from './rows.js';
import { writeTable, type TableColumn } from './write-table.js';
import { readXlsx, type XlsxOptions } from './xlsx-read.js';

const dir = mkdtempSync(join(tmpdir(), 'lavka-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const pathFor = (ext: string) => join(dir, `f${++files}.${ext}`);

async function rows(source: string | Readable, options?: XlsxOptions): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const row of readXlsx(source, options)) out.push(row);
  return out;
}

/** The parts of a zip as text, read with yauzl directly rather than through the reader under test. */
function unzip(path: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const parts = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => zip.openReadStream(entry, (e, stream) => {
        if (e) return reject(e);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          parts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
          zip.readEntry();
        });
      }));
      zip.on('end', () => resolve(parts));
      zip.readEntry();
    });
  });
}

/** A zip from parts in the given order, the way another program would pack it. */
async function zipOf(parts: [string, string][]): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of parts) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const path = pathFor('xlsx');
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  await finished(out);
  return path;
}

const COLUMNS: TableColumn[] = [
  { key: 'name', title: 'Наименование', kind: 'text' },
  { key: 'barcode', title: 'Штрихкод', kind: 'text' },
  { key: 'price', title: 'Цена', kind: 'money' },
  { key: 'qty', title: 'Остаток', kind: 'qty' },
  { key: 'sold', title: 'Продано чеков', kind: 'int' },
  { key: 'discount', title: 'Скидка', kind: 'percent' },
  { key: 'day', title: 'Дата', kind: 'date' },
  { key: 'at', title: 'Время продажи', kind: 'date' },
];

describe('writeTable xlsx → readXlsx', () => {
  it('writes what a person reads back: money to the kopeck, 3-decimal quantities, percents, dates', async () => {
    const path = pathFor('xlsx');
    const result = await writeTable({
      format: 'xlsx', columns: COLUMNS, out: path, sheetName: 'Остатки',
      rows: [
        { name: 'Сыр <Российский> & «Ко»', barcode: '4600070000373', price: 123456, qty: 1250, sold: 42, discount: 550, day: '2026-01-05', at: '2026-01-05T10:30:00' },
        { name: 'Вода\u0001 с _x0041_', barcode: null, price: -501, qty: 0, sold: 0, discount: 10000, day: null, at: null },
        { name: '=1+1', barcode: '', price: 1, qty: 999_999_999_999, sold: 1_000_000, discount: 1, day: '1900-03-01', at: null },
      ],
    });
    expect(result.rows).toBe(3);
    expect(await rows(path)).toEqual([
      { row: 1, cells: COLUMNS.map((c) => c.title) },
      { row: 2, cells: ['Сыр <Российский> & «Ко»', '4600070000373', '1234,56', '1,250', '42', '5,50%', '05.01.2026', '05.01.2026 10:30'] },
      { row: 3, cells: ['Вода\u0001 с _x0041_', '', '-5,01', '0,000', '0', '100,00%'] },
      // a text cell is never a formula in XLSX, so it needs no guard
      { row: 4, cells: ['=1+1', '', '0,01', '999999999,999', '1000000', '0,01%', '01.03.1900'] },
    ]);
    expect(await rows(path, { sheet: 'остатки' })).toHaveLength(4);
  });

  it('makes the header bold and frozen, and money a number cell in the # ##0.00 format', async () => {
    const path = pathFor('xlsx');
    await writeTable({ format: 'xlsx', columns: COLUMNS.slice(0, 3), out: path, rows: [{ name: 'Хлеб', barcode: '4607001234562', price: 4590 }] });
    const parts = await unzip(path);
    const sheet = parts.get('xl/worksheets/sheet1.xml') ?? '';
    const styles = parts.get('xl/styles.xml') ?? '';
    expect(sheet).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
    const fonts = [...(/<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] ?? '').matchAll(/<font>[\s\S]*?<\/font>/g)].map((m) => m[0]);
    const headerStyle = Number(/<c r="A1" s="(\d+)"/.exec(sheet)?.[1]);
    const headerFont = Number(/fontId="(\d+)"/.exec(xfs[headerStyle] ?? '')?.[1]);
    expect(fonts[headerFont]).toContain('<b/>');
    const money = /<c r="C2" s="(\d+)"><v>([^<]*)<\/v><\/c>/.exec(sheet);
    expect(money?.[2]).toBe('45.90');
    // numFmtId 4 is Excel's built-in #,##0.00, shown as "# ##0,00" by Russian Excel
    expect(xfs[Number(money?.[1])]).toMatch(/numFmtId="4"/);
  });

  it('refuses a float in a money column instead of rounding it, and leaves no half-written file', async () => {
    const path = pathFor('xlsx');
    await expect(writeTable({ format: 'xlsx', columns: COLUMNS.slice(2, 3), out: path, rows: [{ price: 100 }, { price: 12.5 }] }))
      .rejects.toThrow(/row 2, column "price" \(money\): 12.5 is not an integer/);
    expect(existsSync(path)).toBe(false);
  });
});

/**
 * A workbook laid out as Excel writes it (sheets before the shared strings in the zip, styles at
 * the end, a custom number format, dates as serials, formulas with cached values), plus what other
 * programs do: cells and rows without references, inline rich text, a namespace prefix.
 */
async function excelLikeWorkbook(): Promise<string> {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipOf([
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    // the tabs are in another order than the files: "Прайс" is the first tab but sheet2.xml
    ['xl/workbook.xml', `<?xml version="1.0"?><workbook ${ns}><workbookPr/><sheets><sheet name="Прайс" sheetId="2" r:id="rId2"/><sheet name="Справка" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
      <Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>
      <Relationship Id="rId2" Type="${rel}/worksheet" Target="/xl/worksheets/sheet2.xml"/>
      <Relationship Id="rId3" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>
      <Relationship Id="rId4" Type="${rel}/styles" Target="styles.xml"/></Relationships>`],
    ['xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet ${ns}><sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData></worksheet>`],
    ['xl/worksheets/sheet2.xml', `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
      <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c><x:c r="D1" t="s"><x:v>3</x:v></x:c><x:c r="E1" t="s"><x:v>4</x:v></x:c></x:row>
      <x:row r="3"><x:c r="A3" t="s"><x:v>6</x:v></x:c><x:c r="B3" s="1"><x:v>4600070000373</x:v></x:c><x:c r="C3" s="2"><x:v>1234.5</x:v></x:c><x:c r="D3" s="3"><x:v>46027</x:v></x:c><x:c r="E3" t="b"><x:v>1</x:v></x:c></x:row>
      <x:row><x:c t="inlineStr"><x:is><x:r><x:t>Кефир </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>1%</x:t></x:r></x:is></x:c><x:c t="str"><x:f>TEXT(4607001234562,"0")</x:f><x:v>4607001234562</x:v></x:c><x:c s="4"><x:f>0.1+0.2</x:f><x:v>0.30000000000000004</x:v></x:c><x:c s="5"><x:v>0.22</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>
      <x:row r="6"><x:c r="F6"><x:v>7</x:v></x:c><x:c r="A6" t="s"><x:v>7</x:v></x:c></x:row>
      <x:row r="7"><x:c r="A7" s="2"/></x:row>
      </x:sheetData></x:worksheet>`],
    ['xl/sharedStrings.xml', `<?xml version="1.0"?><sst ${ns} count="8" uniqueCount="8">
      <si><t>Наименование</t></si><si><t>ШК</t></si><si><t>Цена, руб.</t></si><si><t>Годен до</t></si><si><t>Маркировка</t></si>
      <si><t>Справочный лист</t></si>
      <si><r><t>Молоко </t></r><r><rPr><b/></rPr><t xml:space="preserve">3,2% </t></r><rPh sb="0" eb="1"><t>ミルク</t></rPh><r><t>1 л</t></r></si>
      <si><t>Строка_x000D_с переносом</t></si></sst>`],
    ['xl/styles.xml', `<?xml version="1.0"?><styleSheet ${ns}><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;₽&quot;"/></numFmts>
      <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="1"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="2"/><xf numFmtId="9"/></cellXfs></styleSheet>`],
  ]);
}

describe('readXlsx: a workbook from another program', () => {
  it('reads the first tab with shared strings, styles, formulas and cells without references', async () => {
    expect(await rows(await excelLikeWorkbook())).toEqual([
      { row: 1, cells: ['Наименование', 'ШК', 'Цена, руб.', 'Годен до', 'Маркировка'] },
      { row: 3, cells: ['Молоко 3,2% 1 л', '4600070000373', '1234,50', '05.01.2026', 'ИСТИНА'] },
      { row: 4, cells: ['Кефир 1%', '4607001234562', '0,30', '22%', '#N/A'] },
      { row: 6, cells: ['Строка\rс переносом', '', '', '', '', '7'] },
    ]);
  });

  it('reads a tab by its name, and from a stream', async () => {
    const path = await excelLikeWorkbook();
    expect(await rows(createReadStream(path), { sheet: 'Справка' })).toEqual([{ row: 1, cells: ['Справочный лист'] }]);
  });

  it('says which tab is missing', async () => {
    await expect(rows(await excelLikeWorkbook(), { sheet: 'Остатки' })).rejects.toMatchObject({ key: 'import.noSheet', params: { sheet: 'Остатки' } });
  });

  it('tells an old .xls and a file that is no workbook apart', async () => {
    const xls = pathFor('xls');
    writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    await expect(rows(xls)).rejects.toMatchObject({ key: 'import.xlsOld' });
    const csv = pathFor('xlsx');
    writeFileSync(csv, 'Наименование;Цена\n');
    await expect(rows(csv)).rejects.toMatchObject({ key: 'import.notXlsx' });
    const cut = pathFor('xlsx');
    writeFileSync(cut, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    await expect(rows(cut)).rejects.toBeInstanceOf(ExchangeError);
  });
});
