import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kthLargest, shortlist } from '../../../src/core/stories/shortlist.ts';

const bySort = (scores: ReadonlyMap<number, number>, limit: number) =>
  [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit).map(([ordinal]) => ordinal);

describe('shortlist', () => {
  it('given scores with ties, then the best come first and ties go to the earlier article', () => {
    const scores = new Map([[5, 1], [1, 3], [9, 3], [2, 0.5], [7, 2]]);
    expect(shortlist(scores, 3)).toEqual([1, 9, 7]);
  });

  it('property: the result equals a full sort cut to the limit', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(10_000), { maxLength: 300 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 300, maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        (ordinals, rawScores, limit) => {
          // Few distinct score values, so ties are common.
          const scores = new Map(ordinals.map((o, i) => [o, rawScores[i]! / 4]));
          expect(shortlist(scores, limit)).toEqual(bySort(scores, limit));
        },
      ),
    );
  });
});

describe('kthLargest', () => {
  it('property: it is the k-th value of the descending order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 200 }), fc.nat(), (values, n) => {
        const k = (n % values.length) + 1;
        const expected = [...values].sort((a, b) => b - a)[k - 1];
        expect(kthLargest([...values], k)).toBe(expected);
      }),
    );
  });
});
