import { describe, expect, it } from 'vitest';
import { CatalogMapping } from '../../shared/catalog-import.js';
import { translate } from '../../shared/i18n/index.js';
import { mapRow, type MapResult } from './catalog-row.js';
import { guessMapping } from './mapping.js';

describe('guessMapping', () => {
  it('recognises a Russian supplier price list, cost apart from price and min apart from stock', () => {
    const header = ['№', 'Артикул', 'Наименование товара', 'Ед. изм.', 'Штрих-код', 'Цена закупки, руб.', 'Цена продажи, ₽', 'НДС, %', 'Группа', 'ПЛУ', 'Маркировка', 'Мин. остаток', 'Макс. остаток', 'Остаток'];
    expect(guessMapping(header)).toEqual({
      article: 1, name: 2, unit: 3, barcodes: 4, cost: 5, price: 6, vat: 7, group: 8, plu: 9, marked: 10, minStock: 11, maxStock: 12, qty: 13,
    });
  });

  it('recognises English headers and the short Russian ones', () => {
    expect(guessMapping(['SKU', 'Name', 'EAN', 'Price', 'Cost', 'Category', 'Unit', 'VAT', 'PLU', 'Marked', 'Min', 'Max', 'Qty']))
      .toEqual({ article: 0, name: 1, barcodes: 2, price: 3, cost: 4, group: 5, unit: 6, vat: 7, plu: 8, marked: 9, minStock: 10, maxStock: 11, qty: 12 });
    expect(guessMapping(['Товар', 'ШК', 'Цена', 'Себестоимость', 'Категория', 'Ед.', 'Кол-во'])).toEqual({ name: 0, barcodes: 1, price: 2, cost: 3, group: 4, unit: 5, qty: 6 });
    expect(guessMapping(['Название', 'Розничная цена', 'Закупочная цена', 'Количество'])).toEqual({ name: 0, price: 1, cost: 2, qty: 3 });
  });

  it('maps each field to the first fitting column only and leaves unknown columns out', () => {
    const m = guessMapping(['Наименование', 'Описание', 'Название', 'Цена продажи с НДС', 'Цена со скидкой']);
    expect(m).toEqual({ name: 0, price: 3 });
    expect(CatalogMapping.safeParse(m).success).toBe(true);
    // a column fed to two fields names both of them
    expect(CatalogMapping.safeParse({ name: 0, barcodes: 1, price: 0 }).error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['name', 'price']);
  });
});

const MAPPING = guessMapping(['Наименование', 'Штрихкод', 'Артикул', 'Цена', 'Закупочная цена', 'Группа', 'Ед.', 'НДС', 'PLU', 'Маркировка', 'Мин. остаток', 'Макс. остаток', 'Остаток']);

/** A row in the order of MAPPING's header, from just the cells a test cares about. */
function row(cells: Partial<Record<'name' | 'barcodes' | 'article' | 'price' | 'cost' | 'group' | 'unit' | 'vat' | 'plu' | 'marked' | 'min' | 'max' | 'qty', string>>, n = 7) {
  const order = ['name', 'barcodes', 'article', 'price', 'cost', 'group', 'unit', 'vat', 'plu', 'marked', 'min', 'max', 'qty'] as const;
  return { row: n, cells: order.map((k) => cells[k] ?? '') };
}

