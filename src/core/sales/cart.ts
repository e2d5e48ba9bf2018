import type { z } from 'zod';
import type { Db } from '../db/open.js';
import type { Cart } from '../../shared/contract/schemas.js';
import { uuidv7 } from '../../shared/ids.js';
import { priceReceipt, type DiscountSpec, type PricedReceipt } from './pricing.js';
import type { DraftLine } from './ledger.js';

export type CartView = z.output<typeof Cart>;

/** A line as stored in the cart row's JSON. */
interface StoredLine {
  id: string;
  productId: string;
  barcode: string | null;
  qty: number;
  price: number;
  discountKind: 'percent' | 'amount' | null;
  discountValue: number | null;
  markingCode?: string | null;
}

interface CartRow {
  id: string; shift_id: string; opened_at: string; user_id: string; discount_kind: 'percent' | 'amount' | null; discount_value: number | null; lines: string;
}
export interface CartLineRow {
  id: string; product_id: string; barcode: string | null; qty: number; price: number;
  discount_kind: 'percent' | 'amount' | null; discount_value: number | null; marking_code: string | null;
  name: string; unit: 'pcs' | 'kg' | 'l'; vat: string; vat_percent: number | null;
}
/** What a line takes from its product when the cart is read; `i` is the line's place in the JSON. */
interface LineProduct { i: number; name: string; unit: 'pcs' | 'kg' | 'l'; vat: string; vat_percent: number | null }

function spec(kind: 'percent' | 'amount' | null, value: number | null): DiscountSpec | null {
  return kind && value !== null ? { kind, value } : null;
}

export interface LoadedCart {
  row: CartRow;
  lines: CartLineRow[];
  priced: PricedReceipt;
}

/**
 * The open receipt of this till: one row, its lines a JSON array. It is a draft, so unlike
 * the ledger it may change, but every change is committed (durably) before the cashier
 * sees it, so an open receipt survives a crash and is there again after restart.
 */
export class CartStore {
  private readonly current;
  private readonly products;
  private readonly insertCart;
  private readonly updateLines;
  private readonly updateCartDiscount;
  private readonly deleteCart;

  constructor(db: Db) {
    this.current = db.prepare<[], CartRow>('SELECT * FROM carts ORDER BY opened_at LIMIT 1');
    // Every scan and every completed sale reads the cart: its lines are parsed in JS, and SQL only
    // looks up their products (extracting each line's fields in SQL cost about twice as much).
    this.products = db.prepare<[string], LineProduct>(`SELECT j.key AS i, p.name, p.unit, p.vat, v.percent AS vat_percent
      FROM json_each(?) j JOIN products p ON p.id = j.value ->> 'productId' JOIN vat_rates v ON v.code = p.vat ORDER BY j.key`);
    this.insertCart = db.prepare("INSERT INTO carts (id, shift_id, opened_at, user_id, lines) VALUES (?, ?, ?, ?, '[]')");
    this.updateLines = db.prepare('UPDATE carts SET lines = ? WHERE id = ?');
    this.updateCartDiscount = db.prepare('UPDATE carts SET discount_kind = ?, discount_value = ? WHERE id = ?');
    this.deleteCart = db.prepare('DELETE FROM carts WHERE id = ?');
  }

  load(): LoadedCart | null {
    const row = this.current.get();
    if (!row) return null;
    const stored = JSON.parse(row.lines) as StoredLine[];
    // a line whose product is gone drops out, as it would from a join
    const lines = this.products.all(row.lines).flatMap((p): CartLineRow[] => {
      const l = stored[p.i];
      return l ? [{
        id: l.id, product_id: l.productId, barcode: l.barcode, qty: l.qty, price: l.price, discount_kind: l.discountKind, discount_value: l.discountValue,
        marking_code: l.markingCode ?? null, name: p.name, unit: p.unit, vat: p.vat, vat_percent: p.vat_percent,
      }] : [];
    });
    const priced = priceReceipt(
      lines.map((l) => ({ price: l.price, qty: l.qty, discount: spec(l.discount_kind, l.discount_value), vatPercent: l.vat_percent })),
      spec(row.discount_kind, row.discount_value),
    );
    return { row, lines, priced };
  }

  open(shiftId: string, userId: string, at: string): void {
    this.insertCart.run(uuidv7(), shiftId, at, userId);
  }

  addLine(cart: LoadedCart, productId: string, barcode: string | null, qty: number, price: number, markingCode: string | null): void {
    this.write(cart, [...stored(cart), { id: uuidv7(), productId, barcode, qty, price, discountKind: null, discountValue: null, markingCode }]);
  }

  setQty(cart: LoadedCart, lineId: string, qty: number): void {
    this.write(cart, stored(cart).map((l) => (l.id === lineId ? { ...l, qty } : l)));
  }

  setLineDiscount(cart: LoadedCart, lineId: string, discount: DiscountSpec | null): void {
    this.write(cart, stored(cart).map((l) => (l.id === lineId ? { ...l, discountKind: discount?.kind ?? null, discountValue: discount?.value ?? null } : l)));
  }

  setCartDiscount(cartId: string, discount: DiscountSpec | null): void {
    this.updateCartDiscount.run(discount?.kind ?? null, discount?.value ?? null, cartId);
  }

  removeLine(cart: LoadedCart, lineId: string): void {
    this.write(cart, stored(cart).filter((l) => l.id !== lineId));
  }

  /** Drops the draft once it became a sale or was cancelled (the journal keeps the facts). */
  discard(cartId: string): void {
    this.deleteCart.run(cartId);
  }

  private write(cart: LoadedCart, lines: StoredLine[]): void {
    this.updateLines.run(JSON.stringify(lines), cart.row.id);
  }
}

function stored(cart: LoadedCart): StoredLine[] {
  return JSON.parse(cart.row.lines) as StoredLine[];
}

export function cartView(cart: LoadedCart | null): CartView | null {
  if (!cart) return null;
  const { row, lines, priced } = cart;
  return {
    id: row.id,
    openedAt: row.opened_at,
    discount: spec(row.discount_kind, row.discount_value),
    subtotal: priced.subtotal,
    discountAmount: priced.discount,
    total: priced.total,
    lines: lines.map((l, i) => ({
      id: l.id, productId: l.product_id, name: l.name, barcode: l.barcode, unit: l.unit, price: l.price, qty: l.qty,
      discount: spec(l.discount_kind, l.discount_value),
      discountAmount: priced.lines[i]?.discount ?? 0,
      total: priced.lines[i]?.total ?? 0,
      vat: l.vat,
    })),
  };
}

export function draftLines(cart: LoadedCart): DraftLine[] {
  return cart.lines.map((l, i) => {
    const p = cart.priced.lines[i];
    return {
      productId: l.product_id, name: l.name, barcode: l.barcode, unit: l.unit, price: l.price, qty: l.qty,
      discount: p?.discount ?? 0, total: p?.total ?? 0, vat: l.vat, vatAmount: p?.vat ?? 0, refLineNo: null, markingCode: l.marking_code,
    };
  });
}
