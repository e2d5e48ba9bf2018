import { describe, expect, it } from 'vitest';
import { formatShare } from './index.js';

describe('shares as each language writes them', () => {
  it('a Russian share has a decimal comma, an English one a point, both to a tenth', () => {
    expect(formatShare('ru', 6360)).toBe('63,6 %');
    expect(formatShare('en', 6360)).toBe('63.6 %');
    expect(formatShare('ru', 10000)).toBe('100,0 %');
    expect(formatShare('ru', 5)).toBe('0,1 %');
  });
});
