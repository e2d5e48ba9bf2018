/**
 * The till's SQLite schema, the source drizzle-kit generates `migrations/till/` from.
 * Ledger tables (journal, sales, sale_lines, sale_payments, shifts, shift_closures,
 * cash_moves, stock_moves) are insert-only: triggers in the migrations refuse UPDATE
 * and DELETE on them. The open receipt (carts) is a draft and may change.
 *
 * What drizzle cannot say: sales, sale_lines, sale_payments and sale_fiscal are WITHOUT ROWID
 * tables (migration 0006), so their primary key is the table itself and a completed sale
 * writes one B-tree fewer for each.
 */
import { sql } from 'drizzle-orm';
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
  /** retail markup over the purchase price, in hundredths of a percent; null: the parent's */
  markup: integer('markup'),
  /** the id in an outside system (1C), so a repeated import updates rather than duplicates */
  extId: text('ext_id'),
}, (t) => [uniqueIndex('product_groups_ext').on(t.extId)]);

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
  /** goods, excise goods or a service (FFD tag 1212) */
  kind: text('kind', { enum: ['goods', 'excise', 'service'] }).notNull().default('goods'),
  /** the last purchase price, kopecks per unit, VAT included */
  cost: integer('cost').notNull().default(0),
  minStock: integer('min_stock'),
  maxStock: integer('max_stock'),
  extId: text('ext_id'),
  updatedAt: text('updated_at').notNull().default(''),
}, (t) => [
  uniqueIndex('products_ext').on(t.extId),
  index('products_updated').on(t.updatedAt),
  // the catalogue list: active products by name, and counting them, read off one index
  index('products_listing').on(t.archived, t.searchName),
  index('products_group').on(t.groupId, t.archived),
  uniqueIndex('products_plu').on(t.plu),
  index('products_article').on(t.article),
]);

export const barcodes = sqliteTable('barcodes', {
  code: text('code').primaryKey(),
  productId: text('product_id').notNull().references(() => products.id),
}, (t) => [index('barcodes_product').on(t.productId)]);

/** Keyed by seq: a till's ledger holds its own journal, numbered without gaps. */
export const journal = sqliteTable('journal', {
  seq: integer('seq').primaryKey(),
  id: text('id').notNull(),
  tillId: text('till_id').notNull(),
  type: text('type').notNull(),
  payload: text('payload').notNull(),
  at: text('at').notNull(),
  userId: text('user_id'),
  approvedBy: text('approved_by'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [
  // Completed sales are most of the journal, and neither index serves them: nothing looks a sale's
  // event up by type, and its id is a fresh one (the sale's own id is unique in sales). So they stay
  // out of both, two pages fewer on a sale's commit; a query says `type <> 'sale.completed'` to use them.
  // Events that carry their document's id (stock.posted, price.changed, catalog.imported) stay unique.
  uniqueIndex('journal_id_unique').on(t.id).where(sql`${t.type} <> 'sale.completed'`),
  index('journal_type').on(t.type).where(sql`${t.type} <> 'sale.completed'`),
]);

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
 * `id` has no index (migration 0007): the table holds that one row, and an index would be one
 * more page written by every sale that deletes it.
 */
export const carts = sqliteTable('carts', {
  id: text('id').notNull(),
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
  // most documents are sales, which refer to nothing: only returns are indexed
  index('sales_ref').on(t.refSaleId).where(sql`${t.refSaleId} IS NOT NULL`),
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
}, (t) => [primaryKey({ columns: [t.saleId, t.lineNo] }), index('sale_lines_marking').on(t.markingCode).where(sql`${t.markingCode} IS NOT NULL`)]);

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
  // the rowid: rows are never deleted, so it only grows, and without AUTOINCREMENT no sqlite_sequence write
  id: integer('id').primaryKey(),
  productId: text('product_id').notNull().references(() => products.id),
  qty: integer('qty').notNull(),
  docType: text('doc_type').notNull(),
  docId: text('doc_id').notNull(),
  at: text('at').notNull(),
  // no index by document: only `lavka verify` reads moves by document, in one grouped pass (migration 0007);
  // qty is in the product index so a balance sums the index alone: a best seller has a move a sale (migration 0008)
}, (t) => [index('stock_moves_product').on(t.productId, t.at, t.qty)]);

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

export const suppliers = sqliteTable('suppliers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  inn: text('inn'),
  /** the column mapping last used to import this supplier's price list (JSON) */
  importMapping: text('import_mapping'),
});

/**
 * A stock document as posted (insert-only): intake, write-off, stocktake, transfer, supplier return.
 * A posted document is corrected by another that refers to it (`ref_doc_id`), never edited.
 */
