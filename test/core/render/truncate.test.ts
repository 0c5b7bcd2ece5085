import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cutAtCodePoint,
  cutAtGrapheme,
  cutAtSentence,
  cutAtWord,
  largestFitting,
  shortenSentences,
  shortenText,
} from '../../../src/core/render/truncate.ts';

describe('cutAtGrapheme', () => {
  it.each([
    ['emoji with skin tone', 'a👍🏽b', 4, 'a'],
    ['flag pairs', '🇮🇶🇺🇸', 6, '🇮🇶'],
    ['family ZWJ sequence', 'x👨‍👩‍👧y', 6, 'x'],
    ['keycap', 'a1️⃣b', 3, 'a'],
    ['letter with combining accent', 'cafe\u0301s', 4, 'caf'],
    ['Arabic letter with shadda and fatha', 'محمّدَ', 3, 'مح'],
    ['plain ASCII', 'abcdef', 3, 'abc'],
  ])('given %s, then the cut never splits the cluster', (_, text, max, expected) => {
    expect(cutAtGrapheme(text, max)).toBe(expected);
  });

  it('given one cluster longer than the budget (a ZWJ chain), then it falls back to a code point boundary', () => {
    const chain = Array.from({ length: 50 }, () => '👩').join('\u200D');
    const cut = cutAtGrapheme(chain, 11);
    expect(cut.length).toBeLessThanOrEqual(11);
    expect(cut.length).toBeGreaterThan(0);
    expect(/[\uD800-\uDBFF]$/.test(cut)).toBe(false);
  });

  it('agrees with Intl.Segmenter: the result is always a whole number of grapheme clusters', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const cluster = fc.constantFrom('a', 'ب', 'é', 'e\u0301', 'مّ', '😀', '👍🏽', '🇮🇶', '🇺', '👨‍👩‍👧', '1️⃣', ' ', '한', '\u1100\u1161');
    fc.assert(
      fc.property(fc.array(cluster, { maxLength: 40 }), fc.integer({ min: 1, max: 80 }), (parts, max) => {
        const text = parts.join('');
        const cut = cutAtGrapheme(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(text.startsWith(cut)).toBe(true);
        const boundaries = new Set([0, ...Array.from(segmenter.segment(text), (s) => s.index + s.segment.length)]);
        const firstCluster = [...segmenter.segment(text)][0]?.segment ?? '';
        if (firstCluster.length <= max) expect(boundaries.has(cut.length)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('cutting at words and sentences', () => {
  it('given a cut inside a word, then it backs up to the previous space', () => {
    expect(cutAtWord('العراق يطالب أمريكا بحوار', 15)).toBe('العراق يطالب');
  });

  it('given no space in the second half of the budget, then it cuts at a character boundary', () => {
    expect(cutAtWord(`ab ${'x'.repeat(50)}`, 20)).toBe(`ab ${'x'.repeat(17)}`);
  });

  it('given a sentence end within the budget, then the cut keeps whole sentences', () => {
    expect(cutAtSentence('First sentence here. Second one is longer than the budget.', 40)).toEqual({
      text: 'First sentence here.',
      atSentenceEnd: true,
    });
  });

  it('given an Arabic question mark, then it counts as a sentence end', () => {
    expect(cutAtSentence('هل يعود الحوار؟ قال المسؤول إن الجولة المقبلة قريبة جدا', 30).text).toBe('هل يعود الحوار؟');
  });

  it('shortenText adds an ellipsis only when the cut falls mid-sentence', () => {
    expect(shortenText('First one. Two three four five six.', 14)).toEqual({ text: 'First one.', cut: true });
    expect(shortenText('alpha beta gamma delta', 13)).toEqual({ text: 'alpha beta…', cut: true });
    expect(shortenText('fits', 10)).toEqual({ text: 'fits', cut: false });
  });

  it('shortenSentences keeps whole sentences first, then a useful fragment of the next', () => {
    const sentences = ['A short first sentence.', `A much longer second sentence ${'word '.repeat(30)}end.`];
    const result = shortenSentences(sentences, 90);
    expect(result.cut).toBe(true);
    expect(result.sentences[0]).toBe('A short first sentence.');
    expect(result.sentences[1]?.endsWith('…')).toBe(true);
    expect(result.sentences.join(' ').length).toBeLessThanOrEqual(90);
    expect(shortenSentences(sentences, 10_000)).toEqual({ sentences, cut: false });
  });

  it('cutAtCodePoint never leaves a high surrogate at the end', () => {
    expect(cutAtCodePoint('a😀', 2)).toBe('a');
  });
});

describe('largestFitting', () => {
  it.each([
    [100, 37, 37],
    [100, 100, 100],
    [100, 0, 0],
    [100, -1, -1],
  ])('given max %i and a threshold %i, then it finds the threshold', (max, threshold, expected) => {
    expect(largestFitting(max, (k) => k <= threshold)).toBe(expected);
  });
});
