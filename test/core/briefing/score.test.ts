import { describe, expect, it } from 'vitest';
import { itemScore } from '../../../src/core/briefing/score.ts';

describe('itemScore = topicScore × 2^(−age/halfLife) × (1 + log2(outlets))', () => {
  it.each([
    ['fresh, one outlet', { topicScore: 2, ageHours: 0, outlets: 1 }, 2],
    ['one half-life old', { topicScore: 2, ageHours: 24, outlets: 1 }, 1],
    ['two half-lives old', { topicScore: 2, ageHours: 48, outlets: 1 }, 0.5],
    ['two outlets double it', { topicScore: 2, ageHours: 0, outlets: 2 }, 4],
    ['four outlets triple it', { topicScore: 2, ageHours: 0, outlets: 4 }, 6],
    ['a shorter half-life', { topicScore: 1, ageHours: 6, outlets: 1, halfLifeHours: 6 }, 0.5],
    ['a future time counts as now', { topicScore: 1, ageHours: -5, outlets: 1 }, 1],
    ['no outlet counts as one', { topicScore: 1, ageHours: 0, outlets: 0 }, 1],
  ])('%s', (_name, input, expected) => {
    expect(itemScore(input)).toBeCloseTo(expected, 10);
  });
});
