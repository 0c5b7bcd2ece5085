/**
 * Store hot paths at the scale of the scheduling benchmark: 100,000 subscriptions due in the same
 * minute (20 topics × 2 languages × 2 platforms → 80 shared renders), committed as digest runs with
 * one outbox message each, then polled by the sender. Runs on SQLite always and on PostgreSQL when
 * `MOWJAZ_BENCH_POSTGRES_URL` (or the test URL) answers.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchSuite } from './run.ts';
import type { DigestRunCommit, Platform } from '../src/store/records.ts';
import type { SqlStore } from '../src/store/sql-store.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import { createPostgresPool, openPostgresStore, withDefaultUser } from '../src/store/postgres-store.ts';

const SUBSCRIPTIONS = 100_000;
const TOPICS = 20;
const LANGUAGES = ['ar', 'en'] as const;
const PLATFORMS: Platform[] = ['telegram', 'discord'];
const DUE = '2026-11-30T05:00:00.000Z';
const NEXT = '2026-12-01T05:00:00.000Z';
const BATCH = 10_000;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Wall time, and this process's CPU time beside it: on a shared machine the second is steadier. */
function timer(): () => string {
  const wall = performance.now();
  const cpu = cpuMs();
  return () => `${(performance.now() - wall).toFixed(0)} ms (cpu ${(cpuMs() - cpu).toFixed(0)} ms)`;
}

/** Setup only: rows written straight through the query builder, 5,000 per statement. */
async function seedSubscriptions(store: SqlStore): Promise<void> {
  const now = '2026-11-29T12:00:00.000Z';
  const rows = Array.from({ length: SUBSCRIPTIONS }, (_, i) => ({
    id: `sub-${String(i).padStart(6, '0')}`,
    platform: PLATFORMS[i % 2]!,
    chat_id: `chat-${i}`,
    target_id: `chat-${i}`,
    topic_id: `topic-${i % TOPICS}`,
    local_time: '08:00',
    timezone: `Zone/${i % 400}`,
    frequency: 'daily',
    weekday: null,
    language: LANGUAGES[(i >> 1) % 2]!,
    quiet_day_message: 0,
    status: 'active',
    paused_reason: null,
    next_due_at: DUE,
    last_run_at: null,
    created_by: null,
    created_at: now,
    updated_at: now,
  }));
  for (let i = 0; i < rows.length; i += 1_500) {
    await store.db.insertInto('subscriptions').values(rows.slice(i, i + 1_500)).execute();
  }
}

async function measure(label: string, store: SqlStore): Promise<void> {
  await seedSubscriptions(store);
  const renders = new Map<string, string>();
  for (let t = 0; t < TOPICS; t++) {
    for (const language of LANGUAGES) {
      for (const platform of PLATFORMS) {
        const key = `topic-${t}|2026-11-29T05:00:00.000Z|${DUE}|${language}|${platform}`;
        const render = await store.saveRender({ key, platform, payloads: [{ text: `digest ${key}`.repeat(20) }] });
        renders.set(`${t}|${language}|${platform}`, render.id);
      }
    }
  }

  let elapsed = timer();
  const due = await store.listDueSubscriptions(DUE, SUBSCRIPTIONS);
  const listTime = elapsed();

  const commits: DigestRunCommit[] = due.map((sub) => ({
    subscriptionId: sub.id,
    scheduledFor: sub.nextDueAt,
    windowFrom: sub.lastRunAt,
    windowTo: DUE,
    status: 'queued',
    renderId: renders.get(`${sub.topicId.slice(6)}|${sub.language}|${sub.chat.platform}`) ?? null,
    platform: sub.chat.platform,
    targetId: sub.targetId,
    messageCount: 1,
    nextDueAt: NEXT,
  }));
  elapsed = timer();
  let created = 0;
  for (let i = 0; i < commits.length; i += BATCH) {
    created += (await store.commitDigestRuns(commits.slice(i, i + BATCH))).created.length;
  }
  const commitTime = elapsed();

  elapsed = timer();
  const again = await store.commitDigestRuns(commits.slice(0, BATCH));
  const duplicateTime = elapsed();

  const start = performance.now();
  const polls = 20;
  let delivered = 0;
  for (let i = 0; i < polls; i++) {
    const batch = await store.nextDeliveries('telegram', DUE, 100);
    for (const d of batch) await store.markSent(d.id, DUE);
    delivered += batch.length;
  }
  const pollTime = (performance.now() - start) / delivered;

  console.log(
    `${label}: list ${due.length} due in ${listTime}; commitDigestRuns ${created} runs + ${await store.countOutbox('pending') + delivered} messages ` +
      `(batches of ${BATCH}) in ${commitTime}; ${again.duplicates} duplicate commits re-sent in ${duplicateTime}; ` +
      `nextDeliveries(100) + markSent with ${SUBSCRIPTIONS} pending: ${pollTime.toFixed(3)} ms per message; ` +
      `process peak RSS so far (seeding included) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
}

export const storeBench: BenchSuite = {
  name: 'store',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'mowjaz-bench-store-'));
    try {
      const sqlite = await openSqliteStore({ path: join(dir, 'bench.sqlite') });
      await measure('SQLite (file, WAL)', sqlite);
      await sqlite.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const url = withDefaultUser(process.env['MOWJAZ_BENCH_POSTGRES_URL'] ?? process.env['MOWJAZ_TEST_POSTGRES_URL'] ?? 'postgres://127.0.0.1:5432/test');
    const schema = `mowjaz_bench_${randomBytes(4).toString('hex')}`;
    const pool = createPostgresPool({ url, schema, maxConnections: 2 });
    try {
      await pool.query('select 1');
    } catch (error) {
      console.log(`PostgreSQL: skipped (${url} unreachable: ${(error as Error).message})`);
      await pool.end();
      return;
    }
    try {
      const pg = await openPostgresStore({ url, schema, pool });
      await measure('PostgreSQL', pg);
      await pg.close();
    } finally {
      await pool.query(`drop schema if exists ${schema} cascade`);
      await pool.end();
    }
  },
};
