import { afterEach, describe, expect, it } from 'vitest';
import { TestTill, MILK, PIN } from '../testing/harness.js';
import { uuidv7 } from '../../shared/ids.js';
import { makeWeightBarcode } from '../../shared/barcode/weight.js';
import { searchKey } from '../../shared/text.js';

const MILK_BIG = '4600070000748';
const APPLES = makeWeightBarcode('21', '1', 1250);

let till: TestTill;
afterEach(() => till?.close());

const header = (supplierId: string | null, more: Record<string, unknown> = {}) =>
  ({ supplierId, extNumber: 'ТН-101', extDate: '2026-11-20', counterpart: null, reason: null, note: null, ...more });

async function owner(): Promise<{ milk: string; supplier: string }> {
  till = await TestTill.demo();
  await till.login(PIN.owner);
  const milk = (await till.call('catalog.lookup', { code: MILK })).product.id;
  const supplier = (await till.call('suppliers.save', { id: uuidv7(), name: 'ООО «Молочный край»', inn: '7701234567' })).id;
  return { milk, supplier };
}

async function intake(supplier: string, lines: { code: string; qty?: number; cost?: number }[]) {
  const draft = await till.call('draft.create', { id: uuidv7(), kind: 'intake', header: header(supplier) });
  for (const l of lines) {
    const d = await till.call('draft.scan', { id: draft.id, code: l.code, ...(l.qty ? { qty: l.qty } : {}) });
    const line = d.lines.find((x) => x.barcode === l.code);
    if (l.cost !== undefined && line) await till.call('draft.setLine', { draftId: draft.id, lineId: line.lineId, cost: l.cost });
  }
  return till.call('draft.post', { id: draft.id });
}

const stock = async (id: string) => (await till.call('catalog.get', { id })).stock;

describe('supplier intake', () => {
  it('raises stock, takes up the purchase price and proposes retail prices by the group markup', async () => {
    const { milk, supplier } = await owner();
    const posted = await intake(supplier, [{ code: MILK, qty: 12_000, cost: 6500 }]);
    expect(posted.doc).toMatchObject({ kind: 'intake', number: 1, supplier: 'ООО «Молочный край»', extNumber: 'ТН-101', costTotal: 78_000 });
    expect(posted.doc.items).toEqual([expect.objectContaining({ productId: milk, qty: 12_000, cost: 6500, price: 8899 })]);
    expect(await stock(milk)).toBe(12_000);
    const card = await till.call('catalog.get', { id: milk });
    expect(card.cost).toBe(6500);
    // dairy has a 30 % markup: 65.00 × 1.3 = 84.50 → 85 roubles on the shelf
    expect(posted.proposals).toEqual([{ productId: milk, name: card.name, cost: 6500, oldPrice: 8899, proposedPrice: 8500 }]);
    expect(card.suggestedPrice).toBe(8500);
    const moves = await till.call('stock.movements', { productId: milk });
    expect(moves).toEqual([expect.objectContaining({ docType: 'intake', docNumber: 1, qty: 12_000, balance: 12_000 })]);
  });

  it('scanning the same goods again adds to the line; a weight label brings its weight; an unknown code says so', async () => {
    const { supplier } = await owner();
    const draft = await till.call('draft.create', { id: uuidv7(), kind: 'intake', header: header(supplier) });
    await till.call('draft.scan', { id: draft.id, code: MILK });
    const twice = await till.call('draft.scan', { id: draft.id, code: MILK });
    expect(twice.lines).toHaveLength(1);
    expect(twice.lines[0]?.qty).toBe(2000);
    const weighed = await till.call('draft.scan', { id: draft.id, code: APPLES });
    expect(weighed.lines[1]).toMatchObject({ unit: 'kg', qty: 1250 });
    expect(await till.fail('draft.scan', { id: draft.id, code: '4600000000022' })).toMatchObject({ code: 'not_found', message: 'errors.unknownBarcode' });
    expect(await till.fail('draft.addLine', { id: draft.id, productId: weighed.lines[1]?.productId ?? '' })).toMatchObject({ message: 'errors.weightNeeded' });
  });

  it('refuses to post without a supplier or lines, and a posted document is not there to post twice', async () => {
    await owner();
    const draft = await till.call('draft.create', { id: uuidv7(), kind: 'intake' });
    expect(await till.fail('draft.post', { id: draft.id })).toMatchObject({ message: 'errors.emptyDocument' });
    await till.call('draft.scan', { id: draft.id, code: MILK });
    expect(await till.fail('draft.post', { id: draft.id })).toMatchObject({ message: 'errors.supplierNeeded' });
    const supplier = (await till.call('suppliers.save', { id: uuidv7(), name: 'ИП Петров' })).id;
    await till.call('draft.setHeader', { id: draft.id, header: header(supplier) });
    await till.call('draft.post', { id: draft.id });
    expect(await till.fail('draft.post', { id: draft.id })).toMatchObject({ message: 'errors.noSuchDraft' });
    expect((await till.call('stock.docs', {})).total).toBe(1);
  });

  it('a posted intake is corrected by a new document that moves only the difference', async () => {
    const { milk, supplier } = await owner();
    const posted = await intake(supplier, [{ code: MILK, qty: 10_000, cost: 6000 }, { code: MILK_BIG, qty: 5000 }]);
    const milkBig = posted.doc.items[1]?.productId ?? '';
    const fix = await till.call('stock.correct', { id: uuidv7(), docId: posted.doc.id });
    expect(fix.refDocId).toBe(posted.doc.id);
    expect(fix.header.supplierId).toBe(supplier);
    expect(fix.lines.map((l) => l.qty)).toEqual([10_000, 5000]);
    // the invoice said 8 of milk, not 10, and the milkBig was not delivered at all
    await till.call('draft.setLine', { draftId: fix.id, lineId: fix.lines[0]?.lineId ?? '', qty: 8000 });
    await till.call('draft.removeLine', { draftId: fix.id, lineId: fix.lines[1]?.lineId ?? '' });
    const correction = await till.call('draft.post', { id: fix.id });
    expect(correction.doc).toMatchObject({ kind: 'intake', number: 2, refDocId: posted.doc.id });
    expect(correction.doc.items.map((l) => [l.productId, l.qty])).toEqual([[milk, -2000], [milkBig, -5000]]);
    expect(await stock(milk)).toBe(8000);
    expect(await stock(milkBig)).toBe(0);
    expect((await till.call('stock.doc', { id: posted.doc.id })).corrections).toEqual([expect.objectContaining({ id: fix.id })]);
    // a second correction starts from the corrected state
    const again = await till.call('stock.correct', { id: uuidv7(), docId: correction.doc.id });
    expect(again.refDocId).toBe(posted.doc.id);
    expect(again.lines.map((l) => [l.productId, l.qty])).toEqual([[milk, 8000]]);
    expect(await till.fail('draft.post', { id: again.id })).toMatchObject({ message: 'errors.nothingToCorrect' });
  });
});

