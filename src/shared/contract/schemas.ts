import { z } from 'zod';
import { ROLES } from '../roles.js';

/** Integer kopecks. */
export const Money = z.number().int().min(-1e12).max(1e12);
export const PositiveMoney = z.number().int().min(1).max(1e12);
/** Integer thousandths (grams, millilitres; 1 piece = 1000). */
export const Qty = z.number().int().min(1).max(1e9);
export const Id = z.uuid();
export const Pin = z.string().regex(/^\d{4,8}$/, 'PIN is 4 to 8 digits');
export const RoleSchema = z.enum(ROLES);
export const Unit = z.enum(['pcs', 'kg', 'l']);
export const PaymentKind = z.enum(['cash', 'card']);
export const Lang = z.enum(['ru', 'en']);
export const TaxSystem = z.enum(['osn', 'usn_income', 'usn_income_outcome', 'esn', 'patent']);

/** A manager's PIN typed in on the spot, for an action beyond the current user's role. */
export const Override = z.object({ pin: Pin }).strict().optional();

export const UserRef = z.object({ id: Id, name: z.string(), role: RoleSchema });

export const Product = z.object({
  id: Id,
  name: z.string(),
  price: Money,
  unit: Unit,
  vat: z.string(),
  vatPercent: z.number().int().nullable(),
  plu: z.string().nullable(),
  article: z.string().nullable(),
  barcode: z.string().nullable(),
  marked: z.boolean(),
  group: z.string().nullable(),
});

export const Discount = z.discriminatedUnion('kind', [
  /** hundredths of a percent: 500 = 5 % */
  z.object({ kind: z.literal('percent'), value: z.number().int().min(1).max(10_000) }).strict(),
  z.object({ kind: z.literal('amount'), value: PositiveMoney }).strict(),
]);

export const CartLine = z.object({
  id: Id,
  productId: Id,
  name: z.string(),
  barcode: z.string().nullable(),
  unit: Unit,
  price: Money,
  qty: Qty,
  discount: Discount.nullable(),
  /** line discount plus its share of the receipt discount */
  discountAmount: Money,
  total: Money,
  vat: z.string(),
});

export const Cart = z.object({
  id: Id,
  openedAt: z.string(),
  lines: z.array(CartLine),
  discount: Discount.nullable(),
  subtotal: Money,
  discountAmount: Money,
  total: Money,
});

export const Payment = z.object({ kind: PaymentKind, amount: PositiveMoney }).strict();

export const SaleLine = z.object({
  lineNo: z.number().int(),
  productId: Id,
  name: z.string(),
  barcode: z.string().nullable(),
  unit: Unit,
  price: Money,
  qty: Qty,
  discount: Money,
  total: Money,
  vat: z.string(),
  vatAmount: Money,
  /** how much of this line has been returned so far (sales only) */
  returnedQty: z.number().int(),
});

export const Sale = z.object({
  id: Id,
  number: z.number().int(),
  kind: z.enum(['sale', 'return']),
  refSaleId: Id.nullable(),
  shiftId: Id,
  shiftNumber: z.number().int(),
  at: z.string(),
  cashier: UserRef,
  approvedBy: UserRef.nullable(),
  lines: z.array(SaleLine),
  payments: z.array(z.object({ kind: PaymentKind, amount: Money })),
  subtotal: Money,
  discount: Money,
  total: Money,
  tendered: Money,
  change: Money,
  vat: z.array(z.object({ code: z.string(), amount: Money })),
  /** the registrar's answer; null where no registrar is attached */
  fiscal: z.object({
    fiscalDocNumber: z.number().int(),
    fiscalSign: z.string(),
    fnNumber: z.string(),
    fiscalShift: z.number().int().nullable(),
    receiptNumber: z.number().int().nullable(),
    at: z.string(),
    qr: z.string(),
  }).nullable(),
});

export const SaleSummary = z.object({
  id: Id,
  number: z.number().int(),
  kind: z.enum(['sale', 'return']),
  at: z.string(),
  shiftNumber: z.number().int(),
  cashier: z.string(),
  total: Money,
  lines: z.number().int(),
});

export const Shift = z.object({
  id: Id,
  number: z.number().int(),
  openedAt: z.string(),
  openedBy: UserRef,
  float: Money,
  closedAt: z.string().nullable(),
  closedBy: UserRef.nullable(),
  counted: Money.nullable(),
  expected: Money.nullable(),
  discrepancy: Money.nullable(),
});

export const ShiftReport = z.object({
  kind: z.enum(['x', 'z']),
  shift: Shift,
  printedAt: z.string(),
  sales: z.object({ count: z.number().int(), cash: Money, card: Money, total: Money }),
  returns: z.object({ count: z.number().int(), cash: Money, card: Money, total: Money }),
  cashIn: Money,
  cashOut: Money,
  float: Money,
  expectedCash: Money,
  discounts: Money,
  voidedLines: z.number().int(),
  cancelledReceipts: z.number().int(),
  drawerOpenings: z.number().int(),
  vat: z.array(z.object({ code: z.string(), amount: Money })),
  text: z.array(z.string()),
});

export const JournalEntry = z.object({
  id: Id,
  seq: z.number().int(),
  type: z.string(),
  at: z.string(),
  user: z.string().nullable(),
  approvedBy: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});

export const ShopInfo = z.object({
  name: z.string(),
  inn: z.string(),
  address: z.string(),
  taxSystem: TaxSystem,
  demo: z.boolean(),
});

export const Printout = z.object({ lines: z.array(z.string()), printed: z.boolean(), printerError: z.string().nullable() });
