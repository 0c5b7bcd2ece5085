/**
 * What to do with one due subscription at a tick: run its digest (for which scheduled instant and
 * window), skip it because the process was down too long, or pause it because its stored
 * schedule is unusable. Pure: the tick applies the plans.
 */
import type { SubscriptionRecord } from '../store/records.ts';
import { latestDueAtOrBefore, nextDueAt, periodMs, type DigestSchedule } from './next-due.ts';

/** A digest less than this late (process down at the due time) is still sent, once. */
export const CATCH_UP_GRACE_MS = 6 * 3_600_000;
/** After a long pause a digest covers at most this many periods, not everything since the last run. */
export const MAX_WINDOW_PERIODS = 2;

export interface RunPlanOptions {
  graceMs: number;
  maxWindowPeriods: number;
}

export const DEFAULT_RUN_PLAN_OPTIONS: RunPlanOptions = { graceMs: CATCH_UP_GRACE_MS, maxWindowPeriods: MAX_WINDOW_PERIODS };

export type RunPlan =
  | {
      action: 'run';
      subscription: SubscriptionRecord;
      /** The run's identity with the subscription: the instant it was due. */
      scheduledFor: string;
      windowFrom: string;
      windowTo: string;
      nextDueAt: string;
      lateMs: number;
      /** Set when the stored due instant was too old and this run catches up a later one instead. */
      replacesMissed: string | null;
    }
  | { action: 'skip'; subscription: SubscriptionRecord; missedAt: string; nextDueAt: string; lateMs: number }
  | { action: 'invalid'; subscription: SubscriptionRecord; reason: string };

/**
 * Due-instant arithmetic with a memo: in one tick thousands of subscriptions share a handful of
 * (zone, time, frequency, instant) combinations, and each computation costs a few `Intl` calls.
 */
export class ScheduleMath {
  readonly #memo = new Map<string, number>();
  /** Plan shapes by schedule, due instant and window start, for one (now, options): see `planShape`. */
  #plans = new Map<string, PlanShape>();
  #plansAt = Number.NaN;
  #plansFor: RunPlanOptions | null = null;

  next(schedule: DigestSchedule, after: number): number {
    return this.#cached('n', schedule, after, () => nextDueAt(schedule, new Date(after)).getTime());
  }

  latest(schedule: DigestSchedule, atOrBefore: number): number {
    return this.#cached('l', schedule, atOrBefore, () => latestDueAtOrBefore(schedule, new Date(atOrBefore)).getTime());
  }

  /** The plan memo for `now` and `options`, emptied when either changes (a new tick). */
  plansAt(now: number, options: RunPlanOptions): Map<string, PlanShape> {
    const same =
      now === this.#plansAt &&
      this.#plansFor !== null &&
      options.graceMs === this.#plansFor.graceMs &&
      options.maxWindowPeriods === this.#plansFor.maxWindowPeriods;
    if (!same || this.#plans.size > 100_000) {
      this.#plans = new Map();
      this.#plansAt = now;
      this.#plansFor = { ...options };
    }
    return this.#plans;
  }

  #cached(kind: string, s: DigestSchedule, at: number, compute: () => number): number {
    const key = `${kind}|${s.timezone}|${s.localTime}|${s.frequency}|${s.weekday ?? ''}|${at}`;
    let value = this.#memo.get(key);
    if (value === undefined) {
      value = compute();
      if (this.#memo.size > 100_000) this.#memo.clear();
      this.#memo.set(key, value);
    }
    return value;
  }
}

function scheduleOf(sub: SubscriptionRecord): DigestSchedule {
  return { localTime: sub.localTime, timezone: sub.timezone, frequency: sub.frequency, weekday: sub.weekday };
}

function instant(text: string | null): number {
  if (text === null) return Number.NaN;
  return Date.parse(text);
}

/** A plan without its subscription: what subscriptions with the same schedule and state share. */
export type PlanShape = DistributiveOmit<RunPlan, 'subscription'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Plans a due subscription. Subscriptions with the same schedule, due instant and window start
 * get the same plan; with `math` shared across a tick it is computed once for all of them.
 */
export function planRun(sub: SubscriptionRecord, now: Date, options: RunPlanOptions = DEFAULT_RUN_PLAN_OPTIONS, math = new ScheduleMath()): RunPlan {
  return { ...planShape(sub, now, options, math), subscription: sub } as RunPlan;
}

/**
 * `planRun` without the copy: the shared, frozen plan for every subscription with this schedule,
 * due instant and window start. The tick plans a hundred thousand subscriptions at once and keeps
 * each one beside its plan instead of copying the plan into an object per subscription.
 */
export function planShape(sub: SubscriptionRecord, now: Date, options: RunPlanOptions = DEFAULT_RUN_PLAN_OPTIONS, math = new ScheduleMath()): PlanShape {
  const plans = math.plansAt(now.getTime(), options);
  const key = `${sub.timezone}|${sub.localTime}|${sub.frequency}|${sub.weekday ?? ''}|${sub.nextDueAt}|${sub.lastRunAt ?? `c${sub.createdAt}`}`;
  let shape = plans.get(key);
  if (!shape) {
    const { subscription: _, ...computed } = computePlan(sub, now, options, math);
    shape = Object.freeze(computed);
    plans.set(key, shape);
  }
  return shape;
}

function computePlan(sub: SubscriptionRecord, now: Date, options: RunPlanOptions, math: ScheduleMath): RunPlan {
  const nowMs = now.getTime();
  const schedule = scheduleOf(sub);
  const dueMs = instant(sub.nextDueAt);
  if (!Number.isFinite(dueMs)) return { action: 'invalid', subscription: sub, reason: `unreadable next due instant "${sub.nextDueAt}"` };
  let scheduledMs = dueMs;
  let replacesMissed: string | null = null;
  try {
    if (nowMs - dueMs >= options.graceMs) {
      // Down past the grace window: the most recent due instant may still be recent enough.
      const latest = math.latest(schedule, nowMs);
      const next = math.next(schedule, nowMs);
      if (latest <= dueMs || nowMs - latest >= options.graceMs) {
        return { action: 'skip', subscription: sub, missedAt: new Date(dueMs).toISOString(), nextDueAt: new Date(next).toISOString(), lateMs: nowMs - dueMs };
      }
      scheduledMs = latest;
      replacesMissed = new Date(dueMs).toISOString();
    }
    const nextMs = math.next(schedule, Math.max(scheduledMs, nowMs));
    const period = periodMs(sub.frequency);
    const start = instant(sub.lastRunAt ?? sub.createdAt);
    let fromMs = Math.max(Number.isFinite(start) ? start : scheduledMs - period, scheduledMs - options.maxWindowPeriods * period);
    if (fromMs >= scheduledMs) fromMs = scheduledMs - period;
    return {
      action: 'run',
      subscription: sub,
      scheduledFor: new Date(scheduledMs).toISOString(),
      windowFrom: new Date(fromMs).toISOString(),
      windowTo: new Date(scheduledMs).toISOString(),
      nextDueAt: new Date(nextMs).toISOString(),
      lateMs: nowMs - scheduledMs,
      replacesMissed,
    };
  } catch (error) {
    if (error instanceof RangeError) return { action: 'invalid', subscription: sub, reason: error.message };
    throw error;
  }
}
