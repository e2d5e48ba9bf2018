import { describe, expect, it } from 'vitest';
import { GS, WedgeReader, wedgeChar, type KeyLike } from './wedge.js';

/** Keystrokes as a scanner sends them with the Russian layout on: `key` is Cyrillic, `code` is physical. */
const RU: Record<string, string> = { q: 'й', w: 'ц', e: 'у', r: 'к', t: 'е', y: 'н', a: 'ф', s: 'ы', d: 'в', f: 'а', g: 'п', h: 'р', x: 'ч', z: 'я', c: 'с', v: 'м', b: 'и', n: 'т', m: 'ь', k: 'л', l: 'д', j: 'о', o: 'щ', p: 'з', i: 'ш', u: 'г' };

function keystrokes(text: string): KeyLike[] {
  return [...text].map((ch) => {
    if (ch === GS) return { code: 'BracketRight', key: ']', shiftKey: false, ctrlKey: true, altKey: false };
    if (/\d/.test(ch)) return { code: `Digit${ch}`, key: ch, shiftKey: false, ctrlKey: false, altKey: false };
    const lower = ch.toLowerCase();
    const upper = ch !== lower;
    const cyr = RU[lower] ?? lower;
    return { code: `Key${lower.toUpperCase()}`, key: upper ? cyr.toUpperCase() : cyr, shiftKey: upper, ctrlKey: false, altKey: false };
  });
}
const ENTER: KeyLike = { code: 'Enter', key: 'Enter', shiftKey: false, ctrlKey: false, altKey: false };

function feed(reader: WedgeReader, keys: KeyLike[], gapMs: number): string | null {
  let t = 1000;
  let out: string | null = null;
  for (const k of [...keys, ENTER]) {
    t += gapMs;
    out = reader.key(k, t);
  }
  return out;
}

describe('keyboard wedge', () => {
  it('reads a marking code typed with the Russian layout as the Latin it is, GS included', () => {
    const code = `0104600439931256215Qbag!${GS}93Zjqw`.replace('!', 'x');
    expect(feed(new WedgeReader(), keystrokes(code), 5)).toBe(code);
  });

  it('tells a scanner from a person by timing', () => {
    expect(feed(new WedgeReader(), keystrokes('4600070000373'), 4)).toBe('4600070000373');
    expect(feed(new WedgeReader(), keystrokes('4600070000373'), 120)).toBeNull();
    expect(feed(new WedgeReader(), keystrokes('123'), 4)).toBeNull();
  });

  it('honours a configured prefix and suffix', () => {
    const reader = new WedgeReader({ maxGapMs: 35, minLength: 6, prefix: 'xx', suffix: 'q' });
    expect(feed(reader, keystrokes('xx4600070000373q'), 4)).toBe('4600070000373');
    expect(feed(reader, keystrokes('4600070000373'), 4)).toBeNull();
  });

  it('recovers GS from its keyboard forms', () => {
    expect(wedgeChar({ code: 'F8', key: 'F8', shiftKey: false, ctrlKey: false, altKey: false })).toBeNull();
    expect(wedgeChar({ code: 'Unidentified', key: GS, shiftKey: false, ctrlKey: false, altKey: false })).toBe(GS);
    expect(wedgeChar({ code: 'BracketRight', key: 'ъ', shiftKey: false, ctrlKey: true, altKey: false })).toBe(GS);
  });
});
