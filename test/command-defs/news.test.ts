import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefingsOf, createHarness, textOf, who, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe('/news', () => {
  it('given a topic then it answers with a briefing of that topic, at most 5 stories by default, newest story first among equals', async () => {
    const result = await h.router.handleText(who(), '/news iraq-us-relations');
    expect(result.outcome).toBe('ok');
    const [briefing] = briefingsOf(result);
    expect(briefing).toMatchObject({ topicId: 'iraq-us-relations', language: 'en', direction: 'ltr' });
    expect(briefing!.title).toContain('Iraq–US relations');
    expect(briefing!.items.length).toBeGreaterThan(1);
    expect(briefing!.items.length).toBeLessThanOrEqual(5);
    for (const item of briefing!.items) {
      expect(item.matchedTerms.length).toBeGreaterThan(0);
      expect(item.sources.length).toBeGreaterThan(0);
      expect(item.summary.length).toBeGreaterThan(0);
    }
  });

  it('given a count then it gives at most that many stories', async () => {
    const [briefing] = briefingsOf(await h.router.handleText(who(), '/news iraq-us-relations 2'));
    expect(briefing!.items).toHaveLength(2);
  });

  it('groups reports of one event into one item with several sources', async () => {
    const [briefing] = briefingsOf(await h.router.handleText(who(), '/news iraq-us-relations 10'));
    expect(Math.max(...briefing!.items.map((item) => item.sources.length))).toBeGreaterThanOrEqual(2);
    const ids = briefing!.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('given the topic by its Arabic name and an Arabic-speaking user then it answers in Arabic', async () => {
    const [briefing] = briefingsOf(await h.router.handleText(who({ locale: 'ar' }), '/news «العلاقات العراقية الأمريكية» ٣'));
    expect(briefing).toMatchObject({ topicId: 'iraq-us-relations', language: 'ar', direction: 'rtl' });
    expect(briefing!.title).toContain('العلاقات العراقية الأمريكية');
    expect(briefing!.items.length).toBeLessThanOrEqual(3);
  });

  it('given no topic then it gives the top stories across topics: one item per story with an on-topic report', async () => {
    const onTopicStories = new Set<string>();
    for (const article of await h.store.listArticles({})) {
      if ((await h.store.getArticleTopics(article.id)).some((record) => record.matched)) onTopicStories.add(article.storyId!);
    }
    const [briefing] = briefingsOf(await h.router.handleText(who(), '/news 10'));
    expect(briefing!.topicId).toBeUndefined();
    expect(new Set(briefing!.items.map((item) => item.id))).toEqual(onTopicStories);
    expect(briefingsOf(await h.router.handleText(who(), '/news 2'))[0]!.items).toHaveLength(2);
  });

  it('includes an undated article, dated by when it was first seen', async () => {
    const [briefing] = briefingsOf(await h.router.handleText(who(), '/news iraq-us-relations 10'));
    const undated = briefing!.items.find((item) => item.sources.some((source) => source.name === 'Al-Madina'));
    expect(undated?.publishedAt).toBe('2026-11-28T06:00:00.000Z');
  });

  it.each([
    ['/news mars', 'unknown_topic', 'There is no topic "mars". Topics: '],
    ['/news iraq-us-relations 11', 'arg_range', 'count must be between 1 and 10 (got 11).'],
    ['/news iraq-us-relations 0', 'arg_range', 'count must be between 1 and 10 (got 0).'],
    ['/news iraq-us-relations lots', 'arg_not_integer', 'count must be a whole number (got "lots").'],
  ])('given %s then it is refused: %s', async (line, error, message) => {
    const result = await h.router.handleText(who(), line);
    expect(result).toMatchObject({ outcome: 'rejected', error });
    expect(textOf(result)).toContain(message);
  });
});
