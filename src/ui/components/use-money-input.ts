import { useState } from 'react';
import { parseRoubles, parseQuantity } from '../../shared/money.js';

/** A text field holding roubles ("1 234,50"): its value in kopecks, or null while it is not a number. */
export function useAmount(initial = '') {
  const [text, setText] = useState(initial);
  return { text, setText, kopecks: parsed(text, parseRoubles) };
}

/** A quantity field ("1,250" kg or "3" pcs) as thousandths, or null. */
export function useQuantity(initial = '') {
  const [text, setText] = useState(initial);
  return { text, setText, milli: parsed(text, parseQuantity) };
}

function parsed(text: string, parse: (text: string) => number): number | null {
  if (!text.trim()) return null;
  try {
    return parse(text);
  } catch {
    return null;
  }
}
