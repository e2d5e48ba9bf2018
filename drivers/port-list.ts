import { readdir } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { HidPosScanner } from './scanner/hid.js';

export interface PortEntry {
  kind: 'serial' | 'usb-printer' | 'hid-pos-scanner';
  path: string;
  manufacturer: string | null;
  vendorId: string | null;
  productId: string | null;
  serialNumber: string | null;
}

/** USB printer-class devices (usblp): /dev/usb/lp0, lp1… on Linux. */
async function usbPrinters(): Promise<string[]> {
  if (process.platform !== 'linux') return [];
  try {
    const names = await readdir('/dev/usb');
    return names.filter((n) => /^lp\d+$/.test(n)).sort((a, b) => Number(a.slice(2)) - Number(b.slice(2))).map((n) => `/dev/usb/${n}`);
  } catch {
    return [];
  }
}

/** Serial device names, for when the port list cannot be had (no udevadm in a container): no vendor details. */
async function serialDeviceNames(): Promise<string[]> {
  try {
    const names = await readdir('/dev');
    return names.filter((n) => /^tty(S|USB|ACM|AMA)\d+$/.test(n)).sort().map((n) => `/dev/${n}`);
  } catch {
    return [];
  }
}

const bare = (kind: PortEntry['kind'], path: string): PortEntry => ({ kind, path, manufacturer: null, vendorId: null, productId: null, serialNumber: null });

/**
 * Every port a device of the till may hang on: serial ports (with their USB vendor where the
 * system tells), USB printer device files and HID POS scanners. What could not be listed is
 * said in `warnings`, in Russian and English, and the rest is still listed.
 */
export async function listPorts(): Promise<{ ports: PortEntry[]; warnings: string[] }> {
  const warnings: string[] = [];
  const serial = await SerialPort.list().then(
    (ports) => ports.map((p): PortEntry => ({
      kind: 'serial', path: p.path, manufacturer: p.manufacturer ?? null,
      vendorId: p.vendorId ?? null, productId: p.productId ?? null, serialNumber: p.serialNumber ?? null,
    })),
    async (err: unknown) => {
      warnings.push(`Нет сведений о портах, только имена устройств / no port details (${err instanceof Error ? err.message : String(err)}): device names only`);
      return (await serialDeviceNames()).map((path) => bare('serial', path));
    },
  );
  const printers = (await usbPrinters()).map((path) => bare('usb-printer', path));
  const hex = (id: number) => id.toString(16).padStart(4, '0');
  const scanners = await HidPosScanner.list().then(
    (found) => found.map((d): PortEntry => ({
      kind: 'hid-pos-scanner', path: d.path, manufacturer: d.manufacturer,
      vendorId: hex(d.vendorId), productId: hex(d.productId), serialNumber: d.serialNumber,
    })),
    (err: unknown) => {
      warnings.push(`Нет сведений о HID-устройствах / no HID device list (${err instanceof Error ? err.message : String(err)})`);
      return [];
    },
  );
  return { ports: [...serial, ...printers, ...scanners], warnings };
}
