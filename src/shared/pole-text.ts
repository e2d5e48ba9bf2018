import type { z } from 'zod';
import type { Cart } from './contract/schemas.js';
import { formatPlain } from './money.js';

/**
 * What a two-line pole display shows the customer, in Russian (the display faces the shop,
 * not the cashier's language): the last item with its sum, and the total; after the sale,
 * the total and the change. Pure text; the driver fits it to the display's characters.
 */
export type PoleLines = [string, string];

/** `left` cut so that `right` fits at the end of a `width`-character line. */
function spread(left: string, right: string, width: number): string {
  const room = Math.max(width - right.length - 1, 0);
  const l = [...left].slice(0, room).join('');
  return `${l}${' '.repeat(Math.max(width - l.length - right.length, 1))}${right}`;
}

export function poleWelcome(width: number): PoleLines {
  const text = 'Добро пожаловать!';
  return [text.padStart(Math.floor((width + text.length) / 2)), ''];
}

export function poleCart(cart: z.output<typeof Cart> | null, width: number): PoleLines {
  const last = cart?.lines.at(-1);
  if (!cart || !last) return poleWelcome(width);
  return [spread(last.name, formatPlain(last.total), width), spread('ИТОГО', formatPlain(cart.total), width)];
}

export function poleSale(total: number, change: number, width: number): PoleLines {
  return [spread('ИТОГО', formatPlain(total), width), change > 0 ? spread('СДАЧА', formatPlain(change), width) : 'Спасибо за покупку!'];
}
