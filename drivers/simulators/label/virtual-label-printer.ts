import type { ByteTransport } from '../../transports/types.js';
import { encodeTsplStatus, encodeZplStatus, type LabelFlags } from '../../label/status.js';
import type { DecodedLabel, LabelSink } from './decoded.js';
import { TsplDecoder } from './tspl-decoder.js';
import { ZplDecoder } from './zpl-decoder.js';

export interface LabelSimState extends LabelFlags {
  /** switched off or unplugged: hears nothing, says nothing */
  offline: boolean;
}

const READY: LabelSimState = { headOpen: false, paperJam: false, paperOut: false, ribbonOut: false, paused: false, error: false, offline: false };

export interface VirtualLabelOptions {
  language: 'tspl' | 'zpl';
  dpi?: 203 | 300;
  state?: Partial<LabelSimState>;
  /** how many printed labels it keeps, the latest (the demo shop's, printing for days); all by default */
  keep?: number;
}

/**
 * The device side of a TSPL or ZPL label printer: decodes what it is sent into labels
 * (size, EAN payloads, texts, bitmaps) and answers status queries from a settable state.
 * While it cannot print (paper out, head open, …) labels wait in its buffer and come out
 * once the state is cleared, as on the real thing. Attach it to any ByteTransport.
 */
export class VirtualLabelPrinter {
  readonly language: 'tspl' | 'zpl';
  readonly dpi: 203 | 300;
  readonly labels: DecodedLabel[] = [];
  readonly unknown: { command: string; why: string }[] = [];
  droppedBytes = 0;
  private readonly keep: number;
  private state: LabelSimState;
  private held: DecodedLabel[] = [];
  private readonly watchers = new Set<() => void>();

  constructor(options: VirtualLabelOptions) {
    this.language = options.language;
    this.dpi = options.dpi ?? 203;
    this.keep = options.keep ?? Infinity;
    this.state = { ...READY, ...options.state };
  }

  get current(): Readonly<LabelSimState> {
    return { ...this.state };
  }

  private printable(): boolean {
    const s = this.state;
    return !s.offline && !s.headOpen && !s.paperJam && !s.paperOut && !s.ribbonOut && !s.paused && !s.error;
  }

  setState(change: Partial<LabelSimState>): void {
    this.state = { ...this.state, ...change };
    if (this.printable() && this.held.length > 0) {
      const waiting = this.held;
      this.held = [];
      for (const l of waiting) this.put(l);
    }
  }

  private put(label: DecodedLabel): void {
    this.labels.push(label);
    if (this.labels.length > this.keep) this.labels.splice(0, this.labels.length - this.keep);
    for (const w of [...this.watchers]) w();
  }

  /** Serves one link; returns a function that detaches it. */
  attach(transport: ByteTransport): () => void {
    const sink: LabelSink = {
      label: (l) => (this.printable() ? this.put(l) : this.held.push(l)),
      statusQuery: () => {
        const reply = this.language === 'tspl'
          ? Uint8Array.of(encodeTsplStatus(this.state))
          : new TextEncoder().encode(encodeZplStatus(this.state, this.labels.at(-1)?.height ?? 0));
        transport.write(reply).catch(() => undefined);
      },
      unknown: (command, why) => this.unknown.push({ command, why }),
    };
    const decoder = this.language === 'tspl' ? new TsplDecoder(sink, this.dpi) : new ZplDecoder(sink);
    return transport.onData((bytes) => {
      if (this.state.offline) {
        this.droppedBytes += bytes.length;
        return;
      }
      decoder.push(bytes);
    });
  }

  /** Resolves once `done()` holds, checking after each label; rejects after `timeoutMs`. */
  waitFor(done: (p: VirtualLabelPrinter) => boolean, timeoutMs = 5000): Promise<void> {
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
        reject(new Error(`virtual label printer: condition not met in ${timeoutMs} ms; printed ${this.labels.length} labels`));
      }, timeoutMs);
      this.watchers.add(check);
    });
  }
}
