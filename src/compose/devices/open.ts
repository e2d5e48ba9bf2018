import type { z } from 'zod';
import type { CashDrawer, ReceiptPrinter } from '../../core/ports/devices.js';
import type { FiscalRegistrar } from '../../core/ports/fiscal.js';
import type { Scale } from '../../core/ports/scale.js';
import type { CustomerDisplay } from '../../core/ports/customer-display.js';
import type { LabelPrinter } from '../../core/ports/labels.js';
import { tagFontFiles } from '../../core/tags/fonts.js';
import { VirtualPrinter } from '../../core/ports/virtual-printer.js';
import type { DeviceName, DeviceSettings, FileLink, SerialLink, TcpLink } from '../../shared/contract/devices.js';
import { ReopeningSerialTransport } from '../../../drivers/transports/reopening-serial.js';
import { TcpTransport } from '../../../drivers/transports/tcp.js';
import { DeviceFileTransport } from '../../../drivers/transports/device-file.js';
import type { ByteTransport } from '../../../drivers/transports/types.js';
import { ShtrihRegistrar, type ShtrihRegistrarOptions } from '../../../drivers/shtrih/registrar.js';
import { ShtrihFiscal } from '../../../drivers/shtrih/fiscal-port.js';
import { EscPosPrinter } from '../../../drivers/escpos/printer.js';
import { profileWith } from '../../../drivers/escpos/profiles.js';
import { scaleOn, type ScaleTimings } from '../../../drivers/scale/index.js';
import { SerialScanner } from '../../../drivers/scanner/serial.js';
import { HidPosScanner } from '../../../drivers/scanner/hid.js';
import { EpsonPoleDisplay } from '../../../drivers/display/epson.js';
import { TagLabelPrinter } from '../../../drivers/label/printer.js';
import { demoLabelPrinter, demoPrinter, demoRegistrar } from '../../../drivers/demo.js';
import { WatchedDisplay, WatchedFiscal, WatchedLabelPrinter, WatchedPrinter, WatchedScale } from './watched.js';
import type { StatusBoard } from './board.js';
import { OK } from '../../core/devices/ask.js';

/** One device as opened from its settings; `close` releases its port. */
export interface Opened<T> {
  device: T;
  close(): Promise<void>;
}

export interface OpenOptions {
  board: StatusBoard;
  /** how soon a lost serial port or HID scanner is tried again */
  retryMs: number;
  /** link and answer timings of the registrar driver (tests shorten them) */
  fiscalDriver: ShtrihRegistrarOptions;
  scaleTimings?: Partial<ScaleTimings>;
  printerStatusTimeoutMs?: number;
  onScan(code: string): void;
}

type Link = z.output<typeof SerialLink> | z.output<typeof TcpLink> | z.output<typeof FileLink>;

const hex = (n: number) => n.toString(16).padStart(4, '0');

/** Where a device is, in the words its transport uses for itself ("serial /dev/ttyUSB0 @ 9600"). */
export function placeOf(settings: DeviceSettings[DeviceName]): string | null {
  switch (settings.kind) {
    case 'none':
    case 'wedge':
    case 'printer':
      return null;
    case 'demo':
      return 'simulator';
    case 'hid':
      return `hid ${hex(settings.vendorId)}:${hex(settings.productId)}`;
    case 'serial':
    case 'epson':
      return `serial ${settings.path} @ ${settings.baud}`;
    default: {
      const link = settings.link;
      if (link.kind === 'tcp') return `tcp ${link.host}:${link.port}`;
      return link.kind === 'file' ? `device ${link.path}` : `serial ${link.path} @ ${link.baud}`;
    }
  }
}

const unavailable = (err: Error) => ({ state: 'problem' as const, problem: 'devices.portUnavailable', detail: err.message });

/**
 * The link a device hangs on. A serial port is opened now, so a wrong path shows at once on
 * the board, and comes back by itself after it is lost; TCP and device files connect on use.
 */
async function openLink(device: DeviceName, link: Link, o: OpenOptions, alsoTell: DeviceName[] = []): Promise<ByteTransport> {
  if (link.kind === 'tcp') return new TcpTransport({ host: link.host, port: link.port });
  if (link.kind === 'file') return new DeviceFileTransport(link.path);
  const transport = new ReopeningSerialTransport({
    path: link.path, baudRate: link.baud, retryMs: o.retryMs,
    onChange: (err) => {
      for (const d of [device, ...alsoTell]) o.board.heard(d, err ? unavailable(err) : OK);
    },
  });
  await transport.connect().catch(() => undefined);
  return transport;
}

export async function openFiscal(settings: DeviceSettings['fiscal'], o: OpenOptions): Promise<Opened<FiscalRegistrar | null>> {
  switch (settings.kind) {
    case 'none':
      return { device: null, close: async () => undefined };
    case 'demo': {
      const demo = demoRegistrar();
      return { device: new WatchedFiscal(demo.fiscal, o.board), close: async () => demo.close() };
    }
    case 'shtrih': {
      const transport = await openLink('fiscal', settings.link, o);
      const registrar = new ShtrihRegistrar(transport, { operatorPassword: settings.password, adminPassword: settings.password, ...o.fiscalDriver });
      return {
        device: new WatchedFiscal(new ShtrihFiscal(registrar), o.board),
        close: async () => {
          registrar.dispose();
          await transport.close();
        },
      };
    }
  }
}

