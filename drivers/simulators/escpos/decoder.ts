import { gtinCheckDigit } from '../../../src/shared/barcode/ean.js';
import { codePageTable, type SimCodePage } from './codepages.js';

/** What ends up on the paper (or happens), in order. */
export type PaperElement =
  | { kind: 'line'; text: string; bold: boolean; double: boolean; align: 'left' | 'center' | 'right' }
  | { kind: 'barcode'; symbology: string; data: string }
  | { kind: 'qr'; data: string }
  | { kind: 'pdf417'; data: string }
  | { kind: 'image'; width: number; height: number }
  | { kind: 'cut'; partial: boolean }
  | { kind: 'drawer'; pin: number; onMs: number; offMs: number };

export interface DecoderSink {
  element(e: PaperElement): void;
  /** DLE EOT n: answer it (the virtual printer decides how) */
  statusQuery(n: number): void;
  /** a command we do not know; kept so tests can catch the driver sending junk */
  unknown(bytes: number[]): void;
}

const NUL = 0x00, LF = 0x0a, CR = 0x0d, HT = 0x09, DLE = 0x10, ESC = 0x1b, FS = 0x1c, GS = 0x1d;

const BARCODES_A: Record<number, string> = { 0: 'upca', 1: 'upce', 2: 'ean13', 3: 'ean8', 4: 'code39', 5: 'itf', 6: 'codabar' };
const BARCODES_B: Record<number, string> = {
  65: 'upca', 66: 'upce', 67: 'ean13', 68: 'ean8', 69: 'code39', 70: 'itf', 71: 'codabar',
  72: 'code93', 73: 'code128', 74: 'gs1-128', 75: 'gs1-databar-omni', 76: 'gs1-databar-truncated',
  77: 'gs1-databar-limited', 78: 'gs1-databar-expanded', 79: 'code128-auto',
};

/** ESC/POS CODE128 data: "{A" "{B" "{C" pick the code set, "{{" is a "{", "{1" FNC1 (GS in GS1 data). */
export function decodeCode128(bytes: number[]): string {
  let set: 'A' | 'B' | 'C' = 'B';
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0x7b && i + 1 < bytes.length) {
      const c = String.fromCharCode(bytes[++i] ?? 0);
      if (c === 'A' || c === 'B' || c === 'C') set = c;
      else if (c === '{') out += '{';
      else if (c === '1' && out.length > 0) out += '\x1d';
      continue; // FNC2-4 and shift carry no data
    }
    out += set === 'C' ? String(b).padStart(2, '0') : String.fromCharCode(b);
  }
  return out;
}

/** Printers add the check digit when given the body only; so do we, to show what is printed. */
function completeGtin(symbology: string, data: string): string {
  const body = { ean13: 12, ean8: 7, upca: 11 }[symbology];
  return body !== undefined && data.length === body && /^\d+$/.test(data) ? data + String(gtinCheckDigit(data)) : data;
}

type Step = number | 'more';

/**
 * A streaming ESC/POS decoder: bytes go in as they arrive (a command may be split
 * across chunks), elements come out. It tracks the state that changes what is
 * printed: code page, bold, size, alignment.
 */
export class EscPosDecoder {
  private buf: number[] = [];
  private line = '';
  private lineBold = false;
  private lineDouble = false;
  private bold = false;
  private double = false;
  private align: 'left' | 'center' | 'right' = 'left';
  private table: string[];
  private qrData = '';
  private pdfData = '';

  constructor(private readonly sink: DecoderSink, private readonly codePages: Readonly<Record<number, SimCodePage>>) {
    this.table = codePageTable('cp437');
    this.reset();
  }

  /** ESC @ and power-on: code page 0 and plain text. */
  private reset(): void {
    this.bold = false;
    this.double = false;
    this.align = 'left';
    this.table = codePageTable(this.codePages[0] ?? 'cp437');
  }

  private selectCodePage(n: number): void {
    // an unknown page prints as the default one, garbled, as on a real printer
    this.table = codePageTable(this.codePages[n] ?? this.codePages[0] ?? 'cp437');
  }

  push(bytes: Uint8Array): void {
    for (const b of bytes) this.buf.push(b);
    let at = 0;
    while (at < this.buf.length) {
      const used = this.step(at);
      if (used === 'more') break;
      at += used;
    }
    this.buf = this.buf.slice(at);
  }

  private char(b: number): void {
    this.line += this.table[b] ?? '?';
    if (b !== 0x20) {
      this.lineBold ||= this.bold;
      this.lineDouble ||= this.double;
    }
  }

