/**
 * The till's SQLite schema, the source drizzle-kit generates `migrations/till/` from.
 * Ledger tables (journal, sales, sale_lines, sale_payments, shifts, shift_closures,
 * cash_moves, stock_moves) are insert-only: triggers in the migrations refuse UPDATE
 * and DELETE on them. The open receipt (carts) is a draft and may change.
 */
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: ['cashier', 'senior', 'manager', 'owner'] }).notNull(),
  /** scrypt of the PIN with the shop's salt: PIN alone identifies the user, so it is unique */
  pinHash: text('pin_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
}, (t) => [uniqueIndex('users_pin_hash').on(t.pinHash)]);

export const vatRates = sqliteTable('vat_rates', {
  code: text('code').primaryKey(),
  percent: integer('percent'),
  label: text('label').notNull(),
  /** FFD tag 1199 value */
  tag1199: integer('tag1199').notNull(),
});

export const productGroups = sqliteTable('product_groups', {
  id: text('id').primaryKey(),
  parentId: text('parent_id'),
  name: text('name').notNull(),
});

export const products = sqliteTable('products', {
  /** a stable integer key for the search index (an implicit rowid may change on VACUUM) */
  rid: integer('rid').primaryKey(),
  id: text('id').notNull().unique(),
  name: text('name').notNull(),
  /** lower case, ё → е: what search matches against */
  searchName: text('search_name').notNull(),
  groupId: text('group_id').references(() => productGroups.id),
  unit: text('unit', { enum: ['pcs', 'kg', 'l'] }).notNull(),
  vat: text('vat').notNull().references(() => vatRates.code),
  article: text('article'),
  plu: text('plu'),
  marked: integer('marked', { mode: 'boolean' }).notNull().default(false),
  price: integer('price').notNull(),
  archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
}, (t) => [
  index('products_search_name').on(t.searchName),
  uniqueIndex('products_plu').on(t.plu),
  index('products_article').on(t.article),
]);

export const barcodes = sqliteTable('barcodes', {
  code: text('code').primaryKey(),
  productId: text('product_id').notNull().references(() => products.id),
}, (t) => [index('barcodes_product').on(t.productId)]);

