import { isValidGtin, withCheckDigit } from '../../../src/shared/barcode/ean.js';
import type { Bitmap } from '../../label/bitmap.js';

export interface DecodedBarcode {
  symbology: 'ean13' | 'ean8';
  /** the whole code as printed, check digit included (the printer adds it to a 12- or 7-digit body) */
  data: string;
  x: number;
  y: number;
  module: number;
  height: number;
  readable: boolean;
}

export interface DecodedText {
  x: number;
  y: number;
  height: number;
  text: string;
}

export interface DecodedBitmap {
  x: number;
  y: number;
  bitmap: Bitmap;
}

/** One printed label, as the printer understood it; sizes and positions in dots. */
export interface DecodedLabel {
  language: 'tspl' | 'zpl';
  width: number;
  height: number;
  barcodes: DecodedBarcode[];
  texts: DecodedText[];
  bitmaps: DecodedBitmap[];
  copies: number;
}

export interface LabelSink {
  label(label: DecodedLabel): void;
  statusQuery(): void;
  /** a command it did not understand or could not carry out, with why */
  unknown(command: string, why: string): void;
}

/** What a printer makes of EAN field data: a body gets its check digit; a whole code must check. */
export function eanPayload(symbology: 'ean13' | 'ean8', field: string): string | null {
  const body = symbology === 'ean13' ? 12 : 7;
  if (!/^\d+$/.test(field)) return null;
  if (field.length === body) return withCheckDigit(field);
  if (field.length === body + 1 && isValidGtin(field)) return field;
  return null;
}
