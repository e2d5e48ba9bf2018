import { createWriteStream } from 'node:fs';
import { mkdtemp, open as openFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { posix, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ExchangeError, type SheetRow } from './rows.js';
import { bytesOf, type ByteSource, type ReadOptions } from './source.js';
import { builtInFormat, cellFormatter, formatIsoDate, type CellFormatter } from './xlsx-format.js';
import { feedXml } from './xml.js';

export interface XlsxOptions extends ReadOptions {
  /** the sheet to read by its tab name; the first tab otherwise */
  sheet?: string;
}

/**
 * Reads one sheet of an XLSX workbook as rows of the texts a person sees (see xlsx-format.ts).
 *
 * The sheet is parsed as a stream; only the workbook's shared-string table is held in memory,
 * as the format requires (a cell refers to any string by its index). A zip can only be read
 * from its end, so a stream source is first spooled to a temporary file.
 */
export async function* readXlsx(source: ByteSource, options: XlsxOptions = {}): AsyncGenerator<SheetRow> {
  let spooled: string | null = null;
  try {
    const path = typeof source === 'string' ? source : (spooled = await spool(source));
    await checkSignature(path);
    const zip = await openZip(path);
    try {
      const book = await readWorkbook(zip, options.sheet);
      const entry = zip.entries.get(book.sheetPath);
      if (!entry) throw new ExchangeError('import.xlsxBroken', null, { detail: `${book.sheetPath} is missing` });
      yield* readSheet(await zip.stream(entry), book, options, entry.uncompressedSize);
    } finally {
      zip.close();
    }
  } finally {
    if (spooled) await rm(join(spooled, '..'), { recursive: true, force: true });
  }
}

async function spool(stream: Readable): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lavka-xlsx-'));
  const path = join(dir, 'upload.xlsx');
  await pipeline(stream, createWriteStream(path));
  return path;
}

/** Says plainly what a file is when it is not a workbook: .xls from old Excel is the usual case. */
async function checkSignature(path: string): Promise<void> {
  const file = await openFile(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await file.read(head, 0, 4, 0);
    if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) throw new ExchangeError('import.xlsOld', null);
    if (!head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) throw new ExchangeError('import.notXlsx', null);
  } finally {
    await file.close();
  }
}

interface Zip {
  entries: Map<string, yauzl.Entry>;
  stream(entry: yauzl.Entry): Promise<Readable>;
  close(): void;
}

function broken(err: unknown): ExchangeError {
  return err instanceof ExchangeError ? err : new ExchangeError('import.xlsxBroken', null, { detail: err instanceof Error ? err.message : String(err) });
}

function openZip(path: string): Promise<Zip> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zip) => {
      if (err) return reject(broken(err));
      const entries = new Map<string, yauzl.Entry>();
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on('error', (e) => reject(broken(e)));
      zip.on('end', () => resolve({
        entries,
        stream: (entry) => new Promise((ok, fail) => zip.openReadStream(entry, (e, s) => (e ? fail(broken(e)) : ok(s)))),
        close: () => zip.close(),
      }));
      zip.readEntry();
    });
  });
}

interface Book {
  sheetPath: string;
  sharedStrings: string[];
  /** how a number cell reads, per cell style index */
  formats: CellFormatter[];
  general: CellFormatter;
}

