import { gtinCheckDigit } from './ean.js';

/**
 * In-store weight barcodes (EAN-13 with prefix 20–29). The layout is a 13-letter
 * template, because scales in the field are set up differently:
 *   P prefix digit, C product code (PLU), W weight in grams, K check digit, X ignored.
 * The common default is "PPCCCCCWWWWWK": 2-digit prefix, 5-digit PLU, weight in grams.
 */
export interface WeightLayout {
  template: string;
  prefixes: readonly string[];
}

export const DEFAULT_WEIGHT_LAYOUT: WeightLayout = {
  template: 'PPCCCCCWWWWWK',
  prefixes: ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'],
};

export interface WeightBarcode {
  plu: string;
  /** thousandths of a kilogram, i.e. grams */
  weight: number;
}

export function validateLayout(layout: WeightLayout): string | null {
  if (!/^[PCWKX]{13}$/.test(layout.template)) return 'template must be 13 letters of P, C, W, K, X';
  if (!layout.template.includes('C')) return 'template needs product code digits (C)';
  if (!layout.template.includes('W')) return 'template needs weight digits (W)';
  const p = layout.template.split('').filter((ch) => ch === 'P').length;
  if (layout.prefixes.some((pre) => pre.length !== p || !/^\d+$/.test(pre))) return `prefixes must be ${p} digits`;
  return null;
}

function pick(code: string, template: string, letter: string): string {
  let out = '';
  for (let i = 0; i < template.length; i++) if (template[i] === letter) out += code[i];
  return out;
}

/** Parses a weight barcode, or returns null when `code` is not one under `layout`. */
export function parseWeightBarcode(code: string, layout: WeightLayout = DEFAULT_WEIGHT_LAYOUT): WeightBarcode | null {
  if (!/^\d{13}$/.test(code)) return null;
  if (!layout.prefixes.includes(pick(code, layout.template, 'P'))) return null;
  if (layout.template.endsWith('K') && gtinCheckDigit(code.slice(0, 12)) !== Number(code[12])) return null;
  const plu = pick(code, layout.template, 'C').replace(/^0+(?=\d)/, '');
  const weight = Number(pick(code, layout.template, 'W'));
  return { plu, weight };
}

/** Builds a weight barcode (what a label scale prints) — for the demo shop and tests. */
export function makeWeightBarcode(prefix: string, plu: string, grams: number, layout: WeightLayout = DEFAULT_WEIGHT_LAYOUT): string {
  const cLen = layout.template.split('').filter((ch) => ch === 'C').length;
  const wLen = layout.template.split('').filter((ch) => ch === 'W').length;
  const parts: Record<string, string> = {
    P: prefix,
    C: plu.padStart(cLen, '0'),
    W: String(grams).padStart(wLen, '0'),
    X: '0'.repeat(13),
  };
  const used: Record<string, number> = { P: 0, C: 0, W: 0, X: 0 };
  let body = '';
  for (const letter of layout.template.slice(0, 12)) {
    body += parts[letter]?.[used[letter] ?? 0] ?? '0';
    used[letter] = (used[letter] ?? 0) + 1;
  }
  return body + String(gtinCheckDigit(body));
}
