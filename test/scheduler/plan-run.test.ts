import { describe, expect, it } from 'vitest';
import { planRun, ScheduleMath } from '../../src/scheduler/plan-run.ts';
import type { SubscriptionRecord } from '../../src/store/records.ts';

const base: SubscriptionRecord = {
  id: 'sub-1',
  chat: { platform: 'telegram', chatId: '42' },
  targetId: '42',
  topicId: 'iraq-us-relations',
  localTime: '08:00',
  timezone: 'Asia/Baghdad',
  frequency: 'daily',
  weekday: null,
  language: 'ar',
  quietDayMessage: false,
  status: 'active',
  pausedReason: null,
  nextDueAt: '2026-03-02T05:00:00.000Z',
  lastRunAt: null,
  createdBy: null,
  createdAt: '2026-03-01T12:00:00.000Z',
  updatedAt: '2026-03-01T12:00:00.000Z',
};

describe('planRun', () => {
  it.each([
    {
      name: 'first digest: window from creation to the due instant',
      sub: {},
      now: '2026-03-02T05:00:00.000Z',
      plan: { action: 'run', scheduledFor: '2026-03-02T05:00:00.000Z', windowFrom: '2026-03-01T12:00:00.000Z', windowTo: '2026-03-02T05:00:00.000Z', nextDueAt: '2026-03-03T05:00:00.000Z', replacesMissed: null },
    },
    {
      name: 'later digest: window from the previous run',
      sub: { lastRunAt: '2026-03-01T05:00:00.000Z' },
      now: '2026-03-02T05:00:30.000Z',
      plan: { action: 'run', windowFrom: '2026-03-01T05:00:00.000Z', lateMs: 30_000 },
    },
    {
      name: 'after a long pause: the window spans at most two periods',
      sub: { lastRunAt: '2026-01-01T05:00:00.000Z' },
      now: '2026-03-02T05:00:00.000Z',
      plan: { action: 'run', windowFrom: '2026-02-28T05:00:00.000Z' },
    },
    {
      name: 'weekly: two weeks at most',
      sub: { frequency: 'weekly', weekday: 1, lastRunAt: '2026-01-05T05:00:00.000Z' },
      now: '2026-03-02T05:00:00.000Z',
      plan: { action: 'run', windowFrom: '2026-02-16T05:00:00.000Z', nextDueAt: '2026-03-09T05:00:00.000Z' },
    },
    {
      name: 'created after its first due instant (clock skew): a one-period window',
      sub: { createdAt: '2026-03-02T05:00:10.000Z' },
      now: '2026-03-02T05:01:00.000Z',
      plan: { action: 'run', windowFrom: '2026-03-01T05:00:00.000Z' },
    },
    {
      name: '5 h 59 min late: still sent',
      sub: {},
      now: '2026-03-02T10:59:00.000Z',
      plan: { action: 'run', scheduledFor: '2026-03-02T05:00:00.000Z', nextDueAt: '2026-03-03T05:00:00.000Z' },
    },
    {
      name: 'exactly 6 h late: skipped, next due tomorrow',
      sub: {},
      now: '2026-03-02T11:00:00.000Z',
      plan: { action: 'skip', missedAt: '2026-03-02T05:00:00.000Z', nextDueAt: '2026-03-03T05:00:00.000Z', lateMs: 21_600_000 },
    },
    {
      name: 'down for days, back within 6 h of the latest due instant: that one is sent',
      sub: { lastRunAt: '2026-03-01T05:00:00.000Z' },
      now: '2026-03-05T07:00:00.000Z',
      plan: { action: 'run', scheduledFor: '2026-03-05T05:00:00.000Z', windowFrom: '2026-03-03T05:00:00.000Z', replacesMissed: '2026-03-02T05:00:00.000Z', nextDueAt: '2026-03-06T05:00:00.000Z' },
    },
    {
      name: 'down for days, back long after the latest due instant: skipped',
      sub: {},
      now: '2026-03-05T20:00:00.000Z',
      plan: { action: 'skip', nextDueAt: '2026-03-06T05:00:00.000Z' },
    },
    { name: 'unknown timezone: invalid', sub: { timezone: 'Mars/Olympus' }, now: '2026-03-02T05:00:00.000Z', plan: { action: 'invalid' } },
    { name: 'malformed time: invalid', sub: { localTime: '25:61' }, now: '2026-03-02T05:00:00.000Z', plan: { action: 'invalid' } },
    { name: 'unreadable due instant: invalid', sub: { nextDueAt: 'tomorrow' }, now: '2026-03-02T05:00:00.000Z', plan: { action: 'invalid' } },
  ])('$name', ({ sub, now, plan }) => {
    expect(planRun({ ...base, ...(sub as Partial<SubscriptionRecord>) }, new Date(now))).toMatchObject(plan);
  });

  it('given many subscriptions with the same schedule then the due arithmetic is reused, not recomputed', () => {
    const now = new Date('2026-03-02T05:00:00.000Z');
    const time = (makeMath: () => ScheduleMath): number => {
      const started = performance.now();
      let runs = 0;
      for (let i = 0; i < 300; i++) if (planRun({ ...base, id: `s${i}` }, now, undefined, makeMath()).action === 'run') runs++;
      expect(runs).toBe(300);
      return performance.now() - started;
    };
    const shared = new ScheduleMath();
    const fresh = time(() => new ScheduleMath());
    const memoised = time(() => shared);
    expect(memoised * 3).toBeLessThan(fresh);
  });
});
