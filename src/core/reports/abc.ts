/**
 * ABC ranking (issue #4: the year's ABC over half a million products within 2 s). It runs in the read
 * thread (db/read-thread.ts) on the period's values in typed arrays: sorting indices there takes a fraction
 * of what SQLite's window function took to write every row to an ephemeral table and read it back.
 */

export type AbcClassName = 'A' | 'B' | 'C';

const CLASSES: readonly AbcClassName[] = ['A', 'B', 'C'];

export interface AbcRankedRow {
  product: number;
  value: number;
  /** the product's share of the total and the running share up to and including it, in hundredths of a percent */
  share: number;
  cumulative: number;
  abc: AbcClassName;
}

export interface AbcRanks {
  /** A, B and C in that order: how many products and their value */
  classes: { abc: AbcClassName; products: number; value: number }[];
  /** the first `limit` products of the ranking */
  rows: AbcRankedRow[];
}

/**
 * Ranks `products` (keys, in ascending order, as `GROUP BY product ORDER BY product` gives them) by their `values`
 * (kopecks): highest value first, equal values by key, nothing with no value (zero or less) ranked. A while the running
 * total before the product is under 80 % of the total, B under 95 %, C the rest: a product is in the class its share
 * starts in, so the one that crosses 80 % is still A (with two products, both can be). Shares are hundredths of a
 * percent rounded half up, in integers: exact for any total below 2^53 kopecks.
 */
export function rankAbc(products: Int32Array, values: Float64Array, limit: number | null): AbcRanks {
  if (products.length !== values.length) throw new RangeError('rankAbc: a value for each product');
  const kept = new Uint32Array(values.length);
  let ranked = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    // ties are broken by place below, which is the key's order only if the keys ascend
    if (i > 0 && (products[i] ?? 0) <= (products[i - 1] ?? 0)) throw new RangeError('rankAbc: products in ascending order of key');
    const value = values[i] ?? 0;
    if (value <= 0) continue;
    kept[ranked++] = i;
    total += value;
  }
  // values are integers, each at most the total: below 2^53 every partial sum is exact
  if (!Number.isSafeInteger(total)) throw new RangeError(`ABC: a total of ${total} kopecks is beyond exact arithmetic`);
  const byRank = byValue(values, kept.subarray(0, ranked));
  // the class of a product by the running total before it: A while it × 100 < total × 80, that is below ⌈4 total / 5⌉,
  // B below ⌈19 total / 20⌉; with total = 5q + r, ⌈4 total / 5⌉ = 4q + r (r < 5), and so for 20 and 19
  const belowA = 4 * Math.floor(total / 5) + (total % 5);
  const belowB = 19 * Math.floor(total / 20) + (total % 20);
  const counts = [0, 0, 0];
  const sums = [0, 0, 0];
  const shown = limit === null ? ranked : Math.min(limit, ranked);
  const rows: AbcRankedRow[] = [];
  let running = 0;
  for (let k = 0; k < ranked; k++) {
    const i = byRank[k] ?? 0;
    const value = values[i] ?? 0;
    const c = running < belowA ? 0 : running < belowB ? 1 : 2;
    running += value;
    counts[c] = (counts[c] ?? 0) + 1;
    sums[c] = (sums[c] ?? 0) + value;
    if (k < shown) {
      rows.push({ product: products[i] ?? 0, value, share: hundredths(value, total), cumulative: hundredths(running, total), abc: CLASSES[c] ?? 'C' });
    }
  }
  return { classes: CLASSES.map((abc, c) => ({ abc, products: counts[c] ?? 0, value: sums[c] ?? 0 })), rows };
}

/**
 * The places `at` (ascending) ordered by their values, highest first, equal values in the order they come. Each value
 * and its place are packed into one double and the doubles sorted as numbers: a year's half a million in 0.1 s, under
 * half what a sort with a comparator takes. Packing is exact below 2^53; values too large for it (from 2^33 kopecks
 * with a year's places; 9 products in the bench's year) all pack as the largest that fits, so they come first, tied,
 * and few: they are sorted apart.
 */
function byValue(values: Float64Array, at: Uint32Array): Uint32Array {
  const bits = Math.max(1, 32 - Math.clz32(at.length - 1));
  const place = 2 ** bits;
  const cap = 2 ** (53 - bits) - 1;
  const keys = new Float64Array(at.length);
  let large = 0;
  for (let k = 0; k < at.length; k++) {
    const value = values[at[k] ?? 0] ?? 0;
    if (value >= cap) large++;
    keys[k] = -Math.min(value, cap) * place + k;
  }
  keys.sort();
  const order = new Uint32Array(at.length);
  for (let r = 0; r < keys.length; r++) {
    const key = keys[r] ?? 0;
    order[r] = at[key - Math.floor(key / place) * place] ?? 0;
  }
  if (large > 1) order.subarray(0, large).sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0) || a - b);
  return order;
}

/** `part` of `total` in hundredths of a percent, rounded half up: ⌊(part × 20,000 + total) / (2 total)⌋. */
export function hundredths(part: number, total: number): number {
  const n = part * 20_000 + total;
  // below 2^53 both are exact, and so is the floor of their quotient: it could round up to the next integer only if
  // (2 total) × quotient passed 2^53, and that product is at most n
  if (n <= Number.MAX_SAFE_INTEGER) return Math.floor(n / (2 * total));
  return Number((BigInt(part) * 20_000n + BigInt(total)) / (2n * BigInt(total)));
}
