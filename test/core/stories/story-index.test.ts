import { describe, expect, it } from 'vitest';
import { StoryIndex } from '../../../src/core/stories/story-index.ts';
import type { Article } from '../../../src/core/types.ts';
import { ALL_FIXTURES, article, HELICOPTER_CRASH, NOBEL, TARIFFS, UNRELATED } from './fixtures.ts';

const byTime = (articles: readonly Article[]) => [...articles].sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''));

function indexOf(articles: readonly Article[], index = new StoryIndex()) {
  const assignments = new Map(byTime(articles).map((a) => [a.id, index.add(a)]));
  return { index, assignments };
}

const shifted = (source: Article, id: string, hours: number, changes: Partial<Article> = {}): Article => ({
  ...source,
  id,
  publishedAt: new Date(Date.parse(source.publishedAt!) + hours * 3_600_000).toISOString(),
  ...changes,
});

describe('StoryIndex, one article at a time', () => {
  it('given three outlets reporting one crash within two days, then they form one story and the first founded it', () => {
    const { index, assignments } = indexOf(ALL_FIXTURES);
    const [first, ...rest] = byTime(HELICOPTER_CRASH).map((a) => assignments.get(a.id)!);
    expect(first).toMatchObject({ isNew: true, reason: 'new' });
    for (const later of rest) {
      expect(later).toMatchObject({ storyId: first!.storyId, isNew: false, reason: 'similar' });
      expect(later.similarity).toBeGreaterThanOrEqual(0.15);
    }
    expect(index.story(first!.storyId)?.articleIds.sort()).toEqual(HELICOPTER_CRASH.map((a) => a.id).sort());
  });

  it('given Arabic and English events side by side, then each event is one story and unrelated articles stand alone', () => {
    const { index } = indexOf(ALL_FIXTURES);
    const groups = index.stories().map((s) => [...s.articleIds].sort());
    expect(groups).toContainEqual(TARIFFS.map((a) => a.id).sort());
    expect(groups).toContainEqual(NOBEL.map((a) => a.id).sort());
    for (const single of UNRELATED) expect(groups).toContainEqual([single.id]);
    expect(groups).toHaveLength(6);
  });

  it('given a new article, then its similarity is that of the closest earlier article, below the threshold', () => {
    const { assignments } = indexOf(ALL_FIXTURES);
    const election = assignments.get('sky-election')!;
    expect(election.isNew).toBe(true);
    expect(election.similarity).toBeGreaterThan(0);
    expect(election.similarity).toBeLessThan(0.15);
  });

  it('given the same URL spelled differently and a different text, then the copy joins as a same-url duplicate', () => {
    const { index } = indexOf(HELICOPTER_CRASH);
    const original = HELICOPTER_CRASH[0]!;
    const copy = shifted(original, 'sky-crash-feed2', 1, {
      url: 'http://skynewsarabia.com/web/article/1001/?utm_source=rss#top',
      title: 'عنوان آخر تماما',
      paragraphs: ['نص مختلف لا يشبه الأصل في شيء.'],
    });
    expect(index.add(copy)).toEqual({ storyId: index.storyIdOf(original.id), isNew: false, similarity: 1, reason: 'same-url' });
  });

  it('given the same body under another URL ten days later, outside the window, then it still joins as a same-text duplicate', () => {
    const { index } = indexOf(TARIFFS);
    const original = TARIFFS[1]!;
    const copy = shifted(original, 'france24-tariffs-2', 240, {
      url: 'https://www.france24.com/ar/economy/20180716-tariffs',
      // Invisible characters and spacing do not make a different text.
      paragraphs: original.paragraphs.map((p) => `\u200F${p.replace(/ /g, '  ')}`),
    });
    expect(index.add(copy)).toMatchObject({ storyId: index.storyIdOf(original.id), reason: 'same-text' });
  });

  it('given a closely rewritten report four days after the story, beyond the 72-hour window, then it founds a new story', () => {
    const { index } = indexOf(NOBEL);
    const late = shifted(NOBEL[0]!, 'afp-nobel-late', 96, { url: 'https://www.afp.com/nobel-late' });
    late.paragraphs = [...late.paragraphs, 'The prize will be presented in Oslo in December.'];
    expect(index.add(late)).toMatchObject({ isNew: true, reason: 'new' });
  });

  it('given a wider window, then the same late report joins', () => {
    const { index } = indexOf(NOBEL, new StoryIndex({ windowHours: 120 }));
    const late = shifted(NOBEL[0]!, 'afp-nobel-late', 96, { url: 'https://www.afp.com/nobel-late' });
    late.paragraphs = [...late.paragraphs, 'The prize will be presented in Oslo in December.'];
    expect(index.add(late)).toMatchObject({ isNew: false, reason: 'similar' });
  });

  it('given an article added twice, then the second add changes nothing and reports its story', () => {
    const { index, assignments } = indexOf(TARIFFS);
    const again = index.add(TARIFFS[0]!);
    expect(again).toEqual({ storyId: assignments.get(TARIFFS[0]!.id)!.storyId, isNew: false, similarity: 1, reason: 'already-indexed' });
    expect(index.size).toBe(TARIFFS.length);
  });

  it('given an article without any date, then it is compared with the current window and takes the clock of the index', () => {
    const { index } = indexOf(NOBEL);
    const undated: Article = { ...NOBEL[1]!, id: 'undated-nobel', url: 'https://example.org/nobel', publishedAt: undefined };
    undated.paragraphs = [undated.paragraphs[0]!];
    const assignment = index.add(undated);
    expect(assignment).toMatchObject({ storyId: index.storyIdOf(NOBEL[0]!.id), reason: 'similar' });
    expect(index.story(assignment.storyId)?.lastSeen).toBe('2018-10-05T10:05:00.000Z');
  });

  it('given undated articles before any dated one, then they join by content and take the first date that arrives', () => {
    const index = new StoryIndex();
    const undated = NOBEL.map((a) => ({ ...a, publishedAt: undefined }));
    const first = index.add(undated[0]!);
    expect(index.add(undated[1]!)).toMatchObject({ storyId: first.storyId, reason: 'similar' });
    index.add(UNRELATED[2]!);
    expect(index.story(first.storyId)).toMatchObject({ firstSeen: UNRELATED[2]!.publishedAt!.replace('Z', '.000Z') });
  });

  it('given fetchedAt but no publishedAt, then fetchedAt places the article in time', () => {
    const index = new StoryIndex();
    const a = { ...NOBEL[0]!, publishedAt: undefined, fetchedAt: '2018-10-05T12:00:00Z' };
    const story = index.story(index.add(a).storyId)!;
    expect([story.firstSeen, story.lastSeen]).toEqual(['2018-10-05T12:00:00.000Z', '2018-10-05T12:00:00.000Z']);
  });

  it('given articles far beyond the window, then the index forgets the old ones and keeps only the window', () => {
    const index = new StoryIndex({ windowHours: 24 });
    const base = Date.parse('2018-01-01T00:00:00Z');
    for (let day = 0; day < 30; day++) {
      for (let n = 0; n < 3; n++) {
        index.add(article(`wire-${day}-${n}`, {
          title: `Daily report ${day} number ${n}`,
          paragraphs: [`Item ${day * 10 + n} of the daily wire with figures ${day}${n}00.`],
          publishedAt: new Date(base + day * 86_400_000 + n * 3_600_000).toISOString(),
        }));
      }
    }
    expect(index.size).toBe(90);
    // Only yesterday's and today's articles can still share a window with the next one.
    expect(index.activeArticles).toBeLessThanOrEqual(6);
  });

  it('given a story of three, then the article most similar to the others represents it and the rest follow in time order', () => {
    const { index } = indexOf(HELICOPTER_CRASH);
    const story = index.stories()[0]!;
    expect(story.articleIds).toHaveLength(3);
    const [, ...rest] = story.articleIds;
    const times = rest.map((id) => HELICOPTER_CRASH.find((a) => a.id === id)!.publishedAt!);
    expect(times).toEqual([...times].sort());
    expect(story.firstSeen).toBe('2018-03-15T21:10:00.000Z');
    expect(story.lastSeen).toBe('2018-03-17T09:00:00.000Z');
  });

  it('given the same founding article, then the story id is the same in every index', () => {
    const a = indexOf(ALL_FIXTURES).index.stories().map((s) => s.id);
    const b = indexOf(ALL_FIXTURES).index.stories().map((s) => s.id);
    expect(a).toEqual(b);
    expect(a.every((id) => /^story-[0-9a-f]{12}$/.test(id))).toBe(true);
  });

  it('given an article with no words at all, then it founds its own story without error', () => {
    const index = new StoryIndex();
    indexOf(TARIFFS, index);
    const empty = article('empty-1', { title: '', paragraphs: [], publishedAt: '2018-07-06T09:00:00Z' });
    expect(index.add(empty)).toMatchObject({ isNew: true, similarity: 0 });
  });
});
