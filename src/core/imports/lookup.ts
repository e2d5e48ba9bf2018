import type { Db } from '../db/open.js';
import type { Statement } from 'better-sqlite3';
import type { ImportRow } from './items.js';
import type { Unit } from '../../shared/catalog-import.js';

/** A product of the shop as an import row may find it: every field a row can change, as the catalogue holds it. */
export interface Known {
  rid: number;
  id: string;
  name: string;
  search: string;
  groupId: string | null;
  unit: Unit;
  vat: string;
  article: string | null;
  plu: string | null;
  marked: number;
  minStock: number | null;
  maxStock: number | null;
  extId: string | null;
  archived: number;
  price: number;
  cost: number;
}

/** What an offer changes: the retail price and the stock line's prices. */
export type Offered = Pick<Known, 'rid' | 'id' | 'price' | 'cost'>;

/** The keys a row finds its product by, strongest first: 1C Ид, barcode, article, exact name (as search folds it). */
export type KeyKind = 'ext' | 'barcodes' | 'articles' | 'names';

/** What the catalogue holds for the keys of a run of rows, each key to the product it finds. */
export type Found<T> = Record<KeyKind, ReadonlyMap<string, T>>;

type KnownRow = [key: string, rid: number, id: string, name: string, search: string, groupId: string | null, unit: Unit, vat: string, article: string | null,
  plu: string | null, marked: number, minStock: number | null, maxStock: number | null, extId: string | null, archived: number, price: number, cost: number];

const KNOWN = `p.rid, p.id, p.name, p.search_name, p.group_id, p.unit, p.vat, p.article, p.plu, p.marked, p.min_stock, p.max_stock, p.ext_id,
  p.archived, p.price, p.cost`;

/** The product each kind of key finds, as SQL after `SELECT k.value, <columns>`. */
const FROM: Record<KeyKind, string> = {
  ext: 'products p ON p.ext_id = k.value',
  barcodes: 'barcodes b ON b.code = k.value CROSS JOIN products p ON p.id = b.product_id',
  // an article or a name several products share finds the oldest, as a lookup of one would
  articles: 'products p ON p.article = k.value ORDER BY p.rid',
  // the listing index (archived, search_name); a product on sale before an archived one
  names: 'products p ON p.archived IN (0, 1) AND p.search_name = k.value ORDER BY p.archived, p.rid',
};

/**
 * The catalogue looked up for a run of import rows at once: one statement per kind of key (1C Ид,
 * barcode, article, name) over a JSON array of the run's keys, instead of up to four per row. The
 * keys drive each statement (CROSS JOIN keeps SQLite from walking the products for them), and rows
 * come back as arrays: a run of a thousand hits builds no objects it throws away.
 */
export class CatalogLookup {
  private readonly known;
  private readonly ids;
  private readonly offered;
  private readonly plus;

  constructor(db: Db) {
    const statement = <R extends unknown[]>(columns: string, from: string) => db.prepare<[string], R>(`SELECT k.value, ${columns} FROM json_each(?) AS k CROSS JOIN ${from}`).raw();
    const each = <R extends unknown[]>(columns: string) => ({
      ext: statement<R>(columns, FROM.ext), barcodes: statement<R>(columns, FROM.barcodes), articles: statement<R>(columns, FROM.articles), names: statement<R>(columns, FROM.names),
    });
    this.known = each<KnownRow>(KNOWN);
    this.ids = { ...each<[string, string]>('p.id'), barcodes: statement<[string, string]>('b.product_id', 'barcodes b ON b.code = k.value') };
    this.offered = statement<[string, number, string, number, number]>('p.rid, p.id, p.price, p.cost', FROM.ext);
    this.plus = statement<[string, string]>('p.id', 'products p ON p.plu = k.value');
  }

  /** The products the rows may be about, with everything a row may change of them (the write pass). */
  products(rows: readonly ImportRow[]): Found<Known> {
    return find(rows, (kind, keys) => byKey(this.known[kind], keys, ([key, rid, id, name, search, groupId, unit, vat, article, plu, marked, minStock, maxStock, extId, archived, price, cost]) =>
      [key, { rid, id, name, search, groupId, unit, vat, article, plu, marked, minStock, maxStock, extId, archived, price, cost }]));
  }

  /** The ids of the products the rows may be about (the check). */
  productIds(rows: readonly ImportRow[]): Found<string> {
    return find(rows, (kind, keys) => byKey(this.ids[kind], keys, ([key, id]) => [key, id]));
  }

  /** 1C Ид → the product that has it, for offers.xml */
  offers(extIds: readonly string[]): Map<string, Offered> {
    return byKey(this.offered, extIds, ([key, rid, id, price, cost]) => [key, { rid, id, price, cost }]);
  }

  /** plu → the product that has it */
  pluOwners(plus: readonly string[]): Map<string, string> {
    return byKey(this.plus, plus, ([key, id]) => [key, id]);
  }
}

/**
 * Articles and names are looked up only for the rows that a 1C Ид or a barcode did not find, as
 * `resolveBy` would not look at them.
 */
function find<T>(rows: readonly ImportRow[], lookup: (kind: KeyKind, keys: string[]) => Map<string, T>): Found<T> {
  const ext = lookup('ext', rows.flatMap((r) => (r.extId ? [r.extId] : [])));
  const barcodes = lookup('barcodes', rows.flatMap((r) => r.barcodes));
  const open = rows.filter((r) => !(r.extId && ext.has(r.extId)) && !r.barcodes.some((c) => barcodes.has(c)));
  const articles = lookup('articles', open.flatMap((r) => (r.article ? [r.article] : [])));
  const names = lookup('names', open.filter((r) => !(r.article && articles.has(r.article))).map((r) => r.search));
  return { ext, barcodes, articles, names };
}

/** What a row is about, by the first of its keys, strongest first, that `look` finds something for. */
export function resolveBy<T>(r: ImportRow, look: (kind: KeyKind, key: string) => T | undefined): T | null {
  const byExt = r.extId ? look('ext', r.extId) : undefined;
  if (byExt) return byExt;
  for (const code of r.barcodes) {
    const byCode = look('barcodes', code);
    if (byCode) return byCode;
  }
  const byArticle = r.article ? look('articles', r.article) : undefined;
  return byArticle ?? look('names', r.search) ?? null;
}

/** The first row for each key (several products may share an article or a name). */
function byKey<R extends [string, ...unknown[]], T>(statement: Statement<[string], R>, keys: readonly string[], entry: (row: R) => [string, T]): Map<string, T> {
  const found = new Map<string, T>();
  if (keys.length === 0) return found;
  for (const row of statement.all(JSON.stringify(keys))) if (!found.has(row[0])) found.set(...entry(row));
  return found;
}
