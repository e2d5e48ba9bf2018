import type { ByteTransport } from './types.js';

/**
 * Turns a push-style transport into pull-style reads with a deadline, which is
 * how both ends of this protocol think: "wait up to T for the next byte".
 * One reader at a time; bytes that arrive with nobody waiting are queued.
 */
export class ByteReader {
  private queue: number[] = [];
  private head = 0;
  private waiter: { resolve: (b: number | null) => void; timer: NodeJS.Timeout } | null = null;
  private readonly unsubscribe: () => void;

  constructor(transport: ByteTransport) {
    this.unsubscribe = transport.onData((bytes) => this.push(bytes));
  }

  private push(bytes: Uint8Array): void {
    for (const b of bytes) this.queue.push(b);
    this.wake();
  }

  private wake(): void {
    if (!this.waiter || this.head >= this.queue.length) return;
    const w = this.waiter;
    this.waiter = null;
    clearTimeout(w.timer);
    w.resolve(this.take());
  }

  private take(): number {
    const b = this.queue[this.head++] ?? 0;
    // compact now and then so a long session does not grow the array forever
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return b;
  }

  /** The next byte, or null when none came within `timeoutMs`. */
  readByte(timeoutMs: number): Promise<number | null> {
    if (this.waiter) throw new Error('ByteReader: a read is already waiting');
    if (this.head < this.queue.length) return Promise.resolve(this.take());
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, timeoutMs);
      this.waiter = { resolve, timer };
    });
  }

  /** Forgets whatever arrived and was not read: leftovers of a broken exchange. */
  flush(): number {
    const dropped = this.queue.length - this.head;
    this.queue = [];
    this.head = 0;
    return dropped;
  }

  dispose(): void {
    this.unsubscribe();
    if (this.waiter) {
      clearTimeout(this.waiter.timer);
      this.waiter.resolve(null);
      this.waiter = null;
    }
  }
}
