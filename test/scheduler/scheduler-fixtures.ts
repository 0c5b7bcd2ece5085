/**
 * Scheduler test fixtures: a real SQLite store, subscriptions created at a known instant, stored
 * articles, and a composer that counts how often each group is composed. The composer writes real
 * renders (one line per article) so runs, outbox messages and sharing are those of production.
 */
import type { Language } from '../../src/core/types.ts';
import { digestRenderKey, type ComposedDigest, type DigestComposer, type DigestGroup, type RenderRef } from '../../src/digest/digest-group.ts';
import type { Platform, SubscriptionRecord } from '../../src/store/records.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';

export const TOPIC = 'iraq-us-relations';

export class CountingComposer implements DigestComposer {
  readonly calls = new Map<string, number>();
  readonly quietCalls = new Map<string, number>();
  failFor: ((group: DigestGroup) => boolean) | null = null;

  constructor(private readonly store: SqlStore) {}

  async compose(group: DigestGroup): Promise<ComposedDigest> {
    const key = digestRenderKey(group);
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
    if (this.failFor?.(group)) throw new Error(`composition failed for ${key}`);
    const articles = await this.store.listArticles({ topicId: group.topicId, ingestedAfter: group.windowFrom, ingestedUntil: group.windowTo });
    if (articles.length === 0) return { articleCount: 0, digest: null };
    const payloads = articles.map((a) => ({ text: `[${group.language}] ${a.title}` }));
    const render = await this.store.saveRender({ key, platform: group.platform, payloads });
    return { articleCount: articles.length, digest: { renderId: render.id, messageCount: payloads.length } };
  }

  async composeQuietDay(group: DigestGroup): Promise<RenderRef> {
    const key = `${digestRenderKey(group)}|quiet`;
    this.quietCalls.set(key, (this.quietCalls.get(key) ?? 0) + 1);
    const render = await this.store.saveRender({ key, platform: group.platform, payloads: [{ text: 'quiet day' }] });
    return { renderId: render.id, messageCount: 1 };
  }
}

export interface SubscriberSpec {
  chatId: string;
  platform?: Platform;
  language?: Language;
  localTime?: string;
  timezone?: string;
  frequency?: 'daily' | 'weekly';
  weekday?: number | null;
  nextDueAt: string;
  quietDayMessage?: boolean;
  topicId?: string;
}

export function subscribe(store: SqlStore, spec: SubscriberSpec): Promise<SubscriptionRecord> {
  return store.upsertSubscription({
    chat: { platform: spec.platform ?? 'telegram', chatId: spec.chatId },
    targetId: spec.chatId,
    topicId: spec.topicId ?? TOPIC,
    localTime: spec.localTime ?? '08:00',
    timezone: spec.timezone ?? 'Asia/Baghdad',
    frequency: spec.frequency ?? 'daily',
    weekday: spec.weekday ?? null,
    language: spec.language ?? 'ar',
    quietDayMessage: spec.quietDayMessage ?? false,
    nextDueAt: spec.nextDueAt,
    createdBy: null,
  });
}

let articleSeq = 0;

/** Stores `count` articles matched to the topic, ingested at `ingestedAt`. */
export async function ingest(store: SqlStore, ingestedAt: string, count = 1, topicId = TOPIC): Promise<string[]> {
  const items = Array.from({ length: count }, () => {
    const n = ++articleSeq;
    return {
      article: {
        id: `article-${n}`,
        sourceId: 'seed',
        sourceName: 'Seed Outlet',
        title: `العراق والولايات المتحدة ${n}`,
        paragraphs: ['بحث وزير الخارجية العراقي مع نظيره الأمريكي العلاقات الثنائية.'],
        language: 'ar' as const,
        publishedAt: ingestedAt,
      },
      storyId: null,
      topics: [{ articleId: `article-${n}`, topicId, score: 5, matched: true, terms: [] }],
    };
  });
  const result = await store.saveArticles(items, ingestedAt);
  return result.inserted;
}
