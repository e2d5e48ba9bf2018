/**
 * Money is integer kopecks; quantities are integer thousandths (1 piece = 1000,
 * 1 kg = 1000 g). Nothing in here touches a float on the way to a stored amount.
 */
export type Kopecks = number;
export type Milli = number;

export const QTY_ONE = 1000;

/** Rounds n / d half away from zero, for integers (d > 0). */
export function divRound(n: number, d: number): number {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d <= 0) {
    throw new RangeError(`divRound needs safe integers and d > 0, got ${n}/${d}`);
  }
  const sign = n < 0 ? -1 : 1;
  const a = Math.abs(n);
  const q = Math.floor(a / d);
  const r = a - q * d;
  // `+ 0` turns a negative zero (-1/3) into 0, which Intl would print as "-0,00"
  return sign * (r * 2 >= d ? q + 1 : q) + 0;
}

/**
 * Rounds a × b / d half away from zero, exactly even where a × b passes 2^53 (a share in hundredths of a
 * percent of a year's revenue: billions of kopecks × 10,000).
 */
export function mulDivRound(a: number, b: number, d: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) return divRound(product, d);
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(d) || d <= 0) {
    throw new RangeError(`mulDivRound needs safe integers and d > 0, got ${a}×${b}/${d}`);
  }
  const n = BigInt(a) * BigInt(b);
  const big = BigInt(d);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = abs / big + (2n * (abs % big) >= big ? 1n : 0n);
  return Number(negative ? -q : q) + 0;
}

/** Line sum: price per unit × quantity in thousandths, rounded half up to the kopeck. */
export function lineAmount(price: Kopecks, qty: Milli): Kopecks {
  return divRound(price * qty, QTY_ONE);
}

/** VAT contained in a VAT-inclusive amount at `ratePercent` (22 → 22 %). */
export function vatIncluded(amount: Kopecks, ratePercent: number | null): Kopecks {
  if (ratePercent === null || ratePercent === 0) return 0;
  return divRound(amount * ratePercent, 100 + ratePercent);
}

/** Percent given in hundredths (550 = 5.5 %) of an amount, rounded half up. */
export function percentOf(amount: Kopecks, basisPoints: number): Kopecks {
  return divRound(amount * basisPoints, 10_000);
}

/**
 * Splits `total` across `weights` in proportion, so that the parts add up to
 * `total` exactly (largest remainder). Used to spread a receipt discount over lines.
 */
export function allocate(total: Kopecks, weights: readonly number[]): Kopecks[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  // total × weight must stay exact; past 2^53 (a discount of millions on lines of millions) work in BigInt
  if (!Number.isSafeInteger(sum) || weights.some((w) => !Number.isSafeInteger(Math.abs(total) * w))) return allocateBig(total, weights, sum);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = weights
    .map((w, i) => ({ i, frac: (total * w) % sum }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) {
    const slot = order[k];
    if (slot) parts[slot.i] = (parts[slot.i] ?? 0) + 1;
  }
  return parts;
}

function allocateBig(total: Kopecks, weights: readonly number[], sum: number): Kopecks[] {
  const t = BigInt(total);
  const s = BigInt(sum);
  const floorDiv = (a: bigint, b: bigint) => (a % b !== 0n && a < 0n ? a / b - 1n : a / b);
  const parts = weights.map((w) => floorDiv(t * BigInt(w), s));
  let rest = t - parts.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((w, i) => ({ i, frac: t * BigInt(w) - (parts[i] ?? 0n) * s }))
    .sort((a, b) => (b.frac > a.frac ? 1 : b.frac < a.frac ? -1 : a.i - b.i));
  for (let k = 0; rest > 0n; k = (k + 1) % order.length, rest--) {
    const slot = order[k];
    if (slot) parts[slot.i] = (parts[slot.i] ?? 0n) + 1n;
  }
  return parts.map(Number);
}

/**
 * A decimal as a person writes it ("1 234,56", "1234.5", "0,005") → an integer count of
 * 10^-scale units, exactly: the digits are joined as text, never multiplied as a float.
 * Null when the text is not such a number, has more than `scale` decimals, or does not fit
 * a safe integer.
 */
export function parseScaled(text: string, scale: number, signed: boolean): number | null {
  const clean = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(clean);
  if (!m || (m[1] && !signed) || (m[3] ?? '').length > scale) return null;
  const units = Number((m[2] ?? '') + (m[3] ?? '').padEnd(scale, '0'));
  if (!Number.isSafeInteger(units)) return null;
  return m[1] ? -units : units;
}

/** "1234.5" / "1 234,50" / "12" → kopecks. Throws on anything else. */
export function parseRoubles(text: string): Kopecks {
  const kop = parseScaled(text, 2, true);
  if (kop === null) throw new RangeError(`not an amount: "${text}"`);
  return kop;
}

/** "1,250" / "0.5" kilograms (or litres) → thousandths. */
export function parseQuantity(text: string): Milli {
  const qty = parseScaled(text, 3, false);
  if (qty === null) throw new RangeError(`not a quantity: "${text}"`);
  return qty;
}

/** An integer count of 10^-scale units → "1234.50" (scale 2): exact, with a dot, for files. */
export function formatScaled(units: number, scale: number): string {
  const sign = units < 0 ? '-' : '';
  const digits = String(Math.abs(units)).padStart(scale + 1, '0');
  return scale === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Kopecks → "1234.50" (plain, for receipts and files; UI uses Intl). */
export function formatPlain(amount: Kopecks): string {
  return formatScaled(amount, 2);
}

/** Thousandths → "1.250" for weighed goods, "3" for pieces. */
export function formatQty(qty: Milli, weighed: boolean): string {
  return weighed ? formatScaled(qty, 3) : String(qty / QTY_ONE);
}