  private endLine(): void {
    this.sink.element({ kind: 'line', text: this.line.trimEnd(), bold: this.lineBold, double: this.lineDouble, align: this.align });
    this.line = '';
    this.lineBold = false;
    this.lineDouble = false;
  }

  /** Barcodes, cuts and images start on a fresh line; text left in the buffer prints first. */
  private flushLine(): void {
    if (this.line.length > 0) this.endLine();
  }

  private at(i: number): number | undefined {
    return this.buf[i];
  }

  /** Decodes one command or character at `i`; returns bytes used, or 'more' if incomplete. */
  private step(i: number): Step {
    const b = this.buf[i] ?? 0;
    if (b === LF) {
      this.endLine();
      return 1;
    }
    if (b === CR || b === NUL) return 1;
    if (b === HT) {
      this.line += ' ';
      return 1;
    }
    if (b === ESC) return this.esc(i);
    if (b === GS) return this.gs(i);
    if (b === DLE) return this.dle(i);
    if (b === FS) return this.fs(i);
    if (b < 0x20) {
      this.sink.unknown([b]);
      return 1;
    }
    this.char(b);
    return 1;
  }

  private need(i: number, n: number): boolean {
    return i + n <= this.buf.length;
  }

  private esc(i: number): Step {
    const c = this.at(i + 1);
    const n = this.at(i + 2);
    if (c === undefined) return 'more';
    switch (String.fromCharCode(c)) {
      case '@':
        this.reset();
        return 2;
      case '2':
        return 2;
      case 'E': case 'G':
        if (n === undefined) return 'more';
        this.bold = (n & 1) === 1;
        return 3;
      case '!':
        if (n === undefined) return 'more';
        this.bold = (n & 0x08) !== 0;
        this.double = (n & 0x30) !== 0;
        return 3;
      case 'a':
        if (n === undefined) return 'more';
        this.align = n === 1 || n === 49 ? 'center' : n === 2 || n === 50 ? 'right' : 'left';
        return 3;
      case 't':
        if (n === undefined) return 'more';
        this.selectCodePage(n);
        return 3;
      case 'd': {
        if (n === undefined) return 'more';
        this.endLine();
        for (let k = 1; k < n; k++) this.endLine();
        return 3;
      }
      case '-': case '4': case 'M': case 'R': case '3': case 'J': case ' ': case 'U': case 'V': case '{': case '=': case '%': case 'r':
        return n === undefined ? 'more' : 3;
      case '$': case '\\':
        return this.need(i, 4) ? 4 : 'more';
      case 'c': // ESC c 3 n, ESC c 4 n, ESC c 5 n: paper sensors, panel keys
        return this.need(i, 4) ? 4 : 'more';
      case 'p': {
        if (!this.need(i, 5)) return 'more';
        const m = this.at(i + 2) ?? 0;
        this.sink.element({ kind: 'drawer', pin: m & 1, onMs: (this.at(i + 3) ?? 0) * 2, offMs: (this.at(i + 4) ?? 0) * 2 });
        return 5;
      }
      case '*': {
        if (!this.need(i, 5)) return 'more';
        const m = this.at(i + 2) ?? 0;
        const dots = (this.at(i + 3) ?? 0) + (this.at(i + 4) ?? 0) * 256;
        const len = dots * (m >= 32 ? 3 : 1);
        if (!this.need(i, 5 + len)) return 'more';
        this.flushLine();
        this.sink.element({ kind: 'image', width: dots, height: m >= 32 ? 24 : 8 });
        return 5 + len;
      }
      case 'D': { // tab stops, NUL-terminated
        for (let k = i + 2; k < this.buf.length; k++) if (this.buf[k] === 0) return k - i + 1;
        return 'more';
      }
      default:
        this.sink.unknown([ESC, c]);
        return 2;
    }
  }

