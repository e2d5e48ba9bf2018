import type { DeviceManager, DeviceSet, SerialPortInfo } from '../../core/ports/device-manager.js';
import { VirtualPrinter } from '../../core/ports/virtual-printer.js';
import type { DeviceName, DeviceSettings, DeviceState } from '../../shared/contract/devices.js';
import type { ShtrihRegistrarOptions } from '../../../drivers/shtrih/registrar.js';
import type { ScaleTimings } from '../../../drivers/scale/index.js';
import { listPorts } from '../../../drivers/port-list.js';
import { StatusBoard } from './board.js';
import { openDisplay, openFiscal, openLabelPrinter, openPrinter, openScale, openScanner, placeOf, type Opened, type OpenOptions } from './open.js';

export interface LiveDevicesOptions {
  /** each change of what the devices say (the till's status strip) */
  onStatus?: (states: DeviceState[]) => void;
  /** each code a serial or HID scanner reads */
  onScan?: (code: string) => void;
  /** how often to ask the printer, the registrar and the scale how they are; 0: only when asked */
  pollMs?: number;
  /** how soon a lost serial port or HID scanner is tried again */
  retryMs?: number;
  fiscalDriver?: ShtrihRegistrarOptions;
  scaleTimings?: Partial<ScaleTimings>;
  printerStatusTimeoutMs?: number;
  log?: (err: unknown) => void;
}

/** What opens as one: the printer carries the drawer. */
type Part = 'fiscal' | 'printer' | 'scale' | 'scanner' | 'display' | 'labelPrinter';

interface Held {
  key: string;
  opened: Opened<unknown>;
}

/**
 * The devices of a real till, built from the device settings with the real drivers.
 * Saving the settings opens again only the devices whose settings changed, so the
 * registrar's link (and the demo registrar's documents) survive a change of the scale.
 */
export class LiveDevices implements DeviceManager {
  private readonly board: StatusBoard;
  private readonly options: OpenOptions;
  private readonly held = new Map<Part, Held>();
  private set: DeviceSet = { printer: new VirtualPrinter(), drawer: new VirtualPrinter(), fiscal: null, scale: null, display: null, labelPrinter: null };
  private queue: Promise<unknown> = Promise.resolve();
  private refreshing: Promise<DeviceState[]> | null = null;
  private readonly poll: ReturnType<typeof setInterval> | null;
  private readonly log: (err: unknown) => void;

  constructor(options: LiveDevicesOptions = {}) {
    this.board = new StatusBoard(options.onStatus);
    this.log = options.log ?? ((err) => console.error(err));
    this.options = {
      board: this.board, retryMs: options.retryMs ?? 5_000, fiscalDriver: options.fiscalDriver ?? {},
      ...(options.scaleTimings ? { scaleTimings: options.scaleTimings } : {}),
      ...(options.printerStatusTimeoutMs ? { printerStatusTimeoutMs: options.printerStatusTimeoutMs } : {}),
      onScan: (code) => options.onScan?.(code),
    };
    const pollMs = options.pollMs ?? 10_000;
    this.poll = pollMs > 0 ? setInterval(() => void this.refresh().catch(this.log), pollMs) : null;
    this.poll?.unref();
  }

  current(): DeviceSet {
    return this.set;
  }

  apply(settings: DeviceSettings): Promise<void> {
    // one apply at a time: a second save waits for the ports the first one opens
    const run = this.queue.then(() => this.reopen(settings));
    this.queue = run.catch(this.log);
    return run;
  }

  private async reopen(settings: DeviceSettings): Promise<void> {
    const o = this.options;
    const withDrawer = settings.drawer.kind === 'printer' && settings.printer.kind !== 'none';
    const fiscal = await this.part('fiscal', settings.fiscal, () => this.configure('fiscal', settings.fiscal), () => openFiscal(settings.fiscal, o));
    const printer = await this.part('printer', { printer: settings.printer, drawer: settings.drawer }, () => {
      this.configure('printer', settings.printer);
      this.configure('drawer', withDrawer ? settings.drawer : { kind: 'none' }, placeOf(settings.printer));
    }, () => openPrinter(settings.printer, withDrawer, o));
    const scale = await this.part('scale', settings.scale, () => this.configure('scale', settings.scale), () => openScale(settings.scale, o));
    await this.part('scanner', settings.scanner, () => this.configure('scanner', settings.scanner), () => openScanner(settings.scanner, o));
    const display = await this.part('display', settings.display, () => this.configure('display', settings.display), () => openDisplay(settings.display, o));
    const labelPrinter = await this.part('labelPrinter', settings.labelPrinter, () => this.configure('labelPrinter', settings.labelPrinter),
      () => openLabelPrinter(settings.labelPrinter, o));
    this.set = {
      printer: printer.device,
      drawer: withDrawer ? printer.device : new VirtualPrinter(),
      fiscal: fiscal.device,
      scale: scale.device,
      display: display.device,
      labelPrinter: labelPrinter.device,
    };
  }

  /**
   * One part: kept when its settings did not change, otherwise closed and opened anew.
   * It goes on the board before it opens, since opening may already report a problem.
   */
  private async part<T>(part: Part, settings: object, configure: () => void, open: () => Promise<Opened<T>>): Promise<Opened<T>> {
    const key = JSON.stringify(settings);
    const held = this.held.get(part);
    if (held?.key === key) return held.opened as Opened<T>;
    if (held) {
      this.held.delete(part);
      await held.opened.close().catch(this.log);
    }
    configure();
    const opened = await open();
    this.held.set(part, { key, opened });
    return opened;
  }

  /** A device on the board as its settings describe it: off when there is none (or only the keyboard wedge). */
  private configure(device: DeviceName, settings: { kind: string }, where = placeOf(settings as DeviceSettings[DeviceName])): void {
    this.board.configure(device, settings.kind, where, settings.kind === 'none' || settings.kind === 'wedge');
  }

  status(): DeviceState[] {
    return this.board.list();
  }

  /** Asks the printers, the registrar and the scale; the watched devices put the answers on the board. */
  refresh(): Promise<DeviceState[]> {
    this.refreshing ??= (async () => {
      const set = this.set;
      const asks: Promise<unknown>[] = [];
      if (this.board.get('printer').state !== 'off') asks.push(set.printer.status());
      if (set.fiscal) asks.push(set.fiscal.state());
      if (set.scale) asks.push(set.scale.readWeight());
      if (set.labelPrinter) asks.push(set.labelPrinter.status());
      await Promise.allSettled(asks);
      return this.board.list();
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  async ports(): Promise<SerialPortInfo[]> {
    const { ports, warnings } = await listPorts();
    for (const w of warnings) this.log(new Error(w));
    return ports.map(({ serialNumber: _serialNumber, ...port }) => port);
  }

  async close(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    await this.queue;
    for (const held of this.held.values()) await held.opened.close().catch(this.log);
    this.held.clear();
  }
}
