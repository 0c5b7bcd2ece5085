import { describe, expect, test } from 'vitest';
import type { ContractContext } from '../contract.ts';
import { arabicArticle, at, englishArticle, ingest, T0, T1 } from './fixtures.ts';

export function articleContract(ctx: ContractContext): void {
  describe('articles and stories', () => {
    test('given new articles, saveArticles stores them with their topics and story, text unchanged', async () => {
      const store = ctx.store();
      const article = arabicArticle('a1');
      const result = await store.saveArticles([ingest(article, 'iraq-us-relations', true, 'story-1')], T0);
      expect(result).toEqual({ inserted: ['a1'], skipped: [] });

      const stored = await store.getArticle('a1');
      expect(stored).toEqual({ ...article, storyId: 'story-1', ingestedAt: T0 });
      expect(stored?.title).toBe(article.title);
      expect(await store.getArticleTopics('a1')).toEqual(ingest(article).topics);
      expect(await store.getArticle('missing')).toBeNull();
    });

    test('optional article fields absent on input stay absent when read back', async () => {
      const store = ctx.store();
      await store.saveArticles([ingest(englishArticle('e1'))], T0);
      const stored = await store.getArticle('e1');
      expect(stored).toEqual({ ...englishArticle('e1'), storyId: null, ingestedAt: T0 });
      expect(stored && 'url' in stored).toBe(false);
      expect(stored && 'publishedAt' in stored).toBe(false);
    });

    test('saveArticles is idempotent: a stored id is skipped and left untouched, also within one batch', async () => {
      const store = ctx.store();
      await store.saveArticles([ingest(arabicArticle('a1'))], T0);
      const again = await store.saveArticles(
        [
          ingest(arabicArticle('a1', { title: 'changed' }), 'other-topic'),
          ingest(arabicArticle('a2')),
          ingest(arabicArticle('a2', { title: 'second copy' })),
        ],
        T1,
      );
      expect(again).toEqual({ inserted: ['a2'], skipped: ['a1', 'a2'] });
      const a1 = await store.getArticle('a1');
      expect(a1?.title).toBe(arabicArticle('a1').title);
      expect(a1?.ingestedAt).toBe(T0);
      expect((await store.getArticleTopics('a1')).map((t) => t.topicId)).toEqual(['iraq-us-relations']);
      expect((await store.getArticle('a2'))?.title).toBe(arabicArticle('a2').title);
      expect(await store.countArticles()).toBe(2);
      expect(await store.saveArticles([], T1)).toEqual({ inserted: [], skipped: [] });
    });

    test('getArticles returns found articles in the order asked; hasArticle and countArticles agree', async () => {
      const store = ctx.store();
      await store.saveArticles(['x', 'y', 'z'].map((id) => ingest(englishArticle(id))), T0);
      expect((await store.getArticles(['z', 'nope', 'x'])).map((a) => a.id)).toEqual(['z', 'x']);
      expect(await store.getArticles([])).toEqual([]);
      expect(await store.hasArticle('y')).toBe(true);
      expect(await store.hasArticle('nope')).toBe(false);
      expect(await store.countArticles()).toBe(3);
    });

    test('listArticles filters by topic, match and ingestion window, newest published first', async () => {
      const store = ctx.store();
      await store.saveArticles(
        [
          ingest(englishArticle('old', { publishedAt: '2026-11-27T10:00:00+03:00' })),
          ingest(englishArticle('new', { publishedAt: '2026-11-28T07:30:00.000Z' })),
          ingest(englishArticle('undated')),
          ingest(englishArticle('near-miss'), 'iraq-us-relations', false),
          ingest(englishArticle('elsewhere'), 'oil-markets'),
        ],
        T0,
      );
      await store.saveArticles([ingest(englishArticle('later', { publishedAt: at(1) }))], at(2));

      const topic = await store.listArticles({ topicId: 'iraq-us-relations' });
      // Undated articles sort by ingestion time (T0), which is after "new" (07:30).
      expect(topic.map((a) => a.id)).toEqual(['later', 'undated', 'new', 'old']);
      const withNearMisses = await store.listArticles({ topicId: 'iraq-us-relations', matchedOnly: false });
      expect(withNearMisses.map((a) => a.id).sort()).toEqual(['later', 'near-miss', 'new', 'old', 'undated']);
      const window = await store.listArticles({ topicId: 'iraq-us-relations', ingestedAfter: T0, ingestedUntil: at(2) });
      expect(window.map((a) => a.id)).toEqual(['later']);
      const upToT0 = await store.listArticles({ ingestedUntil: T0, limit: 2 });
      expect(upToT0).toHaveLength(2);
      expect((await store.listArticles({})).length).toBe(6);
    });

    test('listArticles by topic: newest matched first, ties by id, cut at the limit, whatever other topics and near misses hold', async () => {
      const store = ctx.store();
      const topics = ['iraq-us-relations', 'oil-markets', 'syria'];
      const items = Array.from({ length: 60 }, (_, i) => {
        // Three articles per hour (ties), some undated (sorted by ingestion), out of id order.
        const id = `t${String((i * 37) % 60).padStart(2, '0')}`;
        const article = englishArticle(id, i % 11 === 0 ? {} : { publishedAt: at(-Math.floor(i / 3)) });
        const item = ingest(article, topics[i % 3], i % 4 !== 0);
        if (i % 5 === 0 && i % 3 !== 0) item.topics.push({ ...item.topics[0]!, topicId: 'iraq-us-relations', matched: i % 2 === 0 });
        return { item, sortAt: article.publishedAt ?? T0 };
      });
      await store.saveArticles(items.slice(0, 30).map(({ item }) => item), T0);
      await store.saveArticles(items.slice(30).map(({ item }) => item), T0);
      for (const topicId of [...topics, 'gulf-politics']) {
        const expected = items
          .filter(({ item }) => item.topics.some((topic) => topic.topicId === topicId && topic.matched))
          .sort((a, b) => (a.sortAt === b.sortAt ? (a.item.article.id < b.item.article.id ? -1 : 1) : a.sortAt < b.sortAt ? 1 : -1))
          .map(({ item }) => item.article.id);
        for (const limit of [1, 7, 100]) {
          expect((await store.listArticles({ topicId, limit })).map((a) => a.id)).toEqual(expected.slice(0, limit));
        }
        expect((await store.listArticles({ topicId, matchedOnly: true })).map((a) => a.id)).toEqual(expected);
      }
    });

    test('getTopicMatches returns one topic\'s matches for the given articles', async () => {
      const store = ctx.store();
      await store.saveArticles([ingest(englishArticle('m1')), ingest(englishArticle('m2'), 'iraq-us-relations', false)], T0);
      await store.saveArticles([ingest(englishArticle('m3'), 'oil-markets')], T0);
      const matches = await store.getTopicMatches('iraq-us-relations', ['m2', 'm1', 'm3']);
      expect(matches.map((m) => [m.articleId, m.matched])).toEqual([
        ['m2', false],
        ['m1', true],
      ]);
      expect(matches[1]?.terms[0]).toEqual({ term: 'واشنطن', group: 'us', count: 2, inTitle: true, score: 2.5 });
    });

    test('upsertStory creates then updates a story; its articles list oldest first', async () => {
      const store = ctx.store();
      await store.upsertStory({ id: 's1', representativeArticleId: 'b', firstSeen: T0, lastSeen: T0, articleCount: 1 });
      await store.upsertStory({ id: 's1', representativeArticleId: 'a', firstSeen: T0, lastSeen: T1, articleCount: 2 });
      expect(await store.getStory('s1')).toEqual({
        id: 's1',
        representativeArticleId: 'a',
        firstSeen: T0,
        lastSeen: T1,
        articleCount: 2,
      });
      expect(await store.getStory('s2')).toBeNull();
      await store.saveArticles(
        [
          ingest(englishArticle('b', { publishedAt: at(3) }), 'iraq-us-relations', true, 's1'),
          ingest(englishArticle('a', { publishedAt: at(1) }), 'iraq-us-relations', true, 's1'),
          ingest(englishArticle('c'), 'iraq-us-relations', true, 's2'),
        ],
        at(4),
      );
      expect(await store.listStoryArticleIds('s1')).toEqual(['a', 'b']);
      expect(await store.listStoryArticleIds('none')).toEqual([]);
    });
  });
}
