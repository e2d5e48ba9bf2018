import { allocate, lineAmount, percentOf, vatIncluded, type Kopecks, type Milli } from '../../shared/money.js';

export type DiscountSpec = { kind: 'percent'; value: number } | { kind: 'amount'; value: Kopecks };

export interface PricingLine {
  price: Kopecks;
  qty: Milli;
  discount: DiscountSpec | null;
  vatPercent: number | null;
}

export interface PricedLine {
  gross: Kopecks;
  /** the line's own discount plus its share of the receipt discount */
  discount: Kopecks;
  total: Kopecks;
  vat: Kopecks;
}

export interface PricedReceipt {
  lines: PricedLine[];
  subtotal: Kopecks;
  discount: Kopecks;
  total: Kopecks;
}

export function discountAmount(base: Kopecks, spec: DiscountSpec | null): Kopecks {
  if (!spec) return 0;
  return Math.min(base, spec.kind === 'percent' ? percentOf(base, spec.value) : spec.value);
}

/**
 * Prices a receipt: line sums, line discounts, then the receipt discount spread over
 * the lines in proportion (largest remainder, so the parts add up to the kopeck),
 * then the VAT each line contains. Every line's final total is what the fiscal
 * registrar will be told, so the receipt total is always the sum of its lines.
 */
export function priceReceipt(lines: readonly PricingLine[], receiptDiscount: DiscountSpec | null): PricedReceipt {
  const gross = lines.map((l) => lineAmount(l.price, l.qty));
  const own = lines.map((l, i) => discountAmount(gross[i] ?? 0, l.discount));
  const after = gross.map((g, i) => g - (own[i] ?? 0));
  const afterSum = after.reduce((a, b) => a + b, 0);
  const shares = allocate(discountAmount(afterSum, receiptDiscount), after);
  const priced = lines.map((l, i): PricedLine => {
    const total = (after[i] ?? 0) - (shares[i] ?? 0);
    return { gross: gross[i] ?? 0, discount: (own[i] ?? 0) + (shares[i] ?? 0), total, vat: vatIncluded(total, l.vatPercent) };
  });
  const subtotal = gross.reduce((a, b) => a + b, 0);
  const total = priced.reduce((a, l) => a + l.total, 0);
  return { lines: priced, subtotal, discount: subtotal - total, total };
}

/** The effective percent (in hundredths) a discount takes off its base, for role limits. */
export function discountShare(base: Kopecks, spec: DiscountSpec): number {
  if (spec.kind === 'percent') return spec.value;
  if (base <= 0) return 10_000;
  return Math.ceil((Math.min(spec.value, base) * 10_000) / base);
}
