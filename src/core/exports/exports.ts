import type { z } from 'zod';
import type { Services } from '../services.js';
import type { ExportWhat } from '../../shared/contract/exchange.js';
import type { TableColumn, TableRecord } from '../exchange/index.js';
import { dayRange } from '../period.js';

type Source = z.output<typeof ExportWhat>;

export interface ExportTable {
  name: string;
  columns: TableColumn[];
  rows: AsyncIterable<TableRecord>;
}

const PAGE = 5_000;
const col = (key: string, title: string, kind: TableColumn['kind'] = 'text'): TableColumn => ({ key, title, kind });

/** Pages through a keyset query on the read worker, so an export of a million rows holds one page. */
async function* pages<T extends Record<string, string | number | null>>(s: Services, sql: string, key: keyof T & string, params: Record<string, string | number | null> = {}): AsyncGenerator<T> {
  let after: string | number | null = null;
  for (;;) {
    const rows: T[] = await s.reads.all<T>(sql, { ...params, after, limit: PAGE });
    yield* rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]?.[key] ?? null;
  }
}

async function* of<T>(rows: Promise<T[]>): AsyncGenerator<T> {
  yield* await rows;
}

/** Column titles are Russian, as the receipts are: the files go to Russian accountants and 1C. */
export function exportTable(s: Services, source: Source): ExportTable {
  switch (source.what) {
    case 'catalog':
      return {
        name: 'каталог',
        columns: [col('name', 'Наименование'), col('barcodes', 'Штрихкод'), col('article', 'Артикул'), col('group', 'Группа'), col('unit', 'Ед. изм.'),
          col('vat', 'НДС'), col('price', 'Цена', 'money'), col('cost', 'Закупочная цена', 'money'), col('plu', 'PLU'), col('marked', 'Маркировка'),
          col('min', 'Мин. остаток', 'qty'), col('max', 'Макс. остаток', 'qty')],
        rows: pages(s, `SELECT p.rid, p.name, (SELECT group_concat(code, ', ') FROM barcodes b WHERE b.product_id = p.id) AS barcodes, p.article,
            g.name AS "group", CASE p.unit WHEN 'pcs' THEN 'шт' WHEN 'kg' THEN 'кг' ELSE 'л' END AS unit, v.label AS vat, p.price, p.cost, p.plu,
            CASE p.marked WHEN 1 THEN 'да' ELSE 'нет' END AS marked, p.min_stock AS min, p.max_stock AS max
          FROM products p JOIN vat_rates v ON v.code = p.vat LEFT JOIN product_groups g ON g.id = p.group_id
          WHERE p.archived = 0 AND (@after IS NULL OR p.rid > @after) ORDER BY p.rid LIMIT @limit`, 'rid'),
      };
    case 'stock':
      return {
        name: 'остатки',
        columns: [col('name', 'Наименование'), col('barcode', 'Штрихкод'), col('unit', 'Ед. изм.'), col('stock', 'Остаток', 'qty'), col('cost', 'Закупочная цена', 'money'),
          col('costValue', 'Сумма по закупке', 'money'), col('price', 'Цена', 'money'), col('retailValue', 'Сумма в розничных ценах', 'money')],
        rows: pages(s, `SELECT p.rid, p.name, (SELECT b.code FROM barcodes b WHERE b.product_id = p.id LIMIT 1) AS barcode,
            CASE p.unit WHEN 'pcs' THEN 'шт' WHEN 'kg' THEN 'кг' ELSE 'л' END AS unit, m.qty AS stock, p.cost,
            (p.cost * m.qty + 500) / 1000 AS costValue, p.price, (p.price * m.qty + 500) / 1000 AS retailValue
          FROM products p JOIN (SELECT product_id, SUM(qty) AS qty FROM stock_moves GROUP BY product_id) m ON m.product_id = p.id
          WHERE m.qty <> 0 AND (@after IS NULL OR p.rid > @after) ORDER BY p.rid LIMIT @limit`, 'rid'),
      };
    case 'sales': {
      const range = dayRange(source.from, source.to);
      return {
        name: `продажи ${source.from}—${source.to}`,
        columns: [col('at', 'Дата', 'date'), col('number', 'Чек №', 'int'), col('kind', 'Вид'), col('cashier', 'Кассир'), col('name', 'Товар'),
          col('qty', 'Количество', 'qty'), col('price', 'Цена', 'money'), col('discount', 'Скидка', 'money'), col('total', 'Сумма', 'money')],
        rows: pages(s, `SELECT s.number, s.at, CASE s.kind WHEN 'sale' THEN 'продажа' ELSE 'возврат' END AS kind, u.name AS cashier, l.name,
            l.qty, l.price, l.discount, CASE s.kind WHEN 'sale' THEN l.total ELSE -l.total END AS total
          FROM sales s JOIN sale_lines l ON l.sale_id = s.id JOIN users u ON u.id = s.user_id
          WHERE s.at >= @start AND s.at < @end AND s.number IN (SELECT number FROM sales WHERE at >= @start AND at < @end AND (@after IS NULL OR number > @after) ORDER BY number LIMIT @limit)
          ORDER BY s.number, l.line_no`, 'number', range),
      };
    }
    case 'report.sales':
      return {
        name: `продажи по ${source.by}`,
        columns: [col('label', 'Разрез'), col('receipts', 'Чеков', 'int'), col('qty', 'Количество', 'qty'), col('revenue', 'Выручка', 'money'),
          col('cost', 'Себестоимость', 'money'), col('margin', 'Валовая прибыль', 'money')],
        rows: of(s.reports.sales(source.from, source.to, source.by, null).then((r) => [...r.rows, { ...r.totals, label: 'Итого' }])),
      };
    case 'report.abc':
      return {
        name: 'ABC',
        columns: [col('name', 'Товар'), col('value', source.measure === 'revenue' ? 'Выручка' : 'Валовая прибыль', 'money'), col('share', 'Доля', 'percent'),
          col('cumulative', 'Накопительно', 'percent'), col('abc', 'Класс')],
        rows: of(s.reports.abc(source.from, source.to, source.measure, null).then((r) => r.rows)),
      };
    case 'report.xyz':
      return {
        name: 'XYZ',
        columns: [col('name', 'Товар'), col('periods', 'Недель', 'int'), col('meanQty', 'Среднее за неделю', 'qty'), col('variation', 'Коэффициент вариации', 'percent'), col('xyz', 'Класс')],
        rows: of(s.reports.xyz(source.from, source.to, null).then((r) => r.rows)),
      };
    case 'report.cashiers':
      return {
        name: 'контроль кассиров',
        columns: [col('name', 'Кассир'), col('receipts', 'Чеков', 'int'), col('revenue', 'Выручка', 'money'), col('voidedLines', 'Удалено строк', 'int'),
          col('cancelledReceipts', 'Отменено чеков', 'int'), col('returns', 'Возвратов', 'int'), col('returnsTotal', 'Сумма возвратов', 'money'),
          col('discounts', 'Чеков со скидкой', 'int'), col('discountTotal', 'Сумма скидок', 'money'), col('drawerOpenings', 'Открытий ящика без продажи', 'int')],
        rows: of(s.reports.cashiers(source.from, source.to).then((rows) => rows.map(({ events: _events, ...row }) => row))),
      };
    case 'report.reorder':
      return {
        name: 'заказ поставщику',
        columns: [col('name', 'Товар'), col('stock', 'Остаток', 'qty'), col('perDay', 'Продаж в день', 'qty'), col('daysLeft', 'Хватит на дней', 'int'),
          col('orderQty', 'Заказать', 'qty'), col('cost', 'Сумма по закупке', 'money')],
        rows: of(s.reports.reorder(source.days, source.cover)),
      };
  }
}
