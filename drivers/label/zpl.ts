import type { Label, LabelElement } from './label.js';
import { dotsPerMm } from './label.js';

/** ~HS — host status: three framed lines (paper out, pause; head up, ribbon out…). */
export const ZPL_STATUS_QUERY = new TextEncoder().encode('~HS');

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase());

export function zplFieldData(s: string): string {
  if (!/^[\x20-\x7e]*$/.test(s) || /[\^~]/.test(s)) throw new RangeError(`ZPL field data is printable ASCII without ^ or ~: ${JSON.stringify(s)}`);
  return s;
}

function element(e: LabelElement): string {
  switch (e.kind) {
    case 'bitmap': {
      const b = e.bitmap;
      const total = b.bytesPerRow * b.height;
      let hex = '';
      for (const byte of b.bits) hex += HEX[byte];
      // ^GFA: ASCII hex, 1 burns a dot, as our bitmaps are
      return `^FO${e.x},${e.y}^GFA,${total},${total},${b.bytesPerRow},${hex}^FS\n`;
    }
    case 'barcode':
      // ^BE EAN-13 / ^B8 EAN-8: orientation N, bar height, digits below (Y), not above (N)
      return `^FO${e.x},${e.y}^BY${e.module}^B${e.symbology === 'ean13' ? 'E' : '8'}N,${e.height},Y,N^FD${zplFieldData(e.body)}^FS\n`;
    case 'text':
      return `^FO${e.x},${e.y}^A0N,${e.height},${e.height}^FD${zplFieldData(e.text)}^FS\n`;
  }
}

/** One label as ZPL II: print width and label length in dots, the fields, one copy. */
export function encodeZpl(label: Label): Uint8Array {
  const k = dotsPerMm(label.dpi);
  const zpl = `^XA\n^PW${Math.round(label.widthMm * k)}\n^LL${Math.round(label.heightMm * k)}\n^LH0,0\n${label.elements.map(element).join('')}^PQ1\n^XZ\n`;
  return new TextEncoder().encode(zpl);
}
