import type { z } from 'zod';
import type { ReadWorker } from '../db/read-worker.js';
import type { TagSelection } from '../../shared/contract/tags.js';
import { isValidGtin } from '../../shared/barcode/ean.js';
import { pricePerKgOrLitre, type PriceTag } from '../../shared/tags/index.js';
import { parseQuantity } from '../../shared/money.js';

/** The most tags one run prints: a big shop's whole range; more is a mistake in the selection. */
export const MAX_TAGS = 20_000;

interface Row { id: string; name: string; price: number; unit: 'pcs' | 'kg' | 'l'; article: string | null; plu: string | null; codes: string | null }

const SELECT = `SELECT p.id, p.name, p.price, p.unit, p.article, p.plu,
  (SELECT group_concat(b.code, ' ') FROM barcodes b WHERE b.product_id = p.id) AS codes FROM products p`;

const WHERE: Record<z.output<typeof TagSelection>['by'], string> = {
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

/** Tags for the products a selection names, ordered as on the shelf (by name). */
export async function selectTags(reads: ReadWorker, selection: z.output<typeof TagSelection>, shop: string, printedOn: string): Promise<PriceTag[]> {
  const params = {
    ids: selection.by === 'products' ? JSON.stringify(selection.productIds) : null,
    group: selection.by === 'group' ? selection.groupId : null,
    since: selection.by === 'changedSince' ? new Date(selection.since).toISOString() : null,
    doc: selection.by === 'doc' ? selection.docId : null,
    limit: MAX_TAGS,
  };
  const rows = await reads.all<Row>(`${SELECT} WHERE p.archived = 0 AND ${WHERE[selection.by]} ORDER BY p.search_name LIMIT @limit`, params);
  return rows.map((r) => {
    const barcode = r.codes?.split(' ').find((c) => (c.length === 13 || c.length === 8) && isValidGtin(c));
    const pack = r.unit === 'pcs' ? packOf(r.name) : null;
    return {
      name: r.name, price: r.price, unit: r.unit, printedOn, shop,
      ...(barcode ? { barcode } : {}), ...(r.article ? { article: r.article.slice(0, 40) } : {}), ...(r.plu ? { plu: r.plu } : {}),
      ...(pack ? { unitPrice: { per: pack.per, price: pricePerKgOrLitre(r.price, pack.net) } } : {}),
    };
  });
}
