import { afterEach, beforeAll, expect, it } from 'vitest';
import { loadTopicsStrict } from '../../src/core/topics/load.ts';
import { silentLogger } from '../../src/logger.ts';
import { loadArticles } from '../../src/core/content/load.ts';
import { ingestArticles, ingestContent, topicRecords, type IngestDeps } from '../../src/pipeline/ingest.ts';
import { buildTopics, type Topics } from '../../src/pipeline/topic-catalog.ts';
import type { StoredArticle } from '../../src/store/records.ts';
import type { Store } from '../../src/store/store.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { describeWithShared, sharedPath } from '../support/shared.ts';

/** One event (US warnings to Iran over its proxies in Iraq, Sept 2018) reported by three outlets. */
const EVENT = [
  'SkyNews/SK-middleEast-3646-20180911.txt',
  'BBC/BB-middleEast-996-20180912.txt',
  'CNN/CN-middleEast-1357-20180912.txt',
  'CNN/CN-middleEast-1365-20180912.txt',
].map((file) => sharedPath('news-sample', 'articles', file));
/** Another event, months earlier (a US helicopter crash in western Iraq). */
const OTHER = ['SkyNews/SK-middleEast-317-20180315.txt', 'BBC/BB-middleEast-202-20180316.txt'].map((file) => sharedPath('news-sample', 'articles', file));

const NOW = new Date('2026-11-29T08:00:00.000Z');
let topics: Topics;
const stores: Store[] = [];

async function freshDeps(): Promise<IngestDeps & { store: Store }> {
  const store = await openSqliteStore({ path: ':memory:', clock: { now: () => NOW } });
  stores.push(store);
  return { store, topics: topics.compiled, clock: { now: () => NOW }, logger: silentLogger() };
}

async function everything(store: Store): Promise<StoredArticle[]> {
  return (await store.listArticles({})).sort((a, b) => a.id.localeCompare(b.id));
}

function partition(articles: readonly StoredArticle[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const article of articles) groups.set(article.storyId ?? article.id, [...(groups.get(article.storyId ?? article.id) ?? []), article.id]);
  return [...groups.values()].map((ids) => ids.sort()).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

beforeAll(async () => {
  topics = buildTopics(await loadTopicsStrict());
});

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

describeWithShared('news-sample', 'ingesting content into the store', () => {
  it('given articles then each is stored once with its topic results, story and ingestion time', async () => {
    const deps = await freshDeps();
    const report = await ingestContent(deps, [...EVENT, ...OTHER]);
    expect(report).toMatchObject({ offered: 6, inserted: 6, skipped: 0, errors: [] });
    const stored = await everything(deps.store);
    expect(stored).toHaveLength(6);
    for (const article of stored) {
      expect(article.ingestedAt).toBe(NOW.toISOString());
      expect(article.storyId).toMatch(/^story-/);
      const expected = topicRecords(topics.compiled, article).map(({ topicId, matched, score }) => ({ topicId, matched, score }));
      const saved = (await deps.store.getArticleTopics(article.id)).map(({ topicId, matched, score }) => ({ topicId, matched, score }));
      expect(saved.sort((a, b) => a.topicId.localeCompare(b.topicId))).toEqual(expected.sort((a, b) => a.topicId.localeCompare(b.topicId)));
    }
    // The flagship topic finds these reports: they are all about Iraq and the United States.
    expect((await deps.store.listArticles({ topicId: 'iraq-us-relations' })).length).toBeGreaterThanOrEqual(5);
  });

  it('given the same content a second time then nothing is ingested or changed', async () => {
    const deps = await freshDeps();
    await ingestContent(deps, [...EVENT, ...OTHER]);
    const before = await everything(deps.store);
    const again = await ingestContent(deps, [...EVENT, ...OTHER]);
    expect(again).toMatchObject({ offered: 6, inserted: 0, skipped: 6, stories: 0 });
    expect(await everything(deps.store)).toEqual(before);
  });

  it('given news arriving over two runs then stories continue: clustered exactly as when ingested at once', async () => {
    // Loaded once, so both ways see identical articles (batch cleaning depends on the batch).
    const { articles } = await loadArticles([...EVENT, ...OTHER]);
    const byTime = [...articles].sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''));
    const atOnce = await freshDeps();
    await ingestArticles(atOnce, byTime);
    const split = await freshDeps();
    // The event's first two reports arrive in one run, the rest (and later news) in the next.
    const cut = byTime.findIndex((article) => article.publishedAt!.startsWith('2018-09-12'));
    await ingestArticles(split, byTime.slice(0, cut));
    const second = await ingestArticles(split, byTime.slice(cut));
    expect(second.inserted).toBe(byTime.length - cut);
    expect(partition(await everything(split.store))).toEqual(partition(await everything(atOnce.store)));
    // The event's reports form one story across the two runs.
    const event = (await everything(split.store)).filter((article) => article.publishedAt!.startsWith('2018-09'));
    expect(new Set(event.map((article) => article.storyId)).size).toBe(1);
  });

  it('keeps each story record consistent with its articles: count, representative and time span', async () => {
    const deps = await freshDeps();
    await ingestContent(deps, [EVENT[0]!, EVENT[1]!]);
    await ingestContent(deps, [...EVENT, ...OTHER]);
    const stored = await everything(deps.store);
    for (const storyId of new Set(stored.map((article) => article.storyId!))) {
      const members = stored.filter((article) => article.storyId === storyId);
      const story = await deps.store.getStory(storyId);
      const times = members.map((article) => article.publishedAt!).sort();
      expect(story).toMatchObject({ id: storyId, articleCount: members.length, firstSeen: times[0], lastSeen: times[times.length - 1] });
      expect(members.map((article) => article.id)).toContain(story?.representativeArticleId);
    }
  });

  it('given a missing file among good ones then the good ones are ingested and the bad one reported', async () => {
    const deps = await freshDeps();
    const report = await ingestContent(deps, [EVENT[0]!, sharedPath('news-sample', 'articles', 'CNN', 'no-such-article.txt')]);
    expect(report.inserted).toBe(1);
    expect(report.errors).toEqual([expect.stringContaining('no-such-article.txt')]);
  });
});
