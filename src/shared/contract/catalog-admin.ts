import { z } from 'zod';
import { command, ok } from './define.js';
import { Id, Money, Unit } from './schemas.js';

/** A stock level or limit: signed thousandths. */
export const StockQty = z.number().int().min(-1e12).max(1e12);
const Name = z.string().trim().min(1).max(300);
const Code = z.string().trim().min(1).max(64);

export const ProductKind = z.enum(['goods', 'excise', 'service']);

export const ProductRow = z.object({
  id: Id,
  name: z.string(),
  article: z.string().nullable(),
  barcode: z.string().nullable(),
  plu: z.string().nullable(),
  unit: Unit,
  group: z.string().nullable(),
  price: Money,
  cost: Money,
  stock: StockQty,
  minStock: StockQty.nullable(),
  archived: z.boolean(),
  marked: z.boolean(),
});

export const ProductCard = z.object({
  id: Id,
  name: z.string(),
  groupId: Id.nullable(),
  groupPath: z.array(z.string()),
  unit: Unit,
  vat: z.string(),
  kind: ProductKind,
  article: z.string().nullable(),
  plu: z.string().nullable(),
  marked: z.boolean(),
  barcodes: z.array(z.string()),
  price: Money,
  cost: Money,
  minStock: StockQty.nullable(),
  maxStock: StockQty.nullable(),
  archived: z.boolean(),
  stock: StockQty,
  /** the retail price the group's markup suggests for the cost, null without a markup */
  suggestedPrice: Money.nullable(),
  updatedAt: z.string(),
  hasMovements: z.boolean(),
});

export const ProductInput = z.object({
  id: Id,
  name: Name,
  groupId: Id.nullable().default(null),
  unit: Unit,
  vat: z.string().min(1).max(16),
  kind: ProductKind.default('goods'),
  article: Code.nullable().default(null),
  plu: z.string().regex(/^\d{1,6}$/, 'PLU is 1 to 6 digits').nullable().default(null),
  marked: z.boolean().default(false),
  barcodes: z.array(Code).max(20).default([]),
  /** a new retail price; a change is written as a price document in force at once */
  price: Money.min(0).optional(),
  cost: Money.min(0).optional(),
  minStock: StockQty.min(0).nullable().default(null),
  maxStock: StockQty.min(0).nullable().default(null),
}).strict();

export const Group = z.object({
  id: Id,
  parentId: Id.nullable(),
  name: z.string(),
  /** hundredths of a percent */
  markup: z.number().int().nullable(),
  products: z.number().int(),
});

export const Supplier = z.object({ id: Id, name: z.string(), inn: z.string().nullable() });

export const VatRateRow = z.object({
  code: z.string(),
  percent: z.number().int().nullable(),
  label: z.string(),
  tag1199: z.number().int(),
});

export const ListSort = z.enum(['name', 'price', 'stock', 'article', 'updated']);

/** Where the next page starts: the sort key and row of the last one shown (sorts by name, price or date changed) */
export const ListCursor = z.object({ key: z.union([z.string().max(500), z.number().int()]), rid: z.number().int() }).strict();

export const catalogAdminCommands = {
  'catalog.list': command({
    summary: 'Products page by page, sorted and filtered in SQL, with their stock',
    input: z.object({
      query: z.string().trim().max(100).optional(),
      groupId: Id.optional(),
      archived: z.boolean().default(false),
      belowMin: z.boolean().default(false),
      sort: ListSort.default('name'),
      desc: z.boolean().default(false),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
      /** the page after this cursor instead of at `offset` (see `next`) */
      after: ListCursor.optional(),
    }).strict(),
    output: z.object({ total: z.number().int(), rows: z.array(ProductRow), next: ListCursor.nullable() }),
    permission: { role: 'senior' }, mutates: false,
  }),
  'catalog.get': command({
    summary: 'A product card',
    input: z.object({ id: Id }).strict(), output: ProductCard, permission: { role: 'senior' }, mutates: false,
  }),
  'catalog.save': command({
    summary: 'Create or change a product; a barcode belongs to one product only',
    input: ProductInput, output: ProductCard, permission: { role: 'manager' }, mutates: true,
  }),
  'catalog.remove': command({
    summary: 'Delete a product that never moved; one with movements is archived instead',
    input: z.object({ id: Id }).strict(), output: z.object({ outcome: z.enum(['deleted', 'archived']) }),
    permission: { role: 'manager' }, mutates: true,
  }),
  'catalog.restore': command({
    summary: 'Take a product out of the archive',
    input: z.object({ id: Id }).strict(), output: ok, permission: { role: 'manager' }, mutates: true,
  }),
  'groups.list': command({
    summary: 'The group tree, flat, with product counts',
    input: z.object({}).strict(), output: z.array(Group), permission: { role: 'any' }, mutates: false,
  }),
  'groups.save': command({
    summary: 'Create or change a group (name, parent, markup)',
    input: z.object({
      id: Id, name: Name, parentId: Id.nullable().default(null),
      markup: z.number().int().min(0).max(100_000).nullable().default(null),
    }).strict(),
    output: Group, permission: { role: 'manager' }, mutates: true,
  }),
  'suppliers.list': command({
    summary: 'Suppliers',
    input: z.object({}).strict(), output: z.array(Supplier), permission: { role: 'senior' }, mutates: false,
  }),
  'suppliers.save': command({
    summary: 'Create or change a supplier',
    input: z.object({ id: Id, name: Name, inn: z.string().regex(/^(\d{10}|\d{12})$/, 'INN is 10 or 12 digits').nullable().default(null) }).strict(),
    output: Supplier, permission: { role: 'manager' }, mutates: true,
  }),
  'vat.list': command({
    summary: 'The VAT table: rate → receipt label → FFD tag 1199 value',
    input: z.object({}).strict(), output: z.array(VatRateRow), permission: { role: 'any' }, mutates: false,
  }),
  'vat.save': command({
    summary: 'Add or change a VAT rate (rates change by law; no new release needed)',
    input: z.object({
      code: z.string().regex(/^[a-z0-9_/]{1,16}$/),
      percent: z.number().int().min(0).max(100).nullable(),
      label: z.string().trim().min(1).max(40),
      tag1199: z.number().int().min(1).max(10),
    }).strict(),
    output: z.array(VatRateRow), permission: { role: 'owner' }, mutates: true,
  }),
};
