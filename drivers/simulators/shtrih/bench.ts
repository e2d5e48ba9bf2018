import { openPtyPair, type PtyPair } from '../../transports/pty-pair.js';
import { SerialTransport } from '../../transports/serial.js';
import { ShtrihRegistrar, type ShtrihRegistrarOptions } from '../../shtrih/registrar.js';
import { ShtrihSimulator, type ShtrihSimulatorOptions } from './simulator.js';

/**
 * A registrar simulator on one end of a socat pty pair and the real driver on
 * the other, both through real serial I/O: what the integration tests and a
 * developer without hardware run. `close` tears all of it down.
 */
export interface SerialBench {
  pty: PtyPair;
  host: SerialTransport;
  device: SerialTransport;
  sim: ShtrihSimulator;
  registrar: ShtrihRegistrar;
  close(): Promise<void>;
}

export async function openSerialBench(
  options: { baudRate?: number; sim?: ShtrihSimulatorOptions; driver?: ShtrihRegistrarOptions } = {},
): Promise<SerialBench> {
  const baudRate = options.baudRate ?? 115_200;
  const pty = await openPtyPair();
  const device = await SerialTransport.open({ path: pty.b, baudRate });
  const host = await SerialTransport.open({ path: pty.a, baudRate });
  const sim = new ShtrihSimulator(device, options.sim);
  const registrar = new ShtrihRegistrar(host, options.driver);
  return {
    pty,
    host,
    device,
    sim,
    registrar,
    async close() {
      registrar.dispose();
      sim.dispose();
      await host.close();
      await device.close();
      await pty.close();
    },
  };
}

/** Starts a simulator alone on a fresh pty pair; connect a driver (or a vendor test tool) to `path`. */
export async function startSimulatorOnPty(
  options: ShtrihSimulatorOptions & { baudRate?: number } = {},
): Promise<{ path: string; sim: ShtrihSimulator; close(): Promise<void> }> {
  const pty = await openPtyPair();
  const device = await SerialTransport.open({ path: pty.b, baudRate: options.baudRate ?? 115_200 });
  const sim = new ShtrihSimulator(device, options);
  return {
    path: pty.a,
    sim,
    async close() {
      sim.dispose();
      await device.close();
      await pty.close();
    },
  };
}
