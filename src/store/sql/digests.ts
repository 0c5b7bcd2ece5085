/** Shared renders and digest runs: the exactly-once identity of every scheduled digest. */
import { sql } from 'kysely';
import { StoreError } from '../errors.ts';
import type { DigestRenderRecord, DigestRunCommit, DigestRunRecord } from '../records.ts';
import type { DigestRunsTable, OutboxTable } from '../schema.ts';
import type { Insertable } from 'kysely';
import { chunked, type SqlContext } from './context.ts';
import { digestRunRecord, renderRecord } from './rows.ts';
import { chunksFor, inTransaction } from './transaction.ts';

export async function saveRender(
  ctx: SqlContext,
  render: Omit<DigestRenderRecord, 'id' | 'createdAt'>,
): Promise<DigestRenderRecord> {
  await ctx.db
    .insertInto('digest_renders')
    .values({
      id: ctx.newId(),
      key: render.key,
      platform: render.platform,
      payloads: JSON.stringify(render.payloads),
      payload_count: render.payloads.length,
      created_at: ctx.now(),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await ctx.db.selectFrom('digest_renders').selectAll().where('key', '=', render.key).executeTakeFirstOrThrow();
  return renderRecord(row);
}

export async function getRender(ctx: SqlContext, id: string): Promise<DigestRenderRecord | null> {
  const row = await ctx.db.selectFrom('digest_renders').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? renderRecord(row) : null;
}

export async function getDigestRun(ctx: SqlContext, subscriptionId: string, scheduledFor: string): Promise<DigestRunRecord | null> {
  const row = await ctx.db
    .selectFrom('digest_runs')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .where('scheduled_for', '=', scheduledFor)
    .executeTakeFirst();
  return row ? digestRunRecord(row) : null;
}

export async function listDigestRuns(ctx: SqlContext, subscriptionId: string): Promise<DigestRunRecord[]> {
  const rows = await ctx.db
    .selectFrom('digest_runs')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('scheduled_for')
    .execute();
  return rows.map(digestRunRecord);
}

/** Rejects a batch that could never be delivered before anything is written. */
async function validateCommits(ctx: SqlContext, commits: DigestRunCommit[]): Promise<void> {
  const renderIds = [...new Set(commits.flatMap((c) => (c.renderId === null ? [] : [c.renderId])))];
  const renders = new Map<string, { platform: string; count: number }>();
  for (const chunk of chunked(renderIds)) {
    const rows = await ctx.db
      .selectFrom('digest_renders')
      .select(['id', 'platform', 'payload_count'])
      .where('id', 'in', chunk)
      .execute();
    for (const row of rows) renders.set(row.id, { platform: row.platform, count: Number(row.payload_count) });
  }
  for (const commit of commits) {
    const where = { subscriptionId: commit.subscriptionId, scheduledFor: commit.scheduledFor };
    if (!Number.isInteger(commit.messageCount) || commit.messageCount < 0) {
      throw new StoreError('invalid', `messageCount must be a non-negative integer, got ${commit.messageCount}`, where);
    }
    if (commit.inlinePayloads !== undefined) {
      if (commit.inlinePayloads.length !== commit.messageCount) {
        throw new StoreError('invalid', `messageCount ${commit.messageCount} differs from ${commit.inlinePayloads.length} inline payloads`, where);
      }
      continue;
    }
    if (commit.messageCount === 0) continue;
    const render = commit.renderId === null ? undefined : renders.get(commit.renderId);
    if (!render) throw new StoreError('invalid', `render ${String(commit.renderId)} does not exist`, where);
    if (render.platform !== commit.platform) {
      throw new StoreError('invalid', `render ${commit.renderId} is for ${render.platform}, not ${commit.platform}`, where);
    }
    if (commit.messageCount > render.count) {
      throw new StoreError('invalid', `render ${commit.renderId} has ${render.count} payloads, ${commit.messageCount} asked`, where);
    }
  }
}

function outboxRows(commit: DigestRunCommit, runId: string, now: string): Insertable<OutboxTable>[] {
  const rows: Insertable<OutboxTable>[] = [];
  for (let seq = 0; seq < commit.messageCount; seq++) {
    const inline = commit.inlinePayloads;
    rows.push({
      run_id: runId,
      platform: commit.platform,
      target_id: commit.targetId,
      seq,
      render_id: inline ? null : commit.renderId,
      payload_index: inline ? null : seq,
      payload: inline ? JSON.stringify(inline[seq] ?? null) : null,
      status: 'pending',
      // Due from the scheduled instant (or the end of quiet hours), never from the store's own clock:
      // the sender's clock alone decides when "now" is.
      next_attempt_at: commit.notBefore ?? commit.scheduledFor,
      last_error: null,
      sent_at: null,
      created_at: now,
    });
  }
  return rows;
}

/**
 * Locks the batch's subscriptions. On PostgreSQL rows another worker is committing right now are
 * skipped (SKIP LOCKED) rather than waited for: that worker owns those runs. Subscriptions that do
 * not exist at all fail the batch, as on SQLite.
 */
async function claimSubscriptions(ctx: SqlContext, trx: SqlContext['db'], ids: string[]): Promise<Set<string>> {
  const claimed = new Set<string>();
  for (const chunk of chunked(ids)) {
    let q = trx.selectFrom('subscriptions').select('id').where('id', 'in', chunk);
    if (ctx.engine === 'postgres') q = q.forUpdate().skipLocked();
    for (const row of await q.execute()) claimed.add(row.id);
  }
  const unclaimed = ids.filter((id) => !claimed.has(id));
  if (unclaimed.length > 0) {
    const existing = new Set<string>();
    for (const chunk of chunked(unclaimed)) {
      const rows = await trx.selectFrom('subscriptions').select('id').where('id', 'in', chunk).execute();
      for (const row of rows) existing.add(row.id);
    }
    const missing = unclaimed.filter((id) => !existing.has(id));
    if (missing.length > 0) {
      throw new StoreError('not-found', `subscription ${missing[0]} does not exist`, { missing: missing.slice(0, 10) });
    }
  }
  return claimed;
}

export async function commitDigestRuns(
  ctx: SqlContext,
  commits: DigestRunCommit[],
): Promise<{ created: string[]; duplicates: number }> {
  if (commits.length === 0) return { created: [], duplicates: 0 };
  await validateCommits(ctx, commits);
  const sqliteRuns = ctx.sqliteRuns;
  if (sqliteRuns) {
    // Holding Kysely's connection lock keeps any other statement out of this transaction.
    return ctx.db.connection().execute(async () => sqliteRuns.commit(commits, ctx.now(), ctx.newId));
  }
  return inTransaction(ctx.db, ctx.engine, async (trx) => {
    const now = ctx.now();
    const claimed = await claimSubscriptions(ctx, trx, [...new Set(commits.map((c) => c.subscriptionId))]);
    const candidates = commits.filter((c) => claimed.has(c.subscriptionId));

    const runRows: DigestRunsTable[] = candidates.map((c) => ({
      id: ctx.newId(),
      subscription_id: c.subscriptionId,
      scheduled_for: c.scheduledFor,
      window_from: c.windowFrom,
      window_to: c.windowTo,
      status: c.status,
      render_id: c.renderId,
      message_count: c.messageCount,
      created_at: now,
    }));
    const created = new Set<string>();
    for (const chunk of chunksFor(runRows, 9)) {
      const rows = await trx
        .insertInto('digest_runs')
        .values(chunk)
        .onConflict((oc) => oc.columns(['subscription_id', 'scheduled_for']).doNothing())
        .returning('id')
        .execute();
      for (const row of rows) created.add(row.id);
    }

    const messages: Insertable<OutboxTable>[] = [];
    candidates.forEach((commit, i) => {
      const run = runRows[i];
      if (run && created.has(run.id)) messages.push(...outboxRows(commit, run.id, now));
    });
    for (const chunk of chunksFor(messages, 11)) {
      await trx.insertInto('outbox').values(chunk).execute();
    }

    // Advance each subscription once, to the latest scheduled instant in the batch. Duplicates advance
    // too (monotonically), so a subscription whose run already exists can never stay due forever.
    const latest = new Map<string, DigestRunCommit>();
    for (const c of candidates) {
      const seen = latest.get(c.subscriptionId);
      if (!seen || seen.scheduledFor < c.scheduledFor) latest.set(c.subscriptionId, c);
    }
    for (const chunk of chunksFor([...latest.values()], 3)) {
      const values = sql.join(chunk.map((c) => sql`(${c.subscriptionId}, ${c.nextDueAt}, ${c.scheduledFor})`));
      await sql`
        with v(id, next_due_at, scheduled_for) as (values ${values})
        update subscriptions
        set next_due_at = case when subscriptions.next_due_at <= v.scheduled_for then v.next_due_at else subscriptions.next_due_at end,
            last_run_at = case when subscriptions.last_run_at is null or subscriptions.last_run_at < v.scheduled_for
                               then v.scheduled_for else subscriptions.last_run_at end,
            updated_at = ${now}
        from v
        where subscriptions.id = v.id`.execute(trx);
    }

    const createdIds = runRows.filter((r) => created.has(r.id)).map((r) => r.id);
    return { created: createdIds, duplicates: commits.length - createdIds.length };
  });
}
