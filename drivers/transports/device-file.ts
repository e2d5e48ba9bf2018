import { constants, promises as fs } from 'node:fs';
import { Listeners } from './listeners.js';
import type { ByteTransport } from './types.js';

export interface DeviceFileOptions {
  /** how often to look for incoming bytes while someone listens */
  pollMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function code(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/**
 * A character device as a ByteTransport: a USB printer-class device (/dev/usb/lp0), or
 * a tty such as one end of a pty pair. Opened non-blocking, because a blocking read on
 * a device with nothing to say would hold a libuv thread for ever and hang close().
 * Reads are polled while someone listens. If the device cannot be opened for reading
 * (usblp on a one-way printer, permissions) it is write-only and `canRead` says so;
 * the printer driver then stops asking for status.
 */
export class DeviceFileTransport implements ByteTransport {
  readonly description: string;
  private handle: fs.FileHandle | null = null;
  private opening: Promise<fs.FileHandle> | null = null;
  private readable = true;
  private readonly listeners = new Listeners();
  private listening = 0;
  private polling: Promise<void> | null = null;
  private closed = false;
  private readonly pollMs: number;

  constructor(readonly path: string, options: DeviceFileOptions = {}) {
    this.description = `device ${path}`;
    this.pollMs = options.pollMs ?? 10;
  }

  /** false once we know the device can only be written to */
  get canRead(): boolean {
    return this.readable;
  }

  private open(): Promise<fs.FileHandle> {
    if (this.handle) return Promise.resolve(this.handle);
    if (this.opening) return this.opening;
    const flags = constants.O_NONBLOCK | constants.O_NOCTTY;
    this.opening = fs
      .open(this.path, constants.O_RDWR | flags)
      .catch(async (err: unknown) => {
        // usblp refuses O_RDWR on some unidirectional printers; printing still works
        if (code(err) !== 'EACCES' && code(err) !== 'EINVAL' && code(err) !== 'EPERM') throw err;
        const h = await fs.open(this.path, constants.O_WRONLY | flags);
        this.readable = false;
        return h;
      })
      .then((h) => {
        this.handle = h;
        return h;
      })
      .finally(() => {
        this.opening = null;
      });
    return this.opening;
  }

  /** After EIO/ENODEV (printer unplugged) the next write reopens: the new lp0 may be a new device. */
  private async drop(): Promise<void> {
    const h = this.handle;
    this.handle = null;
    await h?.close().catch(() => undefined);
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.closed) throw new Error(`${this.description}: closed`);
    const h = await this.open();
    let at = 0;
    while (at < bytes.length) {
      try {
        const { bytesWritten } = await h.write(bytes, at, bytes.length - at);
        at += bytesWritten;
      } catch (err) {
        if (code(err) === 'EAGAIN') {
          await sleep(5); // the device buffer is full: the printer is busy printing
          continue;
        }
        await this.drop();
        throw err;
      }
    }
    this.startPolling();
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    const off = this.listeners.add(listener);
    this.listening++;
    this.startPolling();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      off();
      this.listening--;
    };
  }

  private startPolling(): void {
    if (this.polling || this.listening === 0 || this.closed) return;
    this.polling = this.poll().finally(() => {
      this.polling = null;
    });
  }

  private async poll(): Promise<void> {
    const buf = new Uint8Array(512);
    while (!this.closed && this.listening > 0 && this.readable) {
      let h: fs.FileHandle;
      try {
        h = await this.open();
      } catch {
        await sleep(this.pollMs * 10); // not there yet (unplugged): look again later
        continue;
      }
      try {
        const { bytesRead } = await h.read(buf, 0, buf.length, null);
        if (bytesRead > 0) {
          this.listeners.emit(buf.subarray(0, bytesRead));
          continue;
        }
      } catch (err) {
        if (code(err) !== 'EAGAIN') {
          if (this.closed) return;
          if (code(err) === 'EINVAL' || code(err) === 'EBADF') this.readable = false;
          else await this.drop();
        }
      }
      await sleep(this.pollMs);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.polling;
    await this.opening?.catch(() => null);
    await this.drop();
  }
}
