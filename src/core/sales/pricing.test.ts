import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { discountAmount, discountShare, priceReceipt, type DiscountSpec, type PricingLine } from './pricing.js';
import { lineAmount, vatIncluded } from '../../shared/money.js';

const line = (price: number, qty: number, vatPercent: number | null = 22, discount: DiscountSpec | null = null): PricingLine => ({ price, qty, discount, vatPercent });

describe('pricing a receipt', () => {
  it('prices lines as price × quantity with the VAT each contains', () => {
    const r = priceReceipt([line(8899, 2000, 10), line(12990, 1234, 22), line(4999, 1000, 0), line(10000, 1000, null)], null);
    expect(r.lines.map((l) => l.total)).toEqual([17798, 16030, 4999, 10000]);
    expect(r.lines.map((l) => l.vat)).toEqual([1618, 2891, 0, 0]);
    expect(r.subtotal).toBe(48827);
    expect(r.discount).toBe(0);
    expect(r.total).toBe(48827);
  });

  it('takes a line discount off that line only: percent rounded half up, amount capped at the line', () => {
    const r = priceReceipt([line(8899, 1000, 10, { kind: 'percent', value: 1000 }), line(500, 1000, 22, { kind: 'amount', value: 900 }), line(1000, 1000)], null);
    expect(r.lines.map((l) => l.discount)).toEqual([890, 500, 0]);
    expect(r.lines.map((l) => l.total)).toEqual([8009, 0, 1000]);
    expect(r.lines[0]?.vat).toBe(vatIncluded(8009, 10));
    expect(r.total).toBe(9009);
    expect(r.discount).toBe(1390);
  });

  it('spreads a receipt discount over the lines in proportion, to the kopeck', () => {
    const r = priceReceipt([line(1000, 1000), line(1000, 1000), line(1000, 1000)], { kind: 'amount', value: 100 });
    expect(r.lines.map((l) => l.discount)).toEqual([34, 33, 33]);
    expect(r.lines.map((l) => l.total)).toEqual([966, 967, 967]);
    expect(r.total).toBe(2900);
    expect(r.lines.map((l) => l.vat)).toEqual([174, 174, 174]);
  });

  it('applies a receipt percent to what is left after line discounts', () => {
    const r = priceReceipt([line(10000, 1000, 22, { kind: 'percent', value: 5000 }), line(10000, 1000)], { kind: 'percent', value: 1000 });
    // after line discounts: 5000 + 10000; 10 % of 15000 = 1500, split 500 / 1000
    expect(r.lines.map((l) => l.discount)).toEqual([5500, 1000]);
    expect(r.total).toBe(13500);
  });

  it('never lets a receipt discount exceed the receipt', () => {
    const r = priceReceipt([line(100, 1000), line(50, 1000)], { kind: 'amount', value: 1_000_000 });
    expect(r.total).toBe(0);
    expect(r.lines.map((l) => l.total)).toEqual([0, 0]);
    expect(priceReceipt([], { kind: 'amount', value: 100 })).toEqual({ lines: [], subtotal: 0, discount: 0, total: 0 });
  });

  const discountArb: fc.Arbitrary<DiscountSpec | null> = fc.option(fc.oneof(
    fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 1, max: 10_000 }) }),
    fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 1, max: 5_000_000 }) }),
  ), { nil: null });
  const lineArb = fc.record({
    price: fc.integer({ min: 0, max: 10_000_000 }),
    qty: fc.integer({ min: 1, max: 100_000 }),
    discount: discountArb,
    vatPercent: fc.constantFrom(22, 10, 0, null),
  });

  it('always adds up: lines to the total, subtotal − discount = total, no line below zero, VAT per line', () => {
    fc.assert(fc.property(fc.array(lineArb, { maxLength: 20 }), discountArb, (lines, receipt) => {
      const r = priceReceipt(lines, receipt);
      expect(r.lines.reduce((a, l) => a + l.total, 0)).toBe(r.total);
      expect(r.lines.reduce((a, l) => a + l.discount, 0)).toBe(r.discount);
      expect(r.subtotal - r.discount).toBe(r.total);
      r.lines.forEach((p, i) => {
        const l = lines[i];
        if (!l) throw new Error('line count');
        expect(p.gross).toBe(lineAmount(l.price, l.qty));
        expect(p.total + p.discount).toBe(p.gross);
        expect(p.total).toBeGreaterThanOrEqual(0);
        expect(p.vat).toBe(vatIncluded(p.total, l.vatPercent));
      });
      const afterLines = r.lines.reduce((a, p, i) => a + p.gross - discountAmount(p.gross, lines[i]?.discount ?? null), 0);
      expect(afterLines - r.total).toBe(discountAmount(afterLines, receipt));
    }));
  });
});

describe('discount shares, for the role limits', () => {
  it('a percent is its own share; an amount is its share of the base, rounded up', () => {
    expect(discountShare(10000, { kind: 'percent', value: 500 })).toBe(500);
    expect(discountShare(10000, { kind: 'amount', value: 500 })).toBe(500);
    expect(discountShare(10000, { kind: 'amount', value: 501 })).toBe(501);
    expect(discountShare(8899, { kind: 'amount', value: 445 })).toBe(501); // 5.0006 % is over 5 %
    expect(discountShare(8899, { kind: 'amount', value: 444 })).toBe(499);
    expect(discountShare(100, { kind: 'amount', value: 1000 })).toBe(10_000);
    expect(discountShare(0, { kind: 'amount', value: 1 })).toBe(10_000);
  });

  it('an amount discount never counts as less than it takes off', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (base, value) => {
      const share = discountShare(base, { kind: 'amount', value });
      expect(share * base).toBeGreaterThanOrEqual(Math.min(value, base) * 10_000);
    }));
  });
});
