/** Live sources, the items seen from each, and breaking-alert bookkeeping. */
import type { Language } from '../../core/types.ts';
import type { AlertSettings, NewSource, SourceKind, SourceRecord, SourceState, SourceStatus } from '../source-records.ts';
import type { SourcesTable } from '../schema.ts';
import { chunked, type SqlContext } from './context.ts';

function sourceRecord(row: SourcesTable): SourceRecord {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    kind: row.kind as SourceKind,
    language: row.language as Language,
    pollMinutes: row.poll_minutes,
    topics: JSON.parse(row.topics) as string[],
    status: row.status as SourceStatus,
    pausedReason: row.paused_reason,
    etag: row.etag,
    lastModified: row.last_modified,
    failures: row.failures,
    lastError: row.last_error,
    failureNotified: row.failure_notified === 1,
    nextPollAt: row.next_poll_at,
    lastPolledAt: row.last_polled_at,
    addedBy: row.added_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Creates the source, or updates its definition (name, address, interval…) keeping its polling state. */
export async function upsertSource(ctx: SqlContext, source: NewSource): Promise<SourceRecord> {
  const now = ctx.now();
  const definition = {
    name: source.name,
    url: source.url,
    kind: source.kind,
    language: source.language,
    poll_minutes: source.pollMinutes,
    topics: JSON.stringify(source.topics),
  };
  const row = await ctx.db
    .insertInto('sources')
    .values({
      id: source.id,
      ...definition,
      status: 'active',
      paused_reason: null,
      etag: null,
      last_modified: null,
      failures: 0,
      last_error: null,
      failure_notified: 0,
      next_poll_at: source.nextPollAt ?? now,
      last_polled_at: null,
      added_by: source.addedBy,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...definition, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return sourceRecord(row);
}

export async function getSource(ctx: SqlContext, id: string): Promise<SourceRecord | null> {
  const row = await ctx.db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? sourceRecord(row) : null;
}

export async function listSources(ctx: SqlContext): Promise<SourceRecord[]> {
  const rows = await ctx.db.selectFrom('sources').selectAll().orderBy('id').execute();
  return rows.map(sourceRecord);
}

export async function deleteSource(ctx: SqlContext, id: string): Promise<boolean> {
  await ctx.db.deleteFrom('source_items').where('source_id', '=', id).execute();
  const result = await ctx.db.deleteFrom('sources').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function updateSourceState(ctx: SqlContext, id: string, patch: Partial<SourceState>): Promise<SourceRecord | null> {
  const set: Partial<SourcesTable> = { updated_at: ctx.now() };
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.pausedReason !== undefined) set.paused_reason = patch.pausedReason;
  if (patch.etag !== undefined) set.etag = patch.etag;
  if (patch.lastModified !== undefined) set.last_modified = patch.lastModified;
  if (patch.failures !== undefined) set.failures = patch.failures;
  if (patch.lastError !== undefined) set.last_error = patch.lastError;
  if (patch.failureNotified !== undefined) set.failure_notified = patch.failureNotified ? 1 : 0;
  if (patch.nextPollAt !== undefined) set.next_poll_at = patch.nextPollAt;
  if (patch.lastPolledAt !== undefined) set.last_polled_at = patch.lastPolledAt;
  const row = await ctx.db.updateTable('sources').set(set).where('id', '=', id).returningAll().executeTakeFirst();
  return row ? sourceRecord(row) : null;
}

export async function listDueSources(ctx: SqlContext, now: string, limit: number): Promise<SourceRecord[]> {
  const rows = await ctx.db
    .selectFrom('sources')
    .selectAll()
    .where('status', '=', 'active')
    .where('next_poll_at', '<=', now)
    .orderBy('next_poll_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(sourceRecord);
}

/** Records item keys as seen; returns those not seen before, in the order given. */
export async function markItemsSeen(ctx: SqlContext, sourceId: string, keys: readonly string[], seenAt: string): Promise<string[]> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return [];
  const known = new Set<string>();
  for (const chunk of chunked(unique, 500)) {
    const rows = await ctx.db.selectFrom('source_items').select('item_key').where('source_id', '=', sourceId).where('item_key', 'in', chunk).execute();
    for (const row of rows) known.add(row.item_key);
  }
  const fresh = unique.filter((key) => !known.has(key));
  for (const chunk of chunked(fresh, 500)) {
    await ctx.db
      .insertInto('source_items')
      .values(chunk.map((key) => ({ source_id: sourceId, item_key: key, seen_at: seenAt })))
      .onConflict((oc) => oc.columns(['source_id', 'item_key']).doNothing())
      .execute();
  }
  return fresh;
}

export async function forgetItems(ctx: SqlContext, sourceId: string, keys: readonly string[]): Promise<void> {
  for (const chunk of chunked([...new Set(keys)], 500)) {
    await ctx.db.deleteFrom('source_items').where('source_id', '=', sourceId).where('item_key', 'in', chunk).execute();
  }
}

export async function setAlertSettings(ctx: SqlContext, subscriptionId: string, settings: Omit<AlertSettings, 'subscriptionId'> | null): Promise<void> {
  if (settings === null) {
    await ctx.db.deleteFrom('subscription_alerts').where('subscription_id', '=', subscriptionId).execute();
    return;
  }
  await ctx.db
    .insertInto('subscription_alerts')
    .values({ subscription_id: subscriptionId, threshold: settings.threshold, per_hour: settings.perHour })
    .onConflict((oc) => oc.column('subscription_id').doUpdateSet({ threshold: settings.threshold, per_hour: settings.perHour }))
    .execute();
}

export async function listAlertSettings(ctx: SqlContext, subscriptionIds?: readonly string[]): Promise<AlertSettings[]> {
  let query = ctx.db.selectFrom('subscription_alerts').selectAll();
  if (subscriptionIds) {
    if (subscriptionIds.length === 0) return [];
    query = query.where('subscription_id', 'in', [...subscriptionIds]);
  }
  const rows = await query.orderBy('subscription_id').execute();
  return rows.map((row) => ({ subscriptionId: row.subscription_id, threshold: Number(row.threshold), perHour: row.per_hour }));
}

/** Records an alert for a story; false when this subscription was already alerted about it. */
export async function recordAlert(ctx: SqlContext, subscriptionId: string, storyId: string, sentAt: string): Promise<boolean> {
  const result = await ctx.db
    .insertInto('alerts_sent')
    .values({ subscription_id: subscriptionId, story_id: storyId, sent_at: sentAt })
    .onConflict((oc) => oc.columns(['subscription_id', 'story_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function countAlertsSince(ctx: SqlContext, subscriptionId: string, since: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('alerts_sent')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('subscription_id', '=', subscriptionId)
    .where('sent_at', '>', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
