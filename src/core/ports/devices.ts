/** What the core needs of devices. Drivers (drivers/) and simulators implement these. */
import type { FiscalRegistrar } from './fiscal.js';

export type PrintItem =
  | { kind: 'text'; text: string; align?: 'left' | 'center' | 'right'; bold?: boolean; double?: boolean }
  | { kind: 'pair'; left: string; right: string; bold?: boolean }
  | { kind: 'rule' }
  | { kind: 'barcode'; data: string; symbology: 'code128' | 'ean13' }
  | { kind: 'qr'; data: string }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

export interface PrintDoc {
  items: PrintItem[];
}

export interface DeviceStatus {
  ok: boolean;
  /** i18n key of the problem, e.g. devices.paperOut */
  problem: string | null;
}

export interface ReceiptPrinter {
  /** characters per line in the normal font: 32 for 58 mm, 42 or 48 for 80 mm */
  readonly width: number;
  print(doc: PrintDoc): Promise<void>;
  status(): Promise<DeviceStatus>;
}

export interface CashDrawer {
  open(): Promise<void>;
}

export interface Devices {
  printer: ReceiptPrinter;
  drawer: CashDrawer;
  /** null where the shop has no registrar attached (tests of the till alone) */
  fiscal: FiscalRegistrar | null;
}
