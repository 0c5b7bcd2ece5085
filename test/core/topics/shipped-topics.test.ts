import { beforeAll, describe, expect, it } from 'vitest';
import { loadTopics } from '../../../src/core/topics/load.ts';
import { compileTopic, matchTopic, type CompiledTopic } from '../../../src/core/topics/matcher.ts';
import { FIXTURES } from './fixtures.ts';

let topics: Map<string, CompiledTopic>;

beforeAll(async () => {
  const loaded = await loadTopics();
  expect(loaded.errors).toEqual([]);
  topics = new Map(loaded.topics.map((t) => [t.id, compileTopic(t)]));
});

const cases = FIXTURES.flatMap((fixture) => [
  ...fixture.matches.map((topicId) => ({ fixture, topicId, expected: true })),
  ...fixture.not.map((topicId) => ({ fixture, topicId, expected: false })),
]);

describe('shipped topics', () => {
  it('ship iraq-us-relations and at least four more, each with ar and en names', () => {
    expect([...topics.keys()]).toContain('iraq-us-relations');
    expect(topics.size).toBeGreaterThanOrEqual(5);
    for (const topic of topics.values()) {
      expect(topic.definition.name.ar).toMatch(/[\u0600-\u06FF]/);
      expect(topic.definition.name.en).toMatch(/[A-Za-z]/);
    }
  });

  it('every shipped topic has at least two positive and two negative fixtures', () => {
    for (const id of topics.keys()) {
      const positives = cases.filter((c) => c.topicId === id && c.expected).length;
      const negatives = cases.filter((c) => c.topicId === id && !c.expected).length;
      expect({ id, positives: positives >= 2, negatives: negatives >= 2 }).toEqual({ id, positives: true, negatives: true });
    }
  });

  it('fixtures name only shipped topics', () => {
    for (const c of cases) expect(topics.has(c.topicId), c.topicId).toBe(true);
  });

  it.each(cases.map((c) => [c.expected ? 'matches' : 'does not match', c.topicId, c.fixture.name, c] as const))(
    'given %s %s: %s',
    (_verb, topicId, _name, c) => {
      const match = matchTopic(topics.get(topicId)!, c.fixture.article);
      expect({ topicId, matched: match.matched }, JSON.stringify({ score: match.score, co: match.cooccurrence, groups: match.groupScores, excludedBy: match.excludedBy })).toEqual({
        topicId,
        matched: c.expected,
      });
    },
  );
});
