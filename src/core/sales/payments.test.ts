import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { refundSplit, settle, type Tender } from './payments.js';

describe('settling a receipt', () => {
  it('cash: the change is what was tendered over the total', () => {
    expect(settle(17798, [{ kind: 'cash', amount: 20000 }])).toEqual({ cash: 17798, card: 0, tendered: 20000, change: 2202 });
    expect(settle(17798, [{ kind: 'cash', amount: 17798 }])).toEqual({ cash: 17798, card: 0, tendered: 17798, change: 0 });
    expect(settle(17798, [{ kind: 'cash', amount: 10000 }, { kind: 'cash', amount: 10000 }])).toEqual({ cash: 17798, card: 0, tendered: 20000, change: 2202 });
  });

  it('card: charged exactly, no change', () => {
    expect(settle(17798, [{ kind: 'card', amount: 17798 }])).toEqual({ cash: 0, card: 17798, tendered: 0, change: 0 });
  });

  it('split: the card part first, cash covers the rest and gives change', () => {
    expect(settle(17798, [{ kind: 'card', amount: 10000 }, { kind: 'cash', amount: 10000 }])).toEqual({ cash: 7798, card: 10000, tendered: 10000, change: 2202 });
    expect(settle(17798, [{ kind: 'cash', amount: 7798 }, { kind: 'card', amount: 10000 }])).toEqual({ cash: 7798, card: 10000, tendered: 7798, change: 0 });
  });

  it('underpaid: says how much is missing', () => {
    expect(settle(17798, [{ kind: 'cash', amount: 17000 }])).toEqual({ problem: 'underpaid', missing: 798 });
    expect(settle(17798, [{ kind: 'card', amount: 10000 }, { kind: 'cash', amount: 7000 }])).toEqual({ problem: 'underpaid', missing: 798 });
    expect(settle(17798, [{ kind: 'card', amount: 17797 }])).toEqual({ problem: 'underpaid', missing: 1 });
  });

  it('a card is never charged more than the total', () => {
    expect(settle(17798, [{ kind: 'card', amount: 17799 }])).toEqual({ problem: 'cardOverTotal', missing: 0 });
    expect(settle(17798, [{ kind: 'card', amount: 10000 }, { kind: 'card', amount: 10000 }])).toMatchObject({ problem: 'cardOverTotal' });
  });

  it('whenever it settles, cash + card is the total and only cash gives change', () => {
    const tender = fc.record({ kind: fc.constantFrom('cash' as const, 'card' as const), amount: fc.integer({ min: 1, max: 1_000_000 }) });
    fc.assert(fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.array(tender, { minLength: 1, maxLength: 4 }), (total, tenders: Tender[]) => {
      const r = settle(total, tenders);
      const card = tenders.filter((t) => t.kind === 'card').reduce((a, t) => a + t.amount, 0);
      const cash = tenders.filter((t) => t.kind === 'cash').reduce((a, t) => a + t.amount, 0);
      if ('problem' in r) {
        expect(card > total || card + cash < total).toBe(true);
        return;
      }
      expect(r.cash + r.card).toBe(total);
      expect(r.card).toBe(card);
      expect(r.tendered).toBe(cash);
      expect(r.change).toBe(cash - r.cash);
      expect(r.change).toBeGreaterThanOrEqual(0);
      expect(r.change).toBeLessThanOrEqual(cash);
    }));
  });
});

describe('splitting a refund', () => {
  it('goes back to the card first, up to what the card paid and was not yet refunded; the rest in cash', () => {
    expect(refundSplit(5000, 3000)).toEqual({ card: 3000, cash: 2000 });
    expect(refundSplit(5000, 8000)).toEqual({ card: 5000, cash: 0 });
    expect(refundSplit(5000, 0)).toEqual({ card: 0, cash: 5000 });
    expect(refundSplit(5000, -100)).toEqual({ card: 0, cash: 5000 });
    expect(refundSplit(0, 100)).toEqual({ card: 0, cash: 0 });
  });
});
