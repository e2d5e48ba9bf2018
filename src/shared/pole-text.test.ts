import { describe, expect, it } from 'vitest';
import { poleCart, poleSale, poleWelcome } from './pole-text.js';

const line = (name: string, total: number) => ({
  id: '019a0000-0000-7000-8000-000000000001', productId: '019a0000-0000-7000-8000-000000000002', name, barcode: null,
  unit: 'pcs' as const, price: total, qty: 1000, discount: null, discountAmount: 0, total, vat: '22',
});
const cart = (lines: ReturnType<typeof line>[]) => ({
  id: '019a0000-0000-7000-8000-000000000003', openedAt: '2026-11-23T09:00:00Z', lines, discount: null,
  subtotal: lines.reduce((s, l) => s + l.total, 0), discountAmount: 0, total: lines.reduce((s, l) => s + l.total, 0),
});

describe('the pole display text', () => {
  it('shows the last item with its sum and the total, each on 20 characters, a long name cut to leave the sum whole', () => {
    const [first, second] = poleCart(cart([line('Хлеб', 5_000), line('Молоко «Домик в деревне» 3,2% 1 л', 12_345)]), 20);
    expect(first).toBe('Молоко «Домик 123.45');
    expect(second).toBe('ИТОГО         173.45');
    expect([first.length, second.length]).toEqual([20, 20]);
  });

  it('after the sale: the total and the change, or thanks when there is none', () => {
    expect(poleSale(17_345, 2_655, 20)).toEqual(['ИТОГО         173.45', 'СДАЧА          26.55']);
    expect(poleSale(17_345, 0, 20)[1]).toBe('Спасибо за покупку!');
  });

  it('an empty or cancelled receipt greets the next customer', () => {
    expect(poleCart(null, 20)).toEqual(poleWelcome(20));
    expect(poleWelcome(20)[0].trim()).toBe('Добро пожаловать!');
  });
});
