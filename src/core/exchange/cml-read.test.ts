import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCommerceMl, type CmlOptions, type CmlRecord } from './cml-read.js';

import { fileURLToPath } from 'node:url';

/** shared/ sits beside the repository, on a developer's machine and in CI alike */
const EXCERPT = fileURLToPath(new URL('./fixtures/commerceml-2.07-excerpt.xml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lavka-cml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function records(path: string, options?: CmlOptions): Promise<CmlRecord[]> {
  const out: CmlRecord[] = [];
  for await (const r of readCommerceMl(path, options)) out.push(r);
  return out;
}

/** 1-based line of the first occurrence of `needle` in `text`. */
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

/** The excerpt holds both exchange files one after the other; 1C sends them as import.xml and offers.xml. */
function excerptFiles(): { importXml: string; offersXml: string } {
  const text = readFileSync(EXCERPT, 'utf8');
  const at = text.indexOf('<!-- ===== offers0_1.xml');
  return { importXml: text.slice(0, at), offersXml: text.slice(at) };
}

const PRODUCT = 'bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1';
const GROUP = '82cfb8dc-18f9-11e7-80c2-0cc47ab29cd1';
const PRICE_TYPE = '279b6812-740b-11e8-80c8-0cc47ab29cd1';

const wrap = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" ВерсияСхемы="2.07">\n${body}\n</КоммерческаяИнформация>\n`;

describe('readCommerceMl: the reference excerpt', () => {
  it('reads import.xml into its group and its product', async () => {
    const { importXml } = excerptFiles();
    expect(await records(file('import.xml', importXml))).toEqual([
      { kind: 'group', line: lineOf(importXml, '<Группа>'), id: GROUP, parentId: null, name: 'Коврики для дома' },
      {
        kind: 'product', line: lineOf(importXml, '<Товар>'), externalId: PRODUCT, article: 'PM-421-WP',
        name: 'Портативный коврик Portable 140x200x1 см, Деревянные лошадки', barcodes: ['8809288404089'],
        // Код="796 " is OKEI for pieces; the 2020 file still has the 20 % rate, passed on as its code
        unit: 'pcs', vat: '20', groupExternalId: GROUP,
      },
    ]);
  });

  it('reads offers.xml into its price types and the offer: 100 RUB → 10000 kopecks, 377 → 377000 thousandths', async () => {
    const { offersXml } = excerptFiles();
    expect(await records(file('offers.xml', offersXml))).toEqual([
      { kind: 'priceTypes', line: lineOf(offersXml, '<ТипЦены>'), types: [{ id: PRICE_TYPE, name: 'BASE', currency: 'RUB' }], chosenId: PRICE_TYPE },
      { kind: 'offer', line: lineOf(offersXml, '<Предложение>'), externalId: PRODUCT, price: 10000, qty: 377000 },
    ]);
  });
});

describe('readCommerceMl: what other 1C exports carry', () => {
  it('gives a group tree parents first, each with its parent', async () => {
    const xml = wrap(`<Классификатор><Ид>c</Ид><Группы>
      <Группа><Ид>food</Ид><Наименование>Продукты</Наименование><Группы>
        <Группа><Ид>dairy</Ид><Наименование>Молочное</Наименование><Группы>
          <Группа><Ид>cheese</Ид><Наименование>Сыры</Наименование></Группа>
        </Группы></Группа>
        <Группа><Ид>bread</Ид><Наименование>Хлеб</Наименование></Группа>
      </Группы></Группа>
      <Группа><Ид>home</Ид><Наименование>Хозтовары</Наименование></Группа>
      <Группа><Наименование>Без Ид</Наименование></Группа>
    </Группы></Классификатор>`);
    const got = await records(file('groups.xml', xml));
    expect(got.map((r) => (r.kind === 'group' ? [r.id, r.parentId, r.name] : [r.kind]))).toEqual([
      ['food', null, 'Продукты'], ['dairy', 'food', 'Молочное'], ['cheese', 'dairy', 'Сыры'], ['bread', 'food', 'Хлеб'], ['home', null, 'Хозтовары'], ['invalid'],
    ]);
    expect(got[5]).toMatchObject({ kind: 'invalid', externalId: null, errors: [{ field: 'externalId', message: 'import.required' }] });
  });

  it('reads VAT and extra barcodes from requisites, kilograms by OKEI code, and refuses a bad barcode with its line', async () => {
    const xml = wrap(`<Каталог><Товары>
      <Товар><Ид>w1</Ид><Наименование>Яблоки Гала</Наименование><БазоваяЕдиница Код="166">кг</БазоваяЕдиница>
        <ЗначенияРеквизитов>
          <ЗначениеРеквизита><Наименование>ВидНоменклатуры</Наименование><Значение>Товар</Значение></ЗначениеРеквизита>
          <ЗначениеРеквизита><Наименование>СтавкаНДС</Наименование><Значение>10%</Значение></ЗначениеРеквизита>
          <ЗначениеРеквизита><Наименование>Пустой</Наименование></ЗначениеРеквизита>
          <ЗначениеРеквизита><Наименование>Штрихкод</Наименование><Значение>2000001012505</Значение></ЗначениеРеквизита>
        </ЗначенияРеквизитов></Товар>
      <Товар><Ид>m1</Ид><Штрихкод>4600070000373</Штрихкод><Штрихкод>012345678905</Штрихкод><Наименование>Молоко</Наименование>
        <БазоваяЕдиница>шт</БазоваяЕдиница><СтавкиНалогов><СтавкаНалога><Наименование>НДС</Наименование><Ставка>Без НДС</Ставка></СтавкаНалога></СтавкиНалогов></Товар>
      <Товар><Ид>bad</Ид><Штрихкод>4600700000374</Штрихкод><Наименование>Кефир</Наименование><БазоваяЕдиница Код="163">г</БазоваяЕдиница></Товар>
    </Товары></Каталог>`);
    const got = await records(file('products.xml', xml));
    expect(got).toEqual([
      { kind: 'product', line: lineOf(xml, '<Товар><Ид>w1'), externalId: 'w1', name: 'Яблоки Гала', barcodes: ['2000001012505'], unit: 'kg', vat: '10' },
      // UPC-A is kept as the EAN-13 the catalogue stores
      { kind: 'product', line: lineOf(xml, '<Товар><Ид>m1'), externalId: 'm1', name: 'Молоко', barcodes: ['4600070000373', '0012345678905'], unit: 'pcs', vat: 'none' },
      {
        kind: 'invalid', line: lineOf(xml, '<Товар><Ид>bad'), externalId: 'bad', errors: [
          { row: lineOf(xml, '<Товар><Ид>bad'), field: 'barcodes', message: 'import.barcodeCheckDigit', value: '4600700000374' },
          { row: lineOf(xml, '<Товар><Ид>bad'), field: 'unit', message: 'import.unknownUnit', value: '163' },
        ],
      },
    ]);
  });

  it('takes the retail price of several types, or the one asked for; rounds 4-decimal prices; keeps negative stock', async () => {
    const xml = wrap(`<ПакетПредложений><ТипыЦен>
        <ТипЦены><Ид>buy</Ид><Наименование>Закупочная</Наименование><Валюта>RUB</Валюта></ТипЦены>
        <ТипЦены><Ид>ret</Ид><Наименование>Розничная</Наименование><Валюта>RUB</Валюта></ТипЦены>
      </ТипыЦен><Предложения>
        <Предложение><Ид>a</Ид><Штрихкод>4600070000373</Штрихкод><Цены>
          <Цена><ИдТипаЦены>buy</ИдТипаЦены><ЦенаЗаЕдиницу>61.2</ЦенаЗаЕдиницу></Цена>
          <Цена><ИдТипаЦены>ret</ИдТипаЦены><ЦенаЗаЕдиницу>89.9950</ЦенаЗаЕдиницу></Цена>
        </Цены><Количество>-2</Количество></Предложение>
        <Предложение><Ид>b#size-42</Ид><Цены><Цена><ИдТипаЦены>buy</ИдТипаЦены><ЦенаЗаЕдиницу>10</ЦенаЗаЕдиницу></Цена></Цены><Количество>1,5</Количество></Предложение>
        <Предложение><Ид>c</Ид><Цены><Цена><ИдТипаЦены>ret</ИдТипаЦены><ЦенаЗаЕдиницу>сто</ЦенаЗаЕдиницу></Цена></Цены></Предложение>
      </Предложения></ПакетПредложений>`);
    const path = file('offers2.xml', xml);
    const retail = await records(path);
    expect(retail[0]).toMatchObject({ kind: 'priceTypes', chosenId: 'ret' });
    expect(retail.slice(1)).toEqual([
      { kind: 'offer', line: lineOf(xml, '<Предложение><Ид>a'), externalId: 'a', price: 9000, qty: -2000, barcode: '4600070000373' },
      { kind: 'offer', line: lineOf(xml, '<Предложение><Ид>b'), externalId: 'b#size-42', qty: 1500 },
      { kind: 'invalid', line: lineOf(xml, '<Предложение><Ид>c'), externalId: 'c', errors: [{ row: lineOf(xml, '<Предложение><Ид>c'), field: 'price', message: 'import.notAmount', value: 'сто' }] },
    ]);
    const purchase = await records(path, { priceType: 'закупочная' });
    expect(purchase.slice(1, 3).map((r) => (r.kind === 'offer' ? r.price : null))).toEqual([6120, 1000]);
    await expect(records(path, { priceType: 'Оптовая' })).rejects.toMatchObject({ key: 'import.unknownPriceType', params: { priceType: 'Оптовая' } });
  });

  it('reads a file 1C wrote in windows-1251', async () => {
    const xml = `<?xml version="1.0" encoding="windows-1251"?>\n<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>1</Ид><Наименование>Чай чёрный</Наименование></Товар></Товары></Каталог></КоммерческаяИнформация>`;
    const bytes = Buffer.from([...xml].map((ch) => {
      const c = ch.codePointAt(0) as number;
      if (c < 0x80) return c;
      if (ch === 'ё') return 0xb8;
      return c - 0x410 + 0xc0;
    }));
    expect(await records(file('cp1251.xml', bytes))).toEqual([{ kind: 'product', line: 2, externalId: '1', name: 'Чай чёрный', barcodes: [], unit: 'pcs' }]);
  });

  it('refuses a file that is not CommerceML, and broken XML with its line', async () => {
    await expect(records(file('other.xml', '<?xml version="1.0"?><catalog/>'))).rejects.toMatchObject({ key: 'import.notCommerceMl' });
    await expect(records(file('broken.xml', wrap('<Каталог>\n<Товары>\n<Товар></Товары>')))).rejects.toMatchObject({ key: 'import.xmlBroken', row: 5 });
  });
});
