import type { z } from 'zod';
import type { PrintDoc, PrintItem } from '../ports/devices.js';
import type { ShopInfo, ShiftReport } from '../../shared/contract/schemas.js';
import type { SaleView } from '../sales/ledger.js';
import { formatPlain, formatQty } from '../../shared/money.js';

type Shop = z.output<typeof ShopInfo>;
type Report = Omit<z.output<typeof ShiftReport>, 'text'>;

const TAX_SYSTEMS: Record<Shop['taxSystem'], string> = {
  osn: 'ОСН', usn_income: 'УСН доход', usn_income_outcome: 'УСН доход - расход', esn: 'ЕСХН', patent: 'Патент',
};

function when(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function header(shop: Shop): PrintItem[] {
  return [
    { kind: 'text', text: shop.name, align: 'center', bold: true },
    { kind: 'text', text: shop.address, align: 'center' },
    { kind: 'text', text: `ИНН ${shop.inn}`, align: 'center' },
    { kind: 'rule' },
  ];
}

/** The code printed on a receipt as a barcode, scanned at the till to find it for a return. */
export function receiptCode(number: number): string {
  return `R${String(number).padStart(9, '0')}`;
}

/** A receipt as the customer gets it (Russian: the printed form is a legal document). */
export function receiptDoc(sale: SaleView, shop: Shop, vatLabels: ReadonlyMap<string, string>): PrintDoc {
  const items: PrintItem[] = [...header(shop)];
  items.push({ kind: 'text', text: sale.kind === 'sale' ? 'КАССОВЫЙ ЧЕК / ПРИХОД' : 'КАССОВЫЙ ЧЕК / ВОЗВРАТ ПРИХОДА', align: 'center', bold: true });
  items.push({ kind: 'pair', left: `Чек № ${sale.number}`, right: when(sale.at) });
  items.push({ kind: 'pair', left: `Смена № ${sale.shiftNumber}`, right: `Кассир ${sale.cashier.name}` });
  items.push({ kind: 'rule' });
  for (const l of sale.lines) {
    items.push({ kind: 'text', text: `${l.lineNo}. ${l.name}` });
    const unit = l.unit === 'pcs' ? 'шт' : l.unit === 'kg' ? 'кг' : 'л';
    items.push({ kind: 'pair', left: `  ${formatQty(l.qty, l.unit !== 'pcs')} ${unit} x ${formatPlain(l.price)}`, right: `=${formatPlain(l.total + l.discount)}` });
    if (l.discount > 0) items.push({ kind: 'pair', left: '  Скидка', right: `-${formatPlain(l.discount)}` });
    items.push({ kind: 'pair', left: `  ${vatLabels.get(l.vat) ?? l.vat}`, right: formatPlain(l.vatAmount) });
  }
  items.push({ kind: 'rule' });
  if (sale.discount > 0) items.push({ kind: 'pair', left: 'СКИДКА', right: formatPlain(sale.discount) });
  items.push({ kind: 'pair', left: 'ИТОГ', right: `=${formatPlain(sale.total)}`, bold: true });
  for (const p of sale.payments) {
    if (p.amount === 0 && sale.payments.length > 1) continue;
    const label = p.kind === 'cash' ? 'НАЛИЧНЫМИ' : 'БЕЗНАЛИЧНЫМИ';
    items.push({ kind: 'pair', left: label, right: `=${formatPlain(p.kind === 'cash' ? p.amount + sale.change : p.amount)}` });
  }
  if (sale.change > 0) items.push({ kind: 'pair', left: 'СДАЧА', right: `=${formatPlain(sale.change)}` });
  for (const v of sale.vat) items.push({ kind: 'pair', left: `Сумма ${vatLabels.get(v.code) ?? v.code}`, right: formatPlain(v.amount) });
  items.push({ kind: 'pair', left: 'СНО', right: TAX_SYSTEMS[shop.taxSystem] });
  if (sale.fiscal) {
    const f = sale.fiscal;
    items.push({ kind: 'pair', left: `ФН ${f.fnNumber}`, right: when(f.at) });
    items.push({ kind: 'pair', left: `ФД ${f.fiscalDocNumber}`, right: `ФП ${f.fiscalSign}` });
    items.push({ kind: 'qr', data: f.qr });
  }
  items.push({ kind: 'rule' });
  items.push({ kind: 'barcode', symbology: 'code128', data: receiptCode(sale.number) });
  items.push({ kind: 'text', text: 'СПАСИБО ЗА ПОКУПКУ!', align: 'center' });
  items.push({ kind: 'feed', lines: 3 }, { kind: 'cut' });
  return { items };
}

export function reportDoc(report: Report, shop: Shop): PrintDoc {
  const m = formatPlain;
  const s = report.shift;
  const items: PrintItem[] = [...header(shop)];
  items.push({ kind: 'text', text: report.kind === 'x' ? 'ОТЧЁТ БЕЗ ГАШЕНИЯ (X)' : 'ОТЧЁТ О ЗАКРЫТИИ СМЕНЫ (Z)', align: 'center', bold: true });
  items.push({ kind: 'pair', left: `Смена № ${s.number}`, right: when(report.printedAt) });
  items.push({ kind: 'pair', left: 'Открыта', right: `${when(s.openedAt)} ${s.openedBy.name}` });
  if (s.closedAt && s.closedBy) items.push({ kind: 'pair', left: 'Закрыта', right: `${when(s.closedAt)} ${s.closedBy.name}` });
  items.push({ kind: 'rule' });
  items.push({ kind: 'pair', left: `Продажи (${report.sales.count})`, right: m(report.sales.total) });
  items.push({ kind: 'pair', left: '  наличными', right: m(report.sales.cash) });
  items.push({ kind: 'pair', left: '  картой', right: m(report.sales.card) });
  items.push({ kind: 'pair', left: `Возвраты (${report.returns.count})`, right: m(report.returns.total) });
  items.push({ kind: 'pair', left: '  наличными', right: m(report.returns.cash) });
  items.push({ kind: 'pair', left: '  картой', right: m(report.returns.card) });
  items.push({ kind: 'pair', left: 'Скидки', right: m(report.discounts) });
  for (const v of report.vat) items.push({ kind: 'pair', left: `НДС ${v.code}`, right: m(v.amount) });
  items.push({ kind: 'rule' });
  items.push({ kind: 'pair', left: 'Размен на начало', right: m(report.float) });
  items.push({ kind: 'pair', left: 'Внесения', right: m(report.cashIn) });
  items.push({ kind: 'pair', left: 'Изъятия', right: m(report.cashOut) });
  items.push({ kind: 'pair', left: 'Наличных в кассе', right: m(report.expectedCash), bold: true });
  if (s.counted !== null && s.discrepancy !== null) {
    items.push({ kind: 'pair', left: 'Пересчитано', right: m(s.counted) });
    items.push({ kind: 'pair', left: 'Расхождение', right: m(s.discrepancy), bold: true });
  }
  items.push({ kind: 'rule' });
  items.push({ kind: 'pair', left: 'Сторно строк', right: String(report.voidedLines) });
  items.push({ kind: 'pair', left: 'Аннулированных чеков', right: String(report.cancelledReceipts) });
  items.push({ kind: 'pair', left: 'Открытий ящика', right: String(report.drawerOpenings) });
  items.push({ kind: 'feed', lines: 3 }, { kind: 'cut' });
  return { items };
}

/**
 * The devices tab's test page: whether Cyrillic comes out right (the code page), the width
 * (a rule and a pair fill the line), the QR code and the cutter, at a glance.
 */
export function testPageDoc(shop: Shop | null, at: string): PrintDoc {
  return {
    items: [
      ...(shop ? header(shop) : []),
      { kind: 'text', text: 'ПРОВЕРКА ПЕЧАТИ', align: 'center', bold: true },
      { kind: 'pair', left: 'Дата', right: when(at) },
      { kind: 'text', text: 'Съешь же ещё этих мягких французских булок, да выпей чаю' },
      { kind: 'text', text: 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ №1' },
      { kind: 'pair', left: 'Итог', right: '=1234.56' },
      { kind: 'rule' },
      { kind: 'qr', data: 'LAVKA TEST' },
      { kind: 'text', text: 'Печать в порядке', align: 'center' },
      { kind: 'feed', lines: 3 },
      { kind: 'cut' },
    ],
  };
}