describe('write-offs, transfers and supplier returns', () => {
  it('take goods out with the reason or the other store, and need a manager (or a PIN) to post', async () => {
    const { milk, supplier } = await owner();
    await intake(supplier, [{ code: MILK, qty: 10_000 }]);
    const senior = await till.login(PIN.senior);
    const wo = await till.call('draft.create', { id: uuidv7(), kind: 'writeoff' }, senior);
    await till.call('draft.scan', { id: wo.id, code: MILK, qty: 2000 }, senior);
    expect(await till.fail('draft.post', { id: wo.id }, senior)).toMatchObject({ code: 'forbidden' });
    expect(await till.fail('draft.post', { id: wo.id, override: { pin: PIN.manager } }, senior)).toMatchObject({ message: 'errors.reasonNeeded' });
    await till.call('draft.setHeader', { id: wo.id, header: header(null, { reason: 'expiry' }) }, senior);
    const posted = await till.call('draft.post', { id: wo.id, override: { pin: PIN.manager } }, senior);
    expect(posted.doc).toMatchObject({ kind: 'writeoff', reason: 'expiry', approvedBy: { name: 'Игорь Петров' } });
    expect(await stock(milk)).toBe(8000);

    await till.login(PIN.owner);
    const out = await till.call('draft.create', { id: uuidv7(), kind: 'transfer_out', header: header(null, { counterpart: 'Лавка на Садовой' }) });
    await till.call('draft.scan', { id: out.id, code: MILK, qty: 3000 });
    await till.call('draft.post', { id: out.id });
    const back = await till.call('draft.create', { id: uuidv7(), kind: 'supplier_return', header: header(supplier) });
    await till.call('draft.scan', { id: back.id, code: MILK });
    await till.call('draft.post', { id: back.id });
    expect(await stock(milk)).toBe(4000);
    const kinds = (await till.call('stock.movements', { productId: milk })).map((m) => [m.docType, m.qty, m.balance]);
    expect(kinds).toEqual([['supplier_return', -1000, 4000], ['transfer_out', -3000, 5000], ['writeoff', -2000, 8000], ['intake', 10_000, 10_000]]);
  });
});