/** The printer and the drawer on its port (or the text printer in memory when there is none). */
export async function openPrinter(settings: DeviceSettings['printer'], drawer: boolean, o: OpenOptions): Promise<Opened<ReceiptPrinter & CashDrawer>> {
  switch (settings.kind) {
    case 'none':
      return { device: new VirtualPrinter(), close: async () => undefined };
    case 'demo': {
      const demo = demoPrinter();
      return { device: new WatchedPrinter(demo.printer, o.board), close: async () => demo.close() };
    }
    case 'escpos': {
      const transport = await openLink('printer', settings.link, o, drawer ? ['drawer'] : []);
      // the settings' profile ids are the drivers' (a name the drivers lack does not compile here)
      const profile = profileWith(settings.profile, settings.codePage ? { codePage: settings.codePage } : {});
      const printer = new EscPosPrinter(transport, { profile, ...(o.printerStatusTimeoutMs ? { statusTimeoutMs: o.printerStatusTimeoutMs } : {}) });
      return { device: new WatchedPrinter(printer, o.board), close: () => printer.close() };
    }
  }
}

/** The price tag label printer, set in the bundled tag font (its own fonts have no Cyrillic). */
export async function openLabelPrinter(settings: DeviceSettings['labelPrinter'], o: OpenOptions): Promise<Opened<LabelPrinter | null>> {
  switch (settings.kind) {
    case 'none':
      return { device: null, close: async () => undefined };
    case 'demo': {
      const demo = demoLabelPrinter(tagFontFiles());
      return { device: new WatchedLabelPrinter(demo.printer, o.board), close: async () => demo.close() };
    }
    case 'tspl':
    case 'zpl': {
      const transport = await openLink('labelPrinter', settings.link, o);
      const printer = new TagLabelPrinter(transport, {
        language: settings.kind, dpi: settings.dpi, fonts: tagFontFiles(),
        ...(o.printerStatusTimeoutMs ? { statusTimeoutMs: o.printerStatusTimeoutMs } : {}),
      });
      return { device: new WatchedLabelPrinter(printer, o.board), close: () => printer.close() };
    }
  }
}

export async function openScale(settings: DeviceSettings['scale'], o: OpenOptions): Promise<Opened<Scale | null>> {
  if (settings.kind === 'none') return { device: null, close: async () => undefined };
  const transport = await openLink('scale', settings.link, o);
  const scale = scaleOn(settings.kind, transport, o.scaleTimings ? { timings: o.scaleTimings } : {});
  return {
    device: new WatchedScale(scale, o.board),
    close: async () => {
      await scale.dispose();
      await transport.close();
    },
  };
}

export async function openDisplay(settings: DeviceSettings['display'], o: OpenOptions): Promise<Opened<CustomerDisplay | null>> {
  if (settings.kind === 'none') return { device: null, close: async () => undefined };
  const transport = await openLink('display', { kind: 'serial', path: settings.path, baud: settings.baud }, o);
  const display = new EpsonPoleDisplay(transport, { ownsTransport: true });
  return { device: new WatchedDisplay(display, o.board), close: () => display.dispose() };
}

const SUFFIX: Record<Extract<DeviceSettings['scanner'], { kind: 'serial' }>['suffix'], string> = { cr: '\r', lf: '\n', crlf: '\r\n', tab: '\t' };

/** A scanner that is not a keyboard: its codes go to `onScan`. The wedge needs nothing here: the page reads it. */
export async function openScanner(settings: DeviceSettings['scanner'], o: OpenOptions): Promise<Opened<null>> {
  switch (settings.kind) {
    case 'wedge':
      return { device: null, close: async () => undefined };
    case 'serial': {
      const transport = await openLink('scanner', { kind: 'serial', path: settings.path, baud: settings.baud }, o);
      const scanner = new SerialScanner(transport, { suffix: SUFFIX[settings.suffix], prefix: settings.prefix, ownsTransport: true });
      scanner.onScan(o.onScan);
      return { device: null, close: () => scanner.dispose() };
    }
    case 'hid':
      return openHidScanner(settings.vendorId, settings.productId, o);
  }
}

/** A HID POS scanner, opened again whenever it goes away (unplugged) or is not there yet. */
async function openHidScanner(vendorId: number, productId: number, o: OpenOptions): Promise<Opened<null>> {
  let scanner: HidPosScanner | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  const retry = () => {
    if (closed || timer || o.retryMs <= 0) return;
    timer = setTimeout(() => {
      timer = null;
      void attempt();
    }, o.retryMs);
    timer.unref();
  };
  const lost = (err: Error) => {
    o.board.heard('scanner', unavailable(err));
    const gone = scanner;
    scanner = null;
    void gone?.dispose().catch(() => undefined);
    retry();
  };
  const attempt = async () => {
    try {
      const opened = await HidPosScanner.open({ vendorId, productId }, { onError: lost });
      if (closed) return void (await opened.dispose());
      scanner = opened;
      opened.onScan(o.onScan);
      o.board.heard('scanner', OK);
    } catch (err) {
      lost(err instanceof Error ? err : new Error(String(err)));
    }
  };
  await attempt();
  return {
    device: null,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await scanner?.dispose().catch(() => undefined);
    },
  };
}
