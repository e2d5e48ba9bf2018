import type { ByteTransport } from '../../transports/types.js';
import { DeviceLink, type DeviceLinkOptions } from './device-link.js';
import { VirtualRegistrar, type VirtualRegistrarOptions } from './device.js';
import type { LineFault } from './faults.js';

export interface ShtrihSimulatorOptions extends VirtualRegistrarOptions, DeviceLinkOptions {}

/**
 * A virtual Shtrih-M registrar on a byte transport (a pty end, usually): the
 * device side of the protocol, byte for byte, with a fiscal storage that
 * keeps its documents, a 24-hour shift clock, paper, and injectable faults.
 */
export class ShtrihSimulator {
  readonly registrar: VirtualRegistrar;
  private readonly link: DeviceLink;

  constructor(transport: ByteTransport, options: ShtrihSimulatorOptions = {}) {
    this.registrar = new VirtualRegistrar(options);
    this.link = new DeviceLink(transport, (payload) => this.registrar.execute(payload), options);
    this.link.onPowerOff = () => this.registrar.reboot();
  }

  /** Arms a one-shot line or power fault; resolves once it has happened. */
  inject(fault: LineFault): Promise<void> {
    return this.link.inject(fault);
  }

  clearFaults(): void {
    this.link.clearFaults();
  }

  /** Unplugged: no reply to anything until set back. */
  setSilent(silent: boolean): void {
    this.link.silent = silent;
  }

  get powered(): boolean {
    return this.link.isPowered;
  }

  powerOn(): void {
    this.link.powerOn();
  }

  paperOut(): void {
    this.registrar.paperOut();
  }

  loadPaper(): void {
    this.registrar.loadPaper();
  }

  paperRunsOutDuringNextPrint(): void {
    this.registrar.paperRunsOutDuringNextPrint();
  }

  /** Stops listening; the transport is the caller's to close. */
  dispose(): void {
    this.link.dispose();
  }
}
