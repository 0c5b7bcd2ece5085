/**
 * `npm run bench -- sender`: the outbox sender against fake platforms that enforce their limits
 * the way the real ones count them (sliding windows) and answer after a little latency. Real clock,
 * real SQLite outbox, a backlog larger than the run can drain. Reports the achieved rate against
 * the limit (target ≥ 95 %) and the number of windows exceeded (target 0).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DISCORD_LIMITS, TELEGRAM_LIMITS, type PlatformLimits } from '../src/delivery/limits.ts';
import type { PlatformSender } from '../src/delivery/platform-sender.ts';
import { Sender } from '../src/delivery/sender.ts';
import type { Platform } from '../src/store/records.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import type { BenchSuite } from './run.ts';

interface Scenario {
  name: string;
  platform: Platform;
  limits: PlatformLimits;
  /** Targets of the backlog, in order; more than the run can send. */
  targets: string[];
  seconds: number;
  latencyMs: number;
  concurrency: number;
}

/** Counts sends whose window already held `limit` others: what the platform would answer with 429. */
function violations(instants: readonly number[], limit: number, windowMs: number): number {
  const sorted = [...instants].sort((a, b) => a - b);
  let count = 0;
  for (let i = limit; i < sorted.length; i++) if ((sorted[i] as number) - (sorted[i - limit] as number) < windowMs) count++;
  return count;
}

function grouped(sends: ReadonlyArray<{ target: string; at: number }>, filter: (target: string) => boolean): number[][] {
  const map = new Map<string, number[]>();
  for (const send of sends) if (filter(send.target)) map.set(send.target, [...(map.get(send.target) ?? []), send.at]);
  return [...map.values()];
}

async function runScenario(dir: string, scenario: Scenario): Promise<void> {
  const store = await openSqliteStore({ path: join(dir, `${scenario.platform}-${scenario.name.replace(/\W+/g, '-')}.sqlite`) });
  await store.enqueueMessages(
    scenario.targets.map((targetId, i) => ({ platform: scenario.platform, targetId, payload: { text: `message ${i}` } })),
    new Date().toISOString(),
  );
  const sends: Array<{ target: string; at: number }> = [];
  const platform: PlatformSender = {
    platform: scenario.platform,
    send(targetId) {
      sends.push({ target: targetId, at: Date.now() });
      return new Promise((resolve) => setTimeout(() => resolve({}), scenario.latencyMs));
    },
  };
  const sender = new Sender({ store, platform, limits: scenario.limits, concurrency: scenario.concurrency });
  const cpuBefore = process.cpuUsage();
  sender.start();
  await new Promise((resolve) => setTimeout(resolve, scenario.seconds * 1_000 + 200));
  await sender.stop();
  const cpu = process.cpuUsage(cpuBefore);
  await store.close();

  const first = sends[0]?.at ?? 0;
  const span = scenario.seconds * 1_000;
  const inSpan = sends.filter((s) => s.at < first + span).length;
  const global = scenario.limits.global;
  const limitPerSecond = global ? (global.limit * 1_000) / global.windowMs : Number.NaN;
  const achieved = inSpan / scenario.seconds;
  const all = sends.map((s) => s.at);
  const globalViolations = global ? violations(all, global.limit, global.windowMs) : 0;
  const perChat = scenario.limits.perChat;
  const chatViolations = perChat ? grouped(sends, () => true).reduce((n, at) => n + violations(at, perChat.limit, perChat.windowMs), 0) : 0;
  const perGroup = scenario.limits.perGroup;
  const isGroup = scenario.limits.isGroupTarget ?? (() => false);
  const groupViolations = perGroup ? grouped(sends, isGroup).reduce((n, at) => n + violations(at, perGroup.limit, perGroup.windowMs), 0) : 0;
  const ratio = achieved / limitPerSecond;
  console.log(
    `${scenario.name}: ${inSpan} sent in ${scenario.seconds} s = ${achieved.toFixed(1)}/s of ${limitPerSecond}/s limit (${(ratio * 100).toFixed(1)} %, target ≥ 95 % ${ratio >= 0.95 ? 'OK' : 'MISSED'}); ` +
      `windows exceeded: global ${globalViolations}, per chat ${chatViolations}, per group ${groupViolations} (target 0 ${globalViolations + chatViolations + groupViolations === 0 ? 'OK' : 'MISSED'}); ` +
      `CPU ${((cpu.user + cpu.system) / 1_000 / inSpan).toFixed(2)} ms per message`,
  );
}

export const senderBench: BenchSuite = {
  name: 'sender: achieved rate against platform limits (real clock, SQLite outbox)',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'mowjaz-bench-sender-'));
    try {
      const privateChats = Array.from({ length: 4_000 }, (_, i) => String(100_000 + i));
      // A Telegram backlog: mostly private chats, some busy groups (held to 20/min each).
      const telegramTargets = privateChats.flatMap((chat, i) => (i % 100 === 0 ? [chat, ...Array.from({ length: 5 }, () => `-100${(i / 100) % 10}`)] : [chat]));
      await runScenario(dir, { name: 'Telegram (30/s per bot, 1/s per chat, 20/min per group)', platform: 'telegram', limits: TELEGRAM_LIMITS, targets: telegramTargets, seconds: 5, latencyMs: 40, concurrency: 8 });
      const channels = Array.from({ length: 3_000 }, (_, i) => `c${i % 600}`);
      await runScenario(dir, { name: 'Discord (50/s per bot, 5 per 5 s per channel)', platform: 'discord', limits: DISCORD_LIMITS, targets: channels, seconds: 5, latencyMs: 60, concurrency: 8 });
      const fast: PlatformLimits = { global: { limit: 200, windowMs: 1_000 }, perChat: { limit: 1, windowMs: 1_000 }, perGroup: null };
      await runScenario(dir, { name: 'fake fast platform (200/s per bot, 1/s per chat)', platform: 'telegram', limits: fast, targets: privateChats, seconds: 4, latencyMs: 20, concurrency: 16 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
