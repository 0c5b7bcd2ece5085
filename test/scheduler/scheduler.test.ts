import { afterEach, describe, expect, it } from 'vitest';
import { DigestScheduler, type SchedulerOptions, type SchedulerStore } from '../../src/scheduler/scheduler.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { recordingEventLog } from '../support/event-log.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { CountingComposer, ingest, subscribe } from './scheduler-fixtures.ts';

// Subscriptions are made on 2026-03-01 at 12:00 UTC; 08:00 in Baghdad is 05:00 UTC.
const CREATED = '2026-03-01T12:00:00.000Z';
const DUE = '2026-03-02T05:00:00.000Z';
const NEXT = '2026-03-03T05:00:00.000Z';

let store: SqlStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function setup(options: Partial<SchedulerOptions> = {}) {
  const clock = new FakeClock(CREATED);
  store = await openSqliteStore({ path: ':memory:', clock });
  const composer = new CountingComposer(store);
  const { lines: logs, log } = recordingEventLog();
  const scheduler = new DigestScheduler({ store, composer, clock, log, ...options });
  return { clock, store, composer, scheduler, logs, log };
}

describe('DigestScheduler.tick: grouping and sharing', () => {
  it('given 30 + 10 + 5 subscribers in three (language, platform) groups then each group is rendered once and every subscriber gets a run', async () => {
    const { store, composer, scheduler } = await setup({ claimBatchSize: 7, commitBatchSize: 4 });
    const subs = [
      ...(await Promise.all(Array.from({ length: 30 }, (_, i) => subscribe(store, { chatId: `ar-${i}`, nextDueAt: DUE })))),
      ...(await Promise.all(Array.from({ length: 10 }, (_, i) => subscribe(store, { chatId: `en-${i}`, language: 'en', nextDueAt: DUE })))),
      ...(await Promise.all(Array.from({ length: 5 }, (_, i) => subscribe(store, { chatId: `d-${i}`, platform: 'discord', nextDueAt: DUE })))),
    ];
    await ingest(store, '2026-03-01T20:00:00.000Z', 2);

    const report = await scheduler.tick(new Date(DUE));

    expect([...composer.calls.values()]).toEqual([1, 1, 1]);
    expect(report).toMatchObject({ due: 45, created: 45, queued: 45, empty: 0, groups: 3, renders: 3, messages: 90, failedGroups: 0 });
    expect(await store.countOutbox('pending')).toBe(90);
    for (const sub of subs) {
      const run = await store.getDigestRun(sub.id, DUE);
      expect(run).toMatchObject({ status: 'queued', windowFrom: CREATED, windowTo: DUE, messageCount: 2 });
      const after = await store.getSubscription(sub.id);
      expect(after).toMatchObject({ nextDueAt: NEXT, lastRunAt: DUE });
    }
  });

  it('given the same tick repeated (a restart in the same minute) then no run or message is created twice', async () => {
    const { store, scheduler } = await setup();
    for (let i = 0; i < 5; i++) await subscribe(store, { chatId: `c-${i}`, nextDueAt: DUE });
    await ingest(store, '2026-03-01T20:00:00.000Z', 3);

    const first = await scheduler.tick(new Date(DUE));
    const second = await scheduler.tick(new Date(DUE));

    expect(first.created).toBe(5);
    expect(second.due).toBe(0);
    expect(await store.countOutbox()).toBe(15);
  });

  it('given two workers ticking the same minute at once then each run exists once (run identity)', async () => {
    const { clock, store, composer } = await setup();
    for (let i = 0; i < 8; i++) await subscribe(store, { chatId: `c-${i}`, nextDueAt: DUE });
    await ingest(store, '2026-03-01T20:00:00.000Z', 2);
    const a = new DigestScheduler({ store, composer, clock });
    const b = new DigestScheduler({ store, composer, clock });

    const [ra, rb] = await Promise.all([a.tick(new Date(DUE)), b.tick(new Date(DUE))]);

    // Both claimed all eight before either committed: the store's run identity settles it.
    expect([ra.due, rb.due]).toEqual([8, 8]);
    expect(ra.created + rb.created).toBe(8);
    expect(ra.duplicates + rb.duplicates).toBe(8);
    expect(await store.countOutbox()).toBe(16);
  });
});

