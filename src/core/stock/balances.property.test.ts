import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TestTill, PIN } from '../testing/harness.js';
import { migrationsDir } from '../app.js';
import { verifyLedger } from '../verify.js';
import { demoCatalog } from '../setup/demo-catalog.js';
import { uuidv7 } from '../../shared/ids.js';

/**
 * Model-based property test of the stock ledger: any sequence of documents (intakes, write-offs,
 * transfers, supplier returns, corrections of earlier documents, sales, returns, stocktakes with
 * selling during the count) leaves every product's balance equal to what the model expects, the
 * card, the list and the movement history agreeing with each other, and `verify` clean.
 */

const GOODS = demoCatalog().filter((p) => p.unit === 'pcs').slice(0, 5).map((p) => ({ id: p.id, code: p.barcodes[0] ?? '' }));

type Line = { pick: number; qty: number };
type Action =
  | { t: 'doc'; kind: 'intake' | 'writeoff' | 'transfer_in' | 'transfer_out' | 'supplier_return'; lines: Line[] }
  | { t: 'correct'; doc: number; lines: Line[] }
  | { t: 'sale'; lines: Line[] }
  | { t: 'return'; sale: number }
  | { t: 'stocktake'; counts: Line[]; sellDuring: Line | null };

const line = fc.record({ pick: fc.nat(GOODS.length - 1), qty: fc.integer({ min: 1, max: 9 }) });
const lines = fc.uniqueArray(line, { minLength: 1, maxLength: 3, selector: (l) => l.pick });
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ t: fc.constant('doc' as const), kind: fc.constantFrom('intake', 'writeoff', 'transfer_in', 'transfer_out', 'supplier_return'), lines }),
  fc.record({ t: fc.constant('correct' as const), doc: fc.nat(20), lines }),
  fc.record({ t: fc.constant('sale' as const), lines }),
  fc.record({ t: fc.constant('return' as const), sale: fc.nat(20) }),
  fc.record({ t: fc.constant('stocktake' as const), counts: fc.uniqueArray(fc.record({ pick: fc.nat(GOODS.length - 1), qty: fc.integer({ min: 0, max: 9 }) }), { maxLength: 5, selector: (l) => l.pick }), sellDuring: fc.option(line, { nil: null }) }),
);

let till: TestTill;
let supplier = '';
/** the model: product id → thousandths in stock */
const model = new Map<string, number>();
const docs: { id: string; kind: string; sign: number; lines: Map<string, number> }[] = [];
const sales: { id: string; lines: Line[] }[] = [];
const add = (id: string, qty: number) => model.set(id, (model.get(id) ?? 0) + qty);
const header = () => ({ supplierId: supplier, extNumber: '1', extDate: null, counterpart: 'Лавка №2', reason: 'damage' as const, note: null });
const tick = () => { till.now = new Date(till.now.getTime() + 1000); };

