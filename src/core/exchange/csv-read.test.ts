import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv, type CsvOptions } from './csv-read.js';
import { ExchangeError, type SheetRow } from './rows.js';
import { encodeCp1251 } from '../../shared/codepages.js';

const dir = mkdtempSync(join(tmpdir(), 'lavka-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(bytes: Uint8Array): string {
  const path = join(dir, `f${++files}.csv`);
  writeFileSync(path, bytes);
  return path;
}

async function rows(source: string | Readable, options?: CsvOptions): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const row of readCsv(source, options)) out.push(row);
  return out;
}

async function failure(source: string | Readable): Promise<ExchangeError> {
  try {
    await rows(source);
  } catch (err) {
    if (err instanceof ExchangeError) return err;
    throw err;
  }
  throw new Error('read without an error');
}

/** Windows-1251 as Russian Excel saves it. */
const cp1251 = (text: string): Buffer => Buffer.from(encodeCp1251(text));

const utf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

/** A price list as Russian Excel writes it: quotes around cells holding ; " or a line break. */
const PRICE_LIST = [
  'Наименование;Штрихкод;Цена;Ед.',
  'Молоко «Домик в деревне» 3,2%;4600070000373;89,90;шт',
  '"Сыр ""Российский""; весовой";2000001012505;"1 234,50";кг',
  '"Набор:',
  'кружка и ложка";4607001234562;350;шт',
  '',
  'Ёлочная игрушка №5;;120;шт',
].join('\r\n');

const EXPECTED: SheetRow[] = [
  { row: 1, cells: ['Наименование', 'Штрихкод', 'Цена', 'Ед.'] },
  { row: 2, cells: ['Молоко «Домик в деревне» 3,2%', '4600070000373', '89,90', 'шт'] },
  { row: 3, cells: ['Сыр "Российский"; весовой', '2000001012505', '1 234,50', 'кг'] },
  // a line break inside quotes keeps one row, as Excel shows it; the blank row 5 is skipped, still counted
  { row: 4, cells: ['Набор:\r\nкружка и ложка', '4607001234562', '350', 'шт'] },
  { row: 6, cells: ['Ёлочная игрушка №5', '', '120', 'шт'] },
];

describe('readCsv: what Russian Excel saves', () => {
  it('reads UTF-8 with a BOM and ; separators, quotes, doubled quotes and line breaks in cells', async () => {
    expect(await rows(file(utf8Bom(PRICE_LIST)))).toEqual(EXPECTED);
  });

  it('reads the same file saved in Windows-1251 (no BOM)', async () => {
    expect(await rows(file(cp1251(PRICE_LIST)))).toEqual(EXPECTED);
  });

  it('reads UTF-8 without a BOM, comma-separated with LF line ends', async () => {
    const text = 'Name,Barcode,Price\n"Milk, 1 l",4600070000373,89.90\nBread,4607001234562,45\n';
    expect(await rows(file(Buffer.from(text)))).toEqual([
      { row: 1, cells: ['Name', 'Barcode', 'Price'] },
      { row: 2, cells: ['Milk, 1 l', '4600070000373', '89.90'] },
      { row: 3, cells: ['Bread', '4607001234562', '45'] },
    ]);
  });

  it('reads Excel\'s "Unicode text": UTF-16LE with a BOM, tab-separated, commas inside the header', async () => {
    const text = '\ufeffНаименование\tЦена, руб.\r\nКефир\t79,90\r\n';
    expect(await rows(file(Buffer.from(text, 'utf16le')))).toEqual([
      { row: 1, cells: ['Наименование', 'Цена, руб.'] },
      { row: 2, cells: ['Кефир', '79,90'] },
    ]);
  });

  it('prefers ; even when the header has commas, and obeys a sep= line', async () => {
    expect(await rows(file(Buffer.from('Цена, руб;Кол-во, шт\n1,5;2\n')))).toEqual([
      { row: 1, cells: ['Цена, руб', 'Кол-во, шт'] },
      { row: 2, cells: ['1,5', '2'] },
    ]);
    expect(await rows(file(Buffer.from('sep=,\nа;б,в\n')))).toEqual([{ row: 1, cells: ['а;б', 'в'] }]);
  });

  it('keeps a stray quote inside an unquoted cell, as Excel does', async () => {
    expect(await rows(file(Buffer.from('Диагональ 15,6";1\nа;"б"в\n')))).toEqual([
      { row: 1, cells: ['Диагональ 15,6"', '1'] },
      { row: 2, cells: ['а', 'бв'] },
    ]);
  });

  it('reads a stream (an upload) and a lone CR line end (Excel for Mac)', async () => {
    expect(await rows(Readable.from([Buffer.from('a;b\rc;d\r')]))).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['c', 'd'] },
    ]);
  });

  it('lets go of the file when the reader stops early (a cancelled import)', async () => {
    const stream = Readable.from([Buffer.from('a;b\nc;d\n'), Buffer.from('e;f\n')]);
    for await (const row of readCsv(stream)) {
      expect(row.cells).toEqual(['a', 'b']);
      break;
    }
    expect(stream.destroyed).toBe(true);
  });

  it('takes an encoding and a separator the user chose over the detected ones', async () => {
    const path = file(cp1251('Товар,Цена\nЧай,50\n'));
    expect(await rows(path, { encoding: 'windows-1251', separator: ',' })).toEqual([
      { row: 1, cells: ['Товар', 'Цена'] },
      { row: 2, cells: ['Чай', '50'] },
    ]);
  });

  it('reports progress against the file size', async () => {
    const path = file(utf8Bom(PRICE_LIST));
    const seen: [number, number | null][] = [];
    await rows(path, { onProgress: (done, total) => seen.push([done, total]) });
    const size = utf8Bom(PRICE_LIST).length;
    expect(seen.at(-1)).toEqual([size, size]);
  });
});

