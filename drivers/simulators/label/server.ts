import { serveTcpDevice } from '../../transports/tcp-server.js';
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
  const served = await serveTcpDevice((link) => printer.attach(link), options);
  return { printer, host: served.host, port: served.port, close: served.close };
}