async function run(a: Action): Promise<void> {
  tick();
  switch (a.t) {
    case 'doc': {
      const id = uuidv7();
      await till.call('draft.create', { id, kind: a.kind, header: header() });
      for (const l of a.lines) await till.call('draft.scan', { id, code: GOODS[l.pick]?.code ?? '', qty: l.qty * 1000 });
      await till.call('draft.post', { id });
      const sign = a.kind === 'intake' || a.kind === 'transfer_in' ? 1 : -1;
      for (const l of a.lines) add(GOODS[l.pick]?.id ?? '', sign * l.qty * 1000);
      docs.push({ id, kind: a.kind, sign, lines: new Map(a.lines.map((l) => [GOODS[l.pick]?.id ?? '', l.qty * 1000])) });
      return;
    }
    case 'correct': {
      const doc = docs[a.doc % Math.max(docs.length, 1)];
      if (!doc) return;
      const draft = await till.call('stock.correct', { id: uuidv7(), docId: doc.id });
      for (const l of draft.lines) await till.call('draft.removeLine', { draftId: draft.id, lineId: l.lineId });
      for (const l of a.lines) await till.call('draft.scan', { id: draft.id, code: GOODS[l.pick]?.code ?? '', qty: l.qty * 1000 });
      const wanted = new Map(a.lines.map((l) => [GOODS[l.pick]?.id ?? '', l.qty * 1000]));
      const changes = [...new Set([...wanted.keys(), ...doc.lines.keys()])].some((id) => (wanted.get(id) ?? 0) !== (doc.lines.get(id) ?? 0));
      const r = await till.send('draft.post', { id: draft.id });
      expect(r.ok, JSON.stringify(r)).toBe(changes);
      if (!r.ok) {
        await till.call('draft.discard', { id: draft.id });
        return;
      }
      for (const id of new Set([...wanted.keys(), ...doc.lines.keys()])) add(id, doc.sign * ((wanted.get(id) ?? 0) - (doc.lines.get(id) ?? 0)));
      doc.lines = wanted;
      return;
    }
    case 'sale': {
      const id = uuidv7();
      await till.call('sale.record', { id, lines: a.lines.map((l) => ({ code: GOODS[l.pick]?.code ?? '', qty: l.qty * 1000 })), payments: [{ kind: 'cash', amount: 10_000_000 }] });
      for (const l of a.lines) add(GOODS[l.pick]?.id ?? '', -l.qty * 1000);
      sales.push({ id, lines: a.lines });
      return;
    }
    case 'return': {
      const sale = sales.splice(a.sale % Math.max(sales.length, 1), 1)[0];
      if (!sale) return;
      await till.call('return.create', { id: uuidv7(), saleId: sale.id, lines: sale.lines.map((l, i) => ({ lineNo: i + 1, qty: l.qty * 1000 })) });
      for (const l of sale.lines) add(GOODS[l.pick]?.id ?? '', l.qty * 1000);
      return;
    }
    case 'stocktake': {
      const id = uuidv7();
      await till.call('stocktake.start', { id });
      const counted = new Map<string, number>();
      for (const c of a.counts) {
        const product = GOODS[c.pick]?.id ?? '';
        // nothing found is no count at all: the product is simply not on the count sheet
        if (c.qty === 0) continue;
        await till.call('stocktake.count', { id: uuidv7(), stocktakeId: id, productId: product, qty: c.qty * 1000 });
        counted.set(product, c.qty * 1000);
      }
      tick();
      if (a.sellDuring) await run({ t: 'sale', lines: [a.sellDuring] });
      await till.call('stocktake.post', { stocktakeId: id });
      // a counted product is what was counted less what was sold after its count; one not counted had none
      for (const g of GOODS) {
        const soldAfter = a.sellDuring && GOODS[a.sellDuring.pick]?.id === g.id ? a.sellDuring.qty * 1000 : 0;
        model.set(g.id, counted.has(g.id) ? (counted.get(g.id) ?? 0) - soldAfter : 0);
      }
      return;
    }
  }
}

/** A fresh shop for each run, so a failure shrinks to the documents that caused it. */
async function freshShop(): Promise<void> {
  till?.close();
  till = await TestTill.demo();
  await till.login(PIN.owner);
  await till.openShift();
  supplier = (await till.call('suppliers.save', { id: uuidv7(), name: 'ООО Опт' })).id;
  model.clear();
  docs.length = 0;
  sales.length = 0;
}
afterAll(() => till?.close());

describe('the stock ledger', () => {
  it('keeps every balance equal to the model, in the card, the list and the movement history', async () => {
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 10 }), async (actions) => {
      await freshShop();
      for (const a of actions) await run(a);
      const list = await till.call('catalog.list', { query: 'Молоко', limit: 500 });
      for (const g of GOODS) {
        const want = model.get(g.id) ?? 0;
        const card = await till.call('catalog.get', { id: g.id });
        expect(card.stock, card.name).toBe(want);
        const moves = await till.call('stock.movements', { productId: g.id, limit: 500 });
        expect(moves[0]?.balance ?? 0).toBe(want);
        expect(moves.reduce((sum, m) => sum + m.qty, 0)).toBe(want);
        const row = list.rows.find((r) => r.id === g.id);
        if (row) expect(row.stock).toBe(want);
      }
      const report = verifyLedger(till.core.services.db, migrationsDir());
      expect(report.problems).toEqual([]);
    }), { numRuns: 15 });
  }, 300_000);
});
