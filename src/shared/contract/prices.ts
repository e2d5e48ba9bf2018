import { z } from 'zod';
import { command } from './define.js';
import { Id, Money, Override } from './schemas.js';

export const PriceDocView = z.object({
  id: Id,
  number: z.number().int(),
  effectiveAt: z.string(),
  createdAt: z.string(),
  author: z.string(),
  approvedBy: z.string().nullable(),
  note: z.string().nullable(),
  applied: z.boolean(),
  lines: z.array(z.object({ productId: Id, name: z.string(), oldPrice: Money, newPrice: Money })),
});

export const PriceHistoryRow = z.object({
  docId: Id,
  number: z.number().int(),
  effectiveAt: z.string(),
  oldPrice: Money,
  newPrice: Money,
  author: z.string(),
  applied: z.boolean(),
});

export const priceCommands = {
  'prices.change': command({
    summary: 'Change retail prices as a document, in force now or from a date and time',
    input: z.object({
      id: Id,
      effectiveAt: z.iso.datetime({ offset: true }).optional(),
      lines: z.array(z.object({ productId: Id, price: Money.min(0) }).strict()).min(1).max(100_000),
      sourceDocId: Id.optional(),
      note: z.string().trim().max(1000).optional(),
      override: Override,
    }).strict(),
    output: PriceDocView, permission: { role: 'manager', override: true }, mutates: true,
  }),
  'prices.docs': command({
    summary: 'Price documents, newest first',
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.array(PriceDocView), permission: { role: 'senior' }, mutates: false,
  }),
  'prices.history': command({
    summary: "A product's price history",
    input: z.object({ productId: Id }).strict(), output: z.array(PriceHistoryRow), permission: { role: 'senior' }, mutates: false,
  }),
};
