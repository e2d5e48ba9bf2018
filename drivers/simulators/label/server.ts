import net from 'node:net';
import { socketTransport } from '../../transports/tcp.js';
import { VirtualLabelPrinter } from './virtual-label-printer.js';

export interface VirtualLabelServer {
  readonly printer: VirtualLabelPrinter;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The virtual label printer on raw TCP, like port 9100 on a network label printer; port 0 picks a free one. */
export async function startVirtualLabelServer(options: { printer: VirtualLabelPrinter; host?: string; port?: number }): Promise<VirtualLabelServer> {
  const { printer } = options;
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const detach = printer.attach(socketTransport(socket));
    socket.on('close', () => {
      detach();
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('virtual label printer: no TCP address');
  return {
    printer, host, port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
