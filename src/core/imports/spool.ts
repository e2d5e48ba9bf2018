import { open, rm, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { bytesOf } from '../exchange/source.js';
import type { ImportItem, ImportRow } from './items.js';

/** how much text gathers before it goes to the disk */
const BATCH_CHARS = 256 * 1024;

/**
 * UTF-16, as V8 holds a text with Cyrillic in it: writing it out and reading it back is a copy, where
 * UTF-8 costs an encode and a decode of every character (together about a fifth of the spool's time).
 * A spool of Russian names comes out about the size the UTF-8 one with field names was.
 */
const ENCODING = 'utf16le';

/** A row is spooled as an array of its fields in this order: no field names to write out and parse back. */
const FIELDS = ['row', 'name', 'search', 'barcodes', 'article', 'groupPath', 'unit', 'vat', 'price', 'cost', 'plu', 'marked',
  'minStock', 'maxStock', 'qty', 'extId', 'groupExtId'] as const satisfies readonly (keyof ImportRow)[];
// a field added to ImportRow and not here would be dropped on the way through the spool: this stops the build
const EVERY_FIELD: Exclude<keyof ImportRow, (typeof FIELDS)[number]> extends never ? true : never = true;
void EVERY_FIELD;

type Spooled = Exclude<ImportItem, { kind: 'row' }> | unknown[];

function spooled(item: ImportItem): Spooled {
  if (item.kind !== 'row') return item;
  const r = item.row;
  return FIELDS.map((field) => r[field] ?? null);
}

function itemOf(s: Spooled): ImportItem {
  if (!Array.isArray(s)) return s;
  const row: Record<string, unknown> = {};
  for (const [i, field] of FIELDS.entries()) if (s[i] !== null) row[field] = s[i];
  // written by `spooled` from an ImportRow a moment ago
  return { kind: 'row', row: row as ImportRow };
}

/**
 * What an import's check accepted, a JSON line per run of items, in a file of the data folder. The
 * write pass, which holds the till's writes while it runs, reads this back instead of parsing and
 * mapping the supplier's file a second time: a row read back costs about half of a CSV row mapped,
 * and far less than an XLSX or XML one. Memory stays flat both ways: text goes out in batches and
 * comes back in chunks.
 */
export class SpoolWriter {
  private parts: string[] = [];
  private chars = 0;
  private written = 0;
  /** where each file's items start, in bytes, for the write pass's progress per file */
  readonly starts: number[] = [];

  private constructor(readonly path: string, private readonly file: FileHandle) {}

  static async create(path: string): Promise<SpoolWriter> {
    return new SpoolWriter(path, await open(path, 'w'));
  }

  /** Marks where the next file's items begin. */
  async startFile(): Promise<void> {
    await this.flush();
    this.starts.push(this.written);
  }

  async add(items: readonly ImportItem[]): Promise<void> {
    if (items.length === 0) return;
    const line = `${JSON.stringify(items.map(spooled))}\n`;
    this.parts.push(line);
    this.chars += line.length;
    if (this.chars >= BATCH_CHARS) await this.flush();
  }

  /** bytes on disk so far */
  get size(): number {
    return this.written;
  }

  /** Everything added is on disk. */
  async close(): Promise<void> {
    await this.flush();
    await this.file.close();
  }

  private async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const bytes = Buffer.from(this.parts.join(''), ENCODING);
    this.parts = [];
    this.chars = 0;
    await this.file.write(bytes);
    this.written += bytes.length;
  }
}

/** The items of a spool in order, a chunk's worth at a time; `onProgress` gets the bytes read so far. */
export async function* readSpool(path: string, onProgress?: (done: number) => void): AsyncGenerator<ImportItem[]> {
  const decoder = new StringDecoder(ENCODING);
  let rest = '';
  let done = 0;
  for await (const bytes of bytesOf(path)) {
    done += bytes.length;
    const lines = (rest + decoder.write(bytes)).split('\n');
    rest = lines.pop() ?? '';
    // JSON escapes a line break inside a string, so every line is one run of items
    yield lines.flatMap((line) => (JSON.parse(line) as Spooled[]).map(itemOf));
    onProgress?.(done);
  }
  if ((rest + decoder.end()).trim() !== '') throw new Error('import spool ends in the middle of a run');
}

export async function removeSpool(path: string): Promise<void> {
  await rm(path, { force: true });
}
