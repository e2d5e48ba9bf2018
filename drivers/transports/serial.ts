import { SerialPort } from 'serialport';
import type { ByteTransport } from './types.js';

export interface SerialOptions {
  path: string;
  baudRate: number;
}

/** A serial port (or a pty standing in for one) as a ByteTransport: 8N1, no flow control. */
export class SerialTransport implements ByteTransport {
  readonly description: string;
  private readonly listeners = new Set<(bytes: Uint8Array) => void>();
  private readonly closeListeners = new Set<(err: Error | null) => void>();

  private constructor(private readonly port: SerialPort) {
    this.description = `serial ${port.path} @ ${port.baudRate}`;
    port.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (const l of this.listeners) l(bytes);
    });
    // an adapter pulled out: serialport closes the port with a DisconnectedError
    port.on('close', (err: Error | null) => {
      for (const l of [...this.closeListeners]) l(err ?? null);
    });
    // emitted where no callback was given (closing a port that vanished): unheard, it would end the process
    port.on('error', (err: Error) => {
      for (const l of [...this.closeListeners]) l(err);
    });
  }

  static async open(options: SerialOptions): Promise<SerialTransport> {
    const port = new SerialPort({ path: options.path, baudRate: options.baudRate, dataBits: 8, stopBits: 1, parity: 'none', autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    return new SerialTransport(port);
  }

  write(bytes: Uint8Array): Promise<void> {
    // serialport queues a write to a closed port until it opens again, which an unplugged one never does
    if (!this.port.isOpen) return Promise.reject(new Error(`${this.description}: the port is closed`));
    return new Promise((resolve, reject) => {
      this.port.write(Buffer.from(bytes), (err) => {
        if (err) reject(err);
        // drain: resolve once the bytes left our process, so timeouts measure the device, not our buffer
        else this.port.drain((e) => (e ? reject(e) : resolve()));
      });
    });
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called when the port closes, by close() or because the device went away (with the error then). */
  onClose(listener: (err: Error | null) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  // No flushInput: serialport's flush is tcflush(TCIOFLUSH), which also throws away output the
  // line has not carried yet (a receipt still in a pty's or a USB adapter's buffer). The port is
  // read as bytes come, so there is nothing held back to drop; stale replies are the driver's to skip.

  close(): Promise<void> {
    this.listeners.clear();
    if (!this.port.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.port.close(() => resolve()));
  }
}
