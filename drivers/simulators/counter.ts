import { NO_DEVICES, type DeviceSettings } from '../../src/shared/contract/devices.js';
import { openPtyPair, type PtyPair } from '../transports/pty-pair.js';
import { SerialTransport } from '../transports/serial.js';
import { ShtrihSimulator } from './shtrih/simulator.js';
import { VirtualEscPosPrinter } from './escpos/virtual-printer.js';
import { CasScaleSimulator } from './scale/cas.js';
import { ScalePlatform } from './scale/platform.js';
import { VirtualPoleDisplay } from './display/virtual-pole-display.js';
import { ScannerSimulator } from './scanner/scanner.js';

export type CounterDevice = 'fiscal' | 'printer' | 'scale' | 'display' | 'scanner';

export interface SimulatedCounter {
  /** device settings that point the till at the simulators: what the devices tab would save */
  settings: DeviceSettings;
  registrar: ShtrihSimulator;
  paper: VirtualEscPosPrinter;
  platform: ScalePlatform;
  pole: VirtualPoleDisplay;
  scanner: ScannerSimulator;
  /** the till's end of each line */
  ports: Record<CounterDevice, string>;
  /** pulls a device's cable: its pty pair goes away under the till */
  unplug(device: CounterDevice): Promise<void>;
  close(): Promise<void>;
}

/** One speed for every line: a pty does not care, and the settings must name a real one. */
const BAUD = 115200 as const;

/**
 * A shop counter of simulators, each on its own socat pty pair, as real serial lines: the
 * Shtrih-M registrar, an 80 mm ESC/POS printer with its drawer, a CAS scale, an Epson pole
 * display and a serial scanner. For tests that drive a till through its device settings,
 * from the vitest integration tests to the Playwright specs.
 */
export async function openSimulatedCounter(options: { now?: () => Date } = {}): Promise<SimulatedCounter> {
  const pairs = new Map<CounterDevice, PtyPair>();
  const links: SerialTransport[] = [];
  const open = async (device: CounterDevice) => {
    const pair = await openPtyPair();
    pairs.set(device, pair);
    const link = await SerialTransport.open({ path: pair.b, baudRate: BAUD });
    links.push(link);
    return { host: pair.a, link };
  };
  try {
    const fiscal = await open('fiscal');
    const registrar = new ShtrihSimulator(fiscal.link, options.now ? { now: options.now } : {});
    const printer = await open('printer');
    const paper = new VirtualEscPosPrinter();
    paper.attach(printer.link);
    const scale = await open('scale');
    const platform = new ScalePlatform();
    const casScale = new CasScaleSimulator(scale.link, platform);
    const display = await open('display');
    const pole = new VirtualPoleDisplay();
    pole.attach(display.link);
    const scan = await open('scanner');
    const scanner = new ScannerSimulator(scan.link);
    const serial = (path: string) => ({ kind: 'serial' as const, path, baud: BAUD });
    return {
      settings: {
        ...NO_DEVICES,
        fiscal: { kind: 'shtrih', link: serial(fiscal.host), password: 30 },
        printer: { kind: 'escpos', link: serial(printer.host), profile: 'epson-80', codePage: null },
        drawer: { kind: 'printer' },
        scale: { kind: 'cas', link: serial(scale.host) },
        scanner: { kind: 'serial', path: scan.host, baud: BAUD, suffix: 'cr', prefix: '' },
        display: { kind: 'epson', path: display.host, baud: BAUD },
      },
      registrar, paper, platform, pole, scanner,
      ports: { fiscal: fiscal.host, printer: printer.host, scale: scale.host, display: display.host, scanner: scan.host },
      unplug: async (device) => {
        await pairs.get(device)?.close();
      },
      close: async () => {
        registrar.dispose();
        casScale.dispose();
        for (const link of links) await link.close();
        for (const pair of pairs.values()) await pair.close();
      },
    };
  } catch (err) {
    for (const link of links) await link.close();
    for (const pair of pairs.values()) await pair.close();
    throw err;
  }
}
