import type { z } from 'zod';
import type { ReadWorker } from '../db/read-worker.js';
import type { TagSelection } from '../../shared/contract/tags.js';
import { isValidGtin } from '../../shared/barcode/ean.js';
import { pricePerKgOrLitre, type PriceTag } from '../../shared/tags/index.js';
import { parseQuantity } from '../../shared/money.js';

/** The most tags one run prints: a big shop's whole range; more is a mistake in the selection. */
export const MAX_TAGS = 20_000;

/** Tags read from the ledger in one query: a run of thousands is never in memory whole. */
const TAG_PAGE = 500;

type Selection = z.output<typeof TagSelection>;

interface Row {
  rid: number; searchName: string;
  name: string; price: number; unit: 'pcs' | 'kg' | 'l'; article: string | null; plu: string | null; codes: string | null;
}

const SELECT = `SELECT p.rid, p.search_name AS searchName, p.name, p.price, p.unit, p.article, p.plu,
  (SELECT group_concat(b.code, ' ') FROM barcodes b WHERE b.product_id = p.id) AS codes FROM products p`;

const WHERE: Record<Selection['by'], string> = {
  products: 'p.id IN (SELECT value FROM json_each(@ids))',
  group: `p.group_id IN (WITH RECURSIVE sub(id) AS (SELECT @group UNION ALL SELECT g.id FROM product_groups g JOIN sub ON g.parent_id = sub.id) SELECT id FROM sub)`,
  changedSince: 'p.updated_at >= @since',
  doc: 'p.id IN (SELECT product_id FROM stock_doc_lines WHERE doc_id = @doc)',
};

/**
 * The pack size a Russian product name states ("Молоко 2,5% 0,9 л", "Сыр 200 г"): the law wants the
 * price per kilogram or litre beside the pack price, and most names carry the size.
 */
export function packOf(name: string): { per: 'kg' | 'l'; net: number } | null {
  const m = /(\d+(?:[.,]\d{1,3})?)\s*(кг|г|гр|л|мл)\.?(?=$|[\s,)])/iu.exec(name);
  if (!m?.[1] || !m[2]) return null;
  const amount = parseQuantity(m[1]);
  const unit = m[2].toLowerCase();
  const net = unit === 'кг' || unit === 'л' ? amount : Math.round(amount / 1000);
  return net > 0 ? { per: unit === 'л' || unit === 'мл' ? 'l' : 'kg', net } : null;
}

/**
 * A list of products or a document's lines is small: SQLite is to find them by key and sort them, never to walk
 * the catalogue's (archived, name) index past a million rows for them. The unary + keeps it off that index.
 */
function isFew(selection: Selection): boolean {
  return selection.by === 'products' || selection.by === 'doc';
}

function paramsOf(selection: Selection) {
  return {
    ids: selection.by === 'products' ? JSON.stringify(selection.productIds) : null,
    group: selection.by === 'group' ? selection.groupId : null,
    since: selection.by === 'changedSince' ? new Date(selection.since).toISOString() : null,
    doc: selection.by === 'doc' ? selection.docId : null,
  };
}

function tagOf(r: Row, shop: string, printedOn: string): PriceTag {
  const barcode = r.codes?.split(' ').find((c) => (c.length === 13 || c.length === 8) && isValidGtin(c));
  const pack = r.unit === 'pcs' ? packOf(r.name) : null;
  return {
    name: r.name, price: r.price, unit: r.unit, printedOn, shop,
    ...(barcode ? { barcode } : {}), ...(r.article ? { article: r.article.slice(0, 40) } : {}), ...(r.plu ? { plu: r.plu } : {}),
    ...(pack ? { unitPrice: { per: pack.per, price: pricePerKgOrLitre(r.price, pack.net) } } : {}),
  };
}

/** How many tags a selection makes (no more than MAX_TAGS). */
export async function countTags(reads: ReadWorker, selection: Selection): Promise<number> {
  const archived = isFew(selection) ? '+p.archived' : 'p.archived';
  const [row] = await reads.all<{ n: number }>(`SELECT COUNT(*) AS n FROM products p WHERE ${archived} = 0 AND ${WHERE[selection.by]}`, paramsOf(selection));
  return Math.min(row?.n ?? 0, MAX_TAGS);
}

/**
 * Tags for the products a selection names, ordered as on the shelf (by name), `size` at a time: each page is
 * read when the one before is used up, after the last product it held (name, then key), off the catalogue's
 * name index.
 */
export async function* tagPages(reads: ReadWorker, selection: Selection, shop: string, printedOn: string, size = TAG_PAGE): AsyncGenerator<PriceTag[]> {
  const few = isFew(selection);
  const key = few ? '+p.search_name, +p.rid' : 'p.search_name, p.rid';
  const sql = `${SELECT} WHERE ${few ? '+p.archived' : 'p.archived'} = 0 AND ${WHERE[selection.by]} AND (${key}) > (@afterName, @afterRid)
    ORDER BY ${key} LIMIT @limit`;
  // every name sorts after the empty one, and every key is above 0
  const after = { afterName: '', afterRid: 0 };
  for (let taken = 0; taken < MAX_TAGS;) {
    const rows = await reads.all<Row>(sql, { ...paramsOf(selection), ...after, limit: Math.min(size, MAX_TAGS - taken) });
    const last = rows.at(-1);
    if (!last) return;
    taken += rows.length;
    after.afterName = last.searchName;
    after.afterRid = last.rid;
    yield rows.map((r) => tagOf(r, shop, printedOn));
  }
}
