import type { FiscalRegistrar } from '../src/core/ports/fiscal.js';
import { loopback } from './transports/loopback.js';
import { ShtrihRegistrar } from './shtrih/registrar.js';
import { ShtrihFiscal } from './shtrih/fiscal-port.js';
import type { LinkTimings } from './shtrih/link.js';
import { ShtrihSimulator } from './simulators/shtrih/simulator.js';
import { EscPosPrinter } from './escpos/printer.js';
import { PROFILES } from './escpos/profiles.js';
import { VirtualEscPosPrinter } from './simulators/escpos/virtual-printer.js';
import { TagLabelPrinter } from './label/printer.js';
import type { LabelFontFiles } from './label/face.js';
import { VirtualLabelPrinter } from './simulators/label/virtual-label-printer.js';

export interface DemoRegistrar {
  fiscal: FiscalRegistrar;
  /** the virtual Shtrih-M registrar the demo's fiscal port talks to, byte for byte */
  simulator: ShtrihSimulator;
  close(): void;
}

export interface DemoPrinter {
  /** the real ESC/POS driver, printer and drawer in one */
  printer: EscPosPrinter;
  /** the virtual ESC/POS printer (and drawer) the demo's receipts are printed on */
  paper: VirtualEscPosPrinter;
  close(): void;
}

/** The real Shtrih-M driver in-process, talking the real protocol to the virtual registrar. */
export function demoRegistrar(options: { now?: () => Date; timings?: Partial<LinkTimings> } = {}): DemoRegistrar {
  const [host, device] = loopback();
  const simulator = new ShtrihSimulator(device, options.now ? { now: options.now } : {});
  const registrar = new ShtrihRegistrar(host, options.timings ? { timings: options.timings } : {});
  return {
    fiscal: new ShtrihFiscal(registrar),
    simulator,
    close() {
      registrar.dispose();
      simulator.dispose();
    },
  };
}

/** The real ESC/POS driver in-process, printing on a virtual 80 mm printer with a drawer. */
export function demoPrinter(): DemoPrinter {
  const [host, device] = loopback();
  const paper = new VirtualEscPosPrinter();
  const detach = paper.attach(device);
  const printer = new EscPosPrinter(host, { profile: PROFILES['epson-80'] });
  return {
    printer,
    paper,
    close() {
      detach();
      void printer.close();
    },
  };
}

export interface DemoLabelPrinter {
  /** the real TSPL driver */
  printer: TagLabelPrinter;
  /** the virtual label printer the demo's price tags come out of, decoded */
  roll: VirtualLabelPrinter;
  close(): void;
}

/** The real TSPL driver in-process, printing on a virtual 203 dpi label printer that keeps the last labels it printed. */
export function demoLabelPrinter(fonts: LabelFontFiles): DemoLabelPrinter {
  const [host, device] = loopback();
  const roll = new VirtualLabelPrinter({ language: 'tspl', dpi: 203, keep: 100 });
  const detach = roll.attach(device);
  const printer = new TagLabelPrinter(host, { language: 'tspl', dpi: 203, fonts });
  return {
    printer,
    roll,
    close() {
      detach();
      void printer.close();
    },
  };
}
