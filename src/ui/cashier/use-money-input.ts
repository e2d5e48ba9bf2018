import { useState } from 'react';
import { parseRoubles, parseQuantity } from '../../shared/money.js';

/** A text field holding roubles ("1 234,50"): its value in kopecks, or null while it is not a number. */
export function useAmount(initial = '') {
  const [text, setText] = useState(initial);
  let kopecks: number | null = null;
  try {
    kopecks = text.trim() ? parseRoubles(text) : null;
  } catch {
    kopecks = null;
  }
  return { text, setText, kopecks };
}

/** A quantity field ("1,250" kg or "3" pcs) as thousandths, or null. */
export function useQuantity(initial = '') {
  const [text, setText] = useState(initial);
  let milli: number | null = null;
  try {
    milli = text.trim() ? parseQuantity(text) : null;
  } catch {
    milli = null;
  }
  return { text, setText, milli };
}
