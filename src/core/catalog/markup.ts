import { divRound } from '../../shared/money.js';

/** The retail price a markup (hundredths of a percent) puts on a cost, rounded to whole roubles as shelf prices are. */
export function suggestedPrice(cost: number, markup: number): number {
  return divRound(cost * (10_000 + markup), 10_000 * 100) * 100;
}
