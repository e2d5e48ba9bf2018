import type { CatalogField, CatalogMapping } from '../../shared/catalog-import.js';

/**
 * Headers as suppliers, 1C, МойСклад and Excel price lists write them, normalised (see `norm`).
 * Order matters where one header contains another: "цена закупки" is the cost, not the price,
 * and "мин остаток" is not the stock.
 */
const HEADERS: readonly (readonly [CatalogField, readonly string[]])[] = [
  ['cost', ['закупочная цена', 'цена закупки', 'закупка', 'себестоимость', 'цена закупочная', 'входная цена', 'цена поставщика', 'закупочная', 'cost', 'purchase price', 'cost price']],
  ['price', ['цена', 'цена продажи', 'розничная цена', 'цена розничная', 'розница', 'розничная', 'price', 'retail price', 'sale price', 'sales price']],
  ['minStock', ['мин остаток', 'минимальный остаток', 'мин', 'минимум', 'мин запас', 'неснижаемый остаток', 'min', 'min stock', 'minimum', 'min qty']],
  ['maxStock', ['макс остаток', 'максимальный остаток', 'макс', 'максимум', 'макс запас', 'max', 'max stock', 'maximum', 'max qty']],
  ['qty', ['остаток', 'количество', 'кол во', 'колво', 'остатки', 'qty', 'quantity', 'stock', 'on hand']],
  ['name', ['наименование', 'название', 'товар', 'наименование товара', 'название товара', 'номенклатура', 'name', 'product', 'product name', 'item', 'title']],
  ['barcodes', ['штрихкод', 'штрих код', 'штрихкоды', 'шк', 'ean', 'ean13', 'ean 13', 'gtin', 'upc', 'barcode', 'barcodes', 'bar code']],
  ['article', ['артикул', 'арт', 'артикул товара', 'article', 'sku', 'vendor code', 'art']],
  ['group', ['группа', 'категория', 'группа товаров', 'раздел', 'папка', 'group', 'category', 'product group']],
  ['unit', ['ед', 'ед изм', 'единица', 'единица измерения', 'едизм', 'unit', 'uom', 'units']],
  ['vat', ['ндс', 'ставка ндс', 'налог', 'vat', 'vat rate', 'tax']],
  ['plu', ['плу', 'plu', 'код весов', 'plu код']],
  ['marked', ['маркировка', 'маркированный', 'маркированный товар', 'честный знак', 'marked', 'marking']],
];

/** A unit or currency after the name ("Цена, руб.", "Остаток (кг)", "НДС, %") says nothing of the field. */
const TRAILING_UNIT = /\s(руб|р|₽|rub|rur|коп|шт|кг|л|%|pcs|kg)$/;

function norm(header: string): string {
  return header.toLowerCase().replace(/ё/g, 'е').replace(/[.,:;()[\]/\\"«»№*_-]+/g, ' ').replace(/%/g, ' % ')
    .replace(/\s+/g, ' ').trim().replace(TRAILING_UNIT, '').trim();
}

/**
 * Which column feeds which field, from the header row. A header that is one of a field's names
 * wins first; then one that starts with a name ("Цена продажи с НДС"), the longest name deciding.
 * A column feeds one field at most. The owner sees the result and corrects it.
 */
export function guessMapping(headerCells: readonly string[]): CatalogMapping {
  const headers = headerCells.map(norm);
  const mapping: CatalogMapping = {};
  const taken = new Set<number>();
  const assign = (field: CatalogField, column: number) => {
    mapping[field] = column;
    taken.add(column);
  };
  for (const [field, names] of HEADERS) {
    const column = headers.findIndex((h, i) => !taken.has(i) && names.includes(h));
    if (column >= 0) assign(field, column);
  }
  headers.forEach((header, column) => {
    if (taken.has(column)) return;
    let best: { field: CatalogField; length: number } | null = null;
    for (const [field, names] of HEADERS) {
      if (mapping[field] !== undefined) continue;
      for (const name of names) {
        if (header.startsWith(`${name} `) && name.length > (best?.length ?? 0)) best = { field, length: name.length };
      }
    }
    if (best) assign(best.field, column);
  });
  return mapping;
}
