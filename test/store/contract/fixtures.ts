/** Records the contract tests build on: small, readable, with Arabic text stored byte for byte. */
import type { Article } from '../../../src/core/types.ts';
import type { ChatSettings, DigestRunCommit, NewSubscription, Platform } from '../../../src/store/records.ts';
import type { IngestArticle, Store } from '../../../src/store/store.ts';

export const T0 = '2026-11-28T08:00:00.000Z';
export const T1 = '2026-11-29T08:00:00.000Z';
export const T2 = '2026-11-30T08:00:00.000Z';

export function at(hoursAfterT0: number): string {
  return new Date(Date.parse(T0) + hoursAfterT0 * 3_600_000).toISOString();
}

export function arabicArticle(id: string, overrides: Partial<Article> = {}): Article {
  return {
    id,
    sourceId: 'al-madina',
    sourceName: 'المدينة',
    url: `https://example.org/news/${id}`,
    title: 'واشنطن وبغداد تبحثان\u200c التعاون الأمني',
    paragraphs: ['بحث وزير الخارجية العراقي مع نظيره الأميركي العلاقات الثنائية.', 'وأكد الجانبان أهمية الحوار ٢٠٢٦.'],
    language: 'ar',
    publishedAt: '2026-11-28T06:30:00.000Z',
    fetchedAt: '2026-11-28T07:00:00.000Z',
    origin: { feedUrl: 'https://example.org/rss', guid: `guid-${id}` },
    ...overrides,
  };
}

export function englishArticle(id: string, overrides: Partial<Article> = {}): Article {
  return {
    id,
    sourceId: 'wire',
    sourceName: 'Wire',
    title: `Iraq and the US discuss security (${id})`,
    paragraphs: ['Officials met in Baghdad.'],
    language: 'en',
    ...overrides,
  };
}

export function ingest(article: Article, topicId = 'iraq-us-relations', matched = true, storyId: string | null = null): IngestArticle {
  return {
    article,
    storyId,
    topics: [
      {
        articleId: article.id,
        topicId,
        score: matched ? 4.5 : 0.5,
        matched,
        terms: [{ term: 'واشنطن', group: 'us', count: 2, inTitle: true, score: 2.5 }],
      },
    ],
  };
}

export const defaultSettings: ChatSettings = {
  language: null,
  timezone: 'Asia/Baghdad',
  digestTargetId: null,
  quietHours: null,
};

export function newSubscription(overrides: Partial<NewSubscription> = {}): NewSubscription {
  return {
    chat: { platform: 'telegram', chatId: '-1001' },
    targetId: '-1001',
    topicId: 'iraq-us-relations',
    localTime: '08:00',
    timezone: 'Asia/Riyadh',
    frequency: 'daily',
    weekday: null,
    language: 'ar',
    quietDayMessage: false,
    nextDueAt: T0,
    createdBy: 'user-1',
    ...overrides,
  };
}

export async function renderFor(store: Store, key: string, platform: Platform = 'telegram', count = 2) {
  const payloads = Array.from({ length: count }, (_, i) => ({ text: `<b>موجز</b> part ${i + 1}`, parse_mode: 'HTML' }));
  return store.saveRender({ key, platform, payloads });
}

export function commitFor(
  sub: { id: string; targetId: string; nextDueAt: string; lastRunAt: string | null },
  renderId: string | null,
  overrides: Partial<DigestRunCommit> = {},
): DigestRunCommit {
  const next = new Date(Date.parse(sub.nextDueAt) + 86_400_000).toISOString();
  return {
    subscriptionId: sub.id,
    scheduledFor: sub.nextDueAt,
    windowFrom: sub.lastRunAt,
    windowTo: sub.nextDueAt,
    status: renderId === null ? 'empty' : 'queued',
    renderId,
    platform: 'telegram',
    targetId: sub.targetId,
    messageCount: renderId === null ? 0 : 2,
    nextDueAt: next,
    ...overrides,
  };
}