export const stockDocs = sqliteTable('stock_docs', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['intake', 'writeoff', 'stocktake', 'transfer_out', 'transfer_in', 'supplier_return'] }).notNull(),
  number: integer('number').notNull(),
  at: text('at').notNull(),
  userId: text('user_id').notNull().references(() => users.id),
  approvedBy: text('approved_by').references(() => users.id),
  supplierId: text('supplier_id').references(() => suppliers.id),
  /** the supplier's invoice number and date, or the other store of a transfer */
  extNumber: text('ext_number'),
  extDate: text('ext_date'),
  counterpart: text('counterpart'),
  reason: text('reason'),
  refDocId: text('ref_doc_id').references((): ReturnType<typeof text> => stockDocs.id),
  note: text('note'),
  /** purchase value and retail value of the movement, kopecks (signed) */
  costTotal: integer('cost_total').notNull(),
  retailTotal: integer('retail_total').notNull(),
}, (t) => [uniqueIndex('stock_docs_number').on(t.kind, t.number), index('stock_docs_at').on(t.at), index('stock_docs_ref').on(t.refDocId)]);

export const stockDocLines = sqliteTable('stock_doc_lines', {
  docId: text('doc_id').notNull().references(() => stockDocs.id),
  lineNo: integer('line_no').notNull(),
  productId: text('product_id').notNull().references(() => products.id),
  /** the movement, signed thousandths */
  qty: integer('qty').notNull(),
  /** purchase price per unit, kopecks */
  cost: integer('cost').notNull(),
  /** retail price per unit when posted, kopecks */
  price: integer('price').notNull(),
  vat: text('vat'),
  /** stocktake: what the books said and what was counted */
  bookQty: integer('book_qty'),
  countedQty: integer('counted_qty'),
}, (t) => [primaryKey({ columns: [t.docId, t.lineNo] }), index('stock_doc_lines_product').on(t.productId)]);

/** Purchase price history, one row per intake line (insert-only): margins use the cost in force at a sale. */
export const costHistory = sqliteTable('cost_history', {
  productId: text('product_id').notNull().references(() => products.id),
  at: text('at').notNull(),
  docId: text('doc_id').notNull(),
  cost: integer('cost').notNull(),
}, (t) => [primaryKey({ columns: [t.productId, t.at, t.docId] })]);

/** A document being prepared (intake, write-off, price change...): a draft changes freely until it is posted. */
export const docDrafts = sqliteTable('doc_drafts', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  header: text('header').notNull().default('{}'),
  lines: text('lines').notNull().default('[]'),
  userId: text('user_id').notNull().references(() => users.id),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** A stocktake in progress: counted by several people at once, posted as a `stocktake` stock document. */
export const stocktakes = sqliteTable('stocktakes', {
  id: text('id').primaryKey(),
  number: integer('number').notNull(),
  groupId: text('group_id').references(() => productGroups.id),
  startedAt: text('started_at').notNull(),
  userId: text('user_id').notNull().references(() => users.id),
  /** open, posted or cancelled */
  status: text('status', { enum: ['open', 'posted', 'cancelled'] }).notNull().default('open'),
  docId: text('doc_id'),
});

/** One scan or typed count in a stocktake (insert-only); a correction is a negative count. */
export const stocktakeCounts = sqliteTable('stocktake_counts', {
  id: text('id').primaryKey(),
  stocktakeId: text('stocktake_id').notNull().references(() => stocktakes.id),
  productId: text('product_id').notNull().references(() => products.id),
  qty: integer('qty').notNull(),
  userId: text('user_id').notNull().references(() => users.id),
  at: text('at').notNull(),
}, (t) => [index('stocktake_counts_product').on(t.stocktakeId, t.productId)]);

/** A price change (insert-only), in force from `effective_at`; `price_applied` records when the till took it up. */
export const priceDocs = sqliteTable('price_docs', {
  id: text('id').primaryKey(),
  number: integer('number').notNull().unique(),
  effectiveAt: text('effective_at').notNull(),
  createdAt: text('created_at').notNull(),
  userId: text('user_id').notNull().references(() => users.id),
  approvedBy: text('approved_by').references(() => users.id),
  /** the intake document whose proposals this accepts, if any */
  sourceDocId: text('source_doc_id'),
  note: text('note'),
}, (t) => [index('price_docs_effective').on(t.effectiveAt)]);

export const priceDocLines = sqliteTable('price_doc_lines', {
  docId: text('doc_id').notNull().references(() => priceDocs.id),
  productId: text('product_id').notNull().references(() => products.id),
  oldPrice: integer('old_price').notNull(),
  newPrice: integer('new_price').notNull(),
}, (t) => [primaryKey({ columns: [t.docId, t.productId] }), index('price_doc_lines_product').on(t.productId)]);

export const priceApplied = sqliteTable('price_applied', {
  docId: text('doc_id').primaryKey().references(() => priceDocs.id),
  at: text('at').notNull(),
});
