/**
 * Cuts a serial scanner's byte stream into codes. A scanner in serial or USB-CDC mode
 * sends each code followed by a suffix (CR out of the box, CR LF or LF when so set up)
 * and sometimes a prefix; in between, the code's bytes as they are, GS (0x1D) included.
 * Bytes map one to one onto characters (Latin-1), so nothing is lost on the way.
 */
export interface ScanFraming {
  /**
   * What ends a code: 'auto' (the default) takes CR, LF or CR LF; otherwise the exact
   * characters the scanner is set to send ('\t', '\x03'…); '' for none, where only a
   * pause ends a code (see SerialScannerOptions.idleMs).
   */
  suffix?: 'auto' | string;
  /** characters the scanner puts before each code; removed where present */
  prefix?: string;
}

const CR = 0x0d;
const LF = 0x0a;

/** Longer than any symbol holds: what a line at the wrong speed spews without ever a CR. */
const MAX_CODE = 8192;

export class ScanFramer {
  private held: number[] = [];
  /** auto: the LF of a CR LF pair is not a second, empty code */
  private afterCr = false;
  private readonly suffix: number[] | 'auto';
  private readonly prefix: string;

  constructor(framing: ScanFraming = {}) {
    const suffix = framing.suffix ?? 'auto';
    this.suffix = suffix === 'auto' ? 'auto' : latin1Bytes(suffix, 'suffix');
    this.prefix = framing.prefix ?? '';
  }

  /** Takes a chunk off the line; returns the codes it completed. */
  push(bytes: Uint8Array): string[] {
    const codes: string[] = [];
    for (const b of bytes) {
      const code = this.suffix === 'auto' ? this.pushAuto(b) : this.pushExact(b, this.suffix);
      if (code !== null) codes.push(code);
    }
    return codes;
  }

  /** Ends the code held so far (the scanner paused): it, or null when nothing is held. */
  flush(): string | null {
    return this.finish(this.held.length);
  }

  private pushAuto(b: number): string | null {
    const afterCr = this.afterCr;
    this.afterCr = b === CR;
    if (b === CR || b === LF) return b === LF && afterCr ? null : this.finish(this.held.length);
    this.hold(b);
    return null;
  }

  private pushExact(b: number, suffix: number[]): string | null {
    this.hold(b);
    if (suffix.length === 0) return null;
    const n = this.held.length - suffix.length;
    if (n < 0 || !suffix.every((s, i) => this.held[n + i] === s)) return null;
    return this.finish(n);
  }

  private hold(b: number): void {
    this.held.push(b);
    // a runaway line never finishes a code: drop it and start over
    if (this.held.length > MAX_CODE) this.held = [];
  }

  /** The first `n` held bytes as a code (the rest is the suffix); null for an empty one. */
  private finish(n: number): string | null {
    const code = String.fromCharCode(...this.held.slice(0, n));
    this.held = [];
    const bare = this.prefix !== '' && code.startsWith(this.prefix) ? code.slice(this.prefix.length) : code;
    return bare === '' ? null : bare;
  }
}

/** A code or affix as the bytes a scanner sends: one byte per character, nothing past U+00FF. */
export function latin1Bytes(text: string, what: string): number[] {
  return [...text].map((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    if (c > 0xff) throw new Error(`${what}: "${ch}" is not a character a scanner sends`);
    return c;
  });
}
