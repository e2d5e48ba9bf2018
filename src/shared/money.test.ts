import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, divRound, formatPlain, mulDivRound, formatQty, formatScaled, lineAmount, parseQuantity, parseRoubles, parseScaled, percentOf, vatIncluded } from './money.js';

describe('mulDivRound: a × b / d exactly, past 2^53 too', () => {
  it('agrees with divRound where the product is safe, and with BigInt arithmetic where it is not', () => {
    expect(mulDivRound(7, 5, 2)).toBe(18);
    expect(mulDivRound(-7, 5, 2)).toBe(-18);
    // a year's revenue of 9 billion roubles as a share of 15.6 billion, in hundredths of a percent
    expect(mulDivRound(900_773_963_063, 10_000, 1_561_906_376_640)).toBe(5767);
    fc.assert(fc.property(fc.integer({ min: -1e15, max: 1e15 }), fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e15 }), (a, b, d) => {
      const exact = (BigInt(a) * BigInt(b) * 2n + (a < 0 ? -1n : 1n) * BigInt(d)) / (2n * BigInt(d));
      expect(mulDivRound(a, b, d)).toBe(Number(exact) + 0);
    }));
  });
});

describe('divRound: integer division rounded half away from zero', () => {
  it.each([
    [5, 2, 3], [4, 2, 2], [7, 3, 2], [8, 3, 3], [1, 2, 1], [1, 3, 0], [0, 7, 0],
    [-5, 2, -3], [-7, 3, -2], [-8, 3, -3], [-1, 2, -1], [-1, 3, 0],
  ])('%i / %i = %i', (n, d, q) => {
    expect(divRound(n, d)).toBe(q);
  });

  it('is symmetric around zero and never more than half a unit off', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
      const q = divRound(n, d);
      expect(divRound(-n, d)).toBe(-q || 0);
      expect(Math.abs(q * d - n) * 2).toBeLessThanOrEqual(d);
    }));
  });

  it('refuses what it cannot do exactly', () => {
    expect(() => divRound(1.5, 2)).toThrow(RangeError);
    expect(() => divRound(1, 0)).toThrow(RangeError);
    expect(() => divRound(1, -2)).toThrow(RangeError);
    expect(() => divRound(2 ** 60, 3)).toThrow(RangeError);
  });
});

describe('lineAmount: price × quantity in thousandths, to the kopeck', () => {
  it.each([
    [8899, 1000, 8899], // one piece
    [8899, 3000, 26697], // three pieces
    [12990, 1234, 16030], // 1.234 kg at 129.90: 160.2966 → 160.30
    [1, 500, 1], // half a kopeck rounds up
    [1, 499, 0],
    [99, 5, 0], [100, 5, 1], // 0.495 → 0, 0.5 → 1
    [0, 1000, 0],
  ])('%i × %i = %i', (price, qty, total) => {
    expect(lineAmount(price, qty)).toBe(total);
  });
});

describe('vatIncluded: the VAT inside a VAT-inclusive amount', () => {
  it.each([
    [12200, 22, 2200], [11000, 10, 1000], [100, 22, 18], [100, 10, 9], [8899, 10, 809], [8899, 22, 1605],
    [12200, 0, 0], [12200, null, 0], [0, 22, 0], [-12200, 22, -2200], [1, 22, 0], [3, 22, 1],
  ])('%i at %s %% → %i', (amount, rate, vat) => {
    expect(vatIncluded(amount, rate)).toBe(vat);
  });

  it('never exceeds the amount and is exact to half a kopeck', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e10 }), fc.constantFrom(22, 10, 20, 18), (amount, rate) => {
      const vat = vatIncluded(amount, rate);
      expect(vat).toBeLessThanOrEqual(amount);
      expect(Math.abs(vat * (100 + rate) - amount * rate) * 2).toBeLessThanOrEqual(100 + rate);
    }));
  });
});

describe('percentOf', () => {
  it.each([[10000, 550, 550], [999, 500, 50], [8899, 1000, 890], [100, 10_000, 100], [1, 4999, 0], [1, 5000, 1]])('%i × %i bp = %i', (a, bp, r) => {
    expect(percentOf(a, bp)).toBe(r);
  });
});

