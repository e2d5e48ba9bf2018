import { DEVICES, type DeviceName, type DeviceState } from '../../shared/contract/devices.js';
import type { Heard } from '../../core/devices/ask.js';

/**
 * What the till knows of each device: set when a device is opened, changed by every
 * answer and every failure. `changed` hears about each change once, for the till's strip.
 */
export class StatusBoard {
  private readonly states = new Map<DeviceName, DeviceState>();

  constructor(private readonly changed: (states: DeviceState[]) => void = () => undefined) {
    for (const device of DEVICES) this.states.set(device, { device, kind: 'none', where: null, state: 'off', problem: null, detail: null });
  }

  /** A device (re)configured: off when `kind` is none, ok until it says otherwise. */
  configure(device: DeviceName, kind: string, where: string | null, off = kind === 'none'): void {
    this.put({ device, kind, where, state: off ? 'off' : 'ok', problem: null, detail: null });
  }

  /** What the device said or how it failed; a device that is off stays off. */
  heard(device: DeviceName, heard: Heard): void {
    const now = this.get(device);
    if (now.state === 'off') return;
    this.put({ ...now, ...heard });
  }

  get(device: DeviceName): DeviceState {
    const state = this.states.get(device);
    if (!state) throw new Error(`no device ${device}`);
    return state;
  }

  list(): DeviceState[] {
    return DEVICES.map((d) => this.get(d));
  }

  private put(next: DeviceState): void {
    const before = this.states.get(next.device);
    if (before && JSON.stringify(before) === JSON.stringify(next)) return;
    this.states.set(next.device, next);
    this.changed(this.list());
  }
}
