import net from 'node:net';
import { socketTransport } from '../../transports/tcp.js';
import { VirtualEscPosPrinter } from './virtual-printer.js';

export interface VirtualPrinterServer {
  readonly printer: VirtualEscPosPrinter;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The virtual printer as a network printer: raw TCP, like port 9100 on the real thing.
 * Port 0 (the default) picks a free one — tests run in parallel.
 */
export async function startVirtualPrinterServer(
  options: { host?: string; port?: number; printer?: VirtualEscPosPrinter } = {},
): Promise<VirtualPrinterServer> {
  const printer = options.printer ?? new VirtualEscPosPrinter();
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
  if (address === null || typeof address === 'string') throw new Error('virtual printer: no TCP address');
  return {
    printer,
    host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
