/**
 * Weights come off the wire as decimal text or as counts of a division; the till wants
 * whole grams. Integer arithmetic only: "0.335" kg must be 335 g, not 334.99999.
 */

/** Rounds a count of tenths to a whole number, halves away from zero. */
function roundTenths(tenths: number): number {
  const sign = tenths < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(tenths) + 5) / 10);
}

/**
 * Unsigned decimal text ("01.234", " 1.25", "1250") in kg or g → grams; null when it is not
 * a number. Digits past the gram round half up.
 */
export function decimalToGrams(text: string, unit: 'kg' | 'g'): number | null {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return null;
  const whole = m[1] ?? '';
  const fraction = m[2] ?? '';
  if (whole === '' && fraction === '') return null;
  const places = unit === 'kg' ? 3 : 0;
  const kept = fraction.slice(0, places).padEnd(places, '0');
  const grams = Number(whole || '0') * 10 ** places + Number(kept || '0');
  const next = fraction.charAt(places);
  return next !== '' && next >= '5' ? grams + 1 : grams;
}

/**
 * Massa-K's division codes (Протокол 100, field Division of CMD_ACK_MASSA): the weight
 * field counts units of 0.1 g, 1 g, 10 g, 100 g or 1 kg.
 */
export function divisionsToGrams(count: number, division: number): number | null {
  switch (division) {
    case 0: return roundTenths(count);
    case 1: return count;
    case 2: return count * 10;
    case 3: return count * 100;
    case 4: return count * 1000;
    default: return null;
  }
}
