import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/types.ts';
import { silentLogger } from '../../src/logger.ts';
import { sendBreakingAlerts } from '../../src/sources/alerts.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/store.ts';

const NOW = new Date('2026-12-01T09:00:00.000Z');
const clock = { now: () => NOW };

function article(id: string, title: string): Article {
  return { id, sourceId: 'al-madina', sourceName: 'Al-Madina', sourceNames: { ar: 'المدينة' }, url: `https://al-madina.example/${id}`, title, paragraphs: ['نص.'], language: 'ar', publishedAt: NOW.toISOString() };
}

describe('breaking alerts', () => {
  let store: Store;
  let subscriptionId: string;
  const woken: string[] = [];

  beforeEach(async () => {
    woken.length = 0;
    store = await openStore({ kind: 'sqlite', path: ':memory:', clock });
    const sub = await store.upsertSubscription({
      chat: { platform: 'telegram', chatId: '-100' },
      targetId: '-100',
      topicId: 'iraq-us-relations',
      localTime: '08:00',
      timezone: 'Asia/Baghdad',
      frequency: 'daily',
      weekday: null,
      language: 'ar',
      quietDayMessage: false,
      nextDueAt: '2026-12-02T05:00:00.000Z',
      createdBy: '7',
    });
    subscriptionId = sub.id;
    await store.setAlertSettings(sub.id, { threshold: 8, perHour: 2 });
  });
  afterEach(async () => {
    await store.close();
  });

  async function save(items: Array<{ id: string; score: number; story?: string; matched?: boolean }>): Promise<string[]> {
    const result = await store.saveArticles(
      items.map((item) => ({
        article: article(item.id, `عنوان ${item.id}`),
        storyId: item.story ?? null,
        topics: [{ articleId: item.id, topicId: 'iraq-us-relations', score: item.score, matched: item.matched ?? true, terms: [] }],
      })),
      NOW.toISOString(),
    );
    return result.inserted;
  }

  const deps = () => ({ store, clock, logger: silentLogger(), topicNames: () => ({ ar: 'العلاقات العراقية الأمريكية', en: 'Iraq–US relations' }), onEnqueued: (p: string[]) => void woken.push(...p) });

  it('alerts about strong new matches only, once per story, capped per hour, through the outbox', async () => {
    const ids = await save([
      { id: 'weak', score: 5 },
      { id: 'unmatched', score: 20, matched: false },
      { id: 'strong-1', score: 12 },
      { id: 'strong-1-again', score: 11 },
    ]);
    expect(await sendBreakingAlerts(deps(), ids)).toBe(2);
    expect(await store.countOutbox('pending')).toBe(2);
    expect(woken).toEqual(['telegram']);
    const [first] = await store.nextDeliveries('telegram', NOW.toISOString(), 10);
    expect(first?.body).toEqual({ text: 'عاجل — العلاقات العراقية الأمريكية: عنوان strong-1 (Al-Madina)\nhttps://al-madina.example/strong-1' });

    const more = await save([{ id: 'strong-2', score: 15 }]);
    expect(await sendBreakingAlerts(deps(), more)).toBe(0);
    expect(await store.countOutbox('pending')).toBe(2);
  });

  it('does not alert twice about one story, nor a paused subscription', async () => {
    const ids = await save([{ id: 'a', score: 12, story: 's1' }]);
    expect(await sendBreakingAlerts(deps(), ids)).toBe(1);
    const sameStory = await save([{ id: 'b', score: 13, story: 's1' }]);
    expect(await sendBreakingAlerts(deps(), sameStory)).toBe(0);
    await store.pauseSubscription(subscriptionId, 'blocked');
    expect(await sendBreakingAlerts(deps(), await save([{ id: 'c', score: 14 }]))).toBe(0);
  });
});
