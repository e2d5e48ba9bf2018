import { LavkaError } from '../../shared/contract/errors.js';
import { divRound } from '../../shared/money.js';
import { ROLES, roleAtLeast } from '../../shared/roles.js';
import { requireTradingShift, type Services } from '../services.js';
import type { CallContext, Handlers } from '../rpc/context.js';
import type { ProductView } from '../catalog/catalog.js';
import { cartView, draftLines, viewOf, type LoadedCart } from './cart.js';
import { discountAmount, discountShare, priceReceipt, type DiscountSpec } from './pricing.js';
import { settle, refundSplit, type Tender } from './payments.js';
import type { DraftLine, SaleDraft, SaleView } from './ledger.js';
import { receiptCode, receiptDoc } from '../receipts/layout.js';
import { renderText } from '../receipts/render-text.js';

type SalesHandlers = Pick<Handlers,
  'cart.get' | 'cart.scan' | 'cart.add' | 'cart.setQty' | 'cart.removeLine' | 'cart.discount' | 'cart.cancel' |
  'sale.complete' | 'sale.record' | 'sale.get' | 'sale.find' | 'sale.list' | 'sale.receipt' | 'return.create' | 'return.noReceipt'>;

function checkQty(product: Pick<ProductView, 'unit' | 'name'>, qty: number): void {
  // a scale label printed with no weight on it carries 0 g: never a line (or a sale) of nothing
  if (qty < 1) throw new LavkaError('validation', 'errors.weightNeeded', { product: product.name });
  if (product.unit === 'pcs' && qty % 1000 !== 0) throw new LavkaError('validation', 'errors.pieceFraction', { product: product.name });
}

