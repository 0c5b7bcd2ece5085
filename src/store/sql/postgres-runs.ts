/**
 * PostgreSQL's path for `commitDigestRuns`, safe with several workers committing at once:
 *  1. the batch's subscriptions are locked FOR UPDATE SKIP LOCKED: rows another worker is committing
 *     right now are left to it (reported as duplicates) instead of waited for, so workers never block
 *     or deadlock on each other;
 *  2. runs are inserted with ON CONFLICT (subscription_id, scheduled_for) DO NOTHING: the run
 *     identity, not the lock, is what guarantees a digest is enqueued once;
 *  3. outbox messages are inserted only for the runs this transaction created.
 * Rows travel as one array per column through unnest(): a single small statement per step instead
 * of tens of thousands of bound parameters.
 */
import { sql } from 'kysely';
import { StoreError } from '../errors.ts';
import type { DigestRunCommit } from '../records.ts';
import { chunked, type SqlContext } from './context.ts';
import { inTransaction } from './transaction.ts';

async function lockSubscriptions(trx: SqlContext['db'], ids: string[]): Promise<Set<string>> {
  const locked = await sql<{ id: string }>`
    select id from subscriptions where id = any(${ids}::text[]) order by id for update skip locked`.execute(trx);
  const claimed = new Set(locked.rows.map((r) => r.id));
  const unclaimed = ids.filter((id) => !claimed.has(id));
  if (unclaimed.length > 0) {
    // Locked by another worker, or not there at all: only the second is an error.
    const existing = await sql<{ id: string }>`select id from subscriptions where id = any(${unclaimed}::text[])`.execute(trx);
    const found = new Set(existing.rows.map((r) => r.id));
    const missing = unclaimed.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new StoreError('not-found', `subscription ${missing[0]} does not exist`, { missing: missing.slice(0, 10) });
    }
  }
  return claimed;
}

export async function commitPostgresRuns(
  ctx: SqlContext,
  commits: DigestRunCommit[],
): Promise<{ created: string[]; duplicates: number }> {
  return inTransaction(ctx.db, ctx.engine, async (trx) => {
    const now = ctx.now();
    const claimed = await lockSubscriptions(trx, [...new Set(commits.map((c) => c.subscriptionId))].sort());
    const candidates = commits.filter((c) => claimed.has(c.subscriptionId));
    // A run's id comes from the database; the identity (subscription, instant) links it to its commit.
    const identity = (subscriptionId: string, scheduledFor: string): string => `${subscriptionId}\u0000${scheduledFor}`;
    const createdByIdentity = new Map<string, string>();
    for (const part of chunked(candidates, 20_000)) {
      const inserted = await sql<{ id: string; subscription_id: string; scheduled_for: string }>`
        insert into digest_runs (subscription_id, scheduled_for, window_from, window_to, status, render_id, message_count, created_at)
        select subscription_id, scheduled_for, window_from, window_to, status, render_id, message_count, ${now}::text
        from unnest(
          ${part.map((c) => c.subscriptionId)}::text[], ${part.map((c) => c.scheduledFor)}::text[],
          ${part.map((c) => c.windowFrom)}::text[], ${part.map((c) => c.windowTo)}::text[],
          ${part.map((c) => c.status)}::text[], ${part.map((c) => c.renderId)}::text[], ${part.map((c) => c.messageCount)}::int[]
        ) as r(subscription_id, scheduled_for, window_from, window_to, status, render_id, message_count)
        on conflict (subscription_id, scheduled_for) do nothing
        returning id, subscription_id, scheduled_for`.execute(trx);
      for (const row of inserted.rows) createdByIdentity.set(identity(row.subscription_id, row.scheduled_for), String(row.id));
    }
    // The same identity twice in one batch: the first commit owns the run, the second is a duplicate.
    const runIds = candidates.map((c) => {
      const key = identity(c.subscriptionId, c.scheduledFor);
      const id = createdByIdentity.get(key);
      createdByIdentity.delete(key);
      return id;
    });

    const messages = { runId: [] as string[], platform: [] as string[], targetId: [] as string[], seq: [] as number[] };
    const bodies = { renderId: [] as Array<string | null>, index: [] as Array<number | null>, payload: [] as Array<string | null> };
    const due: string[] = [];
    candidates.forEach((c, i) => {
      const runId = runIds[i];
      if (runId === undefined) return;
      for (let seq = 0; seq < c.messageCount; seq++) {
        const inline = c.inlinePayloads;
        messages.runId.push(runId);
        messages.platform.push(c.platform);
        messages.targetId.push(c.targetId);
        messages.seq.push(seq);
        bodies.renderId.push(inline ? null : c.renderId);
        bodies.index.push(inline ? null : seq);
        bodies.payload.push(inline ? JSON.stringify(inline[seq] ?? null) : null);
        // Due from the scheduled instant (or the end of quiet hours), never from the store's clock.
        due.push(c.notBefore ?? c.scheduledFor);
      }
    });
    if (messages.runId.length > 0) {
      await sql`
        insert into outbox (run_id, platform, target_id, seq, render_id, payload_index, payload, status, next_attempt_at, created_at)
        select run_id, platform, target_id, seq, render_id, payload_index, payload, 'pending', next_attempt_at, ${now}::text
        from unnest(
          ${messages.runId}::bigint[], ${messages.platform}::text[], ${messages.targetId}::text[], ${messages.seq}::int[],
          ${bodies.renderId}::text[], ${bodies.index}::int[], ${bodies.payload}::text[], ${due}::text[]
        ) as m(run_id, platform, target_id, seq, render_id, payload_index, payload, next_attempt_at)`.execute(trx);
    }

    // Each subscription advances once, to the latest instant in the batch, and only forwards: a
    // duplicate still advances one left due at that instant, and never moves one back.
    const latest = new Map<string, DigestRunCommit>();
    for (const c of candidates) {
      const seen = latest.get(c.subscriptionId);
      if (!seen || seen.scheduledFor < c.scheduledFor) latest.set(c.subscriptionId, c);
    }
    const advance = [...latest.values()];
    if (advance.length > 0) {
      await sql`
        update subscriptions s
        set next_due_at = case when s.next_due_at <= v.scheduled_for then v.next_due_at else s.next_due_at end,
            last_run_at = case when s.last_run_at is null or s.last_run_at < v.scheduled_for then v.scheduled_for else s.last_run_at end,
            updated_at = ${now}
        from unnest(${advance.map((c) => c.subscriptionId)}::text[], ${advance.map((c) => c.nextDueAt)}::text[],
                    ${advance.map((c) => c.scheduledFor)}::text[]) as v(id, next_due_at, scheduled_for)
        where s.id = v.id`.execute(trx);
    }

    const createdIds = runIds.filter((id) => id !== undefined);
    return { created: createdIds, duplicates: commits.length - createdIds.length };
  });
}
