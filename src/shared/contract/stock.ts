import { z } from 'zod';
import { command, ok } from './define.js';
import { Id, Money, Override, Qty, Unit, UserRef } from './schemas.js';
import { StockQty } from './catalog-admin.js';

export const DocKind = z.enum(['intake', 'writeoff', 'stocktake', 'transfer_out', 'transfer_in', 'supplier_return']);
/** Documents a person fills in line by line before posting (a stocktake is counted instead). */
export const DraftKind = z.enum(['intake', 'writeoff', 'transfer_out', 'transfer_in', 'supplier_return']);
export const WriteoffReason = z.enum(['spoilage', 'expiry', 'damage', 'theft', 'other']);
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');

export const DraftHeader = z.object({
  supplierId: Id.nullable().default(null),
  extNumber: z.string().trim().max(60).nullable().default(null),
  extDate: DateOnly.nullable().default(null),
  counterpart: z.string().trim().max(200).nullable().default(null),
  reason: WriteoffReason.nullable().default(null),
  note: z.string().trim().max(1000).nullable().default(null),
}).strict();

export const DraftLine = z.object({
  lineId: Id,
  productId: Id,
  name: z.string(),
  unit: Unit,
  barcode: z.string().nullable(),
  qty: Qty,
  /** purchase price per unit */
  cost: Money.min(0),
  /** retail price per unit now */
  price: Money,
  vat: z.string(),
});

export const Draft = z.object({
  id: Id,
  kind: DraftKind,
  header: DraftHeader,
  /** set when the draft corrects a posted document */
  refDocId: Id.nullable(),
  lines: z.array(DraftLine),
  costTotal: Money,
  retailTotal: Money,
  createdAt: z.string(),
  updatedAt: z.string(),
  author: z.string(),
});

export const DocLine = z.object({
  lineNo: z.number().int(),
  productId: Id,
  name: z.string(),
  unit: Unit,
  qty: StockQty,
  cost: Money,
  price: Money,
  bookQty: StockQty.nullable(),
  countedQty: StockQty.nullable(),
});

export const DocSummary = z.object({
  id: Id,
  kind: DocKind,
  number: z.number().int(),
  at: z.string(),
  author: z.string(),
  supplier: z.string().nullable(),
  extNumber: z.string().nullable(),
  reason: z.string().nullable(),
  refDocId: Id.nullable(),
  costTotal: Money,
  retailTotal: Money,
  lines: z.number().int(),
});

export const StockDoc = DocSummary.extend({
  approvedBy: UserRef.nullable(),
  extDate: z.string().nullable(),
  counterpart: z.string().nullable(),
  note: z.string().nullable(),
  items: z.array(DocLine),
  /** documents that correct this one */
  corrections: z.array(z.object({ id: Id, number: z.number().int(), at: z.string() })),
});

/** After an intake: the retail price the group markup suggests for each line whose cost changed. */
export const PriceProposal = z.object({
  productId: Id,
  name: z.string(),
  cost: Money,
  oldPrice: Money,
  proposedPrice: Money,
});

export const Movement = z.object({
  at: z.string(),
  docType: z.string(),
  docId: z.string(),
  docNumber: z.number().int().nullable(),
  qty: StockQty,
  balance: StockQty,
});

export const StocktakeInfo = z.object({
  id: Id,
  number: z.number().int(),
  group: z.string().nullable(),
  startedAt: z.string(),
  status: z.enum(['open', 'posted', 'cancelled']),
  counted: z.number().int(),
  docId: Id.nullable(),
});

export const StocktakeRow = z.object({
  productId: Id,
  name: z.string(),
  unit: Unit,
  barcode: z.string().nullable(),
  book: StockQty,
  counted: StockQty,
  diff: StockQty,
  /** the value of the difference at the purchase price (surplus > 0, shortage < 0) */
  diffCost: Money,
  diffRetail: Money,
});

const LineRef = z.object({ draftId: Id, lineId: Id });

