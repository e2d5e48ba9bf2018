import type { DeviceName, DeviceState } from '../../shared/contract/devices.js';
import type { DeviceManager, DeviceSet, SerialPortInfo } from '../ports/device-manager.js';
import { askFiscal, askPrinter, OK, type Heard } from './ask.js';

/**
 * Devices handed to the core ready-made (tests, `lavka serve --devices none`): the settings
 * cannot change them, and there are no ports to list.
 */
export class FixedDevices implements DeviceManager {
  private heard = new Map<DeviceName, Heard>();

  constructor(private readonly set: DeviceSet) {}

  current(): DeviceSet {
    return this.set;
  }

  async apply(): Promise<void> {
    // given, not built from the settings: nothing to open again
  }

  status(): DeviceState[] {
    const present: Record<DeviceName, boolean> = {
      fiscal: this.set.fiscal !== null, printer: true, drawer: true, scale: this.set.scale !== null, scanner: false, display: this.set.display !== null,
      labelPrinter: this.set.labelPrinter !== null,
    };
    return (Object.keys(present) as DeviceName[]).map((device) => ({
      device, kind: present[device] ? 'fixed' : 'none', where: null,
      ...(present[device] ? this.heard.get(device) ?? OK : { state: 'off' as const, problem: null, detail: null }),
    }));
  }

  async refresh(): Promise<DeviceState[]> {
    this.heard.set('printer', await askPrinter(this.set.printer));
    if (this.set.fiscal) this.heard.set('fiscal', await askFiscal(this.set.fiscal));
    return this.status();
  }

  async ports(): Promise<SerialPortInfo[]> {
    return [];
  }

  async close(): Promise<void> {
    // the owner of the devices closes them
  }
}
