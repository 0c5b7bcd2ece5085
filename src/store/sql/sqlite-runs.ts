/**
 * SQLite's path for `commitDigestRuns`, inside one better-sqlite3 transaction. A batch is written
 * set-wise: the whole batch goes in as one JSON parameter and each step (existence check, run
 * insert, outbox insert, subscription advance) is one statement over `json_each`, so SQLite does
 * the per-row work without a JavaScript round trip per row. A batch that names one subscription
 * twice is written row by row instead, because the monotonic advance must then apply in order.
 * The tick's read of due subscriptions is prepared here too. Callers run both while holding
 * Kysely's connection lock.
 */
import type Database from 'better-sqlite3';
import { StoreError } from '../errors.ts';
import type { Language } from '../../core/types.ts';
import type { DigestRunCommit, Frequency, Platform, SubscriptionRecord, SubscriptionStatus } from '../records.ts';

// Run fields by position in each JSON row (keeps the parameter compact).
const RUN_SQL = `insert into digest_runs (subscription_id, scheduled_for, window_from, window_to, status, render_id, message_count, created_at)
  select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, ? from json_each(?) where true
  on conflict (subscription_id, scheduled_for) do nothing
  returning id, subscription_id, scheduled_for`;

const MESSAGE_SQL = `insert into outbox (run_id, platform, target_id, seq, render_id, payload_index, payload, status, next_attempt_at, created_at)
  select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, 'pending', value ->> 7, ? from json_each(?)`;

// Monotonic: never moves a subscription back, so duplicates and out-of-order commits are harmless.
const ADVANCE_SQL = `update subscriptions
  set next_due_at = case when subscriptions.next_due_at <= due.at then due.next else subscriptions.next_due_at end,
      last_run_at = case when subscriptions.last_run_at is null or subscriptions.last_run_at < due.at then due.at else subscriptions.last_run_at end,
      updated_at = ?
  from (select value ->> 0 as id, value ->> 1 as at, value ->> 2 as next from json_each(?)) as due
  where subscriptions.id = due.id`;

const FIRST_MISSING_SQL = `select value from json_each(?) as wanted
  where not exists (select 1 from subscriptions where subscriptions.id = wanted.value)
  order by wanted.key limit 1`;

// Positional rows (no per-row column-name object): the tick reads a hundred thousand at once.
const DUE_SQL = `select id, platform, chat_id, target_id, topic_id, local_time, timezone, frequency, weekday, language,
    quiet_day_message, status, paused_reason, next_due_at, last_run_at, created_by, created_at, updated_at
  from subscriptions where status = 'active' and next_due_at <= ? order by next_due_at, id limit ?`;

type DueRow = [string, string, string, string, string, string, string, string, number | null, string, number, string, string | null, string, string | null, string | null, string, string];

function dueRecord(r: DueRow): SubscriptionRecord {
  return {
    id: r[0],
    chat: { platform: r[1] as Platform, chatId: r[2] },
    targetId: r[3],
    topicId: r[4],
    localTime: r[5],
    timezone: r[6],
    frequency: r[7] as Frequency,
    weekday: r[8] === null ? null : Number(r[8]),
    language: r[9] as Language,
    quietDayMessage: Number(r[10]) === 1,
    status: r[11] as SubscriptionStatus,
    pausedReason: r[12],
    nextDueAt: r[13],
    lastRunAt: r[14],
    createdBy: r[15],
    createdAt: r[16],
    updatedAt: r[17],
  };
}

interface CreatedRun {
  id: number | bigint;
  subscription_id: string;
  scheduled_for: string;
}

