/**
 * SQLite's path for `commitDigestRuns`, inside one better-sqlite3 transaction. A batch is written
 * set-wise: each step (subscription advance, run insert, outbox insert) is a few multi-row
 * statements with bound parameters, prepared once per row count and reused across batches, so
 * SQLite does the per-row work without a JavaScript round trip per row. Bound values cost SQLite
 * about a third fewer instructions than the same rows sent as one JSON text and unpacked with
 * `json_each` (`->>` per field). A batch that names one subscription twice is written row by row
 * instead, because the monotonic advance must then apply in order. The tick's read of due
 * subscriptions is prepared here too. Callers run both while holding Kysely's connection lock.
 */
import type Database from 'better-sqlite3';
import { StoreError } from '../errors.ts';
import type { Language } from '../../core/types.ts';
import type { DigestRunCommit, Frequency, Platform, SubscriptionRecord, SubscriptionStatus } from '../records.ts';

/** Rows per multi-row statement: a few thousand bound values, well under SQLite's 32,766. */
const ROWS_PER_STATEMENT = 250;

// In every statement the store's clock comes first: one bound value shared by all the rows.
// No RETURNING: it costs SQLite a temporary table and JavaScript a row per run. The ids are known
// from the rows changed and the last rowid instead (see `#commitSet`).
const runsSql = (rows: number): string => `insert into digest_runs (subscription_id, scheduled_for, window_from, window_to, status, render_id, message_count, created_at)
  select column1, column2, column3, column4, column5, column6, column7, ? from (values ${placeholders(rows, 7)}) where true
  on conflict (subscription_id, scheduled_for) do nothing`;

const LAST_RUN_ID_SQL = 'select coalesce(max(id), 0) from digest_runs';
const RUNS_BETWEEN_SQL = 'select id, subscription_id from digest_runs where id > ? and id <= ? order by id';

const messagesSql = (rows: number): string => `insert into outbox (run_id, platform, target_id, seq, render_id, payload_index, payload, status, next_attempt_at, created_at)
  select column1, column2, column3, column4, column5, column6, column7, 'pending', column8, ? from (values ${placeholders(rows, 8)})`;

// Monotonic: never moves a subscription back, so duplicates and out-of-order commits are harmless.
const advanceSql = (rows: number): string => `update subscriptions
  set updated_at = ?,
      next_due_at = case when subscriptions.next_due_at <= due.column2 then due.column3 else subscriptions.next_due_at end,
      last_run_at = case when subscriptions.last_run_at is null or subscriptions.last_run_at < due.column2 then due.column2 else subscriptions.last_run_at end
  from (values ${placeholders(rows, 3)}) as due
  where subscriptions.id = due.column1`;

