/** The persistent outbox the sender drains. */
import type { OutboxDelivery, OutboxMessage, Platform, PrunedHistory } from '../records.ts';
import { sql } from 'kysely';
import type { SqlContext } from './context.ts';
import { chunked } from './context.ts';
import { outboxMessage } from './rows.ts';
import { inTransaction } from './transaction.ts';

/**
 * Parsed render payloads by render id. Renders never change once written, so the sender's repeated
 * `nextDeliveries` calls parse each shared render once instead of once per message.
 */
export class RenderPayloadCache {
  readonly #entries = new Map<string, unknown[]>();
  constructor(private readonly capacity = 512) {}

  get(id: string): unknown[] | undefined {
    const payloads = this.#entries.get(id);
    if (payloads) {
      this.#entries.delete(id);
      this.#entries.set(id, payloads);
    }
    return payloads;
  }

  set(id: string, payloads: unknown[]): void {
    this.#entries.set(id, payloads);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }
}

/**
 * `status = 'pending'` written as a literal, not a bound parameter: only then do SQLite (always) and
 * PostgreSQL (for generic plans) use the partial indexes that hold pending messages only.
 */
export const PENDING = sql.lit('pending');

export async function enqueueMessages(
  ctx: SqlContext,
  messages: Array<Pick<OutboxMessage, 'platform' | 'targetId' | 'payload'>>,
  now: string,
): Promise<string[]> {
  if (messages.length === 0) return [];
  return inTransaction(ctx.db, ctx.engine, async (trx) => {
    const ids: string[] = [];
    for (const chunk of chunked(messages, 2_500)) {
      const rows = await trx
        .insertInto('outbox')
        .values(
          chunk.map((m) => ({
            run_id: null,
            platform: m.platform,
            target_id: m.targetId,
            seq: 0,
            render_id: null,
            payload_index: null,
            payload: JSON.stringify(m.payload ?? null),
            status: 'pending',
            next_attempt_at: now,
            last_error: null,
            sent_at: null,
            created_at: now,
          })),
        )
        .returning('id')
        .execute();
      ids.push(...rows.map((r) => String(r.id)));
    }
    return ids;
  });
}

export async function nextDeliveries(
  ctx: SqlContext,
  cache: RenderPayloadCache,
  platform: Platform,
  now: string,
  limit: number,
): Promise<OutboxDelivery[]> {
  const rows = await ctx.db
    .selectFrom('outbox as o')
    .leftJoin('digest_runs as r', 'r.id', 'o.run_id')
    .selectAll('o')
    .select('r.subscription_id')
    .where('o.status', '=', PENDING)
    .where('o.platform', '=', platform)
    .where('o.next_attempt_at', '<=', now)
    .where((eb) =>
      eb.or([
        eb('o.run_id', 'is', null),
        // Only a run's lowest pending message, even when a later one is due: order within a run holds.
        eb.not(
          eb.exists(
            eb
              .selectFrom('outbox as p')
              .select('p.id')
              .whereRef('p.run_id', '=', 'o.run_id')
              .where('p.status', '=', PENDING)
              .whereRef('p.seq', '<', 'o.seq'),
          ),
        ),
      ]),
    )
    .orderBy('o.next_attempt_at')
    .orderBy('o.id')
    .limit(Math.max(0, Math.floor(limit)))
    .execute();

  const missing = [...new Set(rows.flatMap((r) => (r.render_id !== null && !cache.get(r.render_id) ? [r.render_id] : [])))];
  for (const chunk of chunked(missing)) {
    const renders = await ctx.db.selectFrom('digest_renders').select(['id', 'payloads']).where('id', 'in', chunk).execute();
    for (const render of renders) cache.set(render.id, JSON.parse(render.payloads) as unknown[]);
  }

  return rows.map((row) => {
    const { subscription_id: subscriptionId, ...outboxRow } = row;
    const message = outboxMessage(outboxRow);
    const body =
      message.renderId !== null && message.payloadIndex !== null
        ? cache.get(message.renderId)?.[message.payloadIndex]
        : message.payload;
    return { ...message, body, subscriptionId: subscriptionId ?? null };
  });
}

export async function markSent(ctx: SqlContext, id: string, sentAt: string): Promise<void> {
  if (!isOutboxId(id)) return;
  await ctx.db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sent', sent_at: sentAt, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function markRetry(ctx: SqlContext, id: string, nextAttemptAt: string, error: string): Promise<void> {
  if (!isOutboxId(id)) return;
  await ctx.db
    .updateTable('outbox')
    .set((eb) => ({ next_attempt_at: nextAttemptAt, last_error: error, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Returns how many messages were given up: this one plus, with `dropTarget`, its target's other pending ones. */
export async function markFailed(ctx: SqlContext, id: string, error: string, options: { dropTarget?: boolean } = {}): Promise<number> {
  if (!isOutboxId(id)) return 0;
  return inTransaction(ctx.db, ctx.engine, async (trx) => {
    const row = await trx
      .updateTable('outbox')
      .set((eb) => ({ status: 'failed', last_error: error, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .returning(['platform', 'target_id'])
      .executeTakeFirst();
    if (!row) return 0;
    if (!options.dropTarget) return 1;
    const dropped = await trx
      .updateTable('outbox')
      .set({ status: 'failed', last_error: `dropped with the target: ${error}` })
      .where('platform', '=', row.platform)
      .where('target_id', '=', row.target_id)
      .where('status', '=', PENDING)
      .executeTakeFirst();
    return 1 + Number(dropped.numUpdatedRows);
  });
}

/**
 * Forgets delivery history older than `before`: digest runs scheduled before it with nothing left
 * pending (their messages go with them), sent or failed one-off messages created before it, and
 * renders nothing refers to any more. A run's identity only guards its own instant, which the
 * subscription left behind long ago, so removing it cannot make a digest go out twice.
 */
export async function pruneDeliveryHistory(ctx: SqlContext, before: string): Promise<PrunedHistory> {
  return inTransaction(ctx.db, ctx.engine, async (trx) => {
    const runs = await trx
      .deleteFrom('digest_runs')
      .where('scheduled_for', '<', before)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('outbox').select(sql.lit(1).as('one')).whereRef('outbox.run_id', '=', 'digest_runs.id').where('outbox.status', '=', PENDING))),
      )
      .executeTakeFirst();
    const messages = await trx.deleteFrom('outbox').where('run_id', 'is', null).where('status', 'in', [sql.lit('sent'), sql.lit('failed')]).where('created_at', '<', before).executeTakeFirst();
    // One pass over each referring table rather than a probe per render: outbox.render_id has no index.
    const renders = await trx
      .deleteFrom('digest_renders')
      .where('created_at', '<', before)
      .where('id', 'not in', (eb) => eb.selectFrom('outbox').select('render_id').where('render_id', 'is not', null).$narrowType<{ render_id: string }>())
      .where('id', 'not in', (eb) => eb.selectFrom('digest_runs').select('render_id').where('render_id', 'is not', null).$narrowType<{ render_id: string }>())
      .executeTakeFirst();
    return { runs: Number(runs.numDeletedRows), messages: Number(messages.numDeletedRows), renders: Number(renders.numDeletedRows) };
  });
}

export async function countOutbox(ctx: SqlContext, status?: OutboxMessage['status']): Promise<number> {
  let q = ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n'));
  if (status !== undefined) q = q.where('status', '=', sql.lit(status));
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Outbox ids are integers; anything else names no message (and would be a type error on PostgreSQL). */
function isOutboxId(id: string): boolean {
  return /^\d{1,18}$/.test(id);
}
