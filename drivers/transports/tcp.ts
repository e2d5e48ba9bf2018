import net from 'node:net';
import { Listeners } from './listeners.js';
import type { ByteTransport } from './types.js';

export interface TcpOptions {
  host: string;
  /** raw printing port ("JetDirect"); 9100 on nearly every network receipt printer */
  port?: number;
  connectTimeoutMs?: number;
}

/**
 * Raw TCP to a network printer. Connects on first write and again after the link
 * drops, so a printer switched off and on again needs no restart of the till.
 */
export class TcpTransport implements ByteTransport {
  readonly description: string;
  private socket: net.Socket | null = null;
  private connecting: Promise<net.Socket> | null = null;
  private readonly listeners = new Listeners();
  private closed = false;

  constructor(private readonly options: TcpOptions) {
    this.description = `tcp ${options.host}:${options.port ?? 9100}`;
  }

  private connect(): Promise<net.Socket> {
    if (this.socket) return Promise.resolve(this.socket);
    if (this.connecting) return this.connecting;
    const timeout = this.options.connectTimeoutMs ?? 3000;
    this.connecting = new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect({ host: this.options.host, port: this.options.port ?? 9100 });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`${this.description}: no connection in ${timeout} ms`));
      }, timeout);
      socket.once('connect', () => {
        clearTimeout(timer);
        this.socket = socket;
        resolve(socket);
      });
      socket.on('data', (chunk: Buffer) => this.listeners.emit(chunk));
      socket.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      socket.on('close', () => {
        if (this.socket === socket) this.socket = null;
      });
    }).finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.closed) throw new Error(`${this.description}: closed`);
    const socket = await this.connect();
    await new Promise<void>((resolve, reject) => {
      socket.write(bytes, (err) => (err ? reject(err) : resolve()));
    });
  }

  /** Forgets the current connection; the next write connects afresh. For a peer gone silent. */
  dropConnection(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const socket = this.socket ?? (await this.connecting?.catch(() => null)) ?? null;
    this.socket = null;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      // a peer that never closes its side must not keep us waiting
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }
}

/** An accepted socket as a ByteTransport: the device side of a TCP link (simulators). */
export function socketTransport(socket: net.Socket): ByteTransport {
  const listeners = new Listeners();
  socket.on('data', (chunk: Buffer) => listeners.emit(chunk));
  // errors end the link; 'close' follows, nothing to rethrow on the device side
  socket.on('error', () => undefined);
  return {
    description: `tcp peer ${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`,
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        if (socket.destroyed || socket.writableEnded) return reject(new Error('socket closed'));
        socket.write(bytes, (err) => (err ? reject(err) : resolve()));
      }),
    onData: (listener) => listeners.add(listener),
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.destroyed) return resolve();
        socket.once('close', () => resolve());
        socket.end();
        setTimeout(() => socket.destroy(), 500).unref();
      }),
  };
}
