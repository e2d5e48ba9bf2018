import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TestTill, MILK, PIN } from '../testing/harness.js';
import { readCsv, readXlsx } from '../exchange/index.js';
import { uuidv7 } from '../../shared/ids.js';
import { withCheckDigit } from '../../shared/barcode/ean.js';
import { encodeCp1251 } from '../../shared/codepages.js';
import { verifyLedger } from '../verify.js';
import { migrationsDir } from '../app.js';

let till: TestTill;
afterEach(() => till?.close());

const EXCERPT = fileURLToPath(new URL('../exchange/fixtures/commerceml-2.07-excerpt.xml', import.meta.url));
async function owner(): Promise<void> {
  till = await TestTill.demo();
  await till.login(PIN.owner);
}

async function upload(bytes: Buffer, name: string): Promise<string> {
  const ext = name.split('.').pop() ?? 'txt';
  const id = `${uuidv7()}.${ext}`;
  await till.call('files.put', { id, name, offset: 0, data: bytes.toString('base64'), done: true });
  return id;
}

async function download(id: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let offset = 0; ;) {
    const r = await till.call('files.read', { id, offset });
    parts.push(Buffer.from(r.data, 'base64'));
    offset += parts.at(-1)?.length ?? 0;
    if (r.done) return Buffer.concat(parts);
  }
}

const TEA = withCheckDigit('460111111111');
const COFFEE = withCheckDigit('460111111112');
const PRICE_LIST = [
  'Наименование;Штрихкод;Цена;Закупка;Группа;Ед. изм.;НДС;Остаток',
  `Чай «Брусника» 25 пак.;${TEA};129,90;80;Чай и кофе / Чай;шт;22%;12`,
  `"Кофе молотый; 250 г";${COFFEE};"1 249,00";700,5;Чай и кофе / Кофе;шт;22%;4`,
  `Молоко 2,5% Простоквашино 0,9 л;${MILK};92,00;66;;шт;10%;`,
].join('\r\n');