function placeholders(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

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

/** Multi-row statements by row count: full chunks share one; a batch's remainder adds at most one more. */
class StatementsBySize {
  readonly #statements = new Map<number, Database.Statement<unknown[]>>();
  constructor(
    private readonly db: Database.Database,
    private readonly sqlFor: (rows: number) => string,
  ) {}

  get(rows: number): Database.Statement<unknown[]> {
    let statement = this.#statements.get(rows);
    if (!statement) {
      statement = this.db.prepare<unknown[]>(this.sqlFor(rows));
      // Remainders vary from batch to batch: keep the full-chunk statement and a few others.
      if (this.#statements.size >= 8) for (const size of this.#statements.keys()) if (size !== ROWS_PER_STATEMENT) this.#statements.delete(size);
      this.#statements.set(rows, statement);
    }
    return statement;
  }
}

/**
 * Gathers rows' values (after one leading value shared by all rows) and writes them through the
 * statement for `ROWS_PER_STATEMENT` rows whenever that many are in, and through a smaller one
 * for the rest at `flush`.
 */
class MultiRowWriter {
  /** Push a row's values here, then call `endRow`. */
  values: unknown[];
  #rows = 0;

  constructor(
    private readonly statements: StatementsBySize,
    private readonly lead: unknown,
    private readonly write: (statement: Database.Statement<unknown[]>, values: unknown[], rows: number) => void,
  ) {
    this.values = [lead];
  }

  endRow(): void {
    if (++this.#rows === ROWS_PER_STATEMENT) this.flush();
  }

  flush(): void {
    const rows = this.#rows;
    if (rows === 0) return;
    const values = this.values;
    this.values = [this.lead];
    this.#rows = 0;
    this.write(this.statements.get(rows), values, rows);
  }
}

export class SqliteRunWriter {
  readonly #db: Database.Database;
  readonly #insertRuns: StatementsBySize;
  readonly #lastRunId: Database.Statement<[], number | bigint>;
  readonly #runsBetween: Database.Statement<[number, number], [number | bigint, string]>;
  readonly #insertMessages: StatementsBySize;
  readonly #advanceAll: StatementsBySize;
  readonly #subscriptionExists: Database.Statement<[string], number>;
  readonly #due: Database.Statement<[string, number], DueRow>;
  readonly #insertRun: Database.Statement<unknown[]>;
  readonly #insertMessage: Database.Statement<unknown[]>;
  readonly #advance: Database.Statement<unknown[]>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#insertRuns = new StatementsBySize(db, runsSql);
    this.#lastRunId = db.prepare<[], number | bigint>(LAST_RUN_ID_SQL).pluck();
    this.#runsBetween = db.prepare<[number, number], [number | bigint, string]>(RUNS_BETWEEN_SQL).raw();
    this.#insertMessages = new StatementsBySize(db, messagesSql);
    this.#advanceAll = new StatementsBySize(db, advanceSql);
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
    // The advance comes first: the rows it updates tell at once whether every subscription exists.
    let advanced = 0;
    const advance = new MultiRowWriter(this.#advanceAll, now, (statement, values) => {
      advanced += statement.run(values).changes;
    });
    for (const c of commits) {
      advance.values.push(c.subscriptionId, c.scheduledFor, c.nextDueAt);
      advance.endRow();
    }
    advance.flush();
    if (advanced !== commits.length) {
      const missing = commits.find((c) => this.#subscriptionExists.get(c.subscriptionId) === undefined)?.subscriptionId;
      throw new StoreError('not-found', `subscription ${missing} does not exist`, { missing: missing === undefined ? [] : [missing] });
    }

    // Run ids by position in the batch; a run that already existed (a repeated commit) gets none.
    // The write lock is held, so the rows a chunk inserts are the only ones with ids above the
    // largest id before it, in the chunk's order: when the chunk inserted as many rows as it has
    // and they span exactly that many ids, they are its runs one for one. Otherwise (some runs
    // already existed, and a conflicting row still uses up an id; or the newest runs were deleted)
    // they are read back and matched by subscription, which this path names once each.
    const runIds = new Array<number | undefined>(commits.length);
    let lastId = Number(this.#lastRunId.get() ?? 0);
    let chunkStart = 0;
    const insertRuns = new MultiRowWriter(this.#insertRuns, now, (statement, values, rows) => {
      const { changes, lastInsertRowid } = statement.run(values);
      if (changes > 0) {
        const last = Number(lastInsertRowid);
        if (changes === rows && last - lastId === rows) {
          for (let i = 0; i < rows; i++) runIds[chunkStart + i] = lastId + 1 + i;
        } else {
          const positions = new Map<string, number>();
          for (let i = chunkStart; i < chunkStart + rows; i++) positions.set((commits[i] as DigestRunCommit).subscriptionId, i);
          const inserted = this.#runsBetween.all(lastId, last);
          if (inserted.length !== changes) throw new Error(`${changes} digest runs inserted, ${inserted.length} found`);
          for (const [id, sub] of inserted) {
            const at = positions.get(sub);
            if (at === undefined) throw new Error(`digest run ${id} was not inserted by this batch`);
            runIds[at] = Number(id);
          }
        }
        lastId = last;
      }
      chunkStart += rows;
    });
    for (const c of commits) {
      insertRuns.values.push(c.subscriptionId, c.scheduledFor, c.windowFrom, c.windowTo, c.status, c.renderId, c.messageCount);
      insertRuns.endRow();
    }
    insertRuns.flush();

    const created: string[] = [];
    const insertMessages = new MultiRowWriter(this.#insertMessages, now, (statement, values) => {
      statement.run(values);
    });
    for (let i = 0; i < commits.length; i++) {
      const runId = runIds[i];
      if (runId === undefined) continue;
      created.push(String(runId));
      const c = commits[i] as DigestRunCommit;
      const inline = c.inlinePayloads;
      // Due from the scheduled instant (or the end of quiet hours), never from the store's clock.
      const due = c.notBefore ?? c.scheduledFor;
      for (let seq = 0; seq < c.messageCount; seq++) {
        insertMessages.values.push(
          runId,
          c.platform,
          c.targetId,
          seq,
          inline ? null : c.renderId,
          inline ? null : seq,
          inline ? JSON.stringify(inline[seq] ?? null) : null,
          due,
        );
        insertMessages.endRow();
      }
    }
    insertMessages.flush();
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