export const journal = sqliteTable('journal', {
  id: text('id').primaryKey(),
  tillId: text('till_id').notNull(),
  seq: integer('seq').notNull(),
  type: text('type').notNull(),
  payload: text('payload').notNull(),
  at: text('at').notNull(),
  userId: text('user_id'),
  approvedBy: text('approved_by'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [uniqueIndex('journal_till_seq').on(t.tillId, t.seq), index('journal_type').on(t.type)]);

export const shifts = sqliteTable('shifts', {
  id: text('id').primaryKey(),
  number: integer('number').notNull(),
  openedAt: text('opened_at').notNull(),
  openedBy: text('opened_by').notNull().references(() => users.id),
  float: integer('float').notNull(),
}, (t) => [uniqueIndex('shifts_number').on(t.number)]);

export const shiftClosures = sqliteTable('shift_closures', {
  shiftId: text('shift_id').primaryKey().references(() => shifts.id),
  closedAt: text('closed_at').notNull(),
  closedBy: text('closed_by').notNull().references(() => users.id),
  counted: integer('counted').notNull(),
  expected: integer('expected').notNull(),
});

/**
 * The open receipt: one row, its lines a JSON array ({ id, productId, barcode, qty, price,
 * discountKind, discountValue }), so a scan rewrites one row and completing a sale deletes one.
 */
export const carts = sqliteTable('carts', {
  id: text('id').primaryKey(),
  shiftId: text('shift_id').notNull().references(() => shifts.id),
  openedAt: text('opened_at').notNull(),
  userId: text('user_id').notNull(),
  discountKind: text('discount_kind', { enum: ['percent', 'amount'] }),
  discountValue: integer('discount_value'),
  lines: text('lines').notNull().default('[]'),
});

export const sales = sqliteTable('sales', {
  id: text('id').primaryKey(),
  number: integer('number').notNull(),
  kind: text('kind', { enum: ['sale', 'return'] }).notNull(),
  refSaleId: text('ref_sale_id').references((): ReturnType<typeof text> => sales.id),
  shiftId: text('shift_id').notNull().references(() => shifts.id),
  at: text('at').notNull(),
  userId: text('user_id').notNull().references(() => users.id),
  approvedBy: text('approved_by').references(() => users.id),
  subtotal: integer('subtotal').notNull(),
  discount: integer('discount').notNull(),
  total: integer('total').notNull(),
  tendered: integer('tendered').notNull(),
  change: integer('change').notNull(),
}, (t) => [
  uniqueIndex('sales_number').on(t.number),
  index('sales_shift').on(t.shiftId),
  index('sales_at').on(t.at),
  index('sales_ref').on(t.refSaleId),
]);

export const saleLines = sqliteTable('sale_lines', {
  saleId: text('sale_id').notNull().references(() => sales.id),
  lineNo: integer('line_no').notNull(),
  productId: text('product_id').notNull().references(() => products.id),
  name: text('name').notNull(),
  barcode: text('barcode'),
  unit: text('unit', { enum: ['pcs', 'kg', 'l'] }).notNull(),
  price: integer('price').notNull(),
  qty: integer('qty').notNull(),
  discount: integer('discount').notNull(),
  total: integer('total').notNull(),
  vat: text('vat').notNull(),
  vatAmount: integer('vat_amount').notNull(),
  /** on a return line: the sold line it returns */
  refLineNo: integer('ref_line_no'),
  /** the DataMatrix marking code of a marked piece (Честный ЗНАК) */
  markingCode: text('marking_code'),
}, (t) => [primaryKey({ columns: [t.saleId, t.lineNo] }), index('sale_lines_marking').on(t.markingCode)]);

export const salePayments = sqliteTable('sale_payments', {
  saleId: text('sale_id').notNull().references(() => sales.id),
  kind: text('kind', { enum: ['cash', 'card'] }).notNull(),
  amount: integer('amount').notNull(),
}, (t) => [primaryKey({ columns: [t.saleId, t.kind] })]);

export const cashMoves = sqliteTable('cash_moves', {
  id: text('id').primaryKey(),
  shiftId: text('shift_id').notNull().references(() => shifts.id),
  kind: text('kind', { enum: ['in', 'out'] }).notNull(),
  amount: integer('amount').notNull(),
  reason: text('reason').notNull(),
  at: text('at').notNull(),
  userId: text('user_id').notNull().references(() => users.id),
}, (t) => [index('cash_moves_shift').on(t.shiftId)]);

export const stockMoves = sqliteTable('stock_moves', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  productId: text('product_id').notNull().references(() => products.id),
  qty: integer('qty').notNull(),
  docType: text('doc_type').notNull(),
  docId: text('doc_id').notNull(),
  at: text('at').notNull(),
}, (t) => [index('stock_moves_product').on(t.productId, t.at), index('stock_moves_doc').on(t.docId)]);

/** The fiscal registrar's answer for a sale or return, written with it (insert-only). */
export const saleFiscal = sqliteTable('sale_fiscal', {
  saleId: text('sale_id').primaryKey().references(() => sales.id),
  docNumber: integer('doc_number').notNull(),
  fiscalSign: text('fiscal_sign').notNull(),
  fnNumber: text('fn_number').notNull(),
  fiscalShift: integer('fiscal_shift'),
  receiptNumber: integer('receipt_number'),
  at: text('at').notNull(),
  qr: text('qr').notNull(),
});

/**
 * A document on its way through the registrar: written before the registrar is asked,
 * removed in the transaction that writes the completed sale. One left over after a crash
 * is reconciled against the registrar's last document at start-up.
 */
export const fiscalPending = sqliteTable('fiscal_pending', {
  saleId: text('sale_id').primaryKey(),
  cartId: text('cart_id'),
  draft: text('draft').notNull(),
  lastDocBefore: integer('last_doc_before').notNull(),
  startedAt: text('started_at').notNull(),
});
