import { describe, expect, it } from 'vitest';
import { isShortTerm, shortTerms } from '../../../indexer/embedded/search-text.js';

describe('two-character terms (fts_short)', () => {
  it('indexes every bigram of a CJK run and the two-character words', () => {
    expect(shortTerms('长春光机所 senior ai engineer, 5g ev-charging').split(' ').sort()).toEqual(
      ['5g', 'ai', 'ev', '光机', '春光', '机所', '长春'].sort(),
    );
    // A word of two characters inside a longer one is found: 教授 in 副教授, 电子 in 微电子.
    expect(shortTerms('副教授 微电子').split(' ')).toEqual(expect.arrayContaining(['教授', '电子']));
    expect(shortTerms('光')).toBe('');
  });

  it('routes only pure two-character terms to the table', () => {
    expect(isShortTerm('光电')).toBe(true);
    expect(isShortTerm('ai')).toBe(true);
    expect(isShortTerm('5g')).toBe(true);
    expect(isShortTerm('光')).toBe(false);
    expect(isShortTerm('a股')).toBe(false);
    expect(isShortTerm('光电子')).toBe(false);
  });
});
