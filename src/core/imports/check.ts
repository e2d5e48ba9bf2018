import type { RowError } from '../exchange/index.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import { resolveBy, type CatalogLookup, type Found } from './lookup.js';
import type { ImportItem, ImportRow } from './items.js';

/**
 * Pass 1 of an import, a run of items at a time: every row checked against the file's rows before
 * it and the shop's catalogue (looked up for the whole run at once), nothing written to the ledger.
 * `run` returns what passes; a refused row's reasons go to `refuse`.
 *
 * The file's own barcodes and PLUs are remembered to find a second use of one: that memory grows
 * with the file (a few dozen bytes a row), the one part of an import that does.
 */
export class ImportCheck {
  private readonly barcodes = new Map<number, number>();
  private readonly plus = new Map<number, number>();
  /** hashes of the 1C Ид, articles and names of the rows so far: a row with none of them, nor a barcode seen, makes a new product */
  private readonly keys = new Set<number>();

  constructor(private readonly lookup: CatalogLookup, private readonly vats: ReadonlySet<string>) {}

  /**
   * Checks a run of items in order; returns those that pass, in order. `settled` says the catalogue can
   * no longer change before the import is written (its write transaction has begun): only then is a
   * row that finds nothing marked `new`, for the write pass to take without looking it up again.
   */
  run(items: readonly ImportItem[], refuse: (errors: RowError[]) => void, settled: boolean): ImportItem[] {
    const rows = items.flatMap((i) => (i.kind === 'row' ? [i.row] : []));
    const plus = this.lookup.pluOwners(rows.flatMap((r) => (r.plu === undefined ? [] : [r.plu])));
    const found = this.lookup.productIds(rows);
    const passed: ImportItem[] = [];
    for (const item of items) {
      if (item.kind === 'invalid') {
        refuse(item.errors);
        continue;
      }
      if (item.kind === 'row') {
        const errors = this.row(item.row, found, plus, settled);
        if (errors.length > 0) {
          refuse(errors);
          continue;
        }
      }
      passed.push(item);
    }
    return passed;
  }

  private row(r: ImportRow, found: Found<string>, pluOwners: ReadonlyMap<string, string>, settled: boolean): RowError[] {
    const errors: RowError[] = [];
    const refuse = (field: string, message: MessageKey, value: string) => errors.push({ row: r.row, field, message, value });
    if (r.vat !== undefined && !this.vats.has(r.vat)) refuse('vat', 'import.vatNotInShop', r.vat);
    if (r.minStock !== undefined && r.maxStock !== undefined && r.minStock > r.maxStock) refuse('minStock', 'import.minOverMax', String(r.minStock));
    const target = resolveBy(r, (kind, key) => found[kind].get(key));
    const keys = [r.extId === undefined ? null : textKey('e', r.extId), r.article === undefined ? null : textKey('a', r.article), textKey('n', r.search)];
    // a hash shared by chance only costs the write pass a lookup
    if (settled && target === null && !keys.some((k) => k !== null && this.keys.has(k)) && !r.barcodes.some((c) => this.barcodes.has(digitsKey(c)))) r.new = true;
    for (const k of keys) if (k !== null) this.keys.add(k);
    for (const code of r.barcodes) {
      const earlier = this.barcodes.get(digitsKey(code));
      if (earlier !== undefined && earlier !== r.row) refuse('barcodes', 'import.barcodeTwice', code);
      this.barcodes.set(digitsKey(code), r.row);
      const owner = found.barcodes.get(code);
      if (owner && target && owner !== target) refuse('barcodes', 'import.barcodeOtherProduct', code);
    }
    if (r.plu !== undefined) {
      const earlier = this.plus.get(digitsKey(r.plu));
      if (earlier !== undefined && earlier !== r.row) refuse('plu', 'import.pluTwice', r.plu);
      this.plus.set(digitsKey(r.plu), r.row);
      const owner = pluOwners.get(r.plu);
      if (owner && owner !== target) refuse('plu', 'import.pluOtherProduct', r.plu);
    }
    return errors;
  }
}

/**
 * A barcode (8 to 14 digits) or a PLU (1 to 6) as a number, its length kept apart so "007" is not
 * "7": exact below 2^53. A string key would be a slice of the chunk of the file it was read from
 * and keep that whole chunk alive.
 */
function digitsKey(code: string): number {
  return Number(code) * 16 + code.length;
}

/** A 53-bit hash of a text key and its kind, kept instead of the text for the same reason as `digitsKey`. */
function textKey(kind: string, text: string): number {
  let a = 0x811c9dc5;
  let b = kind.charCodeAt(0);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}