describe('readCsv: broken files', () => {
  it('names the row where a quote was opened and never closed', async () => {
    const err = await failure(file(Buffer.from('a;b\nc;d\n"e;f\ng;h\n')));
    expect(err.key).toBe('import.csvUnclosedQuote');
    expect(err.row).toBe(3);
  });

  it('refuses a UTF-8 file that turns into another encoding further down, at that row', async () => {
    // the first rows are UTF-8 well past the bytes the detection looks at (4 KiB after the first letter)
    const utf8Rows = Array.from({ length: 400 }, (_v, i) => `Молоко ${i};89\n`).join('');
    const bytes = Buffer.concat([Buffer.from(`Наименование;Цена\n${utf8Rows}`, 'utf8'), cp1251('Кефир;79\n')]);
    const err = await failure(file(bytes));
    expect(err.key).toBe('import.badEncoding');
    expect(err.row).toBe(402);
  });

  it('stops a record that grows without end (an open quote in a big file)', async () => {
    const text = `a;b\n"${'x'.repeat(5000)}`;
    await expect(rows(Readable.from([Buffer.from(text)]), { maxRecordChars: 1000 })).rejects.toMatchObject({ key: 'import.csvRecordTooLong', row: 2 });
  });
});

describe('readCsv: chunk boundaries never change the result', () => {
  /** CSV as any writer would quote it. */
  const encode = (table: string[][], sep: string, eol: string) =>
    table.map((r) => r.map((c) => (/[;,\t"\r\n]/.test(c) || c === '' ? `"${c.replaceAll('"', '""')}"` : c)).join(sep)).join(eol) + eol;
  const cellText = fc.string({ unit: fc.constantFrom('а', 'Ё', 'b', ' ', ';', ',', '"', '\n', '\r\n', '€', '1'), maxLength: 8 });

  it('parses the same rows whichever bytes the chunks split between', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.array(cellText, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }),
      fc.constantFrom(';', ',', '\t'), fc.constantFrom('\n', '\r\n'), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }),
      async (table, sep, eol, cuts) => {
        // a header with the separator in it, as a real file has
        const full = [['h1', 'h2'], ...table];
        const bytes = utf8Bom(encode(full, sep, eol));
        const chunks: Buffer[] = [];
        for (let at = 0, k = 0; at < bytes.length; k++) {
          const size = cuts[k % cuts.length] as number;
          chunks.push(bytes.subarray(at, at + size));
          at += size;
        }
        const read = await rows(Readable.from(chunks));
        // a row of empty cells is blank: skipped, though it keeps its number
        expect(read).toEqual(full.map((cells, i) => ({ row: i + 1, cells })).filter((r) => r.cells.some((c) => c !== '')));
      },
    ), { numRuns: 200 });
  });
});