function ok(result: MapResult) {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

function refused(result: MapResult) {
  if (result.ok) throw new Error('accepted');
  return result.errors.map(({ field, message }) => [field, message]);
}

describe('mapRow: numbers in Russian format, exactly', () => {
  it.each([
    ['1 234,56', 123456], ['1 234,5', 123450], ['1234.56', 123456], ['1\u00a0234,56', 123456], ['99 р.', 9900], ['99,90 ₽', 9990], ['1,234.56', 123456], ['0,01', 1], ['12', 1200],
  ])('price %j → %i kopecks', (text, kopecks) => {
    expect(ok(mapRow(MAPPING, row({ name: 'Товар', price: text }))).price).toBe(kopecks);
  });

  it.each(['1 234,567', 'сто', '-5', '1,5E+3', '12 руб 50 коп', '1.234.567'])('refuses %j as a price', (text) => {
    expect(refused(mapRow(MAPPING, row({ name: 'Товар', price: text })))).toEqual([['price', 'import.notAmount']]);
  });

  it('reads quantities in thousandths: 0,5 kg is 500; pieces must be whole', () => {
    expect(ok(mapRow(MAPPING, row({ name: 'Сыр', unit: 'кг', qty: '0,5', min: '1,25', max: '10' })))).toMatchObject({ unit: 'kg', qty: 500, minStock: 1250, maxStock: 10_000 });
    expect(ok(mapRow(MAPPING, row({ name: 'Сок', unit: 'шт', qty: '1 200' }))).qty).toBe(1_200_000);
    expect(refused(mapRow(MAPPING, row({ name: 'Сок', unit: 'шт', qty: '0,5' })))).toEqual([['qty', 'import.pieceFraction']]);
    expect(refused(mapRow(MAPPING, row({ name: 'Сок', qty: '-1' })))).toEqual([['qty', 'import.notQuantity']]);
  });
});

describe('mapRow: barcodes', () => {
  it('takes several barcodes in one cell, separated by , or ; and normalises UPC-A to EAN-13', () => {
    expect(ok(mapRow(MAPPING, row({ name: 'Вода', barcodes: '4600070000373; 46070012345 62,012345678905' }))).barcodes)
      .toEqual(['4600070000373', '4607001234562', '0012345678905']);
  });

  it('says when Excel turned a barcode into 4.6007E+12 and its digits are lost', () => {
    for (const text of ['4.6007E+12', '4,60007E+12']) {
      expect(refused(mapRow(MAPPING, row({ name: 'Вода', barcodes: text })))).toEqual([['barcodes', 'import.barcodeScientific']]);
    }
    expect(translate('ru', 'import.barcodeScientific')).toMatch(/экспоненциальной/);
  });

  it('refuses a wrong check digit and what is no retail barcode', () => {
    expect(refused(mapRow(MAPPING, row({ name: 'Вода', barcodes: '4600070000374' })))).toEqual([['barcodes', 'import.barcodeCheckDigit']]);
    expect(refused(mapRow(MAPPING, row({ name: 'Вода', barcodes: 'ABC-123' })))).toEqual([['barcodes', 'import.barcodeInvalid']]);
  });
});

describe('mapRow: a whole row', () => {
  it('maps every field', () => {
    const value = ok(mapRow(MAPPING, row({
      name: '  Сыр «Российский» 45%  ', barcodes: '2000001012505', article: 'SR-45', price: '899,90', cost: '612,5', group: 'Молочное / Сыры',
      unit: 'кг.', vat: 'НДС 10%', plu: '17', marked: 'да', min: '2', max: '20', qty: '5,250',
    })));
    expect(value).toEqual({
      row: 7, name: 'Сыр «Российский» 45%', barcodes: ['2000001012505'], article: 'SR-45', price: 89990, cost: 61250, groupPath: ['Молочное', 'Сыры'],
      unit: 'kg', vat: '10', plu: '17', marked: true, minStock: 2000, maxStock: 20_000, qty: 5250,
    });
  });

  it('gives pieces and no other field when only the name is there', () => {
    expect(ok(mapRow({ name: 0 }, { row: 2, cells: ['Пакет'] }))).toEqual({ row: 2, name: 'Пакет', barcodes: [], unit: 'pcs' });
  });

  it('reads VAT and yes/no the ways people write them', () => {
    const vat = (text: string) => ok(mapRow(MAPPING, row({ name: 'Т', vat: text }))).vat;
    expect([vat('22%'), vat('22'), vat('0%'), vat('Без НДС'), vat('none'), vat('10 %')]).toEqual(['22', '22', '0', 'none', 'none', '10']);
    const marked = (text: string) => ok(mapRow(MAPPING, row({ name: 'Т', marked: text }))).marked;
    expect([marked('Да'), marked('нет'), marked('1'), marked('0'), marked('ИСТИНА')]).toEqual([true, false, true, false, true]);
  });

  it('gives every reason at once, with the row, the field and the value', () => {
    const result = mapRow(MAPPING, row({ barcodes: '4.6007E+12', price: '12,345', unit: 'ящик', vat: '18,5', plu: 'A1', marked: 'может быть', min: '5', max: '1' }, 12));
    expect(result).toEqual({
      ok: false, errors: [
        { row: 12, field: 'name', message: 'import.required', value: '' },
        { row: 12, field: 'barcodes', message: 'import.barcodeScientific', value: '4.6007E+12' },
        { row: 12, field: 'unit', message: 'import.unknownUnit', value: 'ящик' },
        { row: 12, field: 'vat', message: 'import.unknownVat', value: '18,5' },
        { row: 12, field: 'price', message: 'import.notAmount', value: '12,345' },
        { row: 12, field: 'plu', message: 'import.pluInvalid', value: 'A1' },
        { row: 12, field: 'marked', message: 'import.notYesNo', value: 'может быть' },
        { row: 12, field: 'minStock', message: 'import.minOverMax', value: '5' },
      ],
    });
  });

  it('refuses names and articles longer than the catalogue keeps', () => {
    expect(refused(mapRow(MAPPING, row({ name: 'я'.repeat(301), article: 'A'.repeat(65) })))).toEqual([['name', 'import.tooLong'], ['article', 'import.tooLong']]);
  });

  it('undoes the apostrophe the CSV export puts before a formula-like text', () => {
    expect(ok(mapRow({ name: 0 }, { row: 2, cells: ["'=Акция -50%"] })).name).toBe('=Акция -50%');
    expect(ok(mapRow({ name: 0 }, { row: 2, cells: ["Д'Артаньян"] })).name).toBe("Д'Артаньян");
  });
});

describe('import messages', () => {
  it('exist in Russian and English for every key the import uses', () => {
    const keys = ['import.required', 'import.notAmount', 'import.notQuantity', 'import.pieceFraction', 'import.barcodeCheckDigit', 'import.barcodeInvalid',
      'import.barcodeScientific', 'import.tooManyBarcodes', 'import.unknownUnit', 'import.unknownVat', 'import.notYesNo', 'import.pluInvalid',
      'import.minOverMax', 'import.tooLong', 'import.badEncoding', 'import.csvUnclosedQuote', 'import.csvRecordTooLong', 'import.xlsOld', 'import.notXlsx',
      'import.xlsxBroken', 'import.noSheet', 'import.xmlBroken', 'import.notCommerceMl', 'import.unknownPriceType', 'export.tooManyRows'];
    for (const key of keys) {
      expect(translate('ru', key)).not.toBe(key);
      expect(translate('en', key)).not.toBe(key);
      expect(translate('en', key)).not.toBe(translate('ru', key));
    }
  });
});