describe('DigestScheduler.tick: windows', () => {
  it('given nothing new then the run is empty, nothing is queued and the schedule still advances', async () => {
    const { store, scheduler } = await setup();
    const sub = await subscribe(store, { chatId: 'c', nextDueAt: DUE });

    const report = await scheduler.tick(new Date(DUE));

    expect(report).toMatchObject({ due: 1, empty: 1, queued: 0, renders: 0, messages: 0 });
    expect(await store.getDigestRun(sub.id, DUE)).toMatchObject({ status: 'empty', renderId: null, messageCount: 0 });
    expect(await store.countOutbox()).toBe(0);
    expect(await store.getSubscription(sub.id)).toMatchObject({ nextDueAt: NEXT, lastRunAt: DUE });
  });

  it('given an empty window and a subscriber who asked for it then only that subscriber gets a one-line quiet-day message', async () => {
    const { store, composer, scheduler } = await setup();
    const wants = await subscribe(store, { chatId: 'wants', nextDueAt: DUE, quietDayMessage: true });
    const silent = await subscribe(store, { chatId: 'silent', nextDueAt: DUE });

    const report = await scheduler.tick(new Date(DUE));

    expect(report).toMatchObject({ queued: 1, quietDay: 1, empty: 1, renders: 1, messages: 1 });
    expect([...composer.quietCalls.values()]).toEqual([1]);
    expect(await store.getDigestRun(wants.id, DUE)).toMatchObject({ status: 'queued', messageCount: 1 });
    expect(await store.getDigestRun(silent.id, DUE)).toMatchObject({ status: 'empty' });
    const [message] = await store.nextDeliveries('telegram', DUE, 10);
    expect(message).toMatchObject({ targetId: 'wants', body: { text: 'quiet day' } });
  });

  it('given two digests in a row then the second covers only what was ingested after the first', async () => {
    const { store, scheduler } = await setup();
    const sub = await subscribe(store, { chatId: 'c', nextDueAt: DUE });
    await ingest(store, '2026-03-01T20:00:00.000Z', 2);
    await scheduler.tick(new Date(DUE));
    await ingest(store, '2026-03-02T05:00:00.000Z', 1); // at the instant of the first digest: already in it
    await ingest(store, '2026-03-02T09:00:00.000Z', 3);

    await scheduler.tick(new Date(NEXT));

    expect(await store.getDigestRun(sub.id, DUE)).toMatchObject({ messageCount: 2 });
    expect(await store.getDigestRun(sub.id, NEXT)).toMatchObject({ windowFrom: DUE, windowTo: NEXT, messageCount: 3 });
  });

  it('given articles of another topic then they are not in the digest', async () => {
    const { store, scheduler } = await setup();
    const sub = await subscribe(store, { chatId: 'c', nextDueAt: DUE });
    await ingest(store, '2026-03-01T20:00:00.000Z', 4, 'sports');

    await scheduler.tick(new Date(DUE));

    expect(await store.getDigestRun(sub.id, DUE)).toMatchObject({ status: 'empty' });
  });
});

describe('DigestScheduler.tick: catching up after downtime', () => {
  it.each([
    { late: '1 minute', now: '2026-03-02T05:01:00.000Z' },
    { late: '5 h 59 min', now: '2026-03-02T10:59:00.000Z' },
  ])('given the process was down and comes back $late late then the digest is sent once', async ({ now }) => {
    const { store, scheduler } = await setup();
    const sub = await subscribe(store, { chatId: 'c', nextDueAt: DUE });
    await ingest(store, '2026-03-01T20:00:00.000Z', 1);

    const report = await scheduler.tick(new Date(now));
    await scheduler.tick(new Date(new Date(now).getTime() + 60_000));

    expect(report).toMatchObject({ due: 1, queued: 1, skipped: 0 });
    expect(await store.listDigestRuns(sub.id)).toHaveLength(1);
    expect(await store.getSubscription(sub.id)).toMatchObject({ nextDueAt: NEXT, lastRunAt: DUE });
    expect(await store.countOutbox()).toBe(1);
  });

  it('given the process comes back 6 h or more late then the digest is skipped with a log line and the window is kept', async () => {
    const { store, scheduler, logs } = await setup();
    const sub = await subscribe(store, { chatId: 'c', nextDueAt: DUE });
    await ingest(store, '2026-03-01T20:00:00.000Z', 1);

    const report = await scheduler.tick(new Date('2026-03-02T11:00:00.000Z'));

    expect(report).toMatchObject({ due: 1, skipped: 1, queued: 0, created: 0 });
    expect(await store.listDigestRuns(sub.id)).toHaveLength(0);
    expect(await store.countOutbox()).toBe(0);
    expect(await store.getSubscription(sub.id)).toMatchObject({ nextDueAt: NEXT, lastRunAt: null });
    expect(logs).toContainEqual(expect.objectContaining({ event: 'digest.skipped_late', subscriptionId: sub.id, missedAt: DUE, lateMs: 6 * 3_600_000 }));
  });

  it('given the process was down for three days and comes back an hour after today\'s digest then only today\'s is sent, once', async () => {
    const { store, scheduler, logs } = await setup();
    const sub = await subscribe(store, { chatId: 'c', nextDueAt: DUE });
    await ingest(store, '2026-03-04T20:00:00.000Z', 1);

    await scheduler.tick(new Date('2026-03-05T06:00:00.000Z'));

    const runs = await store.listDigestRuns(sub.id);
    expect(runs.map((r) => [r.scheduledFor, r.windowFrom])).toEqual([['2026-03-05T05:00:00.000Z', '2026-03-03T05:00:00.000Z']]);
    expect(await store.getSubscription(sub.id)).toMatchObject({ nextDueAt: '2026-03-06T05:00:00.000Z' });
    expect(logs).toContainEqual(expect.objectContaining({ event: 'digest.caught_up', missedAt: DUE }));
  });
});

