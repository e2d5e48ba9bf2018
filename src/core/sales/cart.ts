import type { z } from 'zod';
import type { Db } from '../db/open.js';
import type { Cart } from '../../shared/contract/schemas.js';
import { uuidv7 } from '../../shared/ids.js';
import { priceReceipt, type DiscountSpec, type PricedReceipt } from './pricing.js';
import type { DraftLine } from './ledger.js';

export type CartView = z.output<typeof Cart>;

interface CartRow {
  id: string; shift_id: string; opened_at: string; user_id: string; discount_kind: 'percent' | 'amount' | null; discount_value: number | null;
}
export interface CartLineRow {
  id: string; position: number; product_id: string; barcode: string | null; qty: number; price: number;
  discount_kind: 'percent' | 'amount' | null; discount_value: number | null;
  name: string; unit: 'pcs' | 'kg' | 'l'; vat: string; vat_percent: number | null;
}

function spec(kind: 'percent' | 'amount' | null, value: number | null): DiscountSpec | null {
  return kind && value !== null ? { kind, value } : null;
}

export interface LoadedCart {
  row: CartRow;
  lines: CartLineRow[];
  priced: PricedReceipt;
}

/**
 * The open receipt of this till. It is a draft, so unlike the ledger it may change,
 * but every change is committed (durably) before the cashier sees it, so an open
 * receipt survives a crash and is there again after restart.
 */
export class CartStore {
  private readonly current;
  private readonly lines;
  private readonly insertCart;
  private readonly insertLine;
  private readonly updateQty;
  private readonly updateLineDiscount;
  private readonly updateCartDiscount;
  private readonly deleteLine;
  private readonly deleteLines;
  private readonly deleteCart;
  private readonly nextPosition;

  constructor(db: Db) {
    this.current = db.prepare<[], CartRow>('SELECT * FROM carts ORDER BY opened_at LIMIT 1');
    this.lines = db.prepare<[string], CartLineRow>(`SELECT l.*, p.name, p.unit, p.vat, v.percent AS vat_percent
      FROM cart_lines l JOIN products p ON p.id = l.product_id JOIN vat_rates v ON v.code = p.vat WHERE l.cart_id = ? ORDER BY l.position`);
    this.insertCart = db.prepare('INSERT INTO carts (id, shift_id, opened_at, user_id) VALUES (?, ?, ?, ?)');
    this.insertLine = db.prepare('INSERT INTO cart_lines (id, cart_id, position, product_id, barcode, qty, price) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.updateQty = db.prepare('UPDATE cart_lines SET qty = ? WHERE id = ?');
    this.updateLineDiscount = db.prepare('UPDATE cart_lines SET discount_kind = ?, discount_value = ? WHERE id = ?');
    this.updateCartDiscount = db.prepare('UPDATE carts SET discount_kind = ?, discount_value = ? WHERE id = ?');
    this.deleteLine = db.prepare('DELETE FROM cart_lines WHERE id = ?');
    this.deleteLines = db.prepare('DELETE FROM cart_lines WHERE cart_id = ?');
    this.deleteCart = db.prepare('DELETE FROM carts WHERE id = ?');
    this.nextPosition = db.prepare<[string], { n: number }>('SELECT COALESCE(MAX(position), 0) + 1 AS n FROM cart_lines WHERE cart_id = ?');
  }

  load(): LoadedCart | null {
    const row = this.current.get();
    if (!row) return null;
    const lines = this.lines.all(row.id);
    const priced = priceReceipt(
      lines.map((l) => ({ price: l.price, qty: l.qty, discount: spec(l.discount_kind, l.discount_value), vatPercent: l.vat_percent })),
      spec(row.discount_kind, row.discount_value),
    );
    return { row, lines, priced };
  }

  open(shiftId: string, userId: string, at: string): void {
    this.insertCart.run(uuidv7(), shiftId, at, userId);
  }

  addLine(cartId: string, productId: string, barcode: string | null, qty: number, price: number): void {
    this.insertLine.run(uuidv7(), cartId, this.nextPosition.get(cartId)?.n ?? 1, productId, barcode, qty, price);
  }

  setQty(lineId: string, qty: number): void {
    this.updateQty.run(qty, lineId);
  }

  setLineDiscount(lineId: string, discount: DiscountSpec | null): void {
    this.updateLineDiscount.run(discount?.kind ?? null, discount?.value ?? null, lineId);
  }

  setCartDiscount(cartId: string, discount: DiscountSpec | null): void {
    this.updateCartDiscount.run(discount?.kind ?? null, discount?.value ?? null, cartId);
  }

  removeLine(lineId: string): void {
    this.deleteLine.run(lineId);
  }

  /** Drops the draft once it became a sale or was cancelled (the journal keeps the facts). */
  discard(cartId: string): void {
    this.deleteLines.run(cartId);
    this.deleteCart.run(cartId);
  }
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
      discount: p?.discount ?? 0, total: p?.total ?? 0, vat: l.vat, vatAmount: p?.vat ?? 0, refLineNo: null,
    };
  });
}