export class SqliteRunWriter {
  readonly #db: Database.Database;
  readonly #firstMissing: Database.Statement<[string], string>;
  readonly #insertRuns: Database.Statement<[string, string], CreatedRun>;
  readonly #insertMessages: Database.Statement<[string, string]>;
  readonly #advanceAll: Database.Statement<[string, string]>;
  readonly #subscriptionExists: Database.Statement<[string], number>;
  readonly #due: Database.Statement<[string, number], DueRow>;
  readonly #insertRun: Database.Statement<unknown[]>;
  readonly #insertMessage: Database.Statement<unknown[]>;
  readonly #advance: Database.Statement<unknown[]>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#firstMissing = db.prepare<[string], string>(FIRST_MISSING_SQL).pluck();
    this.#insertRuns = db.prepare<[string, string], CreatedRun>(RUN_SQL);
    this.#insertMessages = db.prepare<[string, string]>(MESSAGE_SQL);
    this.#advanceAll = db.prepare<[string, string]>(ADVANCE_SQL);
    this.#subscriptionExists = db.prepare<[string], number>('select 1 from subscriptions where id = ?').pluck();
    this.#due = db.prepare<[string, number], DueRow>(DUE_SQL).raw();
    this.#insertRun = db.prepare(
      `insert into digest_runs (subscription_id, scheduled_for, window_from, window_to, status, render_id, message_count, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (subscription_id, scheduled_for) do nothing`,
    );
    this.#insertMessage = db.prepare(
      `insert into outbox (run_id, platform, target_id, seq, render_id, payload_index, payload, status, next_attempt_at, created_at)
       values (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
    );
    this.#advance = db.prepare(
      `update subscriptions
       set next_due_at = case when next_due_at <= ? then ? else next_due_at end,
           last_run_at = case when last_run_at is null or last_run_at < ? then ? else last_run_at end,
           updated_at = ?
       where id = ?`,
    );
  }

  /** Active subscriptions due at `now`, earliest first: the same rows as the shared query layer's. */
  dueSubscriptions(now: string, limit: number): SubscriptionRecord[] {
    return this.#due.all(now, limit).map(dueRecord);
  }

  commit(commits: DigestRunCommit[], now: string): { created: string[]; duplicates: number } {
    const distinct = new Set(commits.map((c) => c.subscriptionId)).size === commits.length;
    const run = this.#db.transaction(() => (distinct ? this.#commitSet(commits, now) : this.#commitRows(commits, now)));
    return run.immediate();
  }

  #commitSet(commits: DigestRunCommit[], now: string): { created: string[]; duplicates: number } {
    const missing = this.#firstMissing.get(JSON.stringify(commits.map((c) => c.subscriptionId)));
    if (missing !== undefined) throw new StoreError('not-found', `subscription ${missing} does not exist`, { missing: [missing] });

    const runRows = commits.map((c) => [c.subscriptionId, c.scheduledFor, c.windowFrom, c.windowTo, c.status, c.renderId, c.messageCount]);
    const inserted = this.#insertRuns.all(now, JSON.stringify(runRows));
    // RETURNING order is unspecified; ids grow with insertion order, which is the batch's order.
    inserted.sort((a, b) => Number(a.id) - Number(b.id));
    const created: string[] = [];
    if (inserted.length > 0) {
      const bySubscription = new Map<string, DigestRunCommit>();
      for (const c of commits) bySubscription.set(c.subscriptionId, c);
      const messageRows: unknown[][] = [];
      for (const row of inserted) {
        created.push(String(row.id));
        const c = bySubscription.get(row.subscription_id);
        // Every returned row is one of this batch's runs: the batch names each subscription once.
        if (!c) continue;
        const id = Number(row.id);
        const inline = c.inlinePayloads;
        const due = c.notBefore ?? c.scheduledFor;
        for (let seq = 0; seq < c.messageCount; seq++) {
          messageRows.push([
            id,
            c.platform,
            c.targetId,
            seq,
            inline ? null : c.renderId,
            inline ? null : seq,
            inline ? JSON.stringify(inline[seq] ?? null) : null,
            due,
          ]);
        }
      }
      if (messageRows.length > 0) this.#insertMessages.run(now, JSON.stringify(messageRows));
    }
    this.#advanceAll.run(now, JSON.stringify(commits.map((c) => [c.subscriptionId, c.scheduledFor, c.nextDueAt])));
    return { created, duplicates: commits.length - created.length };
  }

  #commitRows(commits: DigestRunCommit[], now: string): { created: string[]; duplicates: number } {
    const created: string[] = [];
    for (const c of commits) {
      if (this.#subscriptionExists.get(c.subscriptionId) === undefined) {
        throw new StoreError('not-found', `subscription ${c.subscriptionId} does not exist`, { missing: [c.subscriptionId] });
      }
      const inserted = this.#insertRun.run(c.subscriptionId, c.scheduledFor, c.windowFrom, c.windowTo, c.status, c.renderId, c.messageCount, now);
      if (inserted.changes === 1) {
        // Only meaningful after a row was inserted: on a conflict it still names the previous insert.
        const id = inserted.lastInsertRowid;
        created.push(String(id));
        const inline = c.inlinePayloads;
        const due = c.notBefore ?? c.scheduledFor;
        for (let seq = 0; seq < c.messageCount; seq++) {
          this.#insertMessage.run(id, c.platform, c.targetId, seq, inline ? null : c.renderId, inline ? null : seq, inline ? JSON.stringify(inline[seq] ?? null) : null, due, now);
        }
      }
      this.#advance.run(c.scheduledFor, c.nextDueAt, c.scheduledFor, c.scheduledFor, now, c.subscriptionId);
    }
    return { created, duplicates: commits.length - created.length };
  }
}