describe('DigestScheduler.tick: DST', () => {
  async function runsOver(localTime: string, from: string, to: string): Promise<string[]> {
    const { store, scheduler } = await setup();
    const { nextDueAt } = await import('../../src/scheduler/next-due.ts');
    const first = nextDueAt({ localTime, timezone: 'America/New_York', frequency: 'daily', weekday: null }, new Date(from));
    const sub = await subscribe(store, { chatId: 'ny', localTime, timezone: 'America/New_York', nextDueAt: first.toISOString() });
    for (let t = new Date(from).getTime(); t <= new Date(to).getTime(); t += 30 * 60_000) await scheduler.tick(new Date(t));
    return (await store.listDigestRuns(sub.id)).map((r) => r.scheduledFor);
  }

  it('given a 02:30 New York digest across the spring-forward night then it goes out once each day, at 03:00 EDT on the day itself', async () => {
    expect(await runsOver('02:30', '2026-03-07T00:00:00.000Z', '2026-03-09T12:00:00.000Z')).toEqual([
      '2026-03-07T07:30:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
  });

  it('given a 01:30 New York digest across the fall-back night then it goes out once that day, not twice', async () => {
    expect(await runsOver('01:30', '2026-10-31T00:00:00.000Z', '2026-11-02T12:00:00.000Z')).toEqual([
      '2026-10-31T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
  });
});

describe('DigestScheduler.tick: quiet hours and bad data', () => {
  it('given the chat is in its quiet hours then the run is committed now but delivered when they end', async () => {
    const { store, scheduler } = await setup();
    await store.ensureChat(
      { platform: 'telegram', chatId: 'night', kind: 'private' },
      { language: 'ar', timezone: 'Asia/Baghdad', digestTargetId: null, quietHours: { from: '22:00', to: '07:00' } },
    );
    // 23:00 in Baghdad.
    const due = '2026-03-02T20:00:00.000Z';
    const sub = await subscribe(store, { chatId: 'night', localTime: '23:00', nextDueAt: due });
    await ingest(store, '2026-03-02T10:00:00.000Z', 1);

    await scheduler.tick(new Date(due));

    expect(await store.getDigestRun(sub.id, due)).toMatchObject({ status: 'queued' });
    expect(await store.nextDeliveries('telegram', '2026-03-03T03:59:59.999Z', 10)).toHaveLength(0);
    expect(await store.nextDeliveries('telegram', '2026-03-03T04:00:00.000Z', 10)).toHaveLength(1);
  });

  it('given a stored schedule that cannot be computed then that subscription is paused and the others still run', async () => {
    const { store, scheduler, logs } = await setup();
    const broken = await subscribe(store, { chatId: 'broken', timezone: 'Mars/Olympus', nextDueAt: DUE });
    const fine = await subscribe(store, { chatId: 'fine', nextDueAt: DUE });

    const report = await scheduler.tick(new Date(DUE));

    expect(report).toMatchObject({ invalid: 1, empty: 1 });
    expect(await store.getSubscription(broken.id)).toMatchObject({ status: 'paused' });
    expect((await store.getSubscription(broken.id))?.pausedReason).toContain('Mars/Olympus');
    expect(await store.getSubscription(fine.id)).toMatchObject({ status: 'active', lastRunAt: DUE });
    expect(logs).toContainEqual(expect.objectContaining({ event: 'digest.invalid_schedule', subscriptionId: broken.id }));
  });

  it('given one group fails to compose then the other groups are committed and the failed ones stay due for the next tick', async () => {
    const { store, composer, scheduler, logs } = await setup();
    const ar = await subscribe(store, { chatId: 'ar', nextDueAt: DUE });
    const en = await subscribe(store, { chatId: 'en', language: 'en', nextDueAt: DUE });
    await ingest(store, '2026-03-01T20:00:00.000Z', 1);
    composer.failFor = (group) => group.language === 'en';

    const report = await scheduler.tick(new Date(DUE));
    composer.failFor = null;
    const retry = await scheduler.tick(new Date('2026-03-02T05:01:00.000Z'));

    expect(report).toMatchObject({ due: 2, created: 1, failedGroups: 1 });
    expect(logs).toContainEqual(expect.objectContaining({ event: 'digest.compose_failed' }));
    expect(await store.getDigestRun(ar.id, DUE)).not.toBeNull();
    expect(retry).toMatchObject({ due: 1, created: 1 });
    expect(await store.getDigestRun(en.id, DUE)).toMatchObject({ status: 'queued' });
  });
});

describe('DigestScheduler.tick: store trouble and waking senders', () => {
  it('given the store fails to advance one late subscription then the others are still handled', async () => {
    const { clock, store, composer, logs, log } = await setup();
    const stuck = await subscribe(store, { chatId: 'stuck', nextDueAt: DUE });
    const fine = await subscribe(store, { chatId: 'fine', nextDueAt: DUE });
    const failing: SchedulerStore = {
      listDueSubscriptions: (now, limit) => store.listDueSubscriptions(now, limit),
      commitDigestRuns: (commits) => store.commitDigestRuns(commits),
      pauseSubscription: (id, reason) => store.pauseSubscription(id, reason),
      getChats: (chats) => store.getChats(chats),
      async advanceSubscription(id, nextDueAt, lastRunAt) {
        if (id === stuck.id) throw new Error('disk I/O error');
        return store.advanceSubscription(id, nextDueAt, lastRunAt);
      },
    };
    const scheduler = new DigestScheduler({ store: failing, composer, clock, log });

    const report = await scheduler.tick(new Date('2026-03-02T12:00:00.000Z'));

    expect(report).toMatchObject({ due: 2, skipped: 2 });
    expect(logs).toContainEqual(expect.objectContaining({ event: 'digest.update_failed', subscriptionId: stuck.id }));
    expect(await store.getSubscription(fine.id)).toMatchObject({ nextDueAt: NEXT });
    expect(await store.getSubscription(stuck.id)).toMatchObject({ nextDueAt: DUE });
  });

  it('given several commit batches then the senders are woken after each one', async () => {
    const calls: string[][] = [];
    const { store, scheduler } = await setup({ commitBatchSize: 2, onEnqueued: (platforms) => calls.push([...platforms]) });
    for (let i = 0; i < 5; i++) await subscribe(store, { chatId: `c-${i}`, nextDueAt: DUE });
    await ingest(store, '2026-03-01T20:00:00.000Z', 1);

    await scheduler.tick(new Date(DUE));

    expect(calls).toEqual([['telegram'], ['telegram'], ['telegram']]);
  });
});

describe('DigestScheduler.start', () => {
  it('given start() then it ticks at once (catch-up on start-up), wakes the senders, and stop() ends the minute trigger', async () => {
    const enqueued: string[] = [];
    const { clock, store, scheduler } = await setup({ onEnqueued: (platforms) => enqueued.push(...platforms) });
    const sub = await subscribe(store, { chatId: 'c', nextDueAt: DUE });
    await ingest(store, '2026-03-01T20:00:00.000Z', 1);
    await clock.set('2026-03-02T07:00:00.000Z');

    scheduler.start();
    await scheduler.stop();

    expect(await store.getDigestRun(sub.id, DUE)).toMatchObject({ status: 'queued' });
    expect(enqueued).toEqual(['telegram']);
  });
});
