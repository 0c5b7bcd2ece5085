import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterStories } from '../../../src/core/stories/cluster.ts';
import { StoryIndex } from '../../../src/core/stories/story-index.ts';
import type { Article, Story } from '../../../src/core/types.ts';
import { ALL_FIXTURES, FIXTURE_EVENTS, HELICOPTER_CRASH } from './fixtures.ts';

/** A clustering as a comparable value: sorted groups of ids. */
const partition = (stories: readonly Story[]) => stories.map((s) => [...s.articleIds].sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));

describe('clusterStories', () => {
  it('given the fixtures, then each event is one story and stories come in the order they were founded', () => {
    const stories = clusterStories(ALL_FIXTURES);
    for (const story of stories) {
      const events = new Set(story.articleIds.map((id) => FIXTURE_EVENTS.get(id)));
      expect(events.size).toBe(1);
    }
    expect(stories).toHaveLength(new Set(FIXTURE_EVENTS.values()).size);
    const founded = stories.map((s) => s.firstSeen);
    expect(founded).toEqual([...founded].sort());
  });

  it('given an article id twice, then it is counted once', () => {
    const stories = clusterStories([...HELICOPTER_CRASH, { ...HELICOPTER_CRASH[0]! }]);
    expect(stories.flatMap((s) => s.articleIds)).toHaveLength(HELICOPTER_CRASH.length);
  });

  it('given no articles, then there are no stories', () => {
    expect(clusterStories([])).toEqual([]);
  });

  it('given articles fed one at a time in time order, then the live index finds the same stories as the batch', () => {
    const index = new StoryIndex();
    for (const a of [...ALL_FIXTURES].sort((x, y) => x.publishedAt!.localeCompare(y.publishedAt!))) index.add(a);
    expect(partition(index.stories())).toEqual(partition(clusterStories(ALL_FIXTURES)));
  });

  it('property: any subset in any order gives a partition of that subset, independent of the order, with the same ids', () => {
    const reference = clusterStories(ALL_FIXTURES);
    fc.assert(
      fc.property(fc.shuffledSubarray(ALL_FIXTURES, { minLength: 1 }), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (subset: Article[], noise) => {
        const shuffled = [...subset].map((a) => ({ a, k: noise.next().value })).sort((x, y) => x.k - y.k).map((x) => x.a);
        const a = clusterStories(subset);
        const b = clusterStories(shuffled);
        expect(b).toEqual(a);
        const ids = a.flatMap((s) => s.articleIds).sort();
        expect(ids).toEqual(subset.map((x) => x.id).sort());
        // These events are far apart, so a subset (with its own IDF) never merges what the full set keeps apart.
        for (const story of a) {
          const home = reference.find((r) => r.articleIds.includes(story.articleIds[0]!))!;
          for (const id of story.articleIds) expect(home.articleIds).toContain(id);
        }
      }),
      { numRuns: 40 },
    );
  });
});