describe('allocate: a total split in proportion, adding up exactly', () => {
  it('splits evenly with the remainder to the largest fractions, earliest first', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [1, 2, 2])).toEqual([2, 4, 4]);
    expect(allocate(5, [3333, 3333, 3334])).toEqual([2, 1, 2]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(100, [])).toEqual([]);
    expect(allocate(100, [0, 0])).toEqual([0, 0]);
  });

  it('adds up to the total, gives nothing to a zero weight, and never more than a weight when the total fits', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 0, max: 10_000 }),
      (weights, per) => {
        const sum = weights.reduce((a, b) => a + b, 0);
        fc.pre(sum > 0);
        const total = Math.floor((sum * per) / 10_000);
        const parts = allocate(total, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((p, i) => {
          const w = weights[i] ?? 0;
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(w);
          if (w === 0) expect(p).toBe(0);
          // within one kopeck of the exact share
          expect(Math.abs(p * sum - total * w)).toBeLessThan(sum);
        });
      },
    ));
  });

  it('stays exact where total × weight passes 2^53 (a discount of millions on lines of millions)', () => {
    const weights = [134_022_000_000, 49_912_000_000, 215_312_000_001];
    const total = 399_246_000_001;
    const parts = allocate(total, weights);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    expect(parts).toEqual(weights); // the whole of it: each line gives up exactly what it had
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 1e12 }), (ws, t) => {
      const sum = ws.reduce((a, b) => a + b, 0);
      fc.pre(sum > 0 && t <= sum);
      const ps = allocate(t, ws);
      expect(ps.reduce((a, b) => a + b, 0)).toBe(t);
      ps.forEach((p, i) => {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(ws[i] ?? 0);
      });
    }));
  });

  it('adds up for negative totals too', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 10 }), fc.integer({ min: -1_000_000, max: -1 }), (weights, total) => {
      expect(allocate(total, weights).reduce((a, b) => a + b, 0)).toBe(total);
    }));
  });
});

describe('parsing what the cashier types', () => {
  it.each([
    ['1234.5', 123450], ['1234,50', 123450], ['1 234,50', 123450], ['1\u00a0234,5', 123450], ['12', 1200], ['0,01', 1], ['-5,01', -501], [' 7 ', 700],
  ])('roubles %j → %i kopecks', (text, kop) => {
    expect(parseRoubles(text)).toBe(kop);
  });

  it.each(['', 'abc', '1.234', '1,2,3', '12р', '1e3', '--1', '1.'])('refuses %j as an amount', (text) => {
    expect(() => parseRoubles(text)).toThrow(RangeError);
  });

  it.each([['1,250', 1250], ['0.5', 500], ['2', 2000], ['0,005', 5], [' 1 000 ', 1_000_000], ['3.1', 3100]])('quantity %j → %i thousandths', (text, milli) => {
    expect(parseQuantity(text)).toBe(milli);
  });

  it.each(['', '-1', '1.2345', 'abc', '1,2,3', '½'])('refuses %j as a quantity', (text) => {
    expect(() => parseQuantity(text)).toThrow(RangeError);
  });

  it('formats back what it parses', () => {
    fc.assert(fc.property(fc.integer({ min: -1e11, max: 1e11 }), (kop) => {
      expect(parseRoubles(formatPlain(kop))).toBe(kop);
    }));
    expect(formatPlain(-501)).toBe('-5.01');
    expect(formatQty(1250, true)).toBe('1.250');
    expect(formatQty(3000, false)).toBe('3');
    expect(parseQuantity(formatQty(1005, true))).toBe(1005);
  });
});

describe('exact decimals at any scale', () => {
  it('parses what people and programs write, and nothing a float could round', () => {
    expect(parseScaled('1\u202f234,5', 2, false)).toBe(123450);
    expect(parseScaled('0,0550', 4, false)).toBe(550);
    expect(parseScaled('-1', 3, false)).toBeNull();
    expect(parseScaled('1,2345', 3, false)).toBeNull();
    // past 2^53 a number is no longer exact: refused rather than stored wrong
    expect(parseScaled('99999999999999999', 2, true)).toBeNull();
    expect(() => parseRoubles('999999999999999,99')).toThrow(RangeError);
  });

  it('formats back what it parses, at every scale', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 6 }), (units, scale) => {
      expect(parseScaled(formatScaled(units, scale), scale, true)).toBe(units);
    }));
    expect(formatScaled(550, 4)).toBe('0.0550');
    expect(formatScaled(-5, 2)).toBe('-0.05');
    expect(formatScaled(7, 0)).toBe('7');
  });
});

