import { describe, expect, it } from 'vitest';
import { meanScore, ngramCounts, rougeN, rougeNAverage, rougeTokens, splitGluedWords } from '../../../src/core/summarize/rouge.ts';

const words = (text: string) => text.split(' ');

describe('rougeN on hand-computed examples', () => {
  it('ROUGE-1: "the cat sat on the mat" against "the cat was on the mat" shares 5 of 6 words', () => {
    const score = rougeN(words('the cat sat on the mat'), words('the cat was on the mat'), 1);
    expect(score.recall).toBeCloseTo(5 / 6, 10);
    expect(score.precision).toBeCloseTo(5 / 6, 10);
    expect(score.f).toBeCloseTo(5 / 6, 10);
  });

  it('ROUGE-2: the same pair shares 3 of 5 bigrams (the cat, on the, the mat)', () => {
    const score = rougeN(words('the cat sat on the mat'), words('the cat was on the mat'), 2);
    expect(score.recall).toBeCloseTo(3 / 5, 10);
    expect(score.precision).toBeCloseTo(3 / 5, 10);
  });

  it('clips repeated candidate words to their count in the reference', () => {
    const score = rougeN(words('the the the'), words('the cat'), 1);
    expect(score.recall).toBeCloseTo(1 / 2, 10);
    expect(score.precision).toBeCloseTo(1 / 3, 10);
    // F = 2PR / (P + R) = (1/3) / (5/6)
    expect(score.f).toBeCloseTo(0.4, 10);
  });

  it('recall and precision differ when lengths differ', () => {
    const score = rougeN(words('a b'), words('a b c d'), 1);
    expect(score).toEqual({ recall: 0.5, precision: 1, f: 2 / 3 });
  });

  it('is zero, not NaN, for an empty candidate or reference', () => {
    expect(rougeN([], words('a b'), 1)).toEqual({ recall: 0, precision: 0, f: 0 });
    expect(rougeN(words('a'), [], 2)).toEqual({ recall: 0, precision: 0, f: 0 });
  });

  it('refuses an order below one', () => {
    expect(() => rougeN(['a'], ['a'], 0)).toThrow(RangeError);
  });
});

describe('rougeNAverage', () => {
  it('averages recall, precision and F over the references', () => {
    const score = rougeNAverage(words('a b'), [words('a b'), words('a c d e')], 1);
    // First reference: R 1, P 1, F 1. Second: R 1/4, P 1/2, F 1/3.
    expect(score.recall).toBeCloseTo((1 + 0.25) / 2, 10);
    expect(score.precision).toBeCloseTo((1 + 0.5) / 2, 10);
    expect(score.f).toBeCloseTo((1 + 1 / 3) / 2, 10);
  });

  it('meanScore of nothing is zero', () => {
    expect(meanScore([])).toEqual({ recall: 0, precision: 0, f: 0 });
  });
});

describe('rougeTokens', () => {
  it('folds Arabic spelling variants and drops punctuation, without stemming', () => {
    expect(rougeTokens('الأمريكية، أعلنت!')).toEqual(rougeTokens('الامريكيه اعلنت'));
    expect(rougeTokens('كتب الكتاب')).toEqual(['كتب', 'الكتاب']);
  });

  it('counts n-grams', () => {
    expect([...ngramCounts(words('a b a b'), 2)].map(([, count]) => count).sort()).toEqual([1, 2]);
  });
});

describe('splitGluedWords', () => {
  const vocabulary = new Set(rougeTokens('مثل الموسلين والحرير في عرض روما'));

  it('splits a token glued at a line wrap back into the two source words', () => {
    expect(splitGluedWords(rougeTokens('مثل الموسلينوالحرير'), vocabulary)).toEqual(rougeTokens('مثل الموسلين والحرير'));
  });

  it('leaves known words and words that do not split into known words alone', () => {
    expect(splitGluedWords(['روما', 'عرضكبير'], vocabulary)).toEqual(['روما', 'عرضكبير']);
  });
});
