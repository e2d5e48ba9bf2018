import { describe, expect, it } from 'vitest';
import { formatShare, formatThousandths } from './index.js';

describe('numbers as each language writes them', () => {
  it('a Russian share has a decimal comma, an English one a point, both to a tenth', () => {
    expect(formatShare('ru', 6360)).toBe('63,6 %');
    expect(formatShare('en', 6360)).toBe('63.6 %');
    expect(formatShare('ru', 10000)).toBe('100,0 %');
    expect(formatShare('ru', 5)).toBe('0,1 %');
  });

  it('a quantity without a unit groups thousands and keeps only the decimals it has', () => {
    // Russian groups with a no-break space
    expect(formatThousandths('ru', 1_234_500)).toBe('1\u00a0234,5');
    expect(formatThousandths('en', 1_234_500)).toBe('1,234.5');
    expect(formatThousandths('ru', 3000)).toBe('3');
    expect(formatThousandths('ru', 1250)).toBe('1,25');
  });
});
