/** Shared renders and digest runs: the exactly-once identity of every scheduled digest. */
import { StoreError } from '../errors.ts';
import type { DigestRenderRecord, DigestRunCommit, DigestRunRecord } from '../records.ts';
import { chunked, type SqlContext } from './context.ts';
import { digestRunRecord, renderRecord } from './rows.ts';
import { commitPostgresRuns } from './postgres-runs.ts';

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

export async function commitDigestRuns(
  ctx: SqlContext,
  commits: DigestRunCommit[],
): Promise<{ created: string[]; duplicates: number }> {
  if (commits.length === 0) return { created: [], duplicates: 0 };
  await validateCommits(ctx, commits);
  const sqliteRuns = ctx.sqliteRuns;
  if (sqliteRuns) {
    // Holding Kysely's connection lock keeps any other statement out of this transaction.
    return ctx.db.connection().execute(async () => sqliteRuns().commit(commits, ctx.now()));
  }
  return commitPostgresRuns(ctx, commits);
}
