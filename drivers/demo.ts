import type { Devices } from '../src/core/ports/devices.js';
import { VirtualPrinter } from '../src/core/ports/virtual-printer.js';
import { loopback } from './transports/loopback.js';
import { ShtrihRegistrar } from './shtrih/registrar.js';
import { ShtrihFiscal } from './shtrih/fiscal-port.js';
import type { LinkTimings } from './shtrih/link.js';
import { ShtrihSimulator } from './simulators/shtrih/simulator.js';

export interface DemoDevices {
  devices: Devices;
  /** the virtual Shtrih-M registrar the demo's fiscal port talks to, byte for byte */
  simulator: ShtrihSimulator;
  printer: VirtualPrinter;
  close(): void;
}

/**
 * The demo shop's devices: the real Shtrih-M driver talking to the virtual registrar
 * in-process (no port needed), and the virtual receipt printer and drawer.
 */
export function demoDevices(options: { now?: () => Date; timings?: Partial<LinkTimings> } = {}): DemoDevices {
  const [host, device] = loopback();
  const simulator = new ShtrihSimulator(device, options.now ? { now: options.now } : {});
  const registrar = new ShtrihRegistrar(host, options.timings ? { timings: options.timings } : {});
  const printer = new VirtualPrinter();
  return {
    devices: { printer, drawer: printer, fiscal: new ShtrihFiscal(registrar) },
    simulator,
    printer,
    close() {
      registrar.dispose();
      simulator.dispose();
    },
  };
}
