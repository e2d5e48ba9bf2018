import { concat } from '../bytes.js';
import type { Label, LabelElement } from './label.js';

const ascii = (s: string) => new TextEncoder().encode(s);

/** TSPL numbers: millimetres to a tenth, no exponent. */
const mm = (n: number) => String(Math.round(n * 10) / 10);

/** ESC ! ? — the one-byte status query, answered at once even mid-job. */
export const TSPL_STATUS_QUERY = Uint8Array.of(0x1b, 0x21, 0x3f);

export function quoteTspl(s: string): string {
  if (!/^[\x20-\x7e]*$/.test(s) || s.includes('"')) throw new RangeError(`TSPL text is printable ASCII without quotes: ${JSON.stringify(s)}`);
  return `"${s}"`;
}

/** A TSPL bitmap's rows: its bits are inverted from ours (0 burns a dot). */
function bitmapCommand(e: Extract<LabelElement, { kind: 'bitmap' }>): Uint8Array {
  const { bitmap } = e;
  const data = bitmap.bits.map((b) => b ^ 0xff);
  return concat(ascii(`BITMAP ${e.x},${e.y},${bitmap.bytesPerRow},${bitmap.height},0,`), data, ascii('\r\n'));
}

function element(e: LabelElement): Uint8Array {
  switch (e.kind) {
    case 'bitmap':
      return bitmapCommand(e);
    case 'barcode':
      // human readable 1: the digits under the bars; narrow = wide = the module for EAN
      return ascii(`BARCODE ${e.x},${e.y},"${e.symbology === 'ean13' ? 'EAN13' : 'EAN8'}",${e.height},1,0,${e.module},${e.module},${quoteTspl(e.body)}\r\n`);
    case 'text': {
      // font "3" is 24 dots high at 203 dpi; whole multiples of it come nearest the height asked
      const cell = 24;
      const mul = Math.max(Math.round(e.height / cell), 1);
      return ascii(`TEXT ${e.x},${e.y},"3",0,${mul},${mul},${quoteTspl(e.text)}\r\n`);
    }
  }
}

/** One label as TSPL: size and gap, clear the buffer, draw, print one copy. */
export function encodeTspl(label: Label, gapMm = 2): Uint8Array {
  return concat(
    ascii(`SIZE ${mm(label.widthMm)} mm,${mm(label.heightMm)} mm\r\nGAP ${mm(gapMm)} mm,0 mm\r\nCLS\r\n`),
    ...label.elements.map(element),
    ascii('PRINT 1,1\r\n'),
  );
}