export function salesHandlers(s: Services): SalesHandlers {
  const vatLabels = () => s.catalog.vatLabels();

  function loadCart(): LoadedCart {
    s.fiscal.assertIdle();
    const cart = s.carts.load();
    if (!cart) throw new LavkaError('conflict', 'errors.emptyReceipt');
    return cart;
  }

  function lineOf(cart: LoadedCart, lineId: string) {
    const line = cart.lines.find((l) => l.id === lineId);
    if (!line) throw new LavkaError('not_found', 'errors.noSuchLine', { lineId });
    return line;
  }

  /** The cart as a change left it: told to every screen, and the answer. */
  function shown(cart: LoadedCart) {
    const view = viewOf(cart);
    s.events.emit('cart.changed', { cart: view });
    return view;
  }

  /** Marked goods (Честный ЗНАК) sell one piece per scanned DataMatrix code, each code once. */
  function checkMarking(product: ProductView, markingCode: string | null, qty: number, cart: LoadedCart | null): void {
    if (!product.marked) return;
    if (!markingCode) throw new LavkaError('validation', 'errors.markRequired', { product: product.name });
    if (qty !== 1000) throw new LavkaError('validation', 'errors.markOnePiece', { product: product.name });
    if (cart?.lines.some((l) => l.marking_code === markingCode)) throw new LavkaError('rejected', 'errors.markInReceipt', { product: product.name });
    if (s.ledger.markingCodeSold(markingCode)) throw new LavkaError('rejected', 'errors.markSold', { product: product.name });
  }

  function addToCart(product: ProductView, qty: number | null, barcode: string | null, markingCode: string | null, ctx: CallContext) {
    const shift = requireTradingShift(s);
    s.fiscal.assertIdle();
    if (qty === null && product.unit !== 'pcs') throw new LavkaError('validation', 'errors.weightNeeded', { product: product.name, productId: product.id });
    const amount = qty ?? 1000;
    checkQty(product, amount);
    // only marked goods look at what is in the cart already
    checkMarking(product, markingCode, amount, product.marked ? s.carts.load() : null);
    return shown(s.tx(() => {
      const cart = s.carts.load() ?? s.carts.open(shift.id, ctx.user.id, s.clock().toISOString());
      const same = product.unit === 'pcs' && !product.marked
        ? cart.lines.find((l) => l.product_id === product.id && l.price === product.price && l.discount_kind === null)
        : undefined;
      return same
        ? s.carts.setQty(cart, same.id, same.qty + amount)
        : s.carts.addLine(cart, product, barcode, amount, product.price, product.marked ? markingCode : null);
    }));
  }

  /** The lowest role allowed to give a discount of this size, or null when no one is. */
  function roleForDiscount(share: number) {
    return ROLES.find((role) => s.settings.discountLimit(role) >= share) ?? null;
  }

  /** The receipt is laid out in the effect too: after the commit, and after the answer. */
  function printLater(sale: SaleView) {
    s.afterCommit(() => {
      const shop = s.settings.get('shop');
      if (!shop) return;
      s.devices.printer.print(receiptDoc(sale, shop, vatLabels())).catch((err) => s.deviceTrouble('printer', err));
      const cash = sale.payments.find((p) => p.kind === 'cash');
      if (cash && cash.amount > 0) s.devices.drawer.open().catch((err) => s.deviceTrouble('drawer', err));
    });
  }

  async function complete(draft: SaleDraft, cartId: string | null, ctx: CallContext): Promise<SaleView> {
    const sale = (await s.fiscal.record(draft, cartId, ctx.user.name)) ?? s.ledger.get(draft.id);
    if (!sale) throw new Error('sale vanished after commit');
    s.events.emit('sale.completed', { id: sale.id, number: sale.number, total: sale.total, change: sale.change });
    if (cartId) s.events.emit('cart.changed', { cart: null });
    printLater(sale);
    return sale;
  }

  function settleOrThrow(total: number, payments: Tender[]) {
    const paid = settle(total, payments);
    if ('problem' in paid) throw new LavkaError('rejected', paid.problem === 'underpaid' ? 'errors.underpaid' : 'errors.cardOverTotal', { missing: paid.missing, total });
    return paid;
  }

  function saleDraft(id: string, shiftId: string, ctx: CallContext, lines: DraftLine[], subtotal: number, total: number, payments: Tender[]): SaleDraft {
    const paid = settleOrThrow(total, payments);
    return {
      id, kind: 'sale', refSaleId: null, shiftId, userId: ctx.user.id, approvedBy: null, lines, subtotal,
      discount: subtotal - total, total, cash: paid.cash, card: paid.card, tendered: paid.tendered, change: paid.change,
    };
  }

  function existing(id: string): SaleView | null {
    return s.ledger.has(id) ? s.ledger.get(id) : null;
  }

  return {
    'cart.get': () => cartView(s.carts.load()),

    'cart.scan': (input, ctx) => {
      const found = s.catalog.lookup(input.code);
      if (!found) throw new LavkaError('not_found', 'errors.unknownBarcode', { code: input.code });
      return addToCart(found.product, found.qty ?? input.qty ?? null, found.barcode, found.markingCode, ctx);
    },

    'cart.add': (input, ctx) => {
      const product = s.catalog.get(input.productId);
      if (!product) throw new LavkaError('not_found', 'errors.noSuchProduct', { productId: input.productId });
      return addToCart(product, input.qty ?? null, product.barcode, null, ctx);
    },

    'cart.setQty': async (input, ctx) => {
      const cart = loadCart();
      const line = lineOf(cart, input.lineId);
      checkQty(line, input.qty);
      if (line.marking_code && input.qty !== 1000) throw new LavkaError('validation', 'errors.markOnePiece', { product: line.name });
      const approver = input.qty < line.qty ? await ctx.authorize('senior', 'cart.setQty') : null;
      return shown(s.tx(() => {
        if (input.qty < line.qty) {
          s.journal.append({
            type: 'cart.lineVoided', userId: ctx.user.id, approvedBy: approver?.id ?? null,
            payload: { shiftId: cart.row.shift_id, cartId: cart.row.id, productId: line.product_id, name: line.name, qty: line.qty - input.qty, partial: true },
          });
        }
        return s.carts.setQty(cart, line.id, input.qty);
      }));
    },

    'cart.removeLine': (input, ctx) => {
      const cart = loadCart();
      const line = lineOf(cart, input.lineId);
      return shown(s.tx(() => {
        s.journal.append({
          type: 'cart.lineVoided', userId: ctx.user.id, approvedBy: ctx.approver?.id ?? null,
          payload: { shiftId: cart.row.shift_id, cartId: cart.row.id, productId: line.product_id, name: line.name, qty: line.qty, price: line.price, partial: false },
        });
        return s.carts.removeLine(cart, line.id);
      }));
    },

    'cart.discount': async (input, ctx) => {
      const cart = loadCart();
      const spec: DiscountSpec | null = input.discount;
      let base: number;
      if (input.lineId) {
        const index = cart.lines.findIndex((l) => l.id === input.lineId);
        if (index < 0) throw new LavkaError('not_found', 'errors.noSuchLine', { lineId: input.lineId });
        base = cart.priced.lines[index]?.gross ?? 0;
      } else {
        base = cart.priced.lines.reduce((sum, l, i) => sum + l.gross - discountAmount(l.gross, lineSpec(cart, i)), 0);
      }
      let approver = null;
      if (spec) {
        const share = discountShare(base, spec);
        const role = roleForDiscount(share);
        if (!role) throw new LavkaError('rejected', 'errors.discountTooLarge', { percent: share / 100 });
        if (!roleAtLeast(ctx.user.role, role)) approver = await ctx.authorize(role, 'cart.discount');
      }
      return shown(s.tx(() => {
        if (spec) {
          s.journal.append({
            type: 'cart.discountGiven', userId: ctx.user.id, approvedBy: approver?.id ?? null,
            payload: { shiftId: cart.row.shift_id, cartId: cart.row.id, lineId: input.lineId ?? null, discount: spec, base },
          });
        }
        return input.lineId ? s.carts.setLineDiscount(cart, input.lineId, spec) : s.carts.setCartDiscount(cart, spec);
      }));
    },

    'cart.cancel': (_input, ctx) => {
      const cart = loadCart();
      s.tx(() => {
        s.journal.append({
          type: 'cart.cancelled', userId: ctx.user.id, approvedBy: ctx.approver?.id ?? null,
          payload: {
            shiftId: cart.row.shift_id, cartId: cart.row.id, total: cart.priced.total,
            lines: cart.lines.map((l) => ({ productId: l.product_id, name: l.name, qty: l.qty, price: l.price })),
          },
        });
        s.carts.discard(cart.row.id);
      });
      s.events.emit('cart.changed', { cart: null });
      return { ok: true as const };
    },

    'sale.complete': async (input, ctx) => {
      const done = existing(input.id);
      if (done) return done;
      // a payment retried after an unknown fiscal outcome: settle that first, it may be this very sale
      if (await s.fiscal.reconcile() > 0) {
        const settled = existing(input.id);
        if (settled) return settled;
      }
      const shift = requireTradingShift(s);
      const cart = loadCart();
      if (cart.lines.length === 0) throw new LavkaError('conflict', 'errors.emptyReceipt');
      const draft = saleDraft(input.id, shift.id, ctx, draftLines(cart), cart.priced.subtotal, cart.priced.total, input.payments);
      return complete(draft, cart.row.id, ctx);
    },

    'sale.record': (input, ctx) => {
      const done = existing(input.id);
      if (done) return done;
      const shift = requireTradingShift(s);
      const items = input.lines.map((line, i) => {
        const found = s.catalog.lookup(line.code);
        if (!found) throw new LavkaError('not_found', 'errors.unknownBarcode', { code: line.code, line: i + 1 });
        const qty = found.qty ?? line.qty ?? (found.product.unit === 'pcs' ? 1000 : null);
        if (qty === null) throw new LavkaError('validation', 'errors.weightNeeded', { product: found.product.name, line: i + 1 });
        checkQty(found.product, qty);
        return { found, qty };
      });
      const codes = new Set<string>();
      for (const { found, qty } of items) {
        checkMarking(found.product, found.markingCode, qty, null);
        if (found.markingCode && found.product.marked) {
          if (codes.has(found.markingCode)) throw new LavkaError('rejected', 'errors.markInReceipt', { product: found.product.name });
          codes.add(found.markingCode);
        }
      }
      const priced = priceReceipt(items.map(({ found, qty }) => ({ price: found.product.price, qty, discount: null, vatPercent: found.product.vatPercent })), null);
      const lines: DraftLine[] = items.map(({ found, qty }, i) => ({
        productId: found.product.id, name: found.product.name, barcode: found.barcode, unit: found.product.unit, price: found.product.price, qty,
        discount: priced.lines[i]?.discount ?? 0, total: priced.lines[i]?.total ?? 0, vat: found.product.vat, vatAmount: priced.lines[i]?.vat ?? 0, refLineNo: null,
        markingCode: found.product.marked ? found.markingCode : null,
      }));
      return complete(saleDraft(input.id, shift.id, ctx, lines, priced.subtotal, priced.total, input.payments), null, ctx);
    },

    'sale.get': (input) => {
      const sale = s.ledger.get(input.id);
      if (!sale) throw new LavkaError('not_found', 'errors.noSuchReceipt', { id: input.id });
      return sale;
    },

    'sale.find': (input) => {
      const code = input.code?.trim();
      if (code) {
        const m = /^R(\d{1,9})$/i.exec(code) ?? /^(\d{1,9})$/.exec(code);
        return m ? s.ledger.findByNumber(Number(m[1])) : [];
      }
      if (input.number) return s.ledger.findByNumber(input.number);
      if (input.date) {
        const from = new Date(`${input.date}T00:00:00`);
        const to = new Date(from.getTime() + 86_400_000);
        return s.ledger.findByDay(from.toISOString(), to.toISOString(), input.limit);
      }
      return s.ledger.list(null, null, input.limit);
    },

    'sale.list': (input) => s.ledger.list(input.shiftId ?? null, input.before ?? null, input.limit),

    'sale.receipt': async (input) => {
      const id = input.id ?? s.ledger.lastSaleId();
      const sale = id ? s.ledger.get(id) : null;
      const shop = s.settings.get('shop');
      if (!sale || !shop) throw new LavkaError('not_found', 'errors.noSuchReceipt', { id: input.id ?? null });
      const doc = receiptDoc(sale, shop, vatLabels());
      let printerError: string | null = null;
      if (input.print) {
        try {
          await s.devices.printer.print(doc);
        } catch (err) {
          printerError = err instanceof Error ? err.message : String(err);
          s.deviceTrouble('printer', err);
        }
      }
      return { lines: renderText(doc, s.devices.printer.width), printed: input.print && printerError === null, printerError };
    },

    'return.create': (input, ctx) => {
      const done = existing(input.id);
      if (done) return done;
      const shift = requireTradingShift(s);
      const sale = s.ledger.get(input.saleId);
      if (!sale) throw new LavkaError('not_found', 'errors.noSuchReceipt', { id: input.saleId });
      if (sale.kind !== 'sale') throw new LavkaError('rejected', 'errors.notASale', { number: sale.number });
      const lines: DraftLine[] = input.lines.map((r) => {
        const line = sale.lines.find((l) => l.lineNo === r.lineNo);
        if (!line) throw new LavkaError('not_found', 'errors.noSuchLine', { lineNo: r.lineNo });
        const left = line.qty - line.returnedQty;
        if (r.qty > left) throw new LavkaError('rejected', 'errors.returnTooMuch', { lineNo: r.lineNo, name: line.name, max: left });
        checkQty(line, r.qty);
        // Shares of the sold line telescope, so returning a line in parts refunds exactly its total.
        const share = (amount: number) => divRound(amount * (line.returnedQty + r.qty), line.qty) - divRound(amount * line.returnedQty, line.qty);
        return {
          productId: line.productId, name: line.name, barcode: line.barcode, unit: line.unit, price: line.price, qty: r.qty,
          discount: share(line.discount), total: share(line.total), vat: line.vat, vatAmount: share(line.vatAmount), refLineNo: line.lineNo,
          markingCode: s.ledger.lineMarkingCode(sale.id, line.lineNo),
        };
      });
      if (new Set(input.lines.map((l) => l.lineNo)).size !== input.lines.length) throw new LavkaError('validation', 'errors.duplicateLine');
      const total = lines.reduce((a, l) => a + l.total, 0);
      const cardPaid = sale.payments.find((p) => p.kind === 'card')?.amount ?? 0;
      const refund = refundSplit(total, cardPaid - s.ledger.refundedToCard(sale.id));
      return complete({
        id: input.id, kind: 'return', refSaleId: sale.id, shiftId: shift.id, userId: ctx.user.id, approvedBy: ctx.approver?.id ?? null, lines,
        subtotal: lines.reduce((a, l) => a + l.total + l.discount, 0), discount: lines.reduce((a, l) => a + l.discount, 0), total,
        cash: refund.cash, card: refund.card, tendered: refund.cash, change: 0, note: { refNumber: sale.number, receiptCode: receiptCode(sale.number) },
      }, null, ctx);
    },

    'return.noReceipt': (input, ctx) => {
      const done = existing(input.id);
      if (done) return done;
      const shift = requireTradingShift(s);
      const lines: DraftLine[] = input.lines.map((r) => {
        const product = s.catalog.get(r.productId);
        if (!product) throw new LavkaError('not_found', 'errors.noSuchProduct', { productId: r.productId });
        checkQty(product, r.qty);
        const total = priceReceipt([{ price: r.price, qty: r.qty, discount: null, vatPercent: product.vatPercent }], null);
        const line = total.lines[0];
        return {
          productId: product.id, name: product.name, barcode: product.barcode, unit: product.unit, price: r.price, qty: r.qty,
          discount: 0, total: line?.total ?? 0, vat: product.vat, vatAmount: line?.vat ?? 0, refLineNo: null, markingCode: null,
        };
      });
      const total = lines.reduce((a, l) => a + l.total, 0);
      return complete({
        id: input.id, kind: 'return', refSaleId: null, shiftId: shift.id, userId: ctx.user.id, approvedBy: ctx.approver?.id ?? null, lines,
        subtotal: total, discount: 0, total, cash: input.kind === 'cash' ? total : 0, card: input.kind === 'card' ? total : 0,
        tendered: input.kind === 'cash' ? total : 0, change: 0, note: { reason: input.reason },
      }, null, ctx);
    },
  };
}

function lineSpec(cart: LoadedCart, i: number): DiscountSpec | null {
  const l = cart.lines[i];
  return l?.discount_kind && l.discount_value !== null ? { kind: l.discount_kind, value: l.discount_value } : null;
}