  private gs(i: number): Step {
    const c = this.at(i + 1);
    const n = this.at(i + 2);
    if (c === undefined) return 'more';
    switch (String.fromCharCode(c)) {
      case '!':
        if (n === undefined) return 'more';
        this.double = n !== 0;
        return 3;
      case 'B': case 'h': case 'w': case 'H': case 'f': case 'b': case 'a': case 'r': case 'I': case '/':
        return n === undefined ? 'more' : 3;
      case 'L': case 'W': case 'P': case '$': case '\\':
        return this.need(i, 4) ? 4 : 'more';
      case 'V': {
        if (n === undefined) return 'more';
        const withFeed = n === 65 || n === 66 || n === 97 || n === 98 || n === 103 || n === 104;
        if (withFeed && !this.need(i, 4)) return 'more';
        this.flushLine();
        this.sink.element({ kind: 'cut', partial: (n & 1) === 1 || n === 66 });
        return withFeed ? 4 : 3;
      }
      case 'k':
        return this.barcode(i);
      case '(':
        return this.gsParen(i);
      case 'v': { // GS v 0 m xL xH yL yH data: raster image
        if (!this.need(i, 8)) return 'more';
        const xBytes = (this.at(i + 4) ?? 0) + (this.at(i + 5) ?? 0) * 256;
        const rows = (this.at(i + 6) ?? 0) + (this.at(i + 7) ?? 0) * 256;
        if (!this.need(i, 8 + xBytes * rows)) return 'more';
        this.flushLine();
        this.sink.element({ kind: 'image', width: xBytes * 8, height: rows });
        return 8 + xBytes * rows;
      }
      default:
        this.sink.unknown([GS, c]);
        return 2;
    }
  }

  private barcode(i: number): Step {
    const m = this.at(i + 2);
    if (m === undefined) return 'more';
    let data: number[];
    let used: number;
    if (m <= 6) {
      let end = -1;
      for (let k = i + 3; k < this.buf.length; k++) if (this.buf[k] === 0) { end = k; break; }
      if (end < 0) return 'more';
      data = this.buf.slice(i + 3, end);
      used = end - i + 1;
    } else {
      const len = this.at(i + 3);
      if (len === undefined || !this.need(i, 4 + len)) return 'more';
      data = this.buf.slice(i + 4, i + 4 + len);
      used = 4 + len;
    }
    const symbology = (m <= 6 ? BARCODES_A[m] : BARCODES_B[m]) ?? `barcode-${m}`;
    const text = symbology === 'code128' ? decodeCode128(data) : String.fromCharCode(...data);
    this.flushLine();
    this.sink.element({ kind: 'barcode', symbology, data: completeGtin(symbology, text) });
    return used;
  }

  /** GS ( x pL pH …: every one carries its length, so unknown ones are skipped safely. */
  private gsParen(i: number): Step {
    if (!this.need(i, 5)) return 'more';
    const fn = this.at(i + 2) ?? 0;
    const len = (this.at(i + 3) ?? 0) + (this.at(i + 4) ?? 0) * 256;
    if (!this.need(i, 5 + len)) return 'more';
    const body = this.buf.slice(i + 5, i + 5 + len);
    if (fn === 0x6b /* k: 2D codes */) {
      const [cn, f] = body;
      const utf8 = (bytes: number[]) => new TextDecoder().decode(Uint8Array.from(bytes));
      if (cn === 49 && f === 80) this.qrData = utf8(body.slice(3));
      if (cn === 49 && f === 81) {
        this.flushLine();
        this.sink.element({ kind: 'qr', data: this.qrData });
      }
      if (cn === 48 && f === 80) this.pdfData = utf8(body.slice(3));
      if (cn === 48 && f === 81) {
        this.flushLine();
        this.sink.element({ kind: 'pdf417', data: this.pdfData });
      }
    }
    return 5 + len;
  }

  private dle(i: number): Step {
    const c = this.at(i + 1);
    const n = this.at(i + 2);
    if (c === undefined || n === undefined) return 'more';
    if (c === 0x04) {
      if (n === 7 || n === 8) return this.need(i, 4) ? 4 : 'more';
      this.sink.statusQuery(n);
      return 3;
    }
    if (c === 0x05) return 3; // DLE ENQ n: recover, nothing to print
    if (c === 0x14) { // DLE DC4 fn …: fn 1 is the real-time drawer pulse
      if (!this.need(i, 5)) return 'more';
      if (n === 1) this.sink.element({ kind: 'drawer', pin: (this.at(i + 3) ?? 0) & 1, onMs: (this.at(i + 4) ?? 0) * 100, offMs: (this.at(i + 4) ?? 0) * 100 });
      return 5;
    }
    this.sink.unknown([DLE, c]);
    return 2;
  }

  private fs(i: number): Step {
    const c = this.at(i + 1);
    if (c === undefined) return 'more';
    // FS . / FS &: leave / enter two-byte (Kanji) mode; we only ever see single bytes
    if (c === 0x2e || c === 0x26) return 2;
    if (c === 0x70) return this.need(i, 4) ? 4 : 'more'; // FS p n m: stored logo
    this.sink.unknown([FS, c]);
    return 2;
  }
}
