import { serveTcpDevice } from '../../transports/tcp-server.js';
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
  const served = await serveTcpDevice((link) => printer.attach(link), options);
  return { printer, host: served.host, port: served.port, close: served.close };
}
