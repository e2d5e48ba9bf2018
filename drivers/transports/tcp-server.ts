import net from 'node:net';
import { socketTransport } from './tcp.js';
import type { ByteTransport } from './types.js';

export interface TcpDeviceServer {
  readonly host: string;
  readonly port: number;
  /** drops the connected clients and stops listening */
  close(): Promise<void>;
}

/**
 * A device end on raw TCP (a network printer's port 9100, a simulator under test): each connection is
 * handed to `serve`, whose returned function runs when it closes. Port 0 picks a free port.
 */
export async function serveTcpDevice(serve: (link: ByteTransport) => () => void, options: { host?: string; port?: number } = {}): Promise<TcpDeviceServer> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const stop = serve(socketTransport(socket));
    socket.on('close', () => {
      stop();
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`no TCP address for a device on ${host}`);
  return {
    host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
