import { ExchangeError, type SheetRow } from './rows.js';
import { bytesOf, type ByteSource, type ReadOptions } from './source.js';

export type CsvEncoding = 'utf-8' | 'windows-1251' | 'utf-16le';
export type CsvSeparator = ';' | ',' | '\t';

export interface CsvOptions extends ReadOptions {
  /** instead of detecting it: what the user picked when the detection was wrong */
  encoding?: CsvEncoding;
  separator?: CsvSeparator;
  /** a record longer than this is refused: it is almost always a quote left open */
  maxRecordChars?: number;
}

/** How much of a file without a BOM is looked at for its first non-ASCII byte before deciding. */
const SNIFF_BYTES = 1 << 20;
const DEFAULT_MAX_RECORD = 1 << 20;

/**
 * Reads a CSV (or Excel's "Unicode text") file as rows, in constant memory.
 *
 * Encoding: a BOM decides; otherwise UTF-8 if the first non-ASCII bytes are valid UTF-8, else
 * Windows-1251 (what Russian Excel saves as "CSV (разделители — запятые)"). Separator: Excel's
 * `sep=X` first line if present, else what the first line holds outside quotes: `;` first (Russian
 * Excel), then tab (a tab never sits inside a comma file's header, a comma easily sits inside a
 * tab file's), then `,`. Quoting follows RFC 4180 and, where a file breaks it, does what Excel
 * does: a stray quote inside an unquoted cell is a character. Blank rows are skipped but counted.
 */
export async function* readCsv(source: ByteSource, options: CsvOptions = {}): AsyncGenerator<SheetRow> {
  const bytes = bytesOf(source, options);
  const { encoding, head } = await sniffEncoding(bytes, options.encoding);
  // UTF-8 is checked strictly: a file that is UTF-8 at the top and something else further down is
  // refused at the row where it breaks rather than imported with garbled names
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  let parser: CsvParser | null = null;
  const decode = (chunk: Uint8Array | undefined): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new ExchangeError('import.badEncoding', (parser?.rowsDone ?? 0) + 1);
    }
  };
  let text = decode(head);
  for (;;) {
    if (!parser && text.length > 0) {
      // the first line decides the separator; a chunk boundary inside it only risks a header of
      // a megabyte, which is no header
      const sep = /^sep=(.)\r?\n/i.exec(text);
      const separator = options.separator ?? (sep?.[1] as CsvSeparator | undefined) ?? detectSeparator(text);
      if (sep) text = text.slice(sep[0].length);
      parser = new CsvParser(separator, options.maxRecordChars ?? DEFAULT_MAX_RECORD);
    }
    if (parser) {
      for (const cells of parser.push(text)) yield { row: parser.rowsDone, cells };
    }
    const next = await bytes.next();
    if (next.done) break;
    text = decode(next.value);
  }
  const tail = decode(undefined);
  if (tail) {
    parser ??= new CsvParser(options.separator ?? detectSeparator(tail), options.maxRecordChars ?? DEFAULT_MAX_RECORD);
    for (const cells of parser.push(tail)) yield { row: parser.rowsDone, cells };
  }
  if (parser) for (const cells of parser.end()) yield { row: parser.rowsDone, cells };
}

/** Reads until the encoding is known; returns the bytes read so far, which still have to be decoded. */
async function sniffEncoding(bytes: AsyncGenerator<Buffer>, forced: CsvEncoding | undefined): Promise<{ encoding: CsvEncoding; head: Buffer }> {
  const parts: Buffer[] = [];
  let length = 0;
  let highByte = -1;
  for (;;) {
    const head = Buffer.concat(parts, length);
    if (forced) return { encoding: forced, head };
    if (length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', head };
    if (length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', head };
    // a look far enough past the first non-ASCII byte that a cut UTF-8 sequence cannot pass for a whole one
    if (highByte >= 0 && length >= highByte + 64) return { encoding: isUtf8(head) ? 'utf-8' : 'windows-1251', head };
    if (length >= SNIFF_BYTES) return { encoding: 'utf-8', head };
    const next = await bytes.next();
    if (next.done) return { encoding: isUtf8(head) ? 'utf-8' : 'windows-1251', head };
    if (highByte < 0) {
      const i = next.value.findIndex((b) => b >= 0x80);
      if (i >= 0) highByte = length + i;
    }
    parts.push(next.value);
    length += next.value.length;
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function detectSeparator(text: string): CsvSeparator {
  let quoted = false;
  const seen = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted) seen.add(c);
  }
  if (seen.has(';')) return ';';
  if (seen.has('\t')) return '\t';
  if (seen.has(',')) return ',';
  return ';';
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** RFC 4180 records from text pushed in pieces; a quoted cell may span pieces and lines. */
class CsvParser {
  /** records finished so far, blank ones included: the row number of the last record */
  rowsDone = 0;
  private cells: string[] = [];
  private cell = '';
  private inQuotes = false;
  /** a quote seen inside quotes: the next character says whether it was `""` or the closing one */
  private quoteSeen = false;
  /** at the start of a cell, where an opening quote means quoting */
  private cellStart = true;
  /** the record ended on CR: an LF right after it belongs to the same line break */
  private afterCr = false;
  private recordChars = 0;
  private readonly sep: number;

  constructor(separator: CsvSeparator, private readonly maxRecordChars: number) {
    this.sep = separator.charCodeAt(0);
  }

  *push(text: string): Generator<string[]> {
    const n = text.length;
    let i = 0;
    if (this.afterCr && n > 0) {
      this.afterCr = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    this.recordChars += n - i;
    while (i < n) {
      if (this.inQuotes) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (text.charCodeAt(i) === QUOTE) {
            this.cell += '"';
            i++;
            continue;
          }
          this.inQuotes = false;
          continue;
        }
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.cell += text.slice(i);
          i = n;
        } else {
          this.cell += text.slice(i, q);
          this.quoteSeen = true;
          i = q + 1;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === this.sep) {
        this.cells.push(this.cell);
        this.cell = '';
        this.cellStart = true;
        i++;
      } else if (c === LF || c === CR) {
        const record = this.finishRecord();
        i++;
        if (c === CR) {
          if (i === n) this.afterCr = true;
          else if (text.charCodeAt(i) === LF) i++;
        }
        this.recordChars = n - i;
        if (record) yield record;
      } else if (c === QUOTE && this.cellStart) {
        this.inQuotes = true;
        this.cellStart = false;
        i++;
      } else {
        // a run of ordinary characters in one slice
        let j = i + 1;
        for (; j < n; j++) {
          const d = text.charCodeAt(j);
          if (d === this.sep || d === LF || d === CR) break;
        }
        this.cell += text.slice(i, j);
        this.cellStart = false;
        i = j;
      }
    }
    if (this.recordChars > this.maxRecordChars) throw new ExchangeError('import.csvRecordTooLong', this.rowsDone + 1);
  }

  *end(): Generator<string[]> {
    if (this.inQuotes && !this.quoteSeen) throw new ExchangeError('import.csvUnclosedQuote', this.rowsDone + 1);
    if (this.cells.length > 0 || this.cell !== '' || !this.cellStart) {
      const record = this.finishRecord();
      if (record) yield record;
    }
  }

  /** Closes the record; null for a blank one, which is counted but not yielded. */
  private finishRecord(): string[] | null {
    this.cells.push(this.cell);
    const cells = this.cells;
    this.cells = [];
    this.cell = '';
    this.cellStart = true;
    this.inQuotes = false;
    this.quoteSeen = false;
    this.rowsDone++;
    return cells.every((c) => c === '') ? null : cells;
  }
}
