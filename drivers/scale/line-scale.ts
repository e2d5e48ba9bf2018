import type { Scale, WeighOptions, WeightReading } from '../../src/core/ports/scale.js';
import { ByteReader } from '../transports/byte-reader.js';
import type { ByteTransport } from '../transports/types.js';
import { scaleError } from './errors.js';

/** Link timings shared by the scale protocols: both are one request, one answer. */
export interface ScaleTimings {
  /** wait for the first byte of a reply */
  replyMs: number;
  /** gap allowed between bytes inside an answer */
  interByteMs: number;
  /** exchanges tried before the line counts as dead or garbled */
  attempts: number;
  /** pause between readings while waiting for the load to settle */
  pollMs: number;
  /** default for weigh(): how long a load may take to settle */
  settleMs: number;
}

export const DEFAULT_SCALE_TIMINGS: ScaleTimings = { replyMs: 500, interByteMs: 200, attempts: 3, pollMs: 150, settleMs: 3_000 };

export interface LineScaleOptions {
  timings?: Partial<ScaleTimings>;
  /** close the transport on dispose (the driver opened it) */
  ownsTransport?: boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * What every serial scale driver shares: one exchange on the line at a time, and
 * weigh() as "read until stable" over the protocol's single reading.
 */
export abstract class LineScale implements Scale {
  protected readonly reader: ByteReader;
  protected readonly timings: ScaleTimings;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly ownsTransport: boolean;

  constructor(protected readonly transport: ByteTransport, options: LineScaleOptions = {}) {
    this.reader = new ByteReader(transport);
    this.timings = { ...DEFAULT_SCALE_TIMINGS, ...options.timings };
    this.ownsTransport = options.ownsTransport ?? false;
  }

  /** One reading by the protocol, with its own retries; rejects with a ScaleError. */
  protected abstract readOnce(): Promise<WeightReading>;

  readWeight(): Promise<WeightReading> {
    const run = this.tail.then(() => this.readOnce(), () => this.readOnce());
    this.tail = run.catch(() => undefined);
    return run;
  }

  async weigh(options: WeighOptions = {}): Promise<number> {
    const deadline = Date.now() + (options.settleMs ?? this.timings.settleMs);
    for (;;) {
      const r = await this.readWeight();
      if (r.stable) {
        if (r.grams < 0) throw scaleError('negative', `${r.grams} g`);
        if (r.grams === 0) throw scaleError('zero');
        return r.grams;
      }
      if (Date.now() >= deadline) throw scaleError('unstable', `last reading ${r.grams} g`);
      await sleep(this.timings.pollMs);
    }
  }

  /** Writes a request; a line that cannot be written to (port gone) is no connection. */
  protected async send(bytes: Uint8Array): Promise<void> {
    try {
      await this.transport.write(bytes);
    } catch (err) {
      throw scaleError('no-connection', `${this.transport.description}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Reads `n` bytes, each within the inter-byte gap; null when the line goes quiet first. */
  protected async readBytes(n: number): Promise<Uint8Array | null> {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const b = await this.reader.readByte(this.timings.interByteMs);
      if (b === null) return null;
      out[i] = b;
    }
    return out;
  }

  async dispose(): Promise<void> {
    await this.tail;
    this.reader.dispose();
    if (this.ownsTransport) await this.transport.close();
  }
}
