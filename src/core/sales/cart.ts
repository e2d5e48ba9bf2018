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
/** The product a new line is for, as the catalogue found it. */
export interface NewLineProduct { id: string; name: string; unit: 'pcs' | 'kg' | 'l'; vat: string; vatPercent: number | null }

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
    return loaded(row, lines);
  }

  // Each change below returns the cart as load() would read it now, built from what it wrote: the
  // cashier's answer to a scan then needs no second read of the cart and its products.

  open(shiftId: string, userId: string, at: string): LoadedCart {
    const row: CartRow = { id: uuidv7(), shift_id: shiftId, opened_at: at, user_id: userId, discount_kind: null, discount_value: null, lines: '[]' };
    this.insertCart.run(row.id, shiftId, at, userId);
    return loaded(row, []);
  }

  addLine(cart: LoadedCart, product: NewLineProduct, barcode: string | null, qty: number, price: number, markingCode: string | null): LoadedCart {
    const line: StoredLine = { id: uuidv7(), productId: product.id, barcode, qty, price, discountKind: null, discountValue: null, markingCode };
    return this.write(cart, [...stored(cart), line], [...cart.lines, {
      id: line.id, product_id: product.id, barcode, qty, price, discount_kind: null, discount_value: null, marking_code: markingCode,
      name: product.name, unit: product.unit, vat: product.vat, vat_percent: product.vatPercent,
    }]);
  }

  setQty(cart: LoadedCart, lineId: string, qty: number): LoadedCart {
    return this.write(cart, stored(cart).map((l) => (l.id === lineId ? { ...l, qty } : l)), cart.lines.map((l) => (l.id === lineId ? { ...l, qty } : l)));
  }

  setLineDiscount(cart: LoadedCart, lineId: string, discount: DiscountSpec | null): LoadedCart {
    const kind = discount?.kind ?? null;
    const value = discount?.value ?? null;
    return this.write(
      cart,
      stored(cart).map((l) => (l.id === lineId ? { ...l, discountKind: kind, discountValue: value } : l)),
      cart.lines.map((l) => (l.id === lineId ? { ...l, discount_kind: kind, discount_value: value } : l)),
    );
  }

  setCartDiscount(cart: LoadedCart, discount: DiscountSpec | null): LoadedCart {
    const row: CartRow = { ...cart.row, discount_kind: discount?.kind ?? null, discount_value: discount?.value ?? null };
    this.updateCartDiscount.run(row.discount_kind, row.discount_value, row.id);
    return loaded(row, cart.lines);
  }

  removeLine(cart: LoadedCart, lineId: string): LoadedCart {
    return this.write(cart, stored(cart).filter((l) => l.id !== lineId), cart.lines.filter((l) => l.id !== lineId));
  }

  /** Drops the draft once it became a sale or was cancelled (the journal keeps the facts). */
  discard(cartId: string): void {
    this.deleteCart.run(cartId);
  }

  /** `lines` are the stored lines that load() would return (a line whose product is gone stays stored, unread). */
  private write(cart: LoadedCart, stored: StoredLine[], lines: CartLineRow[]): LoadedCart {
    const json = JSON.stringify(stored);
    this.updateLines.run(json, cart.row.id);
    return loaded({ ...cart.row, lines: json }, lines);
  }
}

function loaded(row: CartRow, lines: CartLineRow[]): LoadedCart {
  const priced = priceReceipt(
    lines.map((l) => ({ price: l.price, qty: l.qty, discount: spec(l.discount_kind, l.discount_value), vatPercent: l.vat_percent })),
    spec(row.discount_kind, row.discount_value),
  );
  return { row, lines, priced };
}

function stored(cart: LoadedCart): StoredLine[] {
  return JSON.parse(cart.row.lines) as StoredLine[];
}

export function cartView(cart: LoadedCart | null): CartView | null {
  return cart ? viewOf(cart) : null;
}

export function viewOf(cart: LoadedCart): CartView {
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
