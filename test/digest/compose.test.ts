import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/core/types.ts';
import { digestBriefing, quietDayPayload, renderPayloads, storiesOf, StoreDigestComposer } from '../../src/digest/compose.ts';
import type { DigestGroup } from '../../src/digest/digest-group.ts';
import type { StoredArticle } from '../../src/store/records.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { ingestSample, loadSampleContent, topicNamesOf, type SampleContent } from './sample-store.ts';

const INGESTED = '2026-03-01T20:00:00.000Z';
const WINDOW = { windowFrom: '2026-03-01T05:00:00.000Z', windowTo: '2026-03-02T05:00:00.000Z' };
const TOPIC = 'iraq-us-relations';

let sample: SampleContent;
let store: SqlStore;
let matchedPerTopic: Map<string, number>;

beforeAll(async () => {
  sample = await loadSampleContent();
  store = await openSqliteStore({ path: ':memory:' });
  matchedPerTopic = await ingestSample(store, sample, INGESTED);
});

afterAll(async () => {
  await store.close();
});

function group(overrides: Partial<DigestGroup> = {}): DigestGroup {
  return { topicId: TOPIC, ...WINDOW, language: 'ar', platform: 'telegram', ...overrides };
}

async function briefingFor(language: 'ar' | 'en'): Promise<Briefing | null> {
  const articles = await store.listArticles({ topicId: TOPIC, ingestedAfter: WINDOW.windowFrom, ingestedUntil: WINDOW.windowTo });
  const matches = await store.getTopicMatches(TOPIC, articles.map((a) => a.id));
  return digestBriefing({ group: group({ language }), articles, matches, topicName: topicNamesOf(sample.topics)(TOPIC), now: new Date(WINDOW.windowTo) });
}

describe('digestBriefing', () => {
  it('given articles published in 2018 but first seen in this window then they make the digest, titled by the window', async () => {
    const briefing = await briefingFor('ar');

    expect(matchedPerTopic.get(TOPIC)).toBeGreaterThan(0);
    expect(briefing).not.toBeNull();
    expect(briefing?.period).toEqual({ from: WINDOW.windowFrom, to: WINDOW.windowTo });
    expect(briefing?.title).toContain('2026');
    expect(briefing?.title).not.toContain('2018');
    expect(briefing?.title).toContain('العراقية الأمريكية');
    expect(briefing?.items.length).toBeGreaterThan(0);
    expect(briefing?.items.length).toBeLessThanOrEqual(10);
  });

  it('given several outlets on one story then the story is one item with several sources', async () => {
    const briefing = await briefingFor('ar');
    const stories = new Set((await store.listArticles({ topicId: TOPIC })).flatMap((a) => (a.storyId ? [a.storyId] : [])));
    const multi = briefing?.items.filter((item) => stories.has(item.id)) ?? [];

    expect(multi.length).toBeGreaterThan(0);
    for (const item of multi) expect(item.sources.length).toBeGreaterThan(1);
  });

  it('given an English subscriber then the title is in English over the same items', async () => {
    const [ar, en] = await Promise.all([briefingFor('ar'), briefingFor('en')]);

    expect(en?.title).toMatch(/^Iraq/);
    expect(en?.items.map((i) => i.id)).toEqual(ar?.items.map((i) => i.id));
  });

  it('given no articles then there is no briefing', () => {
    expect(digestBriefing({ group: group(), articles: [], matches: [], topicName: undefined, now: new Date(WINDOW.windowTo) })).toBeNull();
  });
});

describe('storiesOf', () => {
  const article = (id: string, storyId: string | null, publishedAt: string): StoredArticle => ({
    id,
    storyId,
    publishedAt,
    ingestedAt: INGESTED,
    sourceId: 's',
    sourceName: 'S',
    title: id,
    paragraphs: [],
    language: 'ar',
  });

  it('given clustered and unclustered articles then each story lists its articles, the representative first', () => {
    const stories = storiesOf(
      [article('a', 'story-1', '2026-03-01T10:00:00Z'), article('b', 'story-1', '2026-03-01T08:00:00Z'), article('c', null, '2026-03-01T09:00:00Z'), article('d', 'story-1', '2026-03-01T09:30:00Z')],
      new Map([['story-1', 'a']]),
    );

    expect(stories).toEqual([
      { id: 'c', articleIds: ['c'], firstSeen: '2026-03-01T09:00:00.000Z', lastSeen: '2026-03-01T09:00:00.000Z' },
      { id: 'story-1', articleIds: ['a', 'b', 'd'], firstSeen: '2026-03-01T08:00:00.000Z', lastSeen: '2026-03-01T10:00:00.000Z' },
    ]);
  });
});

