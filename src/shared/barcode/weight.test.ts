import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_WEIGHT_LAYOUT, makeWeightBarcode, parseWeightBarcode, validateLayout, type WeightLayout } from './weight.js';
import { gtinCheckDigit, isValidGtin } from './ean.js';

describe('in-store weight barcodes, default layout PPCCCCCWWWWWK', () => {
  it('reads PLU and grams from a scale label', () => {
    const code = makeWeightBarcode('22', '5', 1234);
    expect(code).toBe(`2200005012348`.slice(0, 12) + String(gtinCheckDigit('220000501234')));
    expect(isValidGtin(code)).toBe(true);
    expect(parseWeightBarcode(code)).toEqual({ plu: '5', weight: 1234 });
    expect(parseWeightBarcode(makeWeightBarcode('20', '12345', 99_999))).toEqual({ plu: '12345', weight: 99_999 });
    expect(parseWeightBarcode(makeWeightBarcode('29', '0', 1))).toEqual({ plu: '0', weight: 1 });
  });

  it('takes every prefix from 20 to 29 and none outside', () => {
    for (let p = 20; p <= 29; p++) expect(parseWeightBarcode(makeWeightBarcode(String(p), '7', 500))).toEqual({ plu: '7', weight: 500 });
    for (const p of ['19', '30', '46', '02']) {
      const body = `${p}0000700500`;
      expect(parseWeightBarcode(body + String(gtinCheckDigit(body)))).toBeNull();
    }
  });

  it('refuses a wrong check digit', () => {
    const code = makeWeightBarcode('21', '3', 750);
    const wrong = code.slice(0, 12) + String((Number(code[12]) + 1) % 10);
    expect(parseWeightBarcode(wrong)).toBeNull();
  });

  it('refuses what is not 13 digits', () => {
    for (const code of ['', '220000501234', '22000050123400', '22000O5012348', '4600070000373x']) expect(parseWeightBarcode(code)).toBeNull();
  });

  it('round-trips any PLU and weight that fit', () => {
    fc.assert(fc.property(fc.integer({ min: 20, max: 29 }), fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99_999 }), (prefix, plu, grams) => {
      const code = makeWeightBarcode(String(prefix), String(plu), grams);
      expect(isValidGtin(code)).toBe(true);
      expect(parseWeightBarcode(code)).toEqual({ plu: String(plu), weight: grams });
    }));
  });
});

describe('a custom layout', () => {
  const layout: WeightLayout = { template: 'PCCCCCCWWWWWK', prefixes: ['2'] };

  it('is valid, and reads a one-digit prefix with a six-digit PLU', () => {
    expect(validateLayout(layout)).toBeNull();
    const code = makeWeightBarcode('2', '123456', 2500, layout);
    expect(code.startsWith('2123456')).toBe(true);
    expect(parseWeightBarcode(code, layout)).toEqual({ plu: '123456', weight: 2500 });
    // under the default layout the same label means something else
    expect(parseWeightBarcode(code)).not.toEqual({ plu: '123456', weight: 2500 });
  });

  it('without a check digit letter, the last digit is not checked', () => {
    const noCheck: WeightLayout = { template: 'PPCCCCWWWWWXX', prefixes: ['27'] };
    expect(validateLayout(noCheck)).toBeNull();
    expect(parseWeightBarcode('2700120123499', noCheck)).toEqual({ plu: '12', weight: 1234 });
    expect(parseWeightBarcode('2700120123400', noCheck)).toEqual({ plu: '12', weight: 1234 });
    expect(parseWeightBarcode('2800120123400', noCheck)).toBeNull();
  });

  it('bad layouts are refused with a reason', () => {
    expect(validateLayout({ template: 'PPCCCCCWWWWW', prefixes: ['20'] })).toMatch(/13 letters/);
    expect(validateLayout({ template: 'PPXXXXXWWWWWK', prefixes: ['20'] })).toMatch(/product code/);
    expect(validateLayout({ template: 'PPCCCCCXXXXXK', prefixes: ['20'] })).toMatch(/weight/);
    expect(validateLayout({ template: 'PPCCCCCWWWWWK', prefixes: ['2'] })).toMatch(/2 digits/);
    expect(validateLayout(DEFAULT_WEIGHT_LAYOUT)).toBeNull();
  });
});
