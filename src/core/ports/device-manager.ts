import type { Devices } from './devices.js';
import type { Scale } from './scale.js';
import type { CustomerDisplay } from './customer-display.js';
import type { LabelPrinter } from './labels.js';
import type { DeviceSettings, DeviceState } from '../../shared/contract/devices.js';

/** Every device the core drives. */
export interface DeviceSet extends Devices {
  /** null where no scale is set up: weighed goods take a typed weight */
  scale: Scale | null;
  /** the serial pole display; null where there is none */
  display: CustomerDisplay | null;
  /** the price tag label printer; null where there is none */
  labelPrinter: LabelPrinter | null;
}

export interface SerialPortInfo {
  kind: 'serial' | 'usb-printer' | 'hid-pos-scanner';
  path: string;
  manufacturer: string | null;
  vendorId: string | null;
  productId: string | null;
}

/**
 * Builds the devices from the settings and keeps them: the core never imports a driver, so
 * src/compose implements this with the real drivers (and tests with fixed devices).
 * A device that cannot be opened or stops answering is a status, never an exception that
 * reaches the till: the core asks again on the next use.
 */
export interface DeviceManager {
  /** The devices now. apply() replaces them, so read this at each use rather than keeping it. */
  current(): DeviceSet;
  /** Closes the devices whose settings changed and opens them as the settings now say. */
  apply(settings: DeviceSettings): Promise<void>;
  /** What the till last heard from each device, without asking them. */
  status(): DeviceState[];
  /** Asks each device now (printer status, registrar status) and returns what they said. */
  refresh(): Promise<DeviceState[]>;
  /** The ports this computer has, for the owner to pick from. */
  ports(): Promise<SerialPortInfo[]>;
  close(): Promise<void>;
}
