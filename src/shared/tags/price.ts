import { divRound, type Kopecks, type Milli } from '../money.js';

const NBSP = '\u00a0';

/** Roubles grouped by thousands ("1 299", no-break spaces) and kopecks as two digits, as a tag prints them. */
export function priceParts(price: Kopecks): { roubles: string; kopecks: string } {
  if (!Number.isSafeInteger(price) || price < 0) throw new RangeError(`a tag price is whole non-negative kopecks, got ${price}`);
  const roubles = String(Math.floor(price / 100)).replace(/\B(?=(\d{3})+$)/g, NBSP);
  return { roubles, kopecks: String(price % 100).padStart(2, '0') };
}

/** "599,00 ₽" */
export function formatTagPrice(price: Kopecks): string {
  const { roubles, kopecks } = priceParts(price);
  return `${roubles},${kopecks}${NBSP}₽`;
}

/**
 * The price of 1 kg (or 1 l) of a pack of `net` thousandths of a kg (grams) or litre
 * (millilitres), rounded half up to the kopeck: 89,90 ₽ for 930 g → 96,67 ₽ per kg.
 */
export function pricePerKgOrLitre(price: Kopecks, net: Milli): Kopecks {
  if (!Number.isSafeInteger(net) || net <= 0) throw new RangeError(`a pack's net quantity is positive thousandths, got ${net}`);
  return divRound(price * 1000, net);
}

/** "2026-03-12" → "12.03.2026" */
export function formatTagDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`not a date: "${isoDate}"`);
  return `${m[3]}.${m[2]}.${m[1]}`;
}
