import { z } from 'zod';
import { command, empty, ok, type CommandDef } from './define.js';
import { backOfficeCommands } from './back-office.js';

export type { CommandDef, Permission } from './define.js';
import {
  Cart, Discount, Id, JournalEntry, Lang, Money, Override, Payment, Pin, PositiveMoney, Printout, Product, Qty,
  Sale, SaleSummary, Shift, ShiftReport, ShopInfo, TaxSystem, UserRef,
} from './schemas.js';

export const commands = {
  // --- setup and sessions ---
  'setup.status': command({
    summary: 'Whether this data folder has a shop yet, and which',
    input: empty, output: z.object({ ready: z.boolean(), shop: ShopInfo.nullable(), lang: Lang }),
    permission: { role: 'public' }, mutates: false,
  }),
  'setup.demo': command({
    summary: 'Create the demo shop in an empty data folder',
    input: empty, output: ok, permission: { role: 'public' }, mutates: true,
  }),
  'setup.create': command({
    summary: 'Set up a real shop in an empty data folder',
    input: z.object({
      name: z.string().trim().min(1).max(200),
      inn: z.string().regex(/^(\d{10}|\d{12})$/, 'INN is 10 or 12 digits'),
      address: z.string().trim().min(1).max(500),
      taxSystem: TaxSystem,
      ownerName: z.string().trim().min(1).max(100),
      ownerPin: Pin,
    }).strict(),
    output: ok, permission: { role: 'public' }, mutates: true,
  }),
  'settings.setLang': command({
    summary: 'Switch the interface language',
    input: z.object({ lang: Lang }).strict(), output: ok, permission: { role: 'any' }, mutates: true,
  }),
  'auth.login': command({
    summary: 'Log in by PIN; returns the session token',
    input: z.object({ pin: Pin }).strict(),
    output: z.object({ token: z.string(), user: UserRef }),
    permission: { role: 'public' }, mutates: true,
  }),
  'auth.logout': command({
    summary: 'End this session (the shift stays open)',
    input: empty, output: ok, permission: { role: 'any' }, mutates: false,
  }),
  'auth.whoami': command({
    summary: 'The user of this session',
    input: empty, output: UserRef, permission: { role: 'any' }, mutates: false,
  }),

  // --- catalogue ---
  'catalog.lookup': command({
    summary: 'A scanned or typed code (EAN, weight barcode, PLU) to a product and quantity',
    input: z.object({ code: z.string().trim().min(1).max(200) }).strict(),
    output: z.object({ product: Product, qty: Qty.nullable() }),
    permission: { role: 'any' }, mutates: false,
  }),
  'catalog.search': command({
    summary: 'Search products by name, PLU, article or barcode',
    input: z.object({ query: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(100).default(20) }).strict(),
    output: z.array(Product), permission: { role: 'any' }, mutates: false,
  }),

  // --- shift ---
  'shift.current': command({
    summary: 'The open shift, if any',
    input: empty, output: Shift.nullable(), permission: { role: 'any' }, mutates: false,
  }),
  'shift.open': command({
    summary: 'Open a shift with a cash float',
    input: z.object({ id: Id, float: Money.min(0) }).strict(),
    output: Shift, permission: { role: 'cashier' }, mutates: true,
  }),
  'shift.xReport': command({
    summary: 'X report: the open shift so far',
    input: empty, output: ShiftReport, permission: { role: 'cashier' }, mutates: true,
  }),
  'shift.close': command({
    summary: 'Close the shift with a Z report after counting the cash',
    input: z.object({ counted: Money.min(0) }).strict(),
    output: ShiftReport, permission: { role: 'cashier' }, mutates: true,
  }),
  'shift.list': command({
    summary: 'Shift history, newest first',
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.array(Shift), permission: { role: 'manager' }, mutates: false,
  }),
  'shift.report': command({
    summary: 'The report of any shift (Z for a closed one)',
    input: z.object({ id: Id }).strict(), output: ShiftReport, permission: { role: 'manager' }, mutates: false,
  }),

  // --- the open receipt ---
  'cart.get': command({
    summary: 'The open receipt of this till',
    input: empty, output: Cart.nullable(), permission: { role: 'cashier' }, mutates: false,
  }),
  'cart.scan': command({
    summary: 'Add an item by scanned or typed code; the same piece item again adds one',
    input: z.object({ code: z.string().trim().min(1).max(200), qty: Qty.optional() }).strict(),
    output: Cart, permission: { role: 'cashier' }, mutates: true,
  }),
  'cart.add': command({
    summary: 'Add a product found by search',
    input: z.object({ productId: Id, qty: Qty.optional() }).strict(),
    output: Cart, permission: { role: 'cashier' }, mutates: true,
  }),
  'cart.setQty': command({
    summary: 'Change a line quantity; lowering it is a void and needs a senior cashier',
    input: z.object({ lineId: Id, qty: Qty, override: Override }).strict(),
    output: Cart, permission: { role: 'cashier' }, mutates: true,
  }),
  'cart.removeLine': command({
    summary: 'Void a line',
    input: z.object({ lineId: Id, override: Override }).strict(),
    output: Cart, permission: { role: 'senior', override: true }, mutates: true,
  }),
  'cart.discount': command({
    summary: 'Discount on a line or the whole receipt (null removes it), within the role limit',
    input: z.object({ lineId: Id.optional(), discount: Discount.nullable(), override: Override }).strict(),
    output: Cart, permission: { role: 'cashier' }, mutates: true,
  }),
  'cart.cancel': command({
    summary: 'Cancel the open receipt',
    input: z.object({ override: Override }).strict(),
    output: ok, permission: { role: 'senior', override: true }, mutates: true,
  }),

  // --- sales and returns ---
  'sale.complete': command({
    summary: 'Pay and complete the open receipt; durable before it answers',
    input: z.object({ id: Id, payments: z.array(Payment).min(1).max(4) }).strict(),
    output: Sale, permission: { role: 'cashier' }, mutates: true,
  }),
  'sale.record': command({
    summary: 'Record a whole paid sale in one call (integrations, self-checkout)',
    input: z.object({
      id: Id,
      lines: z.array(z.object({ code: z.string().trim().min(1).max(200), qty: Qty.optional() }).strict()).min(1).max(500),
      payments: z.array(Payment).min(1).max(4),
    }).strict(),
    output: Sale, permission: { role: 'cashier' }, mutates: true,
  }),
  'sale.get': command({
    summary: 'One receipt',
    input: z.object({ id: Id }).strict(), output: Sale, permission: { role: 'cashier' }, mutates: false,
  }),
  'sale.find': command({
    summary: 'Find receipts by number, receipt code or date',
    input: z.object({
      number: z.number().int().min(1).optional(),
      code: z.string().trim().max(200).optional(),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }).strict(),
    output: z.array(SaleSummary), permission: { role: 'cashier' }, mutates: false,
  }),
  'sale.list': command({
    summary: 'Receipts, newest first (optionally of one shift)',
    input: z.object({ shiftId: Id.optional(), limit: z.number().int().min(1).max(500).default(100), before: z.number().int().optional() }).strict(),
    output: z.array(SaleSummary), permission: { role: 'manager' }, mutates: false,
  }),
  'sale.receipt': command({
    summary: 'The printed form of a receipt; print=true sends it to the printer again',
    input: z.object({ id: Id.optional(), print: z.boolean().default(false) }).strict(),
    output: Printout, permission: { role: 'cashier' }, mutates: false,
  }),
  'return.create': command({
    summary: 'Return goods against a receipt, refunded by its payment types',
    input: z.object({
      id: Id,
      saleId: Id,
      lines: z.array(z.object({ lineNo: z.number().int().min(1), qty: Qty }).strict()).min(1),
      override: Override,
    }).strict(),
    output: Sale, permission: { role: 'senior', override: true }, mutates: true,
  }),
  'return.noReceipt': command({
    summary: 'Return without a receipt (manager)',
    input: z.object({
      id: Id,
      lines: z.array(z.object({ productId: Id, qty: Qty, price: PositiveMoney }).strict()).min(1),
      kind: z.enum(['cash', 'card']),
      reason: z.string().trim().min(1).max(500),
      override: Override,
    }).strict(),
    output: Sale, permission: { role: 'manager', override: true }, mutates: true,
  }),

  // --- cash ---
  'cash.move': command({
    summary: 'Put cash in or take it out of the drawer',
    input: z.object({ id: Id, kind: z.enum(['in', 'out']), amount: PositiveMoney, reason: z.string().trim().min(1).max(500) }).strict(),
    output: z.object({ id: Id, expectedCash: Money }), permission: { role: 'cashier' }, mutates: true,
  }),
  'drawer.open': command({
    summary: 'Open the cash drawer without a sale',
    input: z.object({ reason: z.string().trim().min(1).max(500), override: Override }).strict(),
    output: ok, permission: { role: 'senior', override: true }, mutates: true,
  }),

  // --- owner ---
  'journal.list': command({
    summary: 'The journal of events, newest first; sensitive=true keeps only the audited ones',
    input: z.object({ sensitive: z.boolean().default(false), limit: z.number().int().min(1).max(1000).default(200), beforeSeq: z.number().int().optional() }).strict(),
    output: z.array(JournalEntry), permission: { role: 'manager' }, mutates: false,
  }),
  'users.list': command({
    summary: 'Users of this shop',
    input: empty, output: z.array(UserRef), permission: { role: 'manager' }, mutates: false,
  }),
  ...backOfficeCommands,
} satisfies Record<string, CommandDef>;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}
