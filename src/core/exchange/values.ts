/**
 * Values as they come in suppliers' files and 1C exports, read strictly: a cell either parses
 * exactly or is refused with the reason (an i18n key), never guessed at.
 */
import { isValidGtin } from '../../shared/barcode/ean.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import { divRound, parseScaled } from '../../shared/money.js';
import type { Unit } from '../../shared/catalog-import.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: MessageKey };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const refuse = (message: MessageKey): Parsed<never> => ({ ok: false, message });

/**
 * A number as a person or a program wrote it: "1 234,56", "1234.56", "1,234.56", "1.234,56".
 * With both a comma and a dot, the last one is the decimal point and the other groups digits.
 */
function decimal(text: string, scale: number, signed: boolean): number | null {
  let t = text.trim();
  const comma = t.lastIndexOf(',');
  const dot = t.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) t = comma > dot ? t.replaceAll('.', '') : t.replaceAll(',', '');
  return parseScaled(t, scale, signed);
}

const CURRENCY = /^(?:₽\s*)?(.*?)\s*(?:₽|руб\.?|р\.?|rub|rur)?$/i;
const PLAIN_NUMBER = /^[\d\s\u00a0,.]+$/;

/** Roubles → kopecks: "1 234,56", "99 р.", "99,90 ₽". At most two decimals: a price is never rounded here. */
export function parseMoney(text: string): Parsed<number> {
  const t = text.trim();
  const kop = decimal(PLAIN_NUMBER.test(t) ? t : CURRENCY.exec(t)?.[1] ?? '', 2, false);
  return kop === null ? refuse('import.notAmount') : ok(kop);
}

/** A quantity in units (pieces, kg, l) → thousandths: "0,5" kg → 500. */
export function parseQty(text: string, unit: Unit): Parsed<number> {
  const qty = decimal(text, 3, false);
  if (qty === null) return refuse('import.notQuantity');
  return unit === 'pcs' && qty % 1000 !== 0 ? refuse('import.pieceFraction') : ok(qty);
}

/**
 * A decimal from a 1C file rounded half up to `scale` places: 1C writes prices per unit with up
 * to four decimals and stock to any precision, and that is the owner's data, not a typing slip.
 */
export function parseRounded(text: string, scale: number, signed: boolean): number | null {
  const fine = decimal(text, scale + 4, signed);
  return fine === null ? null : divRound(fine, 10_000);
}

/** Excel's rendering of a long number: the digits past the fifteenth (or the fifth) are gone. */
const SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;

/**
 * One barcode, normalised as the catalogue stores it: UPC-A and GTIN-14 with a leading zero
 * become their EAN-13. The check digit must hold: a mistyped code would never scan.
 */
export function parseBarcode(text: string): Parsed<string> {
  const code = text.replace(/[\s\u00a0]/g, '');
  if (SCIENTIFIC.test(code)) return refuse('import.barcodeScientific');
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(code)) return refuse('import.barcodeInvalid');
  if (!isValidGtin(code)) return refuse('import.barcodeCheckDigit');
  if (code.length === 12) return ok(`0${code}`);
  return ok(code.length === 14 && code.startsWith('0') ? code.slice(1) : code);
}

const ONE_CODE = /^\d+$/;

/** Several barcodes in one cell, separated by "," ";" or line breaks; repeats dropped. */
export function parseBarcodeList(text: string): Parsed<string[]> {
  if (ONE_CODE.test(text)) {
    const r = parseBarcode(text);
    return r.ok ? ok([r.value]) : r;
  }
  // Russian Excel writes 4,6007E+12: its comma is no list separator
  if (SCIENTIFIC.test(text.replace(/[\s\u00a0]/g, ''))) return refuse('import.barcodeScientific');
  const codes: string[] = [];
  for (const piece of text.split(/[,;\r\n]+/)) {
    if (piece.trim() === '') continue;
    const r = parseBarcode(piece);
    if (!r.ok) return r;
    if (!codes.includes(r.value)) codes.push(r.value);
  }
  return ok(codes);
}

const UNITS: Record<string, Unit> = {
  'шт': 'pcs', 'штук': 'pcs', 'штука': 'pcs', 'штуки': 'pcs', 'ед': 'pcs', 'pcs': 'pcs', 'pc': 'pcs', 'piece': 'pcs', 'pieces': 'pcs', 'pce': 'pcs', '796': 'pcs',
  'кг': 'kg', 'килограмм': 'kg', 'kg': 'kg', 'kgm': 'kg', '166': 'kg',
  'л': 'l', 'литр': 'l', 'l': 'l', 'ltr': 'l', 'litre': 'l', 'liter': 'l', '112': 'l',
};

/** "шт", "кг.", "Литр", "pcs", or an OKEI code (796, 166, 112) as 1C writes them. */
export function parseUnit(text: string): Parsed<Unit> {
  const unit = UNITS[text.trim().toLowerCase().replace(/\.$/, '')];
  return unit ? ok(unit) : refuse('import.unknownUnit');
}

/**
 * A VAT rate → its code in `vat_rates`: "22%", "НДС 10 %", "0", "без НДС" → '22', '10', '0',
 * 'none'. Any whole percent is read; whether the shop has that rate is for the catalogue to say.
 */
export function parseVat(text: string): Parsed<string> {
  const t = text.trim().toLowerCase().replace(/ё/g, 'е');
  if (/^(без\s*(ндс|налога)|не\s*облагается|none|no\s*vat|-|—)$/.test(t)) return ok('none');
  const m = /^(?:ндс|vat)?\s*(\d{1,2})\s*%?$/.exec(t);
  return m?.[1] ? ok(String(Number(m[1]))) : refuse('import.unknownVat');
}

const YES = new Set(['да', 'д', 'yes', 'y', '1', 'true', 'истина', '+', 'x', 'х']);
const NO = new Set(['нет', 'н', 'no', 'n', '0', 'false', 'ложь', '-']);

export function parseYesNo(text: string): Parsed<boolean> {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return ok(true);
  if (NO.has(t)) return ok(false);
  return refuse('import.notYesNo');
}
