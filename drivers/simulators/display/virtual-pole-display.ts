import type { ByteTransport } from '../../transports/types.js';
import { codePageTable, type SimCodePage } from '../escpos/codepages.js';

const ESC = 0x1b;
const US = 0x1f;

type Mode = 'overwrite' | 'vertical' | 'horizontal';

export interface VirtualPoleDisplayOptions {
  width?: number;
  /** what ESC t n selects; Epson's numbering by default (0 cp437, 17 cp866) */
  codeTables?: Record<number, SimCodePage>;
  /** the table at power-on and after ESC @: cp437 unless its switches say otherwise */
  powerOn?: SimCodePage;
}

/**
 * A 2-line pole display in Epson ESC/POS display mode (drivers/display/epson.ts): decodes
 * the bytes back into the two lines a customer would see. Commands it does not know are
 * recorded in `unknown`, so a test notices a driver that sends something a display would
 * show as garbage.
 */
export class VirtualPoleDisplay {
  readonly width: number;
  private readonly rows: string[][];
  private x = 0;
  private y = 0;
  private mode: Mode = 'overwrite';
  private table: string[];
  private pending: number[] = [];
  private readonly codeTables: Record<number, SimCodePage>;
  private readonly powerOn: SimCodePage;
  /** bytes of commands it did not understand, in the order they came */
  readonly unknown: number[][] = [];

  constructor(options: VirtualPoleDisplayOptions = {}) {
    this.width = options.width ?? 20;
    this.codeTables = options.codeTables ?? { 0: 'cp437', 17: 'cp866' };
    this.powerOn = options.powerOn ?? 'cp437';
    this.table = codePageTable(this.powerOn);
    this.rows = [this.blank(), this.blank()];
  }

  /** Listens to a link; returns the detach. */
  attach(link: ByteTransport): () => void {
    return link.onData((bytes) => this.feed(bytes));
  }

  feed(bytes: Uint8Array): void {
    this.pending.push(...bytes);
    for (;;) {
      const used = this.step();
      if (used === 0) return;
      this.pending = this.pending.slice(used);
    }
  }

  /** The two lines as shown, trailing spaces kept: the display has 20 cells a line. */
  lines(): [string, string] {
    return [this.rows[0]?.join('') ?? '', this.rows[1]?.join('') ?? ''];
  }

  private blank(): string[] {
    return Array.from({ length: this.width }, () => ' ');
  }

  /** Acts on the command or character at the front of `pending`; returns the bytes it took (0: need more). */
  private step(): number {
    const [b, n1, n2, n3] = this.pending;
    if (b === undefined) return 0;
    if (b === ESC) {
      if (n1 === undefined) return 0;
      if (n1 === 0x40) {
        this.reset();
        return 2;
      }
      if (n1 === 0x74 || n1 === 0x52 || n1 === 0x3d) {
        if (n2 === undefined) return 0;
        if (n1 === 0x74) this.selectTable(n2);
        return 3;
      }
      return this.unknownCommand(2);
    }
    if (b === US) {
      if (n1 === undefined) return 0;
      switch (n1) {
        case 0x01: this.mode = 'overwrite'; return 2;
        case 0x02: this.mode = 'vertical'; return 2;
        case 0x03: this.mode = 'horizontal'; return 2;
        case 0x0a: this.y = 0; return 2;
        case 0x0d: this.x = this.width - 1; return 2;
        case 0x42: this.y = 1; this.x = 0; return 2;
        case 0x43: case 0x58: case 0x45: case 0x72:
          return n2 === undefined ? 0 : 3; // cursor, brightness, blink, reverse: nothing a line shows
        case 0x24: {
          if (n2 === undefined || n3 === undefined) return 0;
          if (n2 < 1 || n2 > this.width || n3 < 1 || n3 > 2) return this.unknownCommand(4);
          this.x = n2 - 1;
          this.y = n3 - 1;
          return 4;
        }
        default: return this.unknownCommand(2);
      }
    }
    switch (b) {
      case 0x0c: this.clearAll(); return 1;
      case 0x18: this.rows[this.y] = this.blank(); this.x = 0; return 1;
      case 0x0b: this.x = 0; this.y = 0; return 1;
      case 0x0d: this.x = 0; return 1;
      case 0x0a: this.lineFeed(); return 1;
      case 0x08: this.x = Math.max(0, this.x - 1); return 1;
      case 0x09: this.advance(); return 1;
    }
    if (b < 0x20) return this.unknownCommand(1);
    this.put(this.table[b] ?? '?');
    return 1;
  }

  private unknownCommand(length: number): number {
    this.unknown.push(this.pending.slice(0, length));
    return length;
  }

  private reset(): void {
    this.clearAll();
    this.mode = 'overwrite';
    this.table = codePageTable(this.powerOn);
  }

  private selectTable(n: number): void {
    const cp = this.codeTables[n];
    if (cp === undefined) this.unknown.push([ESC, 0x74, n]);
    else this.table = codePageTable(cp);
  }

  private clearAll(): void {
    this.rows[0] = this.blank();
    this.rows[1] = this.blank();
    this.x = 0;
    this.y = 0;
  }

  private put(ch: string): void {
    const row = this.rows[this.y];
    if (row) row[this.x] = ch;
    this.advance();
  }

  /** The cursor past the last cell: overwrite mode wraps to the next line and from the bottom home; vertical scroll scrolls. */
  private advance(): void {
    this.x++;
    if (this.x < this.width) return;
    if (this.mode === 'horizontal') {
      // the line slides left to make room at its right end
      const row = this.rows[this.y] ?? this.blank();
      this.rows[this.y] = [...row.slice(1), ' '];
      this.x = this.width - 1;
      return;
    }
    this.x = 0;
    this.lineFeed();
  }

  private lineFeed(): void {
    if (this.y === 0) this.y = 1;
    else if (this.mode === 'vertical') {
      this.rows[0] = this.rows[1] ?? this.blank();
      this.rows[1] = this.blank();
    } else this.y = 0;
  }
}
