import type { Devices } from '../src/core/ports/devices.js';
import { loopback } from './transports/loopback.js';
import { ShtrihRegistrar } from './shtrih/registrar.js';
import { ShtrihFiscal } from './shtrih/fiscal-port.js';
import type { LinkTimings } from './shtrih/link.js';
import { ShtrihSimulator } from './simulators/shtrih/simulator.js';
import { EscPosPrinter } from './escpos/printer.js';
import { PROFILES } from './escpos/profiles.js';
import { VirtualEscPosPrinter } from './simulators/escpos/virtual-printer.js';

export interface DemoDevices {
  devices: Devices;
  /** the virtual Shtrih-M registrar the demo's fiscal port talks to, byte for byte */
  simulator: ShtrihSimulator;
  /** the virtual ESC/POS printer (and drawer) the demo's receipts are printed on */
  paper: VirtualEscPosPrinter;
  close(): void;
}

/**
 * The demo shop's devices: the real drivers, in-process, talking their real protocols to
 * the simulators — the Shtrih-M registrar, and an 80 mm ESC/POS printer with its drawer.
 */
export function demoDevices(options: { now?: () => Date; timings?: Partial<LinkTimings> } = {}): DemoDevices {
  const [host, device] = loopback();
  const simulator = new ShtrihSimulator(device, options.now ? { now: options.now } : {});
  const registrar = new ShtrihRegistrar(host, options.timings ? { timings: options.timings } : {});
  const [printerHost, printerDevice] = loopback();
  const paper = new VirtualEscPosPrinter();
  const detach = paper.attach(printerDevice);
  const printer = new EscPosPrinter(printerHost, { profile: PROFILES['epson-80'] });
  return {
    devices: { printer, drawer: printer, fiscal: new ShtrihFiscal(registrar) },
    simulator,
    paper,
    close() {
      registrar.dispose();
      simulator.dispose();
      detach();
      void printer.close();
    },
  };
}
