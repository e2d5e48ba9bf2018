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

/** How far a file without a BOM is read for its first non-ASCII byte, and how much after it decides. */
const SNIFF_ASCII = 1 << 20;
const SNIFF_WINDOW = 4096;
const DEFAULT_MAX_RECORD = 1 << 20;
/** a header longer than this has no line end worth waiting for */
const FIRST_LINE_CHARS = 1 << 16;

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
  try {
    yield* parse(bytes, options);
  } finally {
    // a consumer that stops early (a cancelled import) must not leave the file open
    await bytes.return(undefined);
  }
}

async function* parse(bytes: AsyncGenerator<Buffer>, options: CsvOptions): AsyncGenerator<SheetRow> {
  const { encoding, head } = await sniffEncoding(bytes, options.encoding);
  const decoder = new ChunkDecoder(encoding);
  let parser: CsvParser | null = null;
  let text = decoder.decode(head);
  for (let done = false; ;) {
    // the first line decides the separator, so it is gathered whole before parsing starts
    if (!parser && (done || decoder.broken || /[\r\n]/.test(text) || text.length > FIRST_LINE_CHARS)) ({ parser, text } = startParser(text, options));
    if (parser) {
      for (const cells of parser.push(text)) yield { row: parser.rowsDone, cells };
      text = '';
      // the rows before the break are out; the one it is in is refused by number
      if (decoder.broken) throw new ExchangeError('import.badEncoding', parser.rowsDone + 1);
    }
    if (done) break;
    const next = await bytes.next();
    done = next.done === true;
    text += next.done ? decoder.decode() : decoder.decode(next.value);
  }
  for (const cells of (parser as CsvParser).end()) yield { row: (parser as CsvParser).rowsDone, cells };
}

/** Excel's `sep=X` first line names the separator (and is no row); otherwise the first line shows it. */
function startParser(text: string, options: CsvOptions): { parser: CsvParser; text: string } {
  const sep = /^sep=(.)(\r\n|\n|\r|$)/i.exec(text);
  const separator = options.separator ?? (sep?.[1] as CsvSeparator | undefined) ?? detectSeparator(text);
  return { parser: new CsvParser(separator, options.maxRecordChars ?? DEFAULT_MAX_RECORD), text: sep ? text.slice(sep[0].length) : text };
}

/**
 * Reads until the encoding is known; returns the bytes read so far, which still have to be decoded.
 * The decision looks at a fixed window after the first non-ASCII byte, so it does not depend on how
 * the bytes happen to arrive.
 */
async function sniffEncoding(bytes: AsyncGenerator<Buffer>, forced: CsvEncoding | undefined): Promise<{ encoding: CsvEncoding; head: Buffer }> {
  const parts: Buffer[] = [];
  let length = 0;
  let highByte = -1;
  for (;;) {
    const head = Buffer.concat(parts, length);
    if (forced) return { encoding: forced, head };
    if (length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', head };
    if (length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', head };
    if (highByte >= 0 && length >= highByte + SNIFF_WINDOW) return { encoding: guess(head.subarray(0, highByte + SNIFF_WINDOW)), head };
    if (highByte < 0 && length >= SNIFF_ASCII) return { encoding: 'utf-8', head };
    const next = await bytes.next();
    if (next.done) return { encoding: guess(head), head };
    if (highByte < 0) {
      const i = next.value.findIndex((b) => b >= 0x80);
      if (i >= 0) highByte = length + i;
    }
    parts.push(next.value);
    length += next.value.length;
  }
}

/** Text in Windows-1251 is almost never valid UTF-8: a Cyrillic letter there is one byte ≥ 0xC0 followed by another letter, not a continuation byte. */
function guess(sample: Uint8Array): CsvEncoding {
  return isUtf8(sample) ? 'utf-8' : 'windows-1251';
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes chunk by chunk. UTF-8 is checked strictly: a file that is UTF-8 at the top and something
 * else further down is refused at the row where it breaks, not imported with garbled names. So
 * each chunk is cut after its last whole character (the rest waits for the next chunk) and, when
 * it does not decode, the text up to the first bad byte is still handed on and `broken` is set.
 */
class ChunkDecoder {
  broken = false;
  private carry: Uint8Array = new Uint8Array(0);
  private readonly decoder: TextDecoder;
  private first = true;

  constructor(private readonly encoding: CsvEncoding) {
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: encoding === 'utf-8' });
  }

  decode(chunk?: Uint8Array): string {
    if (this.encoding !== 'utf-8') return chunk ? this.decoder.decode(chunk, { stream: true }) : this.decoder.decode();
    let bytes: Uint8Array = this.carry.length && chunk ? Buffer.concat([this.carry, chunk]) : chunk ?? this.carry;
    if (this.first && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    this.first = false;
    const end = chunk ? wholeCharsEnd(bytes) : bytes.length;
    this.carry = bytes.slice(end);
    const whole = bytes.subarray(0, end);
    try {
      return this.decoder.decode(whole);
    } catch {
      this.broken = true;
      return this.decoder.decode(whole.subarray(0, firstBadByte(whole)));
    }
  }
}

/** Where the last complete UTF-8 sequence ends: a sequence cut by the chunk's end waits for the next. */
function wholeCharsEnd(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
    const b = bytes[i] as number;
    if ((b & 0xc0) === 0x80) continue;
    const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + size > bytes.length ? i : bytes.length;
  }
  return bytes.length;
}

/** The offset of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, no surrogates). */
function firstBadByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    const size = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (size === 0) return i;
    const second = bytes[i + 1] ?? 0;
    const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    if (size > 1 && (second < lo || second > hi)) return i;
    for (let k = 2; k < size; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += size;
  }
  return bytes.length;
}

function detectSeparator(text: string): CsvSeparator {
  const seen = new Set<string>();
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"' && (i === 0 || ';,\t'.includes(text[i - 1] as string))) {
      // only a quote that opens a cell quotes; 15,6" is a diagonal in inches
      quoted = true;
    } else if (c === '\n' || c === '\r') {
      break;
    } else {
      seen.add(c);
    }
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
