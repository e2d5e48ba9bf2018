import type { Db } from '../db/open.js';
import { parseWeightBarcode } from '../../shared/barcode/weight.js';
import { formatGs1, parseGs1 } from '../../shared/barcode/gs1.js';
import { searchKey } from '../../shared/text.js';
import type { Settings } from '../settings/settings.js';
import type { z } from 'zod';
import type { Product } from '../../shared/contract/schemas.js';

export type ProductView = z.output<typeof Product>;

interface ProductRow {
  id: string;
  name: string;
  price: number;
  unit: 'pcs' | 'kg' | 'l';
  vat: string;
  vat_percent: number | null;
  plu: string | null;
  article: string | null;
  barcode: string | null;
  marked: number;
  grp: string | null;
}

const SELECT = `SELECT p.id, p.name, p.price, p.unit, p.vat, v.percent AS vat_percent, p.plu, p.article, p.marked, g.name AS grp,
  (SELECT b.code FROM barcodes b WHERE b.product_id = p.id LIMIT 1) AS barcode
  FROM products p JOIN vat_rates v ON v.code = p.vat LEFT JOIN product_groups g ON g.id = p.group_id`;

function toView(row: ProductRow): ProductView {
  return {
    id: row.id, name: row.name, price: row.price, unit: row.unit, vat: row.vat, vatPercent: row.vat_percent,
    plu: row.plu, article: row.article, barcode: row.barcode, marked: row.marked === 1, group: row.grp,
  };
}

export interface Found {
  product: ProductView;
  /** the quantity the code itself carries (weight barcodes), else null */
  qty: number | null;
  barcode: string | null;
  /** a scanned DataMatrix marking code, in its canonical form (GS separators, no symbology prefix) */
  markingCode: string | null;
}

/** Finds products for the scan path and for search; every query is prepared once. */
export class Catalog {
  private readonly byBarcode;
  private readonly byPlu;
  private readonly byArticle;
  private readonly byId;
  private readonly byWords;
  private readonly vatRates;

  constructor(db: Db, private readonly settings: Settings) {
    this.byBarcode = db.prepare<[string], ProductRow>(`SELECT p.id, p.name, p.price, p.unit, p.vat, v.percent AS vat_percent, p.plu, p.article, p.marked, g.name AS grp, b.code AS barcode
      FROM barcodes b JOIN products p ON p.id = b.product_id JOIN vat_rates v ON v.code = p.vat LEFT JOIN product_groups g ON g.id = p.group_id
      WHERE b.code = ? AND p.archived = 0`);
    this.byPlu = db.prepare<[string], ProductRow>(`${SELECT} WHERE p.plu = ? AND p.archived = 0`);
    this.byArticle = db.prepare<[string, number], ProductRow>(`${SELECT} WHERE p.article = ? AND p.archived = 0 LIMIT ?`);
    this.vatRates = db.prepare<[], { code: string; label: string; tag1199: number }>('SELECT code, label, tag1199 FROM vat_rates');
    this.byId = db.prepare<[string], ProductRow>(`${SELECT} WHERE p.id = ?`);
    this.byWords = db.prepare<[string, number], ProductRow>(
      `${SELECT} WHERE p.rid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT 500) AND p.archived = 0 ORDER BY p.search_name LIMIT ?`,
    );
  }

  /** A scanned or typed code: a barcode, an in-store weight barcode or a PLU. */
  lookup(code: string): Found | null {
    const row = this.byBarcode.get(code);
    if (row) return { product: toView(row), qty: null, barcode: code, markingCode: null };
    const marked = this.byMarkingCode(code);
    if (marked) return marked;
    const weighed = parseWeightBarcode(code, this.settings.weightLayout());
    if (weighed) {
      const product = this.byPlu.get(weighed.plu);
      return product ? { product: toView(product), qty: weighed.weight, barcode: code, markingCode: null } : null;
    }
    if (/^\d{1,6}$/.test(code)) {
      const product = this.byPlu.get(code.replace(/^0+(?=\d)/, ''));
      if (product) return { product: toView(product), qty: null, barcode: null, markingCode: null };
    }
    return null;
  }

  private vatCache: { labels: Map<string, string>; tags: Map<string, number> } | null = null;

  /** The VAT table, read once: it changes only with a new rate, which forgetVat() announces. */
  private vat() {
    if (!this.vatCache || this.vatCache.labels.size === 0) {
      const rows = this.vatRates.all();
      this.vatCache = { labels: new Map(rows.map((r) => [r.code, r.label])), tags: new Map(rows.map((r) => [r.code, r.tag1199])) };
    }
    return this.vatCache;
  }

  forgetVat(): void {
    this.vatCache = null;
  }

  /** VAT code → the label printed on receipts ("НДС 22%"). */
  vatLabels(): ReadonlyMap<string, string> {
    return this.vat().labels;
  }

  /** A GS1 DataMatrix marking code names its product by GTIN (an EAN-13 behind a leading zero). */
  private byMarkingCode(code: string): Found | null {
    if (code.length < 25) return null;
    const parsed = parseGs1(code);
    if (!parsed.ok || !parsed.code.fields.gtin) return null;
    const gtin = parsed.code.fields.gtin;
    const ean = gtin.startsWith('0') ? gtin.slice(1) : gtin;
    const row = this.byBarcode.get(ean) ?? this.byBarcode.get(gtin);
    return row ? { product: toView(row), qty: null, barcode: row.barcode, markingCode: formatGs1(parsed.code.elements) } : null;
  }

  /** VAT code → the FFD tag 1199 value the registrar is told. */
  vatTags(): ReadonlyMap<string, number> {
    return this.vat().tags;
  }

  get(id: string): ProductView | null {
    const row = this.byId.get(id);
    return row ? toView(row) : null;
  }

  search(query: string, limit: number): ProductView[] {
    const exact = this.lookup(query.trim());
    const results: ProductView[] = exact ? [exact.product] : [];
    for (const row of this.byArticle.all(query.trim(), limit)) if (!results.some((p) => p.id === row.id)) results.push(toView(row));
    // FTS5 takes a NUL for the end of its query ("unterminated string"): it is no part of a word
    const words = searchKey(query.replace(/\u0000/g, ' ')).split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w));
    if (words.length > 0 && results.length < limit) {
      const match = words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
      for (const row of this.byWords.all(match, limit)) {
        if (results.length >= limit) break;
        if (!results.some((p) => p.id === row.id)) results.push(toView(row));
      }
    }
    return results;
  }
}
