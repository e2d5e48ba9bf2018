/**
 * Little-endian integers of the widths the registrar uses. Sums are 5 bytes
 * (up to 2^40 - 1 kopecks), quantities 6 bytes; both fit a JS safe integer, so
 * plain numbers are enough and no BigInt leaks into callers.
 */

export function writeUint(value: number, width: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0 || value >= 2 ** (8 * width)) {
    throw new RangeError(`${value} does not fit ${width} unsigned bytes`);
  }
  const out = new Uint8Array(width);
  let v = value;
  for (let i = 0; i < width; i++) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

export function readUint(bytes: Uint8Array, offset: number, width: number): number {
  if (offset + width > bytes.length) {
    throw new RangeError(`need ${width} bytes at ${offset}, have ${bytes.length - offset}`);
  }
  let v = 0;
  for (let i = width - 1; i >= 0; i--) v = v * 256 + (bytes[offset + i] ?? 0);
  return v;
}

export { concat } from '../bytes.js';

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** A sum of money field: 5 bytes of kopecks. */
export const SUM_WIDTH = 5;
/** The "let the registrar compute it" marker for FF46 sum and tax fields. */
export const SUM_AUTO = 2 ** 40 - 1;
/** FF46 quantity: 6 bytes with six decimal places, so one piece is 1 000 000. */
export const QTY_WIDTH = 6;
export const QTY_DEVICE_SCALE = 1_000_000;
/** Our quantities are thousandths (1 piece = 1000): one of ours is this many device units. */
export const QTY_FROM_MILLI = QTY_DEVICE_SCALE / 1000;

export function writeSum(kopecks: number): Uint8Array {
  return writeUint(kopecks, SUM_WIDTH);
}

export function readSum(bytes: Uint8Array, offset: number): number {
  return readUint(bytes, offset, SUM_WIDTH);
}

export function writeQtyMilli(milli: number): Uint8Array {
  return writeUint(milli * QTY_FROM_MILLI, QTY_WIDTH);
}

/** The quantity in device units (millionths) as thousandths; rejects what does not divide evenly. */
export function readQtyMilli(bytes: Uint8Array, offset: number): number {
  const raw = readUint(bytes, offset, QTY_WIDTH);
  if (raw % QTY_FROM_MILLI !== 0) throw new RangeError(`quantity ${raw} is finer than a thousandth`);
  return raw / QTY_FROM_MILLI;
}

/**
 * DATE_TIME of the fiscal storage: 5 bytes, year-2000, month, day, hour, minute.
 * The registrar keeps local (shop) time, so we read and write the wall-clock
 * fields of a Date in the machine's zone.
 */
export function writeDateTime(d: Date): Uint8Array {
  return Uint8Array.of(d.getFullYear() - 2000, d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes());
}

export function readDateTime(bytes: Uint8Array, offset: number): Date {
  if (offset + 5 > bytes.length) throw new RangeError('DATE_TIME needs 5 bytes');
  const [y, mo, d, h, mi] = Array.from(bytes.subarray(offset, offset + 5));
  if (mo === undefined || d === undefined || h === undefined || mi === undefined || y === undefined) {
    throw new RangeError('DATE_TIME needs 5 bytes');
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) {
    throw new RangeError(`bad DATE_TIME ${hex(bytes.subarray(offset, offset + 5))}`);
  }
  return new Date(2000 + y, mo - 1, d, h, mi);
}
