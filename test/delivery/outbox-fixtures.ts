/** Real SQLite stores (in memory) with subscriptions and queued digest runs for sender tests. */
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import type { Platform, SubscriptionRecord } from '../../src/store/records.ts';
import type { Clock } from '../../src/scheduler/clock.ts';

export async function openTestStore(clock: Clock, path = ':memory:'): Promise<SqlStore> {
  return openSqliteStore({ path, clock });
}

export async function addSubscription(
  store: SqlStore,
  options: { platform: Platform; chatId: string; targetId?: string; topicId?: string; nextDueAt?: string },
): Promise<SubscriptionRecord> {
  return store.upsertSubscription({
    chat: { platform: options.platform, chatId: options.chatId },
    targetId: options.targetId ?? options.chatId,
    topicId: options.topicId ?? 'iraq-us-relations',
    localTime: '08:00',
    timezone: 'Asia/Baghdad',
    frequency: 'daily',
    weekday: null,
    language: 'ar',
    quietDayMessage: false,
    nextDueAt: options.nextDueAt ?? '2026-03-01T05:00:00.000Z',
    createdBy: null,
  });
}

/** Commits one digest run for the subscription with the given message bodies (a shared render). */
export async function queueRun(store: SqlStore, sub: SubscriptionRecord, payloads: unknown[], scheduledFor: string): Promise<void> {
  const render = await store.saveRender({ key: `${sub.topicId}|${sub.id}|${scheduledFor}`, platform: sub.chat.platform, payloads });
  await store.commitDigestRuns([
    {
      subscriptionId: sub.id,
      scheduledFor,
      windowFrom: null,
      windowTo: scheduledFor,
      status: 'queued',
      renderId: render.id,
      platform: sub.chat.platform,
      targetId: sub.targetId,
      messageCount: payloads.length,
      nextDueAt: new Date(new Date(scheduledFor).getTime() + 86_400_000).toISOString(),
    },
  ]);
}
