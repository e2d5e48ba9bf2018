import { afterEach, describe, expect, it } from 'vitest';
import { TestTill, MILK, PIN } from '../testing/harness.js';
import { countTags, packOf, tagPages } from './select.js';
import { uuidv7 } from '../../shared/ids.js';
import { mustRunPdfTools, readPdf } from './test-support.js';

let till: TestTill;
afterEach(() => till?.close());

describe('the pack size in a name', () => {
  it('gives the price per kilogram or litre its basis', () => {
    expect(packOf('Молоко 2,5% Простоквашино 0,9 л')).toEqual({ per: 'l', net: 900 });
    expect(packOf('Сыр Российский 200 г')).toEqual({ per: 'kg', net: 200 });
    expect(packOf('Вода 500мл')).toEqual({ per: 'l', net: 500 });
    expect(packOf('Гречка 1 кг')).toEqual({ per: 'kg', net: 1000 });
    expect(packOf('Яйцо С1 10 шт')).toBeNull();
    expect(packOf('Кетчуп Heinz')).toBeNull();
  });
});

describe('price tags', () => {
  it.skipIf(!mustRunPdfTools)('for the goods of an intake come out as a PDF whose barcodes scan back to the products', async () => {
    till = await TestTill.demo();
    await till.login(PIN.owner);
    const supplier = await till.call('suppliers.save', { id: uuidv7(), name: 'ООО Опт' });
    const draft = await till.call('draft.create', { id: uuidv7(), kind: 'intake', header: { supplierId: supplier.id, extNumber: '1', extDate: null, counterpart: null, reason: null, note: null } });
    await till.call('draft.scan', { id: draft.id, code: MILK });
    await till.call('draft.scan', { id: draft.id, code: '4600070000748' });
    const posted = await till.call('draft.post', { id: draft.id });
    const printed = await till.call('tags.print', { selection: { by: 'doc', docId: posted.doc.id }, templateId: 'a4-3x8' });
    expect(printed.count).toBe(2);
    const file = printed.file;
    if (!file) throw new Error('no file');
    // read it back the way the browser does, chunk by chunk
    const chunks: Buffer[] = [];
    for (let offset = 0; ;) {
      const part = await till.call('files.read', { id: file.id, offset });
      chunks.push(Buffer.from(part.data, 'base64'));
      offset += chunks.at(-1)?.length ?? 0;
      if (part.done) break;
    }
    const pdf = Buffer.concat(chunks);
    expect(pdf.length).toBe(file.size);
    const { text, barcodes } = readPdf(pdf);
    expect(barcodes).toEqual([[MILK, '4600070000748'].sort()]);
    expect(text).toContain('Лавка «У дома»');
    // 88.99 for 0.9 l
    expect(text).toContain('Цена за 1 л: 98,88 ₽');
  });

  it('by group or by change date pick what they say; nothing picked makes no file', async () => {
    till = await TestTill.demo();
    await till.login(PIN.owner);
    const groups = await till.call('groups.list', {});
    const produce = groups.find((g) => g.name === 'Овощи и фрукты');
    const byGroup = await till.call('tags.print', { selection: { by: 'group', groupId: produce?.id ?? '' }, templateId: 'a4-2x5' });
    expect(byGroup.count).toBe(produce?.products);
    const milk = (await till.call('catalog.lookup', { code: MILK })).product.id;
    till.now = new Date('2026-11-23T12:00:00Z');
    await till.call('prices.change', { id: uuidv7(), lines: [{ productId: milk, price: 9100 }] });
    const changed = await till.call('tags.print', { selection: { by: 'changedSince', since: '2026-11-23T11:00:00Z' }, templateId: 'label-58x40' });
    expect(changed.count).toBe(1);
    const none = await till.call('tags.print', { selection: { by: 'changedSince', since: '2026-11-24T00:00:00Z' }, templateId: 'label-58x40' });
    expect(none).toEqual({ count: 0, file: null });
  });

  it('are read page by page in shelf order, none lost or read twice where names repeat', async () => {
    till = await TestTill.demo();
    await till.login(PIN.owner);
    const group = await till.call('groups.save', { id: uuidv7(), name: 'Полка' });
    const save = (name: string, article: string) => till.call('catalog.save', { id: uuidv7(), name, article, groupId: group.id, unit: 'pcs', vat: '22', price: 1000 });
    for (const n of [3, 1, 5, 2, 4]) await save('Ёж шоколадный 50 г', `A${n}`);
    await save('Арахис солёный', 'B');
    const selection = { by: 'group' as const, groupId: group.id };
    const reads = till.core.services.reads;
    const read = async (size: number) => {
      const pages: (string | undefined)[][] = [];
      for await (const page of tagPages(reads, selection, 'Лавка', '2026-11-23', size)) pages.push(page.map((t) => t.article));
      return pages;
    };
    const paged = await read(2);
    expect(paged.map((p) => p.length)).toEqual([2, 2, 2]);
    // "Ёж" is searched (and shelved) as "еж": after "Арахис"; the same names in the order they were made
    expect(paged.flat()).toEqual(['B', 'A3', 'A1', 'A5', 'A2', 'A4']);
    expect(await read(500)).toEqual([paged.flat()]);
    expect(await countTags(reads, selection)).toBe(6);
  });
});
