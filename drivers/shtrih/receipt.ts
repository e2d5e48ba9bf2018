import { z } from 'zod';
import { lineAmount } from '../../src/shared/money.js';
import { ReceiptType, TAX_SYSTEM_BIT, type ReceiptKind, type TaxSystemCode } from './fiscal-codes.js';
import { encodeCp1251 } from '../../src/shared/codepages.js';
import { MAX_CLOSE_TEXT, MAX_ITEM_NAME } from './protocol.js';

/**
 * What the host hands to `sell`: money in integer kopecks, quantities in
 * thousandths (1 piece = 1000). Checked here, before a single byte goes to the
 * registrar, so a bad receipt never leaves a half-built document behind.
 */
const Kopecks = z.number().int().min(0).max(2 ** 40 - 2);

export const ReceiptLineSchema = z
  .object({
    name: z.string().min(1).refine((s) => encodeCp1251(s).length <= MAX_ITEM_NAME, `name longer than ${MAX_ITEM_NAME} bytes`),
    /** unit price after discounts */
    price: Kopecks,
    qty: z.number().int().min(1).max(1e9),
    /** the line sum if the host computed it; must be within a kopeck of price × qty, as the registrar checks */
    total: Kopecks.optional(),
    /** tag 1199 value: 1 main rate, 2 10 %, 3 main/calculated, 4 10/110, 5 0 %, 6 no VAT */
    vat: z.number().int().min(1).max(255),
    department: z.number().int().min(0).max(16).default(1),
    /** tag 1214 */
    paymentMethod: z.number().int().min(1).max(7).default(4),
    /** tag 1212 */
    subject: z.number().int().min(1).max(33).default(1),
    /** the scanned marking code of a marked item (one piece per line) */
    markingCode: z.string().min(1).max(255).optional(),
  })
  .strict()
  .refine((l) => l.total === undefined || Math.abs(l.total - lineAmount(l.price, l.qty)) <= 1, {
    message: 'line total differs from price × qty by more than 1 kopeck: split the line or adjust the unit price',
  });

export const ReceiptSchema = z
  .object({
    kind: z.enum(Object.keys(ReceiptType) as [ReceiptKind, ...ReceiptKind[]]).default('sale'),
    lines: z.array(ReceiptLineSchema).min(1).max(100),
    payments: z
      .object({
        cash: Kopecks.default(0),
        /** card, SBP and other electronic means */
        electronic: Kopecks.default(0),
        prepaid: Kopecks.default(0),
        credit: Kopecks.default(0),
        counterProvision: Kopecks.default(0),
      })
      .strict(),
    taxSystem: z.enum(Object.keys(TAX_SYSTEM_BIT) as [TaxSystemCode, ...TaxSystemCode[]]),
    /** kopecks the total is rounded down by, 0..99 */
    rounding: z.number().int().min(0).max(99).default(0),
    /** tag 1008: e-mail or phone to send the electronic receipt to */
    buyerContact: z.string().min(3).max(64).optional(),
    /** printed under the receipt; at most 64 bytes */
    footer: z.string().refine((s) => encodeCp1251(s).length <= MAX_CLOSE_TEXT).optional(),
  })
  .strict();

export type ReceiptInput = z.input<typeof ReceiptSchema>;
export type Receipt = z.output<typeof ReceiptSchema>;
export type ReceiptLine = z.output<typeof ReceiptLineSchema>;

export function receiptTotal(r: Receipt): number {
  return r.lines.reduce((s, l) => s + (l.total ?? lineAmount(l.price, l.qty)), 0) - r.rounding;
}

/** The 16 FF45 payment slots: 1 cash, 2..13 electronic (we use 2), 14 prepayment, 15 credit, 16 counter-provision. */
export function paymentSlots(p: Receipt['payments']): number[] {
  const slots = Array.from({ length: 16 }, () => 0);
  slots[0] = p.cash;
  slots[1] = p.electronic;
  slots[13] = p.prepaid;
  slots[14] = p.credit;
  slots[15] = p.counterProvision;
  return slots;
}
