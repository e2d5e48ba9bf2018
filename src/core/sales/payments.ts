import type { Kopecks } from '../../shared/money.js';

export interface Tender {
  kind: 'cash' | 'card';
  amount: Kopecks;
}

export interface Settlement {
  cash: Kopecks;
  card: Kopecks;
  tendered: Kopecks;
  change: Kopecks;
}

export type SettlementProblem = { problem: 'cardOverTotal' | 'underpaid'; missing: Kopecks };

/**
 * How a receipt is paid: card covers at most the total (a card is charged exactly),
 * cash covers the rest and only cash gives change.
 */
export function settle(total: Kopecks, tenders: readonly Tender[]): Settlement | SettlementProblem {
  const card = tenders.filter((t) => t.kind === 'card').reduce((a, t) => a + t.amount, 0);
  const tendered = tenders.filter((t) => t.kind === 'cash').reduce((a, t) => a + t.amount, 0);
  if (card > total) return { problem: 'cardOverTotal', missing: 0 };
  const cashDue = total - card;
  if (tendered < cashDue) return { problem: 'underpaid', missing: cashDue - tendered };
  return { cash: cashDue, card, tendered, change: tendered - cashDue };
}

/**
 * How a refund is paid back: to the card first, up to what the card paid and was not
 * refunded yet, the rest in cash.
 */
export function refundSplit(amount: Kopecks, cardLeft: Kopecks): { card: Kopecks; cash: Kopecks } {
  const card = Math.min(amount, Math.max(cardLeft, 0));
  return { card, cash: amount - card };
}