describe('renderPayloads', () => {
  it('given a briefing then each platform gets its own bodies within its limits', async () => {
    const briefing = (await briefingFor('ar')) as Briefing;

    const telegram = renderPayloads(briefing, 'telegram') as Array<{ text: string; parse_mode: string }>;
    const discord = renderPayloads(briefing, 'discord') as Array<{ allowed_mentions: { parse: unknown[] }; embeds?: unknown[] }>;
    const console = renderPayloads(briefing, 'console') as string[];

    expect(telegram.length).toBeGreaterThan(0);
    for (const message of telegram) {
      expect(message.parse_mode).toBe('HTML');
      expect(message.text.length).toBeLessThanOrEqual(4096);
    }
    for (const message of discord) expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(console).toHaveLength(1);
    expect(console[0]).toContain(briefing.items[0]?.headline.slice(0, 20));
  });
});

describe('quietDayPayload', () => {
  it.each([
    ['ar', 'telegram', { text: 'لا جديد عن العلاقات العراقية الأمريكية منذ الموجز السابق.', link_preview_options: { is_disabled: true } }],
    ['en', 'discord', { content: 'Nothing new on Iraq–US relations since the last digest.', allowed_mentions: { parse: [] } }],
    ['en', 'console', 'Nothing new on Iraq–US relations since the last digest.'],
  ] as const)('given %s on %s then it is one line in that language', (language, platform, expected) => {
    expect(quietDayPayload(language, topicNamesOf(sample.topics)(TOPIC), TOPIC, platform)).toEqual(expected);
  });

  it('given a topic without a name then its id stands in', () => {
    expect(quietDayPayload('en', undefined, 'mystery-topic', 'console')).toBe('Nothing new on mystery-topic since the last digest.');
  });
});

describe('StoreDigestComposer', () => {
  it('given the same group twice then the render is stored once and shared', async () => {
    const composer = new StoreDigestComposer(store, topicNamesOf(sample.topics));
    const first = await composer.compose(group(), new Date(WINDOW.windowTo));
    const again = await new StoreDigestComposer(store, topicNamesOf(sample.topics)).compose(group(), new Date(WINDOW.windowTo));
    const discord = await composer.compose(group({ platform: 'discord' }), new Date(WINDOW.windowTo));

    expect(first.articleCount).toBe(matchedPerTopic.get(TOPIC));
    expect(first.digest?.renderId).toBeDefined();
    expect(again.digest?.renderId).toBe(first.digest?.renderId);
    expect(discord.digest?.renderId).not.toBe(first.digest?.renderId);
    const render = await store.getRender(first.digest?.renderId as string);
    expect(render?.key).toBe(`${TOPIC}|${WINDOW.windowFrom}|${WINDOW.windowTo}|ar|telegram`);
    expect(render?.payloads).toHaveLength(first.digest?.messageCount as number);
  });

  it('given a window before anything was ingested then the digest is empty', async () => {
    const composer = new StoreDigestComposer(store, topicNamesOf(sample.topics));
    const empty = await composer.compose(group({ windowFrom: '2026-02-27T05:00:00.000Z', windowTo: '2026-02-28T05:00:00.000Z' }), new Date());

    expect(empty).toEqual({ articleCount: 0, digest: null });
  });

  it('given a quiet day then the one-line render is stored under its own key', async () => {
    const composer = new StoreDigestComposer(store, topicNamesOf(sample.topics));
    const quiet = await composer.composeQuietDay(group({ language: 'en', platform: 'console' }));

    const render = await store.getRender(quiet.renderId);
    expect(quiet.messageCount).toBe(1);
    expect(render?.key).toBe(`${TOPIC}|${WINDOW.windowFrom}|${WINDOW.windowTo}|en|console|quiet`);
    expect(render?.payloads).toEqual(['Nothing new on Iraq–US relations since the last digest.']);
  });
});