export const stockCommands = {
  'draft.create': command({
    summary: 'Start a stock document (intake, write-off, transfer, supplier return)',
    input: z.object({ id: Id, kind: DraftKind, header: DraftHeader.optional() }).strict(),
    output: Draft, permission: { role: 'senior' }, mutates: true,
  }),
  'draft.list': command({
    summary: 'Documents being prepared',
    input: z.object({ kind: DraftKind.optional() }).strict(), output: z.array(Draft), permission: { role: 'senior' }, mutates: false,
  }),
  'draft.get': command({
    summary: 'One document being prepared',
    input: z.object({ id: Id }).strict(), output: Draft, permission: { role: 'senior' }, mutates: false,
  }),
  'draft.setHeader': command({
    summary: 'Supplier, invoice number and date, reason, note',
    input: z.object({ id: Id, header: DraftHeader }).strict(), output: Draft, permission: { role: 'senior' }, mutates: true,
  }),
  'draft.scan': command({
    summary: 'Add goods by a scanned or typed code; the same code again adds to its line',
    input: z.object({ id: Id, code: z.string().trim().min(1).max(200), qty: Qty.optional() }).strict(),
    output: Draft, permission: { role: 'senior' }, mutates: true,
  }),
  'draft.addLine': command({
    summary: 'Add a product found by search',
    input: z.object({ id: Id, productId: Id, qty: Qty.optional(), cost: Money.min(0).optional() }).strict(),
    output: Draft, permission: { role: 'senior' }, mutates: true,
  }),
  'draft.setLine': command({
    summary: 'Change a line: quantity, purchase price',
    input: LineRef.extend({ qty: Qty.optional(), cost: Money.min(0).optional() }).strict(),
    output: Draft, permission: { role: 'senior' }, mutates: true,
  }),
  'draft.removeLine': command({
    summary: 'Take a line out of the draft',
    input: LineRef.strict(), output: Draft, permission: { role: 'senior' }, mutates: true,
  }),
  'draft.discard': command({
    summary: 'Throw a draft away (nothing was posted)',
    input: z.object({ id: Id }).strict(), output: ok, permission: { role: 'senior' }, mutates: true,
  }),
  'draft.post': command({
    summary: 'Post the document: stock moves, purchase prices, the journal; then it can only be corrected',
    input: z.object({ id: Id, override: Override }).strict(),
    output: z.object({ doc: StockDoc, proposals: z.array(PriceProposal) }),
    permission: { role: 'manager', override: true }, mutates: true,
  }),
  'stock.correct': command({
    summary: 'Start a correcting draft for a posted document, filled with what it says now',
    input: z.object({ id: Id, docId: Id }).strict(), output: Draft, permission: { role: 'manager' }, mutates: true,
  }),
  'stock.docs': command({
    summary: 'Posted stock documents, newest first',
    input: z.object({
      kind: DocKind.optional(), from: DateOnly.optional(), to: DateOnly.optional(),
      offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100),
    }).strict(),
    output: z.object({ total: z.number().int(), rows: z.array(DocSummary) }),
    permission: { role: 'senior' }, mutates: false,
  }),
  'stock.doc': command({
    summary: 'One posted stock document with its lines',
    input: z.object({ id: Id }).strict(), output: StockDoc, permission: { role: 'senior' }, mutates: false,
  }),
  'stock.movements': command({
    summary: "A product's movements with the documents behind them, newest first",
    input: z.object({ productId: Id, limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(Movement), permission: { role: 'senior' }, mutates: false,
  }),
  'stocktake.start': command({
    summary: 'Start a stocktake of the whole shop or one group',
    input: z.object({ id: Id, groupId: Id.nullable().default(null) }).strict(),
    output: StocktakeInfo, permission: { role: 'manager' }, mutates: true,
  }),
  'stocktake.list': command({
    summary: 'Stocktakes, open first',
    input: z.object({}).strict(), output: z.array(StocktakeInfo), permission: { role: 'cashier' }, mutates: false,
  }),
  'stocktake.count': command({
    summary: 'Count goods by scanning or typing a code (several counters at once); a negative quantity corrects',
    input: z.object({
      id: Id, stocktakeId: Id, code: z.string().trim().min(1).max(200).optional(), productId: Id.optional(),
      qty: z.number().int().min(-1e9).max(1e9).refine((n) => n !== 0, 'a count is not zero').optional(),
    }).strict(),
    output: z.object({ productId: Id, name: z.string(), unit: Unit, counted: StockQty }),
    permission: { role: 'cashier' }, mutates: true,
  }),
  'stocktake.sheet': command({
    summary: 'Book against counted quantity, surplus and shortage',
    input: z.object({
      stocktakeId: Id, onlyDiff: z.boolean().default(false),
      offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100),
    }).strict(),
    output: z.object({
      info: StocktakeInfo, total: z.number().int(), rows: z.array(StocktakeRow),
      surplusCost: Money, shortageCost: Money, surplusRetail: Money, shortageRetail: Money,
    }),
    permission: { role: 'senior' }, mutates: false,
  }),
  'stocktake.post': command({
    summary: 'Post the stocktake: the adjustments become stock moves',
    input: z.object({ stocktakeId: Id, override: Override }).strict(),
    output: StockDoc, permission: { role: 'manager', override: true }, mutates: true,
  }),
  'stocktake.cancel': command({
    summary: 'Drop an open stocktake without changing stock',
    input: z.object({ stocktakeId: Id }).strict(), output: ok, permission: { role: 'manager' }, mutates: true,
  }),
};
