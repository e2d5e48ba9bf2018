import type { Bitmap } from '../../label/bitmap.js';
import { eanPayload, type DecodedLabel, type LabelSink } from './decoded.js';

/** Commands that take no parameters: complete as soon as their code has come. */
const BARE = new Set(['XA', 'XZ', 'FS', 'HS']);
const IGNORED = new Set(['LH', 'CI', 'MM', 'MN', 'MT', 'PR', 'MD', 'LS', 'PO', 'JU']);

interface Field {
  x: number;
  y: number;
  barcode: { symbology: 'ean13' | 'ean8'; height: number; readable: boolean } | null;
  fontHeight: number | null;
  data: string | null;
  bitmap: Bitmap | null;
}

const emptyField = (): Field => ({ x: 0, y: 0, barcode: null, fontHeight: null, data: null, bitmap: null });

/**
 * The device side of ZPL II: ^XA … ^XZ formats with ^PW/^LL, fields (^FO, ^BY, ^BE/^B8,
 * ^A, ^GFA, ^FD … ^FS), ^PQ copies, and ~HS status queries, in any chunking.
 */
export class ZplDecoder {
  private buffer = '';
  private width = 0;
  private height = 0;
  private module = 2;
  private label: DecodedLabel | null = null;
  private field = emptyField();

  constructor(private readonly sink: LabelSink) {}

  push(bytes: Uint8Array): void {
    this.buffer += new TextDecoder('latin1').decode(bytes);
    for (;;) {
      const start = this.buffer.search(/[\^~]/);
      if (start < 0) {
        this.buffer = '';
        return;
      }
      this.buffer = this.buffer.slice(start);
      if (this.buffer.length < 3) return;
      const prefix = this.buffer[0] as '^' | '~';
      const code = this.buffer.slice(1, 3).toUpperCase();
      let end: number;
      if (BARE.has(code)) end = 3;
      else {
        // ^FD data runs to ^FS; anything else to the next command
        const next = code === 'FD' ? this.buffer.indexOf('^FS', 3) : this.buffer.slice(1).search(/[\^~]/) + 1;
        if (next <= 0) return;
        end = next;
      }
      const params = this.buffer.slice(3, end);
      this.buffer = this.buffer.slice(end);
      this.command(prefix, code, code === 'FD' ? params : params.replace(/[\r\n]/g, ''));
    }
  }

  private command(prefix: '^' | '~', code: string, params: string): void {
    if (prefix === '~') {
      if (code === 'HS') this.sink.statusQuery();
      else this.sink.unknown(`~${code}${params}`, 'not a ZPL command this printer knows');
      return;
    }
    const p = params.split(',');
    const int = (i: number, fallback = 0) => {
      const n = Number.parseInt(p[i] ?? '', 10);
      return Number.isFinite(n) ? n : fallback;
    };
    if (code === 'XA') {
      this.label = { language: 'zpl', width: this.width, height: this.height, barcodes: [], texts: [], bitmaps: [], copies: 1 };
      this.field = emptyField();
      return;
    }
    const label = this.label;
    if (!label) return this.sink.unknown(`^${code}${params}`, 'outside ^XA … ^XZ');
    switch (code) {
      case 'PW':
        this.width = label.width = int(0);
        return;
      case 'LL':
        this.height = label.height = int(0);
        return;
      case 'PQ':
        label.copies = int(0, 1);
        return;
      case 'FO':
        this.field.x = int(0);
        this.field.y = int(1);
        return;
      case 'BY':
        this.module = int(0, 2);
        return;
      case 'BE':
      case 'B8':
        // params: orientation, height, digits below (Y/N), digits above (Y/N)
        this.field.barcode = { symbology: code === 'BE' ? 'ean13' : 'ean8', height: int(1, 10), readable: (p[2] ?? 'Y') !== 'N' };
        return;
      case 'FD':
        this.field.data = params;
        return;
      case 'GF':
        this.field.bitmap = this.graphic(params);
        return;
      case 'FS':
        this.endField(label);
        return;
      case 'XZ':
        this.sink.label(label);
        this.label = null;
        return;
      default:
        // ^A<font><orientation>,h,w — the scalable or a bitmap font, h dots high
        if (code.startsWith('A')) {
          this.field.fontHeight = int(1, 30);
          return;
        }
        if (!IGNORED.has(code)) this.sink.unknown(`^${code}${params}`, 'not a ZPL command this printer knows');
    }
  }

  /** ^GFA,total bytes,field bytes,bytes per row,hex rows (uncompressed ASCII hex only). */
  private graphic(params: string): Bitmap | null {
    const [format, total, , perRow, ...rest] = params.split(',');
    const hex = rest.join(',').replace(/\s/g, '');
    const bytesPerRow = Number(perRow);
    if (format !== 'A' || !/^[0-9A-Fa-f]*$/.test(hex) || hex.length !== Number(total) * 2 || !(bytesPerRow > 0)) {
      this.sink.unknown(`^GF${params.slice(0, 40)}…`, 'only uncompressed ASCII hex graphics (^GFA) whose length matches are simulated');
      return null;
    }
    const bits = Uint8Array.from({ length: hex.length / 2 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
    return { width: bytesPerRow * 8, height: bits.length / bytesPerRow, bytesPerRow, bits };
  }

  private endField(label: DecodedLabel): void {
    const f = this.field;
    if (f.bitmap) label.bitmaps.push({ x: f.x, y: f.y, bitmap: f.bitmap });
    else if (f.barcode && f.data !== null) {
      const data = eanPayload(f.barcode.symbology, f.data);
      if (data) label.barcodes.push({ symbology: f.barcode.symbology, data, x: f.x, y: f.y, module: this.module, height: f.barcode.height, readable: f.barcode.readable });
      else this.sink.unknown(`^FD${f.data}`, `${f.barcode.symbology} field data must be ${f.barcode.symbology === 'ean13' ? 12 : 7} digits (or with a valid check digit)`);
    } else if (f.data !== null) label.texts.push({ x: f.x, y: f.y, height: f.fontHeight ?? 30, text: f.data });
    this.field = emptyField();
  }
}
