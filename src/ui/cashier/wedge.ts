/**
 * Keyboard-wedge scanners type a barcode as keystrokes, faster than any person, ending with
 * Enter. Reading `KeyboardEvent.code` (the physical key) instead of `key` keeps Latin data
 * intact when the till's keyboard layout is Russian, and the GS separator of a marking code
 * is recovered from the forms scanners send it in (Ctrl+] or the raw character).
 */
const SHIFTED_DIGITS = ')!@#$%^&*(';
const PUNCT: Record<string, [string, string]> = {
  Minus: ['-', '_'], Equal: ['=', '+'], BracketLeft: ['[', '{'], BracketRight: [']', '}'], Backslash: ['\\', '|'],
  Semicolon: [';', ':'], Quote: ["'", '"'], Comma: [',', '<'], Period: ['.', '>'], Slash: ['/', '?'], Backquote: ['`', '~'], Space: [' ', ' '],
};
import { GS } from '../../shared/barcode/gs1.js';

export { GS };

export interface KeyLike {
  code: string;
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
}

/** The character a physical key stands for in a US layout, or null for keys that type nothing. */
export function wedgeChar(e: KeyLike): string | null {
  if (e.key === GS || (e.ctrlKey && e.code === 'BracketRight')) return GS;
  if (e.ctrlKey || e.altKey) return null;
  const letter = /^Key([A-Z])$/.exec(e.code);
  if (letter?.[1]) return e.shiftKey ? letter[1] : letter[1].toLowerCase();
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(e.code);
  if (digit?.[1]) return e.shiftKey && e.code.startsWith('Digit') ? (SHIFTED_DIGITS[Number(digit[1])] ?? null) : digit[1];
  const punct = PUNCT[e.code];
  return punct ? punct[e.shiftKey ? 1 : 0] : null;
}

export interface WedgeOptions {
  /** the longest gap between a scanner's keystrokes, in ms */
  maxGapMs: number;
  /** fewer characters than this is a person typing */
  minLength: number;
  prefix: string;
  suffix: string;
}

export const DEFAULT_WEDGE: WedgeOptions = { maxGapMs: 35, minLength: 6, prefix: '', suffix: '' };

/** Collects keystrokes; on Enter says whether they were a scan, and what was scanned. */
export class WedgeReader {
  private chars = '';
  private last = -Infinity;

  constructor(private readonly options: WedgeOptions = DEFAULT_WEDGE) {}

  /** Feeds one keydown; returns the scanned code when this Enter ends a scanner burst. */
  key(e: KeyLike, at: number): string | null {
    const gap = at - this.last;
    this.last = at;
    if (e.key === 'Enter' || e.code === 'Enter' || e.code === 'NumpadEnter') {
      const burst = this.chars.length >= this.options.minLength && gap <= this.options.maxGapMs * 3;
      const text = this.chars;
      this.reset();
      if (!burst) return null;
      const { prefix, suffix } = this.options;
      if (prefix && !text.startsWith(prefix)) return null;
      if (suffix && !text.endsWith(suffix)) return null;
      return text.slice(prefix.length, text.length - suffix.length);
    }
    const ch = wedgeChar(e);
    if (ch === null) return null;
    if (this.chars.length > 0 && gap > this.options.maxGapMs) {
      // a pause: whatever came before was typed by hand; start over from this key
      this.chars = '';
    }
    this.chars += ch;
    return null;
  }

  reset(): void {
    this.chars = '';
  }
}
