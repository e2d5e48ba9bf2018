import type { Db } from '../db/open.js';
import { searchKey } from '../../shared/text.js';

export interface NewProduct {
  id: string;
  name: string;
  groupId: string | null;
  unit: 'pcs' | 'kg' | 'l';
  vat: string;
  article: string | null;
  plu: string | null;
  marked: boolean;
  price: number;
  barcodes: string[];
}

/** Adds products and their barcodes; the caller wraps many calls in one transaction. */
export function productWriter(db: Db): (p: NewProduct) => void {
  const insertProduct = db.prepare(`INSERT INTO products (id, name, search_name, group_id, unit, vat, article, plu, marked, price)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertBarcode = db.prepare('INSERT INTO barcodes (code, product_id) VALUES (?, ?)');
  return (p) => {
    insertProduct.run(p.id, p.name, searchKey(p.name), p.groupId, p.unit, p.vat, p.article, p.plu, p.marked ? 1 : 0, p.price);
    for (const code of p.barcodes) insertBarcode.run(code, p.id);
  };
}

export interface VatRate {
  code: string;
  percent: number | null;
  label: string;
  tag1199: number;
}

/** The rates in force from 2026; kept as data so the owner can change them without a release. */
export const DEFAULT_VAT_RATES: VatRate[] = [
  { code: '22', percent: 22, label: 'НДС 22%', tag1199: 1 },
  { code: '10', percent: 10, label: 'НДС 10%', tag1199: 2 },
  { code: '0', percent: 0, label: 'НДС 0%', tag1199: 5 },
  { code: 'none', percent: null, label: 'Без НДС', tag1199: 6 },
];

export function writeVatRates(db: Db, rates: readonly VatRate[]): void {
  const upsert = db.prepare(`INSERT INTO vat_rates (code, percent, label, tag1199) VALUES (?, ?, ?, ?)
    ON CONFLICT(code) DO UPDATE SET percent = excluded.percent, label = excluded.label, tag1199 = excluded.tag1199`);
  for (const r of rates) upsert.run(r.code, r.percent, r.label, r.tag1199);
}
