import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigestRunCommit } from '../../src/store/records.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { repoRoot } from '../support/shared.ts';

const SUBSCRIPTIONS = 500;
const PARTS = 20; // 10,000 messages in all
const TOTAL = SUBSCRIPTIONS * PARTS;
const FIXTURE = join(repoRoot, 'test', 'delivery', 'fixtures', 'drain-outbox.ts');

let dir: string;
const children: ChildProcess[] = [];
let dbPath: string;
let deliveredPath: string;

function lines(): string[] {
  if (!existsSync(deliveredPath)) return [];
  return readFileSync(deliveredPath, 'utf8').split('\n').filter((line) => line.length > 0);
}

function startDrain(slowAfter?: number): { child: ChildProcess; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const args = ['--import', 'tsx', FIXTURE, dbPath, deliveredPath, ...(slowAfter === undefined ? [] : [String(slowAfter)])];
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exit };
}

beforeAll(async () => {
  // A process crash (not a power cut) is what is simulated, so a memory-backed folder is as faithful and much faster.
  dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'mowjaz-crash-'));
  dbPath = join(dir, 'mowjaz.sqlite');
  deliveredPath = join(dir, 'delivered.log');
  const store = await openSqliteStore({ path: dbPath });
  const scheduledFor = '2026-03-02T05:00:00.000Z';
  const render = await store.saveRender({
    key: `iraq-us-relations|2026-03-01T05:00:00.000Z|${scheduledFor}|ar|telegram`,
    platform: 'telegram',
    payloads: Array.from({ length: PARTS }, (_, part) => ({ part })),
  });
  const commits: DigestRunCommit[] = [];
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const sub = await store.upsertSubscription({
      chat: { platform: 'telegram', chatId: String(10_000 + i) },
      targetId: String(10_000 + i),
      topicId: 'iraq-us-relations',
      localTime: '08:00',
      timezone: 'Asia/Baghdad',
      frequency: 'daily',
      weekday: null,
      language: 'ar',
      quietDayMessage: false,
      nextDueAt: scheduledFor,
      createdBy: null,
    });
    commits.push({
      subscriptionId: sub.id,
      scheduledFor,
      windowFrom: '2026-03-01T05:00:00.000Z',
      windowTo: scheduledFor,
      status: 'queued',
      renderId: render.id,
      platform: 'telegram',
      targetId: sub.targetId,
      messageCount: PARTS,
      nextDueAt: '2026-03-03T05:00:00.000Z',
    });
  }
  for (let i = 0; i < commits.length; i += 1_000) await store.commitDigestRuns(commits.slice(i, i + 1_000));
  expect(await store.countOutbox('pending')).toBe(TOTAL);
  await store.close();
}, 30_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('crash recovery: SIGKILL in the middle of a 10,000-message digest run', () => {
  it('given the sender is killed mid-way and restarted then every message is delivered, none lost, at most the one in flight twice', async () => {
    const killAt = Math.floor(TOTAL * 0.3);
    const first = startDrain(killAt);
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        // Each line is "<chat id>#<part>\n", at least 8 bytes: the size says enough without reading the file.
        if (existsSync(deliveredPath) && statSync(deliveredPath).size >= killAt * 8) {
          clearInterval(poll);
          first.child.kill('SIGKILL');
          resolve();
        }
      }, 10);
      void first.exit.then(({ code, stderr }) => {
        clearInterval(poll);
        reject(new Error(`the sender exited (code ${code}) before it could be killed: ${stderr}`));
      });
    });
    const killed = await first.exit;
    expect(killed.signal).toBe('SIGKILL');
    const beforeRestart = lines().length;
    expect(beforeRestart).toBeLessThan(TOTAL);

    const second = startDrain();
    const finished = await second.exit;
    expect(finished.stderr).toBe('');
    expect(finished.code).toBe(0);

    const delivered = lines();
    const unique = new Set(delivered);
    expect(unique.size).toBe(TOTAL);
    expect(delivered.length - unique.size).toBeLessThanOrEqual(1);
    // Order within each run held across the crash: the parts of every chat's digest in sequence.
    const lastPart = new Map<string, number>();
    for (const line of delivered) {
      const [target, part] = line.split('#') as [string, string];
      const previous = lastPart.get(target) ?? -1;
      expect(Number(part)).toBeGreaterThanOrEqual(previous);
      expect(Number(part)).toBeLessThanOrEqual(previous + 1);
      lastPart.set(target, Number(part));
    }
    const store = await openSqliteStore({ path: dbPath });
    expect(await store.countOutbox('sent')).toBe(TOTAL);
    expect(await store.countOutbox('pending')).toBe(0);
    await store.close();
  }, 60_000);
});
