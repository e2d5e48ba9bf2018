import type { ByteTransport } from '../../transports/types.js';
import type { SimCodePage } from './codepages.js';
import { FIRMWARE_CODE_PAGES } from './codepages.js';
import { EscPosDecoder, type PaperElement } from './decoder.js';

export interface SimState {
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  /** switched off or unplugged: hears nothing, says nothing */
  offline: boolean;
  /** the drawer's sensor on pin 3 */
  drawerOpen: boolean;
  cutterError: boolean;
}

const READY: SimState = { paperOut: false, paperNearEnd: false, coverOpen: false, offline: false, drawerOpen: false, cutterError: false };

export interface VirtualEscPosOptions {
  /** ESC t n → code page, per firmware; Epson numbering by default */
  codePages?: Readonly<Record<number, SimCodePage>>;
  state?: Partial<SimState>;
}

/** One element as a text line, in the core's text rendering style: "[code128 R000000012]", "[qr …]". */
export function elementText(e: PaperElement): string | null {
  switch (e.kind) {
    case 'line': return e.text;
    case 'barcode': return `[${e.symbology} ${e.data}]`;
    case 'qr': return `[qr ${e.data}]`;
    case 'pdf417': return `[pdf417 ${e.data}]`;
    case 'image': return `[image ${e.width}x${e.height}]`;
    default: return null;
  }
}

/**
 * The device side of a receipt printer: decodes what it is sent into paper, answers
 * DLE EOT from a settable state. Paper out / cover open: it still answers status, and
 * what it is sent waits (like a real printer's buffer) until the state is cleared.
 * Offline: it neither answers nor prints. Attach it to any ByteTransport: a pty end,
 * an accepted TCP socket (see server.ts).
 */
export class VirtualEscPosPrinter {
  /** everything printed, in order; cuts and drawer kicks included */
  readonly paper: PaperElement[] = [];
  /** commands it did not understand (bytes of the command head) */
  readonly unknown: number[][] = [];
  /** bytes dropped while offline */
  droppedBytes = 0;
  private state: SimState;
  private held: PaperElement[] = [];
  private readonly codePages: Readonly<Record<number, SimCodePage>>;
  private readonly watchers = new Set<() => void>();

  constructor(options: VirtualEscPosOptions = {}) {
    this.codePages = options.codePages ?? FIRMWARE_CODE_PAGES.epson;
    this.state = { ...READY, ...options.state };
  }

  get current(): Readonly<SimState> {
    return { ...this.state };
  }

  /** Changes the state; clearing paper out / cover open prints what was waiting. */
  setState(change: Partial<SimState>): void {
    this.state = { ...this.state, ...change };
    if (this.printable() && this.held.length > 0) {
      const waiting = this.held;
      this.held = [];
      for (const e of waiting) this.put(e);
    }
  }

  private printable(): boolean {
    return !this.state.paperOut && !this.state.coverOpen && !this.state.offline && !this.state.cutterError;
  }

  private put(e: PaperElement): void {
    this.paper.push(e);
    for (const w of [...this.watchers]) w();
  }

  /** DLE EOT n replies: one byte each, 0x12 plus the bits that are set (Epson's layout). */
  statusByte(n: number): number | null {
    const s = this.state;
    const stopped = s.paperOut || s.coverOpen || s.cutterError;
    switch (n) {
      case 1: return 0x12 | (s.drawerOpen ? 0x04 : 0) | (stopped ? 0x08 : 0);
      case 2: return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0) | (s.cutterError ? 0x40 : 0);
      case 3: return 0x12 | (s.cutterError ? 0x08 : 0);
      case 4: return 0x12 | (s.paperNearEnd || s.paperOut ? 0x0c : 0) | (s.paperOut ? 0x60 : 0);
      default: return null;
    }
  }

  /** Serves one link; returns a function that detaches it. Several links may be attached. */
  attach(transport: ByteTransport): () => void {
    const decoder = new EscPosDecoder(
      {
        element: (e) => {
          // the drawer is kicked at once (the cashier needs the change); paper waits for paper
          if (e.kind === 'drawer' || this.printable()) this.put(e);
          else this.held.push(e);
        },
        statusQuery: (n) => {
          const reply = this.statusByte(n);
          if (reply !== null) transport.write(Uint8Array.of(reply)).catch(() => undefined);
        },
        unknown: (bytes) => this.unknown.push(bytes),
      },
      this.codePages,
    );
    return transport.onData((bytes) => {
      if (this.state.offline) {
        this.droppedBytes += bytes.length;
        return;
      }
      decoder.push(bytes);
    });
  }

  /** The paper split at cuts: one entry per receipt, the last one possibly not cut yet. */
  receipts(): PaperElement[][] {
    const out: PaperElement[][] = [[]];
    for (const e of this.paper) {
      if (e.kind === 'cut') out.push([]);
      else out[out.length - 1]?.push(e);
    }
    // the feed after the last cut is not a receipt
    const last = out[out.length - 1] ?? [];
    if (out.length > 1 && last.every((e) => e.kind === 'line' && e.text === '')) out.pop();
    return out;
  }

  /** Printed text lines (barcodes and QR as "[code128 …]"), optionally of one receipt. */
  lines(receipt?: number): string[] {
    const elements = receipt === undefined ? this.paper : this.receipts()[receipt] ?? [];
    const out: string[] = [];
    for (const e of elements) {
      const t = elementText(e);
      if (t !== null) out.push(t);
    }
    return out;
  }

  get cuts(): number {
    return this.paper.filter((e) => e.kind === 'cut').length;
  }

  get drawerKicks(): Extract<PaperElement, { kind: 'drawer' }>[] {
    return this.paper.filter((e): e is Extract<PaperElement, { kind: 'drawer' }> => e.kind === 'drawer');
  }

  /** Resolves once `done()` holds, checking after each printed element; rejects after `timeoutMs`. */
  waitFor(done: (p: VirtualEscPosPrinter) => boolean, timeoutMs = 2000): Promise<void> {
    if (done(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done(this)) return;
        this.watchers.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.watchers.delete(check);
        reject(new Error(`virtual printer: condition not met in ${timeoutMs} ms; printed ${this.paper.length} elements`));
      }, timeoutMs);
      this.watchers.add(check);
    });
  }
}
