import type { Services } from '../services.js';
import type { PriceLine } from '../prices/price-book.js';
import type { PostedLine } from '../stock/ledger.js';
import { uuidv7 } from '../../shared/ids.js';

/**
 * Lines per document at most. An import of a million rows would otherwise hold a million lines, and
 * their journal event as one JSON text, in memory, and hand sync one journal row of a hundred
 * megabytes; so its prices and stock go into documents of up to this many lines.
 */
export const DOC_LINES = 10_000;

interface Count { book: number; counted: number; cost: number; price: number }

/**
 * The price and stock documents of one import, filled a run of rows at a time: a retail price that
 * changed is a line of a price document, a stock the file states is a stocktake line (counted
 * against the book). Lines wait here per product until enough have gathered, so a product the file
 * names twice gets one line with its last values; each full document is posted in the import's
 * transaction, and `finish` posts the rest.
 */
export class ImportDocuments {
  private readonly prices = new Map<string, PriceLine>();
  private readonly counts = new Map<string, Count>();

  constructor(private readonly s: Services, private readonly by: { userId: string; note: string }) {}

  /** A new retail price, set on the product by the caller; `was` is the price the catalogue held before it. */
  price(productId: string, was: number, price: number): void {
    const line = this.prices.get(productId);
    const oldPrice = line?.oldPrice ?? was;
    if (price === oldPrice) this.prices.delete(productId);
    else this.prices.set(productId, { productId, oldPrice, newPrice: price });
  }

  /**
   * The quantity on hand the file states. `book` is asked for only when this product has no line
   * waiting (a waiting line already knows it, and its move is not written yet).
   */
  count(productId: string, counted: number, at: { cost: number; price: number }, book: () => number): void {
    const line = this.counts.get(productId);
    this.counts.set(productId, { book: line?.book ?? book(), counted, cost: at.cost, price: at.price });
  }

  /** Whether the product has a stock line waiting (its book is known then). */
  counting(productId: string): boolean {
    return this.counts.has(productId);
  }

  /**
   * Posts a document that has no room for `lines` more. Called between runs of rows, when no line is
   * half made: a run reads the stock of its products after what was posted before it.
   */
  makeRoom(lines: number): void {
    if (this.prices.size + lines > DOC_LINES) this.postPrices();
    if (this.counts.size + lines > DOC_LINES) this.postCounts();
  }

  /** Posts whatever waits. */
  finish(): void {
    this.postPrices();
    this.postCounts();
  }

  private postPrices(): void {
    if (this.prices.size === 0) return;
    this.s.prices.posted({ id: uuidv7(), userId: this.by.userId, note: this.by.note, lines: [...this.prices.values()] });
    this.prices.clear();
  }

  private postCounts(): void {
    const lines: PostedLine[] = [];
    for (const [productId, c] of this.counts) {
      if (c.counted !== c.book) lines.push({ productId, qty: c.counted - c.book, cost: c.cost, price: c.price, vat: null, bookQty: c.book, countedQty: c.counted });
    }
    this.counts.clear();
    if (lines.length > 0) this.s.stock.record({ id: uuidv7(), kind: 'stocktake', userId: this.by.userId, approvedBy: null, note: this.by.note, lines });
  }
}
