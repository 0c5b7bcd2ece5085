/**
 * `npm run bench -- digests`: 100,000 subscriptions (20 topics × 2 languages × 2 platforms, spread
 * over 400 IANA timezones whose local times all fall on the same UTC minute) due at once. Measures
 * the scheduler tick that claims them, renders each (topic, window, language, platform) group and
 * commits every run with its outbox messages — in a fresh child process, so its peak RSS is the
 * tick's own. Targets: < 5 s, 80 renders, < 300 MB.
 *
 * Setup (not timed) writes the subscriptions straight into the SQLite file in bulk: the store's
 * one-at-a-time `upsertSubscription` is made for commands, not for seeding a hundred thousand rows.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '../src/core/types.ts';
import { StoreDigestComposer } from '../src/digest/compose.ts';
import { DigestScheduler, type TickReport } from '../src/scheduler/scheduler.ts';
import { localTimeAt } from '../src/scheduler/next-due.ts';
import type { Platform } from '../src/store/records.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import type { BenchSuite } from './run.ts';

const SUBSCRIPTIONS = 100_000;
const TOPICS = Array.from({ length: 20 }, (_, i) => `topic-${String(i + 1).padStart(2, '0')}`);
const LANGUAGES: Language[] = ['ar', 'en'];
const PLATFORMS: Platform[] = ['telegram', 'discord'];
const ZONES = 400;
const DUE = '2026-06-01T06:00:00.000Z';
const CREATED = '2026-05-31T09:00:00.000Z';
const INGESTED = '2026-05-31T18:00:00.000Z';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface TickResult {
  report: TickReport;
  tickMs: number;
  /** CPU time of the tick (user + system): steadier than wall time on a shared machine. */
  cpuMs: number;
  maxRssMb: number;
  outbox: number;
}

function topicNames(topicId: string): Partial<Record<Language, string>> {
  return { en: `Topic ${topicId.slice(6)}`, ar: `الموضوع ${topicId.slice(6)}` };
}

/** The sample articles, each matched to a handful of the 20 benchmark topics. */
export async function seedArticles(path: string): Promise<number> {
  // Imported here so the tick process does not carry the content pipeline in its memory figure.
  const { loadArticles } = await import('../src/core/content/load.ts');
  const { clusterStories } = await import('../src/core/stories/cluster.ts');
  const store = await openSqliteStore({ path });
  const { articles } = await loadArticles([join(repoRoot, 'content', 'articles')]);
  const storyOf = new Map<string, string>();
  for (const story of clusterStories(articles)) {
    if (story.articleIds.length < 2) continue;
    for (const id of story.articleIds) storyOf.set(id, story.id);
    await store.upsertStory({ id: story.id, representativeArticleId: story.articleIds[0] as string, firstSeen: story.firstSeen, lastSeen: story.lastSeen, articleCount: story.articleIds.length });
  }
  const items = articles.map((article, i) => ({
    article,
    storyId: storyOf.get(article.id) ?? null,
    topics: TOPICS.flatMap((topicId, t) => ((i + t) % 4 === 0 ? [{ articleId: article.id, topicId, score: 4 + (t % 3), matched: true, terms: [] }] : [])),
  }));
  await store.saveArticles(items, INGESTED);
  await store.close();
  return articles.length;
}

