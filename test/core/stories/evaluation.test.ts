import { describe, expect, it } from 'vitest';
import { evaluateClustering } from '../../../src/core/stories/evaluation.ts';

const map = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('evaluateClustering (pairwise)', () => {
  it('given a perfect clustering, then precision, recall and F1 are 1', () => {
    const gold = map({ a: 'g1', b: 'g1', c: 'g2', d: 'g2', e: '' });
    const stories = map({ a: 's1', b: 's1', c: 's2', d: 's2', e: 's3' });
    expect(evaluateClustering(stories, gold).scores).toEqual({ precision: 1, recall: 1, f1: 1, goldPairs: 2, predictedPairs: 2, correctPairs: 2 });
  });

  it('given a story mixing two groups and an ungrouped article, then each wrong pair lowers precision', () => {
    // s1 = {a, b, c, e}: pairs ab (right), ac, ae, bc, be, ce (wrong); s2 = {d}.
    const gold = map({ a: 'g1', b: 'g1', c: 'g2', d: 'g2', e: '' });
    const stories = map({ a: 's1', b: 's1', c: 's1', e: 's1', d: 's2' });
    const report = evaluateClustering(stories, gold);
    expect(report.scores).toMatchObject({ goldPairs: 2, predictedPairs: 6, correctPairs: 1 });
    expect(report.scores.precision).toBeCloseTo(1 / 6);
    expect(report.scores.recall).toBeCloseTo(1 / 2);
    expect(report.scores.f1).toBeCloseTo((2 * (1 / 6) * (1 / 2)) / (1 / 6 + 1 / 2));
    expect(report.falseMerges).toEqual([{ storyId: 's1', wrongPairs: 5, articleIds: ['a', 'b', 'c', 'e'] }]);
    expect(report.splits).toEqual([{ group: 'g2', missedPairs: 1, parts: [{ storyId: 's1', articleIds: ['c'] }, { storyId: 's2', articleIds: ['d'] }] }]);
  });

  it('given every article alone, then nothing is predicted: precision is vacuously 1 and recall 0', () => {
    const gold = map({ a: 'g', b: 'g', c: 'g' });
    const stories = map({ a: '1', b: '2', c: '3' });
    const { scores, splits } = evaluateClustering(stories, gold);
    expect(scores).toMatchObject({ precision: 1, recall: 0, f1: 0, goldPairs: 3, predictedPairs: 0 });
    expect(splits[0]).toMatchObject({ group: 'g', missedPairs: 3 });
  });

  it('given articles without a group label, then their pairs are never true positives', () => {
    const gold = new Map<string, string | undefined>([['a', undefined], ['b', '']]);
    const stories = map({ a: 's', b: 's' });
    expect(evaluateClustering(stories, gold).scores).toMatchObject({ precision: 0, recall: 1, goldPairs: 0, predictedPairs: 1 });
  });

  it('lists the worst false merges and splits first', () => {
    const gold = map({ a: 'g1', b: 'g1', c: 'g1', x: '', y: '', z: '', w: '' });
    const stories = map({ a: 'big', b: 'other', c: 'other2', x: 'big', y: 'big', z: 'small', w: 'small' });
    const report = evaluateClustering(stories, gold);
    expect(report.falseMerges.map((m) => m.storyId)).toEqual(['big', 'small']);
  });
});