describe('sales move stock too', () => {
  it('a sale takes goods out and a return brings them back, in the same movement ledger', async () => {
    const { milk, supplier } = await owner();
    await intake(supplier, [{ code: MILK, qty: 5000 }]);
    await till.openShift();
    const sale = await till.call('sale.record', { id: uuidv7(), lines: [{ code: MILK, qty: 2000 }], payments: [{ kind: 'cash', amount: 20_000 }] });
    await till.call('return.create', { id: uuidv7(), saleId: sale.id, lines: [{ lineNo: 1, qty: 1000 }] });
    expect(await stock(milk)).toBe(4000);
    const moves = await till.call('stock.movements', { productId: milk });
    expect(moves.map((m) => [m.docType, m.docNumber, m.qty])).toEqual([['return', 2, 1000], ['sale', 1, -2000], ['intake', 1, 5000]]);
  });
});

describe('stocktake', () => {
  it('counts by scanning from several people, keeps the shop selling, and posts the differences', async () => {
    const { milk, supplier } = await owner();
    await intake(supplier, [{ code: MILK, qty: 10_000, cost: 6000 }, { code: MILK_BIG, qty: 4000, cost: 5000 }]);
    const milkBig = (await till.call('catalog.lookup', { code: MILK_BIG })).product.id;
    await till.openShift();
    const st = await till.call('stocktake.start', { id: uuidv7() });
    expect(await till.fail('stocktake.start', { id: uuidv7() })).toMatchObject({ message: 'errors.stocktakeOpen' });

    // two counters: the cashier on the shop floor, the senior in the back room
    const cashier = await till.login(PIN.cashier);
    const senior = await till.login(PIN.senior);
    till.now = new Date('2026-11-23T10:00:00Z');
    for (let i = 0; i < 6; i++) await till.call('stocktake.count', { id: uuidv7(), stocktakeId: st.id, code: MILK }, cashier);
    const counted = await till.call('stocktake.count', { id: uuidv7(), stocktakeId: st.id, code: MILK, qty: 3000 }, senior);
    expect(counted.counted).toBe(9000);
    // a mistaken scan is taken back with a negative count
    await till.call('stocktake.count', { id: uuidv7(), stocktakeId: st.id, code: MILK }, cashier);
    await till.call('stocktake.count', { id: uuidv7(), stocktakeId: st.id, code: MILK, qty: -1000 }, cashier);
    // retrying the same count (same id) counts once
    const once = uuidv7();
    await till.call('stocktake.count', { id: once, stocktakeId: st.id, code: MILK_BIG }, cashier);
    await till.call('stocktake.count', { id: once, stocktakeId: st.id, code: MILK_BIG }, cashier);

    // after milk was counted, the till sells two more: that is not a shortage
    till.now = new Date('2026-11-23T10:30:00Z');
    await till.call('sale.record', { id: uuidv7(), lines: [{ code: MILK, qty: 2000 }], payments: [{ kind: 'card', amount: 17_798 }] }, cashier);

    const sheet = await till.call('stocktake.sheet', { stocktakeId: st.id });
    const row = (id: string) => sheet.rows.find((r) => r.productId === id);
    expect(row(milk)).toMatchObject({ book: 10_000, counted: 9000, diff: -1000, diffCost: -6000 });
    expect(row(milkBig)).toMatchObject({ book: 4000, counted: 1000, diff: -3000, diffCost: -15_000 });
    expect(sheet.shortageCost).toBe(-21_000);
    expect(sheet.surplusCost).toBe(0);
    expect((await till.call('stocktake.sheet', { stocktakeId: st.id, onlyDiff: true })).total).toBe(2);

    expect(await till.fail('stocktake.post', { stocktakeId: st.id }, senior)).toMatchObject({ code: 'forbidden' });
    till.now = new Date('2026-11-23T11:00:00Z');
    const doc = await till.call('stocktake.post', { stocktakeId: st.id, override: { pin: PIN.owner } }, senior);
    expect(doc).toMatchObject({ kind: 'stocktake', costTotal: -21_000 });
    // the shelf had 9 at the count and 2 were sold since: 7 now
    expect(await stock(milk)).toBe(7000);
    expect(await stock(milkBig)).toBe(1000);
    expect(await till.fail('stocktake.count', { id: uuidv7(), stocktakeId: st.id, code: MILK }, cashier)).toMatchObject({ message: 'errors.stocktakeClosed' });
    await till.login(PIN.manager);
    expect(await till.fail('stock.correct', { id: uuidv7(), docId: doc.id })).toMatchObject({ message: 'errors.stocktakeNotCorrected' });
  });

  it('of one group refuses goods from another, and a cancelled one changes nothing', async () => {
    const { milk } = await owner();
    const groups = await till.call('groups.list', {});
    const produce = groups.find((g) => g.name === 'Овощи и фрукты')?.id ?? '';
    const st = await till.call('stocktake.start', { id: uuidv7(), groupId: produce });
    expect(await till.fail('stocktake.count', { id: uuidv7(), stocktakeId: st.id, code: MILK })).toMatchObject({ message: 'errors.notInStocktake' });
    const apples = await till.call('stocktake.count', { id: uuidv7(), stocktakeId: st.id, code: APPLES });
    expect(apples).toMatchObject({ unit: 'kg', counted: 1250 });
    expect(await till.fail('stocktake.count', { id: uuidv7(), stocktakeId: st.id, code: '1' })).toMatchObject({ message: 'errors.weightNeeded' });
    await till.call('stocktake.cancel', { stocktakeId: st.id });
    expect(await stock(apples.productId)).toBe(0);
    expect(await stock(milk)).toBe(0);
    expect((await till.call('stocktake.list', {}))[0]?.status).toBe('cancelled');
  });
});

