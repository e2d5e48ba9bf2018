import { Listeners } from './listeners.js';
import { SerialTransport, type SerialOptions } from './serial.js';
import type { ByteTransport } from './types.js';

export interface ReopeningSerialOptions extends SerialOptions {
  /** how soon to try again after the port could not be opened or went away; 0: only on the next write */
  retryMs?: number;
  /** told each time the port opens (null) or is lost (why) */
  onChange?: (problem: Error | null) => void;
}

/**
 * A serial port that comes back by itself: a USB adapter pulled out and put back, or a
 * device switched on after the till. Opened on first use, again on the next write after it
 * dropped, and in the background every `retryMs` so a device that only talks (a scanner) is
 * heard again too. Its listeners stay subscribed across reopens.
 */
export class ReopeningSerialTransport implements ByteTransport {
  readonly description: string;
  private port: SerialTransport | null = null;
  private opening: Promise<SerialTransport> | null = null;
  private readonly listeners = new Listeners();
  private retry: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly options: ReopeningSerialOptions) {
    this.description = `serial ${options.path} @ ${options.baudRate}`;
  }

  /** Opens the port now; rejects with the reason when it cannot (and keeps trying in the background). */
  async connect(): Promise<void> {
    await this.ensure();
  }

  private ensure(): Promise<SerialTransport> {
    if (this.port) return Promise.resolve(this.port);
    if (this.closed) return Promise.reject(new Error(`${this.description}: closed`));
    this.opening ??= SerialTransport.open(this.options)
      .then(
        (port) => {
          if (this.closed) {
            void port.close();
            throw new Error(`${this.description}: closed`);
          }
          this.port = port;
          port.onData((bytes) => this.listeners.emit(bytes));
          port.onClose((err) => this.lost(port, err ?? new Error(`${this.description}: the port closed`)));
          this.options.onChange?.(null);
          return port;
        },
        (err: unknown) => {
          const problem = err instanceof Error ? err : new Error(String(err));
          if (!this.closed) {
            this.options.onChange?.(problem);
            this.retryLater();
          }
          throw problem;
        },
      )
      .finally(() => {
        this.opening = null;
      });
    return this.opening;
  }

  private lost(port: SerialTransport, err: Error): void {
    if (this.port !== port || this.closed) return;
    this.port = null;
    void port.close();
    this.options.onChange?.(err);
    this.retryLater();
  }

  private retryLater(): void {
    const ms = this.options.retryMs ?? 5_000;
    if (ms <= 0 || this.retry || this.closed) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.ensure().catch(() => undefined);
    }, ms);
    this.retry.unref();
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = await this.ensure();
    await port.write(bytes);
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const port = this.port ?? (await this.opening?.catch(() => null)) ?? null;
    this.port = null;
    await port?.close();
  }
}