describe('catalogue import', () => {
  it('reads a supplier price list in Windows-1251 with ";" and Russian numbers: creates, updates, groups, prices and stock', async () => {
    await owner();
    const file = await upload(Buffer.from(encodeCp1251(PRICE_LIST)), 'прайс.csv');
    const preview = await till.call('import.preview', { files: [file] });
    expect(preview.format).toBe('csv');
    expect(preview.header[0]).toBe('Наименование');
    expect(preview.sample[1]?.[0]).toBe('Кофе молотый; 250 г');
    expect(preview.mapping).toMatchObject({ name: 0, barcodes: 1, price: 2, cost: 3, group: 4, unit: 5, vat: 6, qty: 7 });

    const report = await till.call('import.run', { id: uuidv7(), files: [file], mapping: preview.mapping });
    expect(report).toMatchObject({ applied: true, created: 2, updated: 1, groups: 3, refusedCount: 0 });
    const tea = (await till.call('catalog.lookup', { code: TEA })).product;
    expect(tea).toMatchObject({ name: 'Чай «Брусника» 25 пак.', price: 12_990, vat: '22' });
    const coffee = await till.call('catalog.get', { id: (await till.call('catalog.lookup', { code: COFFEE })).product.id });
    expect(coffee).toMatchObject({ price: 124_900, cost: 70_050, stock: 4000, groupPath: ['Чай и кофе', 'Кофе'] });
    // the milk existed: its price changed by a price document, and its purchase price was taken up
    const milk = await till.call('catalog.get', { id: (await till.call('catalog.lookup', { code: MILK })).product.id });
    expect(milk).toMatchObject({ price: 9200, cost: 6600 });
    expect(await till.call('prices.history', { productId: milk.id })).toEqual([expect.objectContaining({ oldPrice: 8899, newPrice: 9200, applied: true })]);
    expect((await till.call('stock.docs', { kind: 'stocktake' })).rows).toHaveLength(1);

    // the same file again, an hour later, changes nothing more: not even when the products last changed
    till.now = new Date('2026-11-23T10:00:00Z');
    const again = await till.call('import.run', { id: uuidv7(), files: [file], mapping: preview.mapping });
    expect(again).toMatchObject({ applied: true, created: 0, updated: 3, groups: 0 });
    expect((await till.call('stock.docs', { kind: 'stocktake' })).rows).toHaveLength(1);
    expect(await till.call('prices.history', { productId: milk.id })).toHaveLength(1);
    expect(await till.call('catalog.get', { id: coffee.id })).toMatchObject({ updatedAt: '2026-11-23T09:00:00.000Z' });
  });

  it('refuses a file with bad rows as a whole, naming row, field and reason; skipping them imports the rest', async () => {
    await owner();
    const broken = [
      'Наименование;Штрихкод;Цена',
      `Чай;${TEA};129,90`,
      'Кофе;4600000000016;100',
      `Какао;${withCheckDigit('460111111113')};сто рублей`,
      `Чай ещё раз;${TEA};50`,
      `Молоко другое;${MILK};10`,
    ].join('\n');
    const file = await upload(Buffer.from(broken), 'прайс.csv');
    const mapping = { name: 0, barcodes: 1, price: 2 };
    const refused = await till.call('import.run', { id: uuidv7(), files: [file], mapping });
    expect(refused).toMatchObject({ applied: false, created: 0, refusedCount: 3 });
    expect(refused.refused.map((e) => [e.row, e.field, e.message])).toEqual([
      [3, 'barcodes', 'import.barcodeCheckDigit'],
      [4, 'price', 'import.notAmount'],
      [5, 'barcodes', 'import.barcodeTwice'],
    ]);
    expect(await till.fail('catalog.lookup', { code: TEA })).toMatchObject({ code: 'not_found' });

    const skipped = await till.call('import.run', { id: uuidv7(), files: [file], mapping, skipBad: true });
    expect(skipped).toMatchObject({ applied: true, created: 1, updated: 1, refusedCount: 3 });
    expect((await till.call('catalog.lookup', { code: TEA })).product.name).toBe('Чай');
  });

  it('a bad row far down a long file, found after writing began, leaves the catalogue as it was and the report names it', async () => {
    till = await TestTill.selling();
    const manager = await till.login(PIN.owner);
    const good = (i: number) => `Товар номер ${i};${withCheckDigit(`29${String(i).padStart(10, '0')}`)};${100 + i},00;5`;
    const rows = Array.from({ length: 6000 }, (_, i) => (i === 5990 ? `Плохой;;сто;5` : good(i)));
    const file = await upload(Buffer.from(['Наименование;Штрихкод;Цена;Остаток', ...rows].join('\n')), 'длинный.csv');
    const phases = new Set<string>();
    till.core.events.on((name, payload) => {
      if (name === 'import.progress') phases.add((payload as { phase: string }).phase);
    });
    const report = await till.call('import.run', { id: uuidv7(), files: [file], mapping: { name: 0, barcodes: 1, price: 2, qty: 3 } }, manager);
    // the first thousands of rows had gone to be written before the check reached row 5,992
    expect(phases).toContain('apply');
    expect(report).toMatchObject({ applied: false, created: 0, refusedCount: 1 });
    expect(report.refused).toEqual([expect.objectContaining({ row: 5992, field: 'price', message: 'import.notAmount' })]);
    expect((await till.call('catalog.list', { query: 'номер' }, manager)).total).toBe(0);
    expect((await till.call('stock.docs', { kind: 'stocktake' }, manager)).rows).toHaveLength(0);
    expect(verifyLedger(till.core.services.db, migrationsDir())).toMatchObject({ ok: true, problems: [] });
  });

  it('a row far down a long file finds the product an earlier row of it made, by name or by article', async () => {
    await owner();
    const code = (i: number) => withCheckDigit(`29${String(i).padStart(10, '0')}`);
    // rows 1–2000 make products; rows 2001–3500 name one of them again, by its name or by its article, at a new
    // price (a barcode twice in a file is refused)
    const rows = Array.from({ length: 3500 }, (_, i) => {
      if (i < 2000) return `Товар номер ${i};${code(i)};А-${i};${100 + i}`;
      const j = i - 2000;
      return j % 2 === 0 ? `Товар номер ${j};;;${500 + j}` : `Другое имя ${j};;А-${j};${500 + j}`;
    });
    const file = await upload(Buffer.from(['Наименование;Штрихкод;Артикул;Цена', ...rows].join('\n')), 'повторы.csv');
    const report = await till.call('import.run', { id: uuidv7(), files: [file], mapping: { name: 0, barcodes: 1, article: 2, price: 3 } });
    expect(report).toMatchObject({ applied: true, created: 2000, updated: 1500, refusedCount: 0 });
    for (const j of [0, 1, 2, 1499]) {
      const found = (await till.call('catalog.lookup', { code: code(j) })).product;
      expect(found.price).toBe((500 + j) * 100);
    }
    expect((await till.call('catalog.lookup', { code: code(1500) })).product.price).toBe(1600 * 100);
  });

  it('a file that breaks off past its first thousands of rows is refused where reading stopped, and nothing of it stays', async () => {
    await owner();
    const rows = Array.from({ length: 6000 }, (_, i) => `Товар номер ${i};${100 + i}`);
    // a quote opened on the last row and never closed: the reader cannot tell where the row ends
    const file = await upload(Buffer.from(['Наименование;Цена', ...rows, '"Обрыв;1'].join('\n')), 'обрыв.csv');
    const failed = await till.fail('import.run', { id: uuidv7(), files: [file], mapping: { name: 0, price: 1 } });
    expect(failed).toMatchObject({ code: 'validation', details: { row: 6002 } });
    expect((await till.call('catalog.list', { query: 'номер' })).total).toBe(0);
  });

  it('a product the file names twice takes the later row: one price line, to the last price', async () => {
    await owner();
    const file = await upload(Buffer.from([
      'Наименование;Штрихкод;Цена;PLU',
      `Молоко 2,5% Простоквашино 0,9 л;${MILK};95,00;`,
      'Молоко 2,5% Простоквашино 0,9 л;;97,00;',
      // PLU 700 and 0700 are two codes
      'Сыр на развес;;900;700',
      'Колбаса на развес;;800;0700',
    ].join('\n')), 'прайс.csv');
    const report = await till.call('import.run', { id: uuidv7(), files: [file], mapping: { name: 0, barcodes: 1, price: 2, plu: 3 } });
    expect(report).toMatchObject({ applied: true, created: 2, updated: 2, refusedCount: 0 });
    const milk = (await till.call('catalog.lookup', { code: MILK })).product;
    expect(milk.price).toBe(9700);
    expect(await till.call('prices.history', { productId: milk.id })).toEqual([expect.objectContaining({ oldPrice: 8899, newPrice: 9700 })]);
  });

  it('a PLU or a barcode another product has refuses the row; one the product the row finds has does not', async () => {
    await owner();
    const second = withCheckDigit('460007000074');
    const file = await upload(Buffer.from([
      'Наименование;Штрихкод;Артикул;PLU;Ед. изм.;Цена',
      // found by its name, and the PLU is its own
      'Бананы;;;3;кг;135',
      // found by its article
      'Апельсины отборные;;W-004;4;кг;170',
      'Бананы спелые;;;3;кг;140',
      `Молоко новое;${MILK}, ${second};;;шт;90`,
    ].join('\n')), 'прайс.csv');
    const report = await till.call('import.run', { id: uuidv7(), files: [file], mapping: { name: 0, barcodes: 1, article: 2, plu: 3, unit: 4, price: 5 } });
    expect(report.refused.map((e) => [e.row, e.field, e.message, e.value])).toEqual([
      [4, 'plu', 'import.pluTwice', '3'],
      [4, 'plu', 'import.pluOtherProduct', '3'],
      [5, 'barcodes', 'import.barcodeOtherProduct', second],
    ]);
    const skipped = await till.call('import.run', { id: uuidv7(), files: [file], mapping: { name: 0, barcodes: 1, article: 2, plu: 3, unit: 4, price: 5 }, skipBad: true });
    expect(skipped).toMatchObject({ applied: true, created: 0, updated: 2 });
    expect((await till.call('catalog.list', { query: 'апельсины' })).rows.map((r) => r.name)).toEqual(['Апельсины отборные']);
  });

  it('a price list without units leaves a weighed product weighed; a new product from it is sold by the piece', async () => {
    await owner();
    const file = await upload(Buffer.from('Наименование;Цена\nБананы;135\nКокос;250\n'), 'цены.csv');
    expect(await till.call('import.run', { id: uuidv7(), files: [file], mapping: { name: 0, price: 1 } })).toMatchObject({ created: 1, updated: 1 });
    const [bananas] = (await till.call('catalog.list', { query: 'бананы' })).rows;
    const [coconut] = (await till.call('catalog.list', { query: 'кокос' })).rows;
    expect(bananas).toMatchObject({ unit: 'kg', price: 13_500 });
    expect(coconut).toMatchObject({ unit: 'pcs', price: 25_000 });
  });

  it('a stop while the file is written undoes all of it; a sale made meanwhile stays', async () => {
    till = await TestTill.selling();
    const cashier = till.token;
    const manager = await till.login(PIN.owner);
    const rows = Array.from({ length: 3000 }, (_, i) => `Товар номер ${i};${withCheckDigit(`29${String(i).padStart(10, '0')}`)};${100 + i},00;5`);
    const file = await upload(Buffer.from(['Наименование;Штрихкод;Цена;Остаток', ...rows].join('\n')), 'большой.csv');
    const id = uuidv7();
    const sale = uuidv7();
    const answers: Promise<unknown>[] = [];
    till.core.events.on((name, payload) => {
      if (name !== 'import.progress' || (payload as { phase: string }).phase !== 'apply' || answers.length > 0) return;
      // part of the file is written by now: stop it, and sell while it stops
      answers.push(till.call('import.cancel', { id }, manager));
      answers.push(till.call('sale.record', { id: sale, lines: [{ code: MILK }], payments: [{ kind: 'cash', amount: 10_000 }] }, cashier));
    });
    const report = await till.call('import.run', { id, files: [file], mapping: { name: 0, barcodes: 1, price: 2, qty: 3 } }, manager);
    await Promise.all(answers);
    expect(answers).toHaveLength(2);
    expect(report).toMatchObject({ applied: false, cancelled: true, created: 0 });
    expect(await till.fail('catalog.lookup', { code: withCheckDigit('290000000000') }, manager)).toMatchObject({ code: 'not_found' });
    expect((await till.call('catalog.list', { query: 'номер' }, manager)).total).toBe(0);
    expect((await till.call('stock.docs', { kind: 'stocktake' }, manager)).rows).toHaveLength(0);
    expect(await till.call('sale.get', { id: sale }, manager)).toMatchObject({ id: sale, total: 8899 });
  });

  it('stock for many products goes into documents of at most 10,000 lines, each in the journal, and the ledger verifies', async () => {
    await owner();
    const rows = Array.from({ length: 10_001 }, (_, i) => `Товар ${i};${withCheckDigit(`29${String(i).padStart(10, '0')}`)};${1 + (i % 50)}`);
    const file = await upload(Buffer.from(['Наименование;Штрихкод;Остаток', ...rows].join('\n')), 'остатки.csv');
    expect(await till.call('import.run', { id: uuidv7(), files: [file], mapping: { name: 0, barcodes: 1, qty: 2 } })).toMatchObject({ applied: true, created: 10_001 });
    const lines = (await till.call('stock.docs', { kind: 'stocktake' })).rows.map((d) => d.lines);
    expect(lines).toHaveLength(2);
    expect(Math.max(...lines)).toBeLessThanOrEqual(10_000);
    expect(lines[0]! + lines[1]!).toBe(10_001);
    const last = await till.call('catalog.get', { id: (await till.call('catalog.lookup', { code: withCheckDigit('290000010000') })).product.id });
    expect(last.stock).toBe(1000 * (1 + (10_000 % 50)));
    expect(verifyLedger(till.core.services.db, migrationsDir())).toMatchObject({ ok: true, problems: [] });
  });

  it('a row known only by its name updates the product on sale of that name, not an archived one', async () => {
    await owner();
    const first = await upload(Buffer.from('Наименование;Остаток\nСыр «Российский»;2\n'), 'первый.csv');
    await till.call('import.run', { id: uuidv7(), files: [first], mapping: { name: 0, qty: 1 } });
    const old = (await till.call('catalog.list', { query: 'российский' })).rows[0];
    if (!old) throw new Error('the first import made no product');
    // it has moved (stock came in), so removing it archives it
    expect(await till.call('catalog.remove', { id: old.id })).toEqual({ outcome: 'archived' });
    const live = uuidv7();
    await till.call('catalog.save', { id: live, name: 'Сыр «Российский»', unit: 'pcs', vat: '10', price: 50_000 });

    const prices = await upload(Buffer.from('Наименование;Цена\nСыр «Российский»;560\n'), 'цены.csv');
    expect(await till.call('import.run', { id: uuidv7(), files: [prices], mapping: { name: 0, price: 1 } })).toMatchObject({ created: 0, updated: 1 });
    expect(await till.call('catalog.get', { id: live })).toMatchObject({ price: 56_000, archived: false });
    expect(await till.call('catalog.get', { id: old.id })).toMatchObject({ price: 0, archived: true });
  });

  it('takes 1C CommerceML (import.xml + offers.xml): groups, products, barcodes, prices and stock, once the VAT rate is known', async () => {
    await owner();
    const text = readFileSync(EXCERPT, 'utf8');
    const at = text.indexOf('<!-- ===== offers0_1.xml');
    const importXml = await upload(Buffer.from(text.slice(0, at)), 'import.xml');
    const offersXml = await upload(Buffer.from(text.slice(at)), 'offers.xml');
    expect((await till.call('import.preview', { files: [importXml, offersXml] })).format).toBe('commerceml');
    // the file is from before 2026: VAT 20 %, which the shop's table does not have
    const refused = await till.call('import.run', { id: uuidv7(), files: [importXml, offersXml] });
    expect(refused.refused).toEqual([expect.objectContaining({ field: 'vat', message: 'import.vatNotInShop', value: '20' })]);
    await till.call('vat.save', { code: '20', percent: 20, label: 'НДС 20%', tag1199: 1 });
    const report = await till.call('import.run', { id: uuidv7(), files: [importXml, offersXml] });
    expect(report).toMatchObject({ applied: true, created: 1, groups: 1 });
    const found = await till.call('catalog.lookup', { code: '8809288404089' });
    const card = await till.call('catalog.get', { id: found.product.id });
    expect(card).toMatchObject({ article: 'PM-421-WP', price: 10_000, stock: 377_000, vat: '20', groupPath: ['Коврики для дома'] });
  });

  it('a catalogue export reads back: CSV and XLSX, with every product and its price', async () => {
    await owner();
    for (const format of ['csv', 'xlsx'] as const) {
      const exported = await till.call('export.run', { format, source: { what: 'catalog' } });
      expect(exported.rows).toBe(550);
      const bytes = await download(exported.file.id);
      const path = till.core.services.files.path(exported.file.id);
      expect(bytes.length).toBe(exported.file.size);
      const rows: string[][] = [];
      for await (const r of format === 'csv' ? readCsv(path) : readXlsx(path)) rows.push(r.cells);
      expect(rows[0]?.slice(0, 3)).toEqual(['Наименование', 'Штрихкод', 'Артикул']);
      const milk = rows.find((r) => r[1] === MILK);
      expect(milk?.[0]).toBe('Молоко 2,5% Простоквашино 0,9 л');
      expect(milk?.[6]).toBe('88,99');
    }
  });

  it('exports stock and a report with totals', async () => {
    await owner();
    const file = await upload(Buffer.from(`Наименование;Штрихкод;Остаток\nМолоко;${MILK};5\n`), 'остатки.csv');
    await till.call('import.run', { id: uuidv7(), files: [file], mapping: { name: 0, barcodes: 1, qty: 2 } });
    const stock = await till.call('export.run', { format: 'csv', source: { what: 'stock' } });
    expect(stock.rows).toBe(1);
    const text = (await download(stock.file.id)).toString('utf8');
    // the file's name for the product wins; 5 on hand at 88.99 is 444.95 at retail
    expect(text).toContain(`Молоко;${MILK};шт;5;0,00;0,00;88,99;444,95`);
    const report = await till.call('export.run', { format: 'xlsx', source: { what: 'report.sales', from: '2026-11-01', to: '2026-11-30', by: 'day' } });
    // no sales yet: the totals row alone
    expect(report.rows).toBe(1);
  });
});
