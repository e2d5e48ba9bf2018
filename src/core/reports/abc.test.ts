import { describe, expect, it } from 'vitest';
import { hundredths, rankAbc, type AbcRanks } from './abc.js';

/** Ranks products numbered from 0 in the order given. */
function rank(values: readonly number[], limit: number | null = null, products = values.map((_, i) => i)): AbcRanks {
  return rankAbc(Int32Array.from(products), Float64Array.from(values), limit);
}

/** ABC as the definition reads, in BigInt: the ranking rankAbc must give. */
function reference(products: readonly number[], values: readonly number[], limit: number | null): AbcRanks {
  const kept = products.map((product, i) => ({ product, value: BigInt(values[i] ?? 0) })).filter((p) => p.value > 0n)
    .sort((a, b) => (a.value === b.value ? a.product - b.product : a.value > b.value ? -1 : 1));
  const total = kept.reduce((acc, p) => acc + p.value, 0n);
  const percent = (part: bigint) => Number((part * 20_000n + total) / (2n * total));
  let running = 0n;
  const ranked = kept.map((p) => {
    const abc = (running * 100n < total * 80n ? 'A' : running * 100n < total * 95n ? 'B' : 'C') as 'A' | 'B' | 'C';
    running += p.value;
    return { product: p.product, value: Number(p.value), share: percent(p.value), cumulative: percent(running), abc };
  });
  const classes = (['A', 'B', 'C'] as const).map((abc) => {
    const of = ranked.filter((r) => r.abc === abc);
    return { abc, products: of.length, value: of.reduce((acc, r) => acc + r.value, 0) };
  });
  return { classes, rows: limit === null ? ranked : ranked.slice(0, limit) };
}

/** A deterministic generator (mulberry32), so a failure can be run again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('ABC ranking', () => {
  it('A holds the goods that make the first 80 %, B the next 15 %, C the tail; nothing with no value is ranked', () => {
    const { rows, classes } = rank([500, 200, 100, 80, 50, 30, 20, 10, 6, 4, 0, -5]);
    expect(rows.map((r) => r.abc).join('')).toBe('AAABBBCCCC');
    expect(rows.map((r) => r.share)).toEqual([5000, 2000, 1000, 800, 500, 300, 200, 100, 60, 40]);
    expect(rows.map((r) => r.cumulative)).toEqual([5000, 7000, 8000, 8800, 9300, 9600, 9800, 9900, 9960, 10_000]);
    expect(classes).toEqual([{ abc: 'A', products: 3, value: 800 }, { abc: 'B', products: 3, value: 160 }, { abc: 'C', products: 4, value: 40 }]);
  });

  it('a product is in the class its share starts in: one starting at exactly 80 % is B, at exactly 95 % C', () => {
    expect(rank([80, 15, 5]).rows.map((r) => r.abc).join('')).toBe('ABC');
    expect(rank([60, 40]).rows.map((r) => r.abc).join('')).toBe('AA');
  });

  it('equal values rank by product key', () => {
    const { rows } = rank([10, 10, 20, 10], null, [3, 5, 7, 9]);
    expect(rows.map((r) => [r.product, r.share, r.cumulative])).toEqual([[7, 4000, 4000], [3, 2000, 6000], [5, 2000, 8000], [9, 2000, 10_000]]);
    expect(rows.map((r) => r.abc).join('')).toBe('AAAB');
    expect(() => rank([10, 10], null, [5, 3])).toThrow(RangeError);
  });

  it('values too large to pack with their place still rank by value, then key', () => {
    // four products: places take 2 bits, so values from 2^51 up are sorted apart
    const big = 2 ** 51;
    const { rows } = rank([big, 7, big + 5, big], null, [1, 2, 3, 4]);
    expect(rows.map((r) => r.product)).toEqual([3, 1, 4, 2]);
  });

  it('shares round half up', () => {
    // 1 of 32 is 3.125 %: 312.5 hundredths
    expect(hundredths(1, 32)).toBe(313);
    expect(hundredths(1, 3)).toBe(3333);
    expect(hundredths(2, 3)).toBe(6667);
  });

  it('ranks a year of a big shop: shares stay exact where value × 20,000 passes 2^53', () => {
    const { rows } = rank([900_773_963_063, 661_132_413_577]);
    expect(rows.map((r) => [r.share, r.cumulative])).toEqual([[5767, 5767], [4233, 10_000]]);
  });

  it('the first rows only, the classes of all; nothing sold, nothing ranked', () => {
    const { rows, classes } = rank([5, 50, 500, 5000], 2);
    expect(rows.map((r) => r.product)).toEqual([3, 2]);
    expect(classes.reduce((acc, c) => acc + c.products, 0)).toBe(4);
    expect(rank([0, -3])).toEqual({ classes: [{ abc: 'A', products: 0, value: 0 }, { abc: 'B', products: 0, value: 0 }, { abc: 'C', products: 0, value: 0 }], rows: [] });
  });

  it('agrees with the definition on random shops: ties, returns beyond sales, totals past 2^53 / 20,000', () => {
    const next = random(20_261_123);
    for (let shop = 0; shop < 200; shop++) {
      const n = 1 + Math.floor(next() * 300);
      // small shops' values tie often; big ones' pass the doubles' exact range once multiplied out, the biggest even
      // packed with their place
      const scale = [10, 1_000, 1e7, 4e11, 2e13][shop % 5] ?? 10;
      const products = Array.from({ length: n }, (_, i) => i * 3 + 1);
      const values = products.map(() => (next() < 0.1 ? -Math.floor(next() * scale) : Math.floor(next() * scale)));
      const limit = shop % 3 === 0 ? null : Math.floor(next() * n) + 1;
      expect(rankAbc(Int32Array.from(products), Float64Array.from(values), limit), `shop ${shop}`).toEqual(reference(products, values, limit));
    }
  });

  it('refuses a total beyond exact arithmetic rather than round it', () => {
    expect(() => rank([2 ** 52, 2 ** 52, 2 ** 52])).toThrow(RangeError);
  });
});
