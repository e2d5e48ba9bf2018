import type { Bitmap } from '../../label/bitmap.js';
import { eanPayload, type DecodedLabel, type LabelSink } from './decoded.js';

const LF = 0x0a;
const ESC = 0x1b;

/** Splits a TSPL argument list at commas outside double quotes, unquoting strings. */
function args(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  out.push(current.trim());
  return out;
}

/** "50 mm" → dots; a bare number is inches, as TSPL has it. */
function length(arg: string | undefined, dpi: number): number {
  const m = /^([\d.]+)\s*(mm|dot)?$/.exec((arg ?? '').trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  if (m[2] === 'mm') return Math.round((n * dpi) / 25.4);
  if (m[2] === 'dot') return Math.round(n);
  return Math.round(n * dpi);
}

/** heights of TSPL's bitmap fonts "1"–"5" at 203 dpi */
const FONT_HEIGHT: Record<string, number> = { '1': 12, '2': 20, '3': 24, '4': 32, '5': 48 };

const IGNORED = new Set(['GAP', 'BLINE', 'DIRECTION', 'REFERENCE', 'OFFSET', 'SPEED', 'DENSITY', 'CODEPAGE', 'SET', 'SHIFT', 'CUT', 'FEED', 'HOME']);

/**
 * The device side of TSPL: lines of commands (SIZE, CLS, TEXT, BARCODE, BITMAP with its
 * binary rows, PRINT) and ESC ! ? status queries between them, in any chunking.
 */
export class TsplDecoder {
  private buffer = new Uint8Array(0);
  private width = 0;
  private height = 0;
  private current: DecodedLabel;

  constructor(private readonly sink: LabelSink, private readonly dpi: number) {
    this.current = this.blank();
  }

  private blank(): DecodedLabel {
    return { language: 'tspl', width: this.width, height: this.height, barcodes: [], texts: [], bitmaps: [], copies: 0 };
  }

  push(bytes: Uint8Array): void {
    const joined = new Uint8Array(this.buffer.length + bytes.length);
    joined.set(this.buffer);
    joined.set(bytes, this.buffer.length);
    this.buffer = joined;
    let used: number;
    while ((used = this.step()) > 0) this.buffer = this.buffer.subarray(used);
  }

  /** Handles one command at the head of the buffer; returns the bytes it took, 0 to wait for more. */
  private step(): number {
    const b = this.buffer;
    if (b.length === 0) return 0;
    if (b[0] === ESC) {
      if (b.length < 3) return 0;
      if (b[1] === 0x21 && b[2] === 0x3f) this.sink.statusQuery();
      return 3;
    }
    if (b[0] === 0x0d || b[0] === LF || b[0] === 0x20) return 1;
    const head = new TextDecoder('latin1').decode(b.subarray(0, Math.min(b.length, 64)));
    if (head.startsWith('BITMAP')) return this.bitmap(head);
    const end = b.indexOf(LF);
    if (end < 0) return 0;
    this.command(new TextDecoder('latin1').decode(b.subarray(0, end)).replace(/\r$/, ''));
    return end + 1;
  }

  private bitmap(head: string): number {
    const m = /^BITMAP\s+(\d+),(\d+),(\d+),(\d+),(\d+),/.exec(head);
    if (!m) {
      if (head.length >= 64 || head.includes('\n')) {
        const end = this.buffer.indexOf(LF);
        this.sink.unknown(head.split('\n')[0] ?? head, 'BITMAP header is not x,y,width bytes,height,mode,');
        return end < 0 ? this.buffer.length : end + 1;
      }
      return 0;
    }
    const [x, y, bytesPerRow, height] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    const start = m[0].length;
    const size = bytesPerRow * height;
    if (this.buffer.length < start + size) return 0;
    // TSPL bitmaps burn 0 bits: turn them into ink = 1
    const bits = this.buffer.slice(start, start + size).map((v) => v ^ 0xff);
    const bitmap: Bitmap = { width: bytesPerRow * 8, height, bytesPerRow, bits };
    this.current.bitmaps.push({ x, y, bitmap });
    return start + size;
  }

  private command(line: string): void {
    const trimmed = line.trim();
    if (!trimmed) return;
    const space = trimmed.search(/\s/);
    const name = (space < 0 ? trimmed : trimmed.slice(0, space)).toUpperCase();
    const a = args(space < 0 ? '' : trimmed.slice(space + 1));
    switch (name) {
      case 'SIZE':
        this.width = length(a[0], this.dpi);
        this.height = length(a[1], this.dpi);
        if (!Number.isFinite(this.width) || !Number.isFinite(this.height)) this.sink.unknown(line, 'SIZE is width,height in mm, dots or inches');
        this.current.width = this.width;
        this.current.height = this.height;
        return;
      case 'CLS':
        this.current = this.blank();
        return;
      case 'TEXT': {
        const [x, y, font, , xm, ym, content] = a;
        const cell = FONT_HEIGHT[font ?? ''] ?? 24;
        this.current.texts.push({ x: Number(x), y: Number(y), height: cell * Math.max(Number(ym ?? xm ?? 1), 1), text: content ?? '' });
        return;
      }
      case 'BARCODE': {
        const [x, y, type, height, readable, , narrow, , content] = a;
        const symbology = type === 'EAN13' ? 'ean13' : type === 'EAN8' ? 'ean8' : null;
        if (!symbology) return this.sink.unknown(line, `barcode type ${type ?? '?'} is not simulated`);
        const data = eanPayload(symbology, content ?? '');
        if (!data) return this.sink.unknown(line, `${type} content must be ${symbology === 'ean13' ? 12 : 7} digits (or with a valid check digit)`);
        this.current.barcodes.push({ symbology, data, x: Number(x), y: Number(y), module: Number(narrow), height: Number(height), readable: readable !== '0' });
        return;
      }
      case 'PRINT': {
        const copies = Number(a[0] ?? 1) * Number(a[1] ?? 1);
        this.sink.label({ ...this.current, copies, barcodes: [...this.current.barcodes], texts: [...this.current.texts], bitmaps: [...this.current.bitmaps] });
        return;
      }
      default:
        if (!IGNORED.has(name)) this.sink.unknown(line, 'not a TSPL command this printer knows');
    }
  }
}
