/** Subscriptions: the schedule of each chat's digests. */
import type { ChatRef, NewSubscription, Platform, SubscriptionRecord } from '../records.ts';
import type { SqlContext } from './context.ts';
import { subscriptionRecord } from './rows.ts';

export async function upsertSubscription(ctx: SqlContext, sub: NewSubscription): Promise<SubscriptionRecord> {
  const now = ctx.now();
  const schedule = {
    local_time: sub.localTime,
    timezone: sub.timezone,
    frequency: sub.frequency,
    weekday: sub.weekday,
    language: sub.language,
    quiet_day_message: sub.quietDayMessage ? 1 : 0,
    next_due_at: sub.nextDueAt,
    created_by: sub.createdBy,
  };
  const row = await ctx.db
    .insertInto('subscriptions')
    .values({
      id: ctx.newId(),
      platform: sub.chat.platform,
      chat_id: sub.chat.chatId,
      target_id: sub.targetId,
      topic_id: sub.topicId,
      ...schedule,
      status: 'active',
      paused_reason: null,
      last_run_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['platform', 'chat_id', 'target_id', 'topic_id']).doUpdateSet({
        ...schedule,
        status: 'active',
        paused_reason: null,
        updated_at: now,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return subscriptionRecord(row);
}

export async function getSubscription(ctx: SqlContext, id: string): Promise<SubscriptionRecord | null> {
  const row = await ctx.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? subscriptionRecord(row) : null;
}

export async function listSubscriptions(ctx: SqlContext, chat: ChatRef): Promise<SubscriptionRecord[]> {
  const rows = await ctx.db
    .selectFrom('subscriptions')
    .selectAll()
    .where('platform', '=', chat.platform)
    .where('chat_id', '=', chat.chatId)
    .orderBy('topic_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(subscriptionRecord);
}

export async function deleteSubscription(ctx: SqlContext, chat: ChatRef, topicId: string): Promise<number> {
  const result = await ctx.db
    .deleteFrom('subscriptions')
    .where('platform', '=', chat.platform)
    .where('chat_id', '=', chat.chatId)
    .where('topic_id', '=', topicId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function pauseSubscription(ctx: SqlContext, id: string, reason: string): Promise<void> {
  await ctx.db
    .updateTable('subscriptions')
    .set({ status: 'paused', paused_reason: reason, updated_at: ctx.now() })
    .where('id', '=', id)
    .execute();
}

export async function pauseSubscriptionsForTarget(
  ctx: SqlContext,
  platform: Platform,
  targetId: string,
  reason: string,
): Promise<number> {
  const result = await ctx.db
    .updateTable('subscriptions')
    .set({ status: 'paused', paused_reason: reason, updated_at: ctx.now() })
    .where('platform', '=', platform)
    .where('target_id', '=', targetId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function resumeSubscription(ctx: SqlContext, id: string, nextDueAt: string): Promise<void> {
  await ctx.db
    .updateTable('subscriptions')
    .set({ status: 'active', paused_reason: null, next_due_at: nextDueAt, updated_at: ctx.now() })
    .where('id', '=', id)
    .execute();
}

export async function listDueSubscriptions(ctx: SqlContext, now: string, limit: number): Promise<SubscriptionRecord[]> {
  const sqliteRuns = ctx.sqliteRuns;
  if (sqliteRuns) {
    // Under Kysely's connection lock, like the run commits: no other statement interleaves.
    return ctx.db.connection().execute(async () => sqliteRuns().dueSubscriptions(now, Math.max(0, Math.floor(limit))));
  }
  const rows = await ctx.db
    .selectFrom('subscriptions')
    .selectAll()
    .where('status', '=', 'active')
    .where('next_due_at', '<=', now)
    .orderBy('next_due_at')
    .orderBy('id')
    .limit(Math.max(0, Math.floor(limit)))
    .execute();
  return rows.map(subscriptionRecord);
}

export async function countSubscriptions(ctx: SqlContext): Promise<number> {
  const row = await ctx.db.selectFrom('subscriptions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function advanceSubscription(ctx: SqlContext, id: string, nextDueAt: string, lastRunAt: string | null): Promise<void> {
  await ctx.db
    .updateTable('subscriptions')
    .set({ next_due_at: nextDueAt, last_run_at: lastRunAt, updated_at: ctx.now() })
    .where('id', '=', id)
    .execute();
}