/** Everything a sheet's cells refer to: the workbook's tabs, shared strings, styles. */
async function readWorkbook(zip: Zip, wanted: string | undefined): Promise<Book> {
  const rootRels = await readRels(zip, '_rels/.rels', '');
  const bookPath = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const bookRels = await readRels(zip, relsPathOf(bookPath), posix.dirname(bookPath));
  const sheets: { name: string; rid: string }[] = [];
  let date1904 = false;
  await readPart(zip, bookPath, {
    open(name, a) {
      if (name === 'sheet') sheets.push({ name: a.name ?? '', rid: a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '' });
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    },
    text() {},
    close() {},
  });
  const sheet = wanted === undefined ? sheets[0]
    : sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (!sheet) throw wanted === undefined ? new ExchangeError('import.xlsxBroken', null, { detail: 'no sheets' }) : new ExchangeError('import.noSheet', null, { sheet: wanted });
  const sheetPath = bookRels.find((r) => r.id === sheet.rid)?.target;
  if (!sheetPath) throw new ExchangeError('import.xlsxBroken', null, { detail: `no part for sheet "${sheet.name}"` });
  const partOf = (kind: string) => bookRels.find((r) => r.type.endsWith(`/${kind}`))?.target;
  const codes = await readStyles(zip, partOf('styles'));
  // styles share a handful of formats: each is compiled once
  const compiled = new Map<string, CellFormatter>();
  const formatterOf = (code: string) => {
    let f = compiled.get(code);
    if (!f) compiled.set(code, (f = cellFormatter(code, date1904)));
    return f;
  };
  return {
    sheetPath,
    sharedStrings: await readSharedStrings(zip, partOf('sharedStrings')),
    formats: codes.map(formatterOf),
    general: formatterOf('General'),
  };
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

function relsPathOf(part: string): string {
  return posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
}

async function readRels(zip: Zip, path: string, base: string): Promise<Rel[]> {
  const rels: Rel[] = [];
  if (!zip.entries.has(path)) return rels;
  await readPart(zip, path, {
    open(name, a) {
      if (name !== 'Relationship' || a.TargetMode === 'External') return;
      const target = a.Target ?? '';
      rels.push({ id: a.Id ?? '', type: a.Type ?? '', target: target.startsWith('/') ? target.slice(1) : posix.join(base, target) });
    },
    text() {},
    close() {},
  });
  return rels;
}

async function readPart(zip: Zip, path: string, handlers: Parameters<typeof feedXml>[1]): Promise<void> {
  const entry = zip.entries.get(path);
  if (!entry) throw new ExchangeError('import.xlsxBroken', null, { detail: `${path} is missing` });
  for await (const _ of feedXml(await zip.stream(entry), handlers, false)) {
    // handlers gather as they go
  }
}

/** `_x000D_`-style escapes Excel writes for characters XML cannot carry. */
function unescapeOoxml(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

async function readSharedStrings(zip: Zip, path: string | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!path || !zip.entries.has(path)) return strings;
  let current = '';
  let inText = false;
  // phonetic runs (rPh) carry readings for East Asian text, not what the cell shows
  let inPhonetic = false;
  await readPart(zip, path, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && !inPhonetic) inText = true;
    },
    text(t) {
      if (inText) current += t;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') strings.push(unescapeOoxml(current));
    },
  });
  return strings;
}

async function readStyles(zip: Zip, path: string | undefined): Promise<string[]> {
  if (!path || !zip.entries.has(path)) return [];
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellXfs = false;
  await readPart(zip, path, {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? 'General');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formatIds.push(Number(a.numFmtId ?? 0));
    },
    text() {},
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return formatIds.map((id) => custom.get(id) ?? builtInFormat(id));
}

/** "BC12" → 54 (0-based column), or -1 when the reference has no letters. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

async function* readSheet(stream: Readable, book: Book, options: ReadOptions, size: number): AsyncGenerator<SheetRow> {
  const ready: SheetRow[] = [];
  let rowNumber = 0;
  let cells: string[] = [];
  let col = -1;
  let type = 'n';
  let style = 0;
  let value = '';
  let inValue = false;
  let inPhonetic = false;
  const cellText = (): string => {
    switch (type) {
      case 's': return book.sharedStrings[Number(value)] ?? '';
      case 'str': case 'inlineStr': return unescapeOoxml(value);
      case 'b': return value === '1' || value === 'true' ? 'ИСТИНА' : 'ЛОЖЬ';
      case 'e': return value;
      case 'd': return formatIsoDate(value);
      default: return value === '' ? '' : (book.formats[style] ?? book.general)(value.trim());
    }
  };
  const handlers: Parameters<typeof feedXml>[1] = {
    open(name, a) {
      switch (name) {
        case 'row':
          // `r` may be left out, meaning the row after the last
          rowNumber = a.r ? Number(a.r) : rowNumber + 1;
          cells = [];
          col = -1;
          break;
        case 'c': {
          const fromRef = a.r ? columnOf(a.r) : -1;
          col = fromRef >= 0 ? fromRef : col + 1;
          type = a.t ?? 'n';
          style = a.s ? Number(a.s) : 0;
          value = '';
          break;
        }
        case 'v': case 't':
          if (!inPhonetic) inValue = true;
          break;
        case 'rPh':
          inPhonetic = true;
          break;
      }
    },
    text(t) {
      if (inValue) value += t;
    },
    close(name) {
      switch (name) {
        case 'v': case 't':
          inValue = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c': {
          const text = cellText();
          if (text !== '') {
            while (cells.length < col) cells.push('');
            cells[col] = text;
          }
          break;
        }
        case 'row':
          if (cells.length > 0) ready.push({ row: rowNumber, cells });
          break;
      }
    },
  };
  const progress = options.onProgress;
  const counted = progress ? bytesOf(stream, { onProgress: (done) => progress(done, size) }) : bytesOf(stream);
  for await (const _ of feedXml(counted, handlers, false)) {
    for (const row of ready) yield row;
    ready.length = 0;
  }
}
