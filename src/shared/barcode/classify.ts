import { isValidGtin } from './ean.js';
import { GS, parseGs1, type Gs1Code } from './gs1.js';
import { DEFAULT_WEIGHT_LAYOUT, parseWeightBarcode, type WeightLayout } from './weight.js';

/** What a scan is, so the till knows whether to look up a product, weigh it, or record a mark. */
export type BarcodeKind =
  | { kind: 'ean13'; code: string }
  | { kind: 'ean8'; code: string }
  /** UPC-A; `ean13` is the same number as EAN-13 (leading 0), which is how catalogues store it */
  | { kind: 'upc'; code: string; ean13: string }
  | { kind: 'weight'; code: string; plu: string; weight: number }
  /** a GS1 element string (DataMatrix marking code, GS1-128, GS1 QR); `ean13` when the GTIN has one */
  | { kind: 'datamatrix'; code: string; gtin: string | null; ean13: string | null; gs1: Gs1Code }
  | { kind: 'unknown'; code: string; reason: string };

export interface ClassifyOptions {
  weightLayout?: WeightLayout;
}

/** GTIN-14 with a leading 0 is an EAN-13: the catalogue key for a marked product. */
function gtinToEan13(gtin: string): string | null {
  return gtin.length === 14 && gtin.startsWith('0') ? gtin.slice(1) : null;
}

function looksGs1(code: string): boolean {
  return /^\](d2|C1|Q3|e0)/.test(code) || code.includes(GS) || /^01\d{14}./.test(code) || code.length === 29;
}

export function classifyBarcode(raw: string, options: ClassifyOptions = {}): BarcodeKind {
  const code = raw.replace(/[\r\n]+$/, '');
  if (/^\d+$/.test(code)) {
    if (code.length === 13) {
      if (!isValidGtin(code)) return { kind: 'unknown', code, reason: 'check digit' };
      const w = parseWeightBarcode(code, options.weightLayout ?? DEFAULT_WEIGHT_LAYOUT);
      return w ? { kind: 'weight', code, plu: w.plu, weight: w.weight } : { kind: 'ean13', code };
    }
    if (code.length === 8) return isValidGtin(code) ? { kind: 'ean8', code } : { kind: 'unknown', code, reason: 'check digit' };
    if (code.length === 12) return isValidGtin(code) ? { kind: 'upc', code, ean13: '0' + code } : { kind: 'unknown', code, reason: 'check digit' };
  }
  if (looksGs1(code)) {
    const r = parseGs1(code);
    if (r.ok) {
      const gtin = r.code.fields.gtin ?? null;
      return { kind: 'datamatrix', code, gtin, ean13: gtin ? gtinToEan13(gtin) : null, gs1: r.code };
    }
    return { kind: 'unknown', code, reason: r.error };
  }
  return { kind: 'unknown', code, reason: 'not a retail barcode' };
}
