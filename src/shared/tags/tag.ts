import { z } from 'zod';
import { isValidGtin } from '../barcode/ean.js';

/**
 * What one price tag says. Money is kopecks. For weighed goods (unit kg or l) `price` is
 * already the price of 1 kg / 1 l; packaged goods sold by the piece may carry `unitPrice`,
 * the price per kg or litre that Russian rules want beside the pack price.
 */
export const PriceTagSchema = z
  .object({
    name: z.string().trim().min(1, 'the name is empty').max(300),
    price: z.number().int('price is whole kopecks').min(0).max(99_999_999_99),
    unit: z.enum(['pcs', 'kg', 'l']),
    unitPrice: z
      .object({ per: z.enum(['kg', 'l']), price: z.number().int('unit price is whole kopecks').min(0).max(99_999_999_99) })
      .strict()
      .optional(),
    barcode: z
      .string()
      .refine((code) => (code.length === 13 || code.length === 8) && isValidGtin(code), 'not an EAN-13 or EAN-8 with a valid check digit')
      .optional(),
    article: z.string().trim().min(1).max(40).optional(),
    /** the scale's PLU, for weighed goods the cashier types in */
    plu: z.string().regex(/^\d{1,6}$/, 'PLU is 1 to 6 digits').optional(),
    printedOn: z.iso.date('printedOn is a date, YYYY-MM-DD'),
    shop: z.string().max(200),
  })
  .strict()
  .refine((tag) => tag.unit === 'pcs' || tag.unitPrice === undefined, {
    message: 'a weighed product has no unit price: its price is already per kg or litre',
    path: ['unitPrice'],
  });

export type PriceTag = z.infer<typeof PriceTagSchema>;

/** Validates a batch, naming the tag and field of the first problem ("tag 3 (Молоко), barcode: …"). */
export function parsePriceTags(input: readonly unknown[]): PriceTag[] {
  return input.map((raw, index) => parsePriceTag(raw, index));
}

export function parsePriceTag(raw: unknown, index = 0): PriceTag {
  const r = PriceTagSchema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const name = typeof raw === 'object' && raw !== null && 'name' in raw && typeof raw.name === 'string' ? ` (${raw.name})` : '';
  const field = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new RangeError(`tag ${index + 1}${name}, ${field}${issue?.message ?? 'invalid'}`);
}
