import { makeWeightBarcode } from '../../shared/barcode/weight.js';
import { demoCatalog } from '../setup/demo-catalog.js';

/** Piece goods of the demo shop, and one weighed line (PLU 3, 1.234 kg) at position 2. */
const PIECES = demoCatalog().filter((p) => p.unit === 'pcs').slice(0, 6).map((p) => p.barcodes[0] ?? '');
export const CRASH_WEIGHED = { code: makeWeightBarcode('22', '3', 1234), qty: 1234 };

/** What the crash child scans as line `i` of a receipt: every line a new product. */
export function crashLineCode(i: number): string {
  if (i === 2) return CRASH_WEIGHED.code;
  return PIECES[i] ?? PIECES[0] ?? '';
}
