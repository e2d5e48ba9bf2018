import { devicesAsync, HIDAsync } from 'node-hid';
import type { Scanner } from '../../src/core/ports/scanner.js';
import { HidPosAssembler, HID_POS_USAGE_PAGE, SCANNED_DATA_REPORT_ID } from './hid-pos.js';
import { ScanListeners } from './listeners.js';

/** What node-hid's HIDAsync is to this driver: reports in, errors, close. */
export interface HidReportSource {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  close(): Promise<void>;
}

export interface HidPosDeviceInfo {
  path: string;
  vendorId: number;
  productId: number;
  manufacturer: string | null;
  product: string | null;
  serialNumber: string | null;
}

export interface HidPosScannerOptions {
  reportId?: number;
  /** the device failed (unplugged): no more scans come from it */
  onError?: (err: Error) => void;
}

/**
 * A HID POS scanner through node-hid. The reading of reports is hid-pos.ts; this is
 * only the glue, which needs a device to run.
 */
export class HidPosScanner implements Scanner {
  private readonly listeners = new ScanListeners();
  private readonly assembler: HidPosAssembler;

  constructor(private readonly device: HidReportSource, options: HidPosScannerOptions = {}) {
    this.assembler = new HidPosAssembler(options.reportId ?? SCANNED_DATA_REPORT_ID);
    device.on('data', (report) => {
      const code = this.assembler.push(new Uint8Array(report.buffer, report.byteOffset, report.byteLength));
      if (code !== null) this.listeners.emit(code);
    });
    device.on('error', (err) => options.onError?.(err));
  }

  /** Scanners that present the HID POS usage page (0x8C). */
  static async list(): Promise<HidPosDeviceInfo[]> {
    const all = await devicesAsync();
    return all
      .filter((d) => d.usagePage === HID_POS_USAGE_PAGE && d.path !== undefined)
      .map((d) => ({
        path: d.path ?? '', vendorId: d.vendorId, productId: d.productId,
        manufacturer: d.manufacturer ?? null, product: d.product ?? null, serialNumber: d.serialNumber ?? null,
      }));
  }

  /** Opens a scanner by its hidraw path (from list()) or by vendor and product id. */
  static async open(target: { path: string } | { vendorId: number; productId: number }, options: HidPosScannerOptions = {}): Promise<HidPosScanner> {
    const device = 'path' in target ? await HIDAsync.open(target.path) : await HIDAsync.open(target.vendorId, target.productId);
    return new HidPosScanner(device, options);
  }

  onScan(listener: (code: string) => void): () => void {
    return this.listeners.add(listener);
  }

  async dispose(): Promise<void> {
    this.listeners.clear();
    await this.device.close();
  }
}