/** 100,000 subscriptions written in bulk, all due at `DUE`, over 400 zones. */
export async function seedSubscriptions(path: string): Promise<number> {
  const store = await openSqliteStore({ path });
  const zones = Intl.supportedValuesOf('timeZone').slice(0, ZONES);
  const due = new Date(DUE);
  const localTimes = zones.map((zone) => {
    const { hour, minute } = localTimeAt(due, zone);
    return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  });
  await store.db.transaction().execute(async (trx) => {
    const rows = [];
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const zone = i % ZONES;
      const platform = PLATFORMS[i % 2] as Platform;
      rows.push({
        id: `bench-${i}`,
        platform,
        chat_id: `${platform === 'telegram' ? '' : 'c'}${1_000_000 + i}`,
        target_id: `${platform === 'telegram' ? '' : 'c'}${1_000_000 + i}`,
        topic_id: TOPICS[Math.floor(i / 4) % TOPICS.length] as string,
        local_time: localTimes[zone] as string,
        timezone: zones[zone] as string,
        frequency: 'daily',
        weekday: null,
        language: LANGUAGES[Math.floor(i / 2) % 2] as string,
        quiet_day_message: 0,
        status: 'active',
        paused_reason: null,
        next_due_at: DUE,
        last_run_at: null,
        created_by: null,
        created_at: CREATED,
        updated_at: CREATED,
      });
      if (rows.length === 1_000) await trx.insertInto('subscriptions').values(rows.splice(0)).execute();
    }
    if (rows.length > 0) await trx.insertInto('subscriptions').values(rows).execute();
  });
  const count = await store.countSubscriptions();
  await store.close();
  return count;
}

/** Runs in the child: one tick over the seeded file, reporting its duration and the process's peak RSS. */
async function tickOnce(path: string): Promise<TickResult> {
  const store = await openSqliteStore({ path });
  const scheduler = new DigestScheduler({ store, composer: new StoreDigestComposer(store, topicNames), clock: { now: () => new Date(DUE) } });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const report = await scheduler.tick(new Date(DUE));
  const cpu = process.cpuUsage(cpuBefore);
  const tickMs = performance.now() - started;
  const outbox = await store.countOutbox('pending');
  await store.close();
  return { report, tickMs, cpuMs: (cpu.user + cpu.system) / 1_000, maxRssMb: process.resourceUsage().maxRSS / 1024, outbox };
}

function runChild(path: string): Promise<TickResult> {
  return new Promise((resolveResult, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--tick', path], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`tick process exited with ${code}`));
      else resolveResult(JSON.parse(out.trim().split('\n').pop() as string) as TickResult);
    });
  });
}

export const digestsBench: BenchSuite = {
  name: 'digests: 100,000 subscriptions due in the same minute',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'mowjaz-bench-digests-'));
    try {
      const path = join(dir, 'mowjaz.sqlite');
      const seedStarted = performance.now();
      const articles = await seedArticles(path);
      const subscriptions = await seedSubscriptions(path);
      console.log(`setup: ${subscriptions} subscriptions, ${TOPICS.length} topics, ${ZONES} timezones, ${articles} articles (${((performance.now() - seedStarted) / 1000).toFixed(1)} s, not timed)`);
      const { report, tickMs, cpuMs, maxRssMb, outbox } = await runChild(path);
      const expectedRenders = TOPICS.length * LANGUAGES.length * PLATFORMS.length;
      console.log(`tick (claim + render + enqueue): ${(tickMs / 1000).toFixed(2)} s wall, ${(cpuMs / 1000).toFixed(2)} s CPU   target < 5 s   ${tickMs < 5_000 ? 'OK' : 'MISSED'}`);
      console.log(`  due ${report.due}, runs created ${report.created}, queued ${report.queued}, empty ${report.empty}, messages ${report.messages} (outbox ${outbox})`);
      console.log(`  ${(report.due / (tickMs / 1000)).toFixed(0)} subscriptions/s, ${((tickMs * 1000) / report.due).toFixed(1)} µs per subscription`);
      console.log(`renders: ${report.renders} for ${report.groups} groups   target ${expectedRenders} (topics × languages × platforms)   ${report.renders === expectedRenders ? 'OK' : 'MISSED'}`);
      console.log(`peak RSS of the tick process: ${maxRssMb.toFixed(0)} MB   target < 300 MB   ${maxRssMb < 300 ? 'OK' : 'MISSED'}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

if (process.argv[2] === '--tick' && process.argv[3]) {
  process.stdout.write(`${JSON.stringify(await tickOnce(process.argv[3]))}\n`);
}
