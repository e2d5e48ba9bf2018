import { SerialTransport } from '../../drivers/transports/serial.js';
import { serveTcpDevice } from '../../drivers/transports/tcp-server.js';
import type { ByteTransport } from '../../drivers/transports/types.js';

/** A simulator once started: where it listens, how to stop it, and (for one that ends by itself) when it is done. */
export interface Running {
  where: string;
  stop(): Promise<void>;
  /** resolves when the simulator has nothing more to do (a scanner at the end of its input) */
  done?: Promise<void>;
  /** what it says once the ready line is out */
  started?(): void;
}

/** Resolves on SIGINT, SIGTERM or the abort signal; `release` removes the process handlers again. */
export function untilStopped(signal: AbortSignal | undefined): { stopped: Promise<void>; release(): void } {
  let release = () => undefined as void;
  const stopped = new Promise<void>((resolve) => {
    const done = () => {
      release();
      resolve();
    };
    release = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      signal?.removeEventListener('abort', done);
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
    signal?.addEventListener('abort', done);
    if (signal?.aborted) done();
  });
  return { stopped, release };
}



/** Where a simulator was told to run: the device end of a serial line, or a TCP port on 127.0.0.1. */
export interface SimulateAt {
  port?: string;
  tcp?: number;
  baud: number;
}

/**
 * Runs `serve` on the serial port, or for each TCP connection; `serve` returns its own
 * teardown. For the scale simulators: one platform whichever way the till connects.
 */
export async function serveAt(at: SimulateAt, serve: (link: ByteTransport) => () => void): Promise<Running> {
  if (at.port !== undefined) {
    const transport = await SerialTransport.open({ path: at.port, baudRate: at.baud });
    const stop = serve(transport);
    return { where: at.port, stop: async () => { stop(); await transport.close(); } };
  }
  const server = await serveTcpDevice(serve, { port: at.tcp ?? 0 });
  return { where: `127.0.0.1:${server.port}`, stop: () => server.close() };
}