describe('the catalogue', () => {
  it('creates and changes products; a barcode or PLU belongs to one product; a price change is a document', async () => {
    const { milk } = await owner();
    const id = uuidv7();
    const created = await till.call('catalog.save', { id, name: 'Чай Брусника 25 пак.', unit: 'pcs', vat: '22', barcodes: ['4600000000015'], price: 12_900, cost: 8000 });
    expect(created).toMatchObject({ name: 'Чай Брусника 25 пак.', barcodes: ['4600000000015'], price: 12_900, cost: 8000, stock: 0, hasMovements: false });
    expect((await till.call('catalog.lookup', { code: '4600000000015' })).product.price).toBe(12_900);
    expect(await till.fail('catalog.save', { id: uuidv7(), name: 'Другой', unit: 'pcs', vat: '22', barcodes: [MILK] }))
      .toMatchObject({ code: 'conflict', message: 'errors.barcodeTaken', details: { productId: milk } });
    expect(await till.fail('catalog.save', { id: uuidv7(), name: 'Другой', unit: 'kg', vat: '22', plu: '1' })).toMatchObject({ message: 'errors.pluTaken' });
    expect(await till.fail('catalog.save', { id: uuidv7(), name: 'Другой', unit: 'pcs', vat: '22', barcodes: ['4600000000016'] })).toMatchObject({ message: 'errors.badBarcode' });
    expect(await till.fail('catalog.save', { id: uuidv7(), name: 'Другой', unit: 'pcs', vat: '18' })).toMatchObject({ message: 'errors.unknownVat' });

    const changed = await till.call('catalog.save', { id, name: 'Чай Брусника 25 пак.', unit: 'pcs', vat: '22', barcodes: ['4600000000022'], price: 13_900 });
    expect(changed.barcodes).toEqual(['4600000000022']);
    expect(await till.fail('catalog.lookup', { code: '4600000000015' })).toMatchObject({ message: 'errors.unknownBarcode' });
    expect((await till.call('catalog.lookup', { code: '4600000000022' })).product.price).toBe(13_900);
    expect(await till.call('prices.history', { productId: id })).toEqual([expect.objectContaining({ oldPrice: 12_900, newPrice: 13_900, applied: true })]);
  });

  it('deletes a product that never moved and archives one that did; the archive hides it from the till', async () => {
    const { milk } = await owner();
    const id = uuidv7();
    await till.call('catalog.save', { id, name: 'Пробник', unit: 'pcs', vat: '22' });
    expect(await till.call('catalog.remove', { id })).toEqual({ outcome: 'deleted' });
    expect(await till.fail('catalog.get', { id })).toMatchObject({ code: 'not_found' });
    await till.call('prices.change', { id: uuidv7(), lines: [{ productId: milk, price: 9100 }] });
    expect(await till.call('catalog.remove', { id: milk })).toEqual({ outcome: 'archived' });
    expect(await till.fail('catalog.lookup', { code: MILK })).toMatchObject({ message: 'errors.unknownBarcode' });
    expect((await till.call('catalog.list', { query: MILK })).total).toBe(0);
    expect((await till.call('catalog.list', { query: MILK, archived: true })).rows[0]?.id).toBe(milk);
    await till.call('catalog.restore', { id: milk });
    expect((await till.call('catalog.lookup', { code: MILK })).product.price).toBe(9100);
  });

  it('lists pages sorted and filtered in SQL: by name, group, search and stock below the minimum', async () => {
    const { milk, supplier } = await owner();
    const all = await till.call('catalog.list', { limit: 500 });
    expect(all.total).toBe(550);
    const names = all.rows.map((r) => r.name);
    const keys = names.map(searchKey);
    expect(keys).toEqual([...keys].sort());
    const page2 = await till.call('catalog.list', { offset: 500, limit: 100 });
    expect(page2.rows).toHaveLength(50);
    const byPrice = await till.call('catalog.list', { sort: 'price', desc: true, limit: 3 });
    expect(byPrice.rows[0]?.price).toBeGreaterThanOrEqual(byPrice.rows[1]?.price ?? 0);
    const ёsearch = await till.call('catalog.list', { query: 'свекла' });
    expect(ёsearch.rows.map((r) => r.name)).toContain('Свёкла');
    const produce = (await till.call('groups.list', {})).find((g) => g.name === 'Овощи и фрукты');
    expect((await till.call('catalog.list', { groupId: produce?.id ?? '' })).total).toBe(produce?.products);

    const card = await till.call('catalog.get', { id: milk });
    await till.call('catalog.save', {
      id: milk, name: card.name, groupId: card.groupId, unit: card.unit, vat: card.vat, barcodes: card.barcodes, minStock: 5000, maxStock: 20_000,
    });
    await intake(supplier, [{ code: MILK, qty: 3000 }]);
    expect((await till.call('catalog.list', { belowMin: true })).rows.map((r) => [r.id, r.stock])).toEqual([[milk, 3000]]);
  });

  it('pages on from where the last page ended: the same rows as by offset, in every keyed sort and direction', async () => {
    await owner();
    for (const [sort, desc] of [['name', false], ['name', true], ['price', false], ['price', true], ['updated', true]] as const) {
      const whole = (await till.call('catalog.list', { sort, desc, limit: 500 })).rows.concat((await till.call('catalog.list', { sort, desc, offset: 500, limit: 500 })).rows);
      const paged: string[] = [];
      let after: Parameters<typeof till.call<'catalog.list'>>[1]['after'];
      for (;;) {
        const page = await till.call('catalog.list', { sort, desc, limit: 70, ...(after ? { after } : {}) });
        paged.push(...page.rows.map((r) => r.id));
        if (!page.next) break;
        after = page.next;
      }
      expect(paged, `${sort} ${desc ? 'desc' : 'asc'}`).toEqual(whole.map((r) => r.id));
    }
    // a sort by stock is summed per product: it pages by offset and gives no cursor
    expect((await till.call('catalog.list', { sort: 'stock', limit: 10 })).next).toBeNull();
  });

  it('keeps the group tree free of cycles and the VAT table editable by the owner', async () => {
    await owner();
    const top = await till.call('groups.save', { id: uuidv7(), name: 'Чай и кофе', markup: 4500 });
    const sub = await till.call('groups.save', { id: uuidv7(), name: 'Чай', parentId: top.id });
    expect(await till.fail('groups.save', { id: top.id, name: 'Чай и кофе', parentId: sub.id })).toMatchObject({ message: 'errors.groupCycle' });
    const rates = await till.call('vat.save', { code: '5', percent: 5, label: 'НДС 5%', tag1199: 7 });
    expect(rates.map((r) => r.code)).toEqual(['22', '10', '5', '0', 'none']);
    const manager = await till.login(PIN.manager);
    expect(await till.fail('vat.save', { code: '7', percent: 7, label: 'НДС 7%', tag1199: 8 }, manager)).toMatchObject({ code: 'forbidden' });
  });
});

describe('prices', () => {
  it('a price dated ahead takes effect at its time, and the till sells at the price in force', async () => {
    const { milk } = await owner();
    const doc = await till.call('prices.change', { id: uuidv7(), effectiveAt: '2026-11-24T00:00:00+03:00', lines: [{ productId: milk, price: 9500 }], note: 'с понедельника' });
    expect(doc).toMatchObject({ applied: false, effectiveAt: '2026-11-23T21:00:00.000Z', lines: [{ productId: milk, oldPrice: 8899, newPrice: 9500 }] });
    expect((await till.call('catalog.lookup', { code: MILK })).product.price).toBe(8899);
    till.now = new Date('2026-11-23T21:00:01Z');
    till.core.services.tx(() => till.core.services.prices.applyDue());
    expect((await till.call('catalog.lookup', { code: MILK })).product.price).toBe(9500);
    expect((await till.call('prices.docs', {}))[0]).toMatchObject({ id: doc.id, applied: true, note: 'с понедельника' });
  });
});
