/**
 * Scheduled digests. One cron task fires every minute (never one per subscription) and calls
 * `tick(now)`, which:
 *
 * 1. claims the subscriptions due at `now` from the store, page by page;
 * 2. plans each one (`planShape`, shared by subscriptions with the same schedule): run it, skip it (down for 6 h or more), or pause it (unusable schedule);
 * 3. groups the runs by (topic, window, language, platform) and composes each group once;
 * 4. commits a digest run per subscription, with its outbox messages and its next due instant, in
 *    batches, one transaction each. The run's identity (subscription, scheduled instant) makes a
 *    repeated tick or a restart harmless: the store skips runs that already exist.
 *
 * The cron trigger is a thin shell: tests call `tick` with fake instants.
 */
import { schedule as scheduleCron, type ScheduledTask } from 'node-cron';
import type { ChatRecord, DigestRunCommit, Platform, SubscriptionRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { digestRenderKey, type ComposedDigest, type DigestComposer, type DigestGroup, type RenderRef } from '../digest/digest-group.ts';
import { errorFields, silentEventLog, type EventLog } from '../delivery/event-log.ts';
import { systemClock, type Clock } from './clock.ts';
import { DEFAULT_RUN_PLAN_OPTIONS, planShape, ScheduleMath, type PlanShape, type RunPlanOptions } from './plan-run.ts';
import { quietHoursEnd } from './quiet-hours.ts';

export type SchedulerStore = Pick<Store, 'listDueSubscriptions' | 'commitDigestRuns' | 'advanceSubscription' | 'pauseSubscription' | 'getChats'>;

export interface SchedulerOptions {
  store: SchedulerStore;
  composer: DigestComposer;
  clock?: Clock;
  log?: EventLog;
  /** Due subscriptions read per page. */
  claimBatchSize?: number;
  /** Runs committed per transaction. */
  commitBatchSize?: number;
  /** How late a digest may still go out (default 6 h) and how many periods a window may span. */
  plan?: Partial<RunPlanOptions>;
  /**
   * Called after each committed batch that queued messages, with their platforms: senders start
   * delivering while the rest of a large tick is still being committed.
   */
  onEnqueued?: (platforms: ReadonlySet<Platform>) => void;
}

export interface TickReport {
  at: string;
  /** Subscriptions that were due. */
  due: number;
  /** Runs committed now (queued + empty), and runs that already existed (a repeated tick). */
  created: number;
  duplicates: number;
  queued: number;
  empty: number;
  quietDay: number;
  /** Late beyond the grace window: advanced without a digest. */
  skipped: number;
  /** Unusable schedule: paused. */
  invalid: number;
  /** Distinct (topic, window, language, platform) groups, and renders produced for them. */
  groups: number;
  renders: number;
  /** Groups whose composition failed; their subscriptions stay due and are retried next tick. */
  failedGroups: number;
  messages: number;
  durationMs: number;
}

type RunningPlan = Extract<PlanShape, { action: 'run' }>;

/**
 * A group's subscriptions, each beside its (shared) plan and its place in the claimed page:
 * `plans[i]` is the plan of `subs[i]`, `positions[i]` where it was in the page.
 */
interface GroupWork {
  group: DigestGroup;
  subs: SubscriptionRecord[];
  plans: RunningPlan[];
  positions: number[];
}

export class DigestScheduler {
  readonly #store: SchedulerStore;
  readonly #composer: DigestComposer;
  readonly #clock: Clock;
  readonly #log: EventLog;
  readonly #claimBatchSize: number;
  readonly #commitBatchSize: number;
  readonly #planOptions: RunPlanOptions;
  readonly #onEnqueued: SchedulerOptions['onEnqueued'];
  readonly #math = new ScheduleMath();
  /** Commits that carry a quiet-day message rather than a digest (for the tick report). */
  readonly #quietRuns = new WeakSet<DigestRunCommit>();
  #task: ScheduledTask | null = null;
  #running: Promise<TickReport> | null = null;

  constructor(options: SchedulerOptions) {
    this.#store = options.store;
    this.#composer = options.composer;
    this.#clock = options.clock ?? systemClock;
    this.#log = options.log ?? silentEventLog;
    this.#claimBatchSize = Math.max(1, Math.floor(options.claimBatchSize ?? 2_500));
    this.#commitBatchSize = Math.max(1, Math.floor(options.commitBatchSize ?? 2_500));
    this.#planOptions = { ...DEFAULT_RUN_PLAN_OPTIONS, ...options.plan };
    this.#onEnqueued = options.onEnqueued;
  }

  /**
   * Ticks once at once (catching up digests missed while the process was down), then at the
   * start of every minute. A tick still running when the next minute starts is not overlapped.
   */
  start(): void {
    if (this.#task) return;
    this.#task = scheduleCron('* * * * *', () => this.#tickSafely(), { name: 'mowjaz-digests', noOverlap: true, timezone: 'UTC' });
    void this.#tickSafely();
  }

  /** Stops the minute trigger and waits for a tick in progress to finish. */
  async stop(): Promise<void> {
    const task = this.#task;
    this.#task = null;
    if (task) await task.destroy();
    await this.#running?.catch(() => undefined);
  }

  async #tickSafely(): Promise<void> {
    try {
      await this.tick();
    } catch (error) {
      this.#log.error({ event: 'digest.tick_failed', ...errorFields(error) }, 'digest tick failed');
    }
  }

  /** Runs everything due at `now` (the clock's now by default). Concurrent calls share one tick. */
  tick(now: Date = this.#clock.now()): Promise<TickReport> {
    if (this.#running) return this.#running;
    const running = this.#tick(now).finally(() => {
      this.#running = null;
    });
    this.#running = running;
    return running;
  }

  async #tick(now: Date): Promise<TickReport> {
    const started = performance.now();
    const report: TickReport = {
      at: now.toISOString(),
      due: 0,
      created: 0,
      duplicates: 0,
      queued: 0,
      empty: 0,
      quietDay: 0,
      skipped: 0,
      invalid: 0,
      groups: 0,
      renders: 0,
      failedGroups: 0,
      messages: 0,
      durationMs: 0,
    };
    const seen = new Set<string>();
    const composed = new Map<string, Promise<ComposedDigest>>();
    const quiet = new Map<string, Promise<RenderRef>>();
    const groupKeys = new Set<string>();
    for (;;) {
      const page = await this.#store.listDueSubscriptions(now.toISOString(), this.#claimBatchSize);
      const fresh = page.filter((sub) => !seen.has(sub.id));
      if (fresh.length === 0) break;
      for (const sub of fresh) seen.add(sub.id);
      report.due += fresh.length;
      await this.#processPage(fresh, now, report, { composed, quiet, groupKeys });
      if (page.length < this.#claimBatchSize) break;
    }
    report.groups = groupKeys.size;
    report.durationMs = Math.round(performance.now() - started);
    if (report.due > 0) this.#log.info({ event: 'digest.tick', ...report }, 'digests scheduled');
    return report;
  }

  async #processPage(
    subs: SubscriptionRecord[],
    now: Date,
    report: TickReport,
    shared: {
      composed: Map<string, Promise<ComposedDigest>>;
      quiet: Map<string, Promise<RenderRef>>;
      groupKeys: Set<string>;
    },
  ): Promise<void> {
    const groups = new Map<string, GroupWork>();
    // Subscriptions with the same plan and the same topic, language and platform are in the same
    // group: its render key is built once per such combination, not once per subscription.
    const groupsByPlan = new Map<RunningPlan, Map<string, GroupWork>>();
    for (let position = 0; position < subs.length; position++) {
      const sub = subs[position] as SubscriptionRecord;
      const plan = planShape(sub, now, this.#planOptions, this.#math);
      if (plan.action === 'invalid') {
        report.invalid++;
        await this.#guarded(sub, () => this.#pauseInvalid(sub, plan.reason));
        continue;
      }
      if (plan.action === 'skip') {
        report.skipped++;
        await this.#guarded(sub, async () => {
          await this.#store.advanceSubscription(sub.id, plan.nextDueAt, sub.lastRunAt);
          this.#log.warn(
            { event: 'digest.skipped_late', subscriptionId: sub.id, topicId: sub.topicId, missedAt: plan.missedAt, lateMs: plan.lateMs, nextDueAt: plan.nextDueAt },
            'digest skipped: too late to send',
          );
        });
        continue;
      }
      if (plan.replacesMissed) {
        this.#log.info(
          { event: 'digest.caught_up', subscriptionId: sub.id, missedAt: plan.replacesMissed, scheduledFor: plan.scheduledFor },
          'older digests missed; sending the latest',
        );
      }
      let byAudience = groupsByPlan.get(plan);
      if (!byAudience) {
        byAudience = new Map();
        groupsByPlan.set(plan, byAudience);
      }
      const audience = `${sub.topicId}\u0000${sub.language}\u0000${sub.chat.platform}`;
      let work = byAudience.get(audience);
      if (!work) {
        const group: DigestGroup = { topicId: sub.topicId, windowFrom: plan.windowFrom, windowTo: plan.windowTo, language: sub.language, platform: sub.chat.platform };
        const key = digestRenderKey(group);
        work = groups.get(key);
        if (!work) {
          work = { group, subs: [], plans: [], positions: [] };
          groups.set(key, work);
        }
        byAudience.set(audience, work);
      }
      work.subs.push(sub);
      work.plans.push(plan);
      work.positions.push(position);
    }
    if (groups.size === 0) return;

    const chats = await this.#chatsOf(groups.values());
    // Commits in the order the subscriptions were claimed (by due instant and id), not group by
    // group: the store's indexes on subscription and target then take them in key order, mostly
    // appending instead of jumping between the groups' key ranges.
    const byPosition = new Array<DigestRunCommit | undefined>(subs.length);
    for (const [key, work] of groups) {
      shared.groupKeys.add(key);
      const built = await this.#composeGroup(key, work, now, shared, report);
      if (!built) continue;
      for (let i = 0; i < work.subs.length; i++) {
        byPosition[work.positions[i] as number] = this.#commitFor(work.subs[i] as SubscriptionRecord, work.plans[i] as RunningPlan, built.digest, built.quiet, chats, now);
      }
    }
    const commits: DigestRunCommit[] = [];
    for (const commit of byPosition) if (commit) commits.push(commit);
    await this.#commit(commits, report);
  }

  async #composeGroup(
    key: string,
    work: GroupWork,
    now: Date,
    shared: { composed: Map<string, Promise<ComposedDigest>>; quiet: Map<string, Promise<RenderRef>> },
    report: TickReport,
  ): Promise<{ digest: ComposedDigest; quiet: RenderRef | null } | null> {
    try {
      // Subscribers of one group can span claim pages: compose once per tick all the same.
      let digestPromise = shared.composed.get(key);
      const firstDigest = !digestPromise;
      if (!digestPromise) {
        digestPromise = this.#composer.compose(work.group, now);
        shared.composed.set(key, digestPromise);
      }
      const digest = await digestPromise;
      if (firstDigest && digest.digest) report.renders++;
      let quietRender: RenderRef | null = null;
      if (!digest.digest && work.subs.some((sub) => sub.quietDayMessage)) {
        let quietPromise = shared.quiet.get(key);
        const firstQuiet = !quietPromise;
        if (!quietPromise) {
          quietPromise = this.#composer.composeQuietDay(work.group, now);
          shared.quiet.set(key, quietPromise);
        }
        quietRender = await quietPromise;
        if (firstQuiet) report.renders++;
      }
      return { digest, quiet: quietRender };
    } catch (error) {
      shared.composed.delete(key);
      shared.quiet.delete(key);
      report.failedGroups++;
      this.#log.error(
        { event: 'digest.compose_failed', key, subscriptions: work.subs.length, ...errorFields(error) },
        'could not compose a digest; its subscriptions stay due',
      );
      return null;
    }
  }

  #commitFor(sub: SubscriptionRecord, plan: RunningPlan, composed: ComposedDigest, quiet: RenderRef | null, chats: Map<string, ChatRecord>, now: Date): DigestRunCommit {
    const render = composed.digest ?? (sub.quietDayMessage ? quiet : null);
    const commit: DigestRunCommit = {
      subscriptionId: sub.id,
      scheduledFor: plan.scheduledFor,
      windowFrom: plan.windowFrom,
      windowTo: plan.windowTo,
      status: render ? 'queued' : 'empty',
      renderId: render?.renderId ?? null,
      platform: sub.chat.platform,
      targetId: sub.targetId,
      messageCount: render?.messageCount ?? 0,
      nextDueAt: plan.nextDueAt,
    };
    if (render && render === quiet) this.#quietRuns.add(commit);
    if (render && chats.size > 0) {
      const chat = chats.get(chatKey(sub.chat));
      const holdUntil = chat ? quietHoursEnd(chat.settings.quietHours, chat.settings.timezone, now) : null;
      if (holdUntil) commit.notBefore = holdUntil.toISOString();
    }
    return commit;
  }

  async #commit(commits: DigestRunCommit[], report: TickReport): Promise<void> {
    for (let i = 0; i < commits.length; i += this.#commitBatchSize) {
      const batch = commits.slice(i, i + this.#commitBatchSize);
      const enqueued = new Set<Platform>();
      try {
        const result = await this.#store.commitDigestRuns(batch);
        report.created += result.created.length;
        report.duplicates += result.duplicates;
        // The store reports created run ids (distinct), not which commits they were; count from the batch when all were new.
        if (result.created.length === batch.length) {
          for (const commit of batch) this.#count(commit, report, enqueued);
        } else {
          for (const commit of batch) if (commit.messageCount > 0) enqueued.add(commit.platform);
        }
      } catch (error) {
        this.#log.error(
          { event: 'digest.commit_failed', runs: batch.length, ...errorFields(error) },
          'could not commit digest runs; their subscriptions stay due',
        );
      }
      if (enqueued.size > 0) this.#notifyEnqueued(enqueued);
    }
  }

  #notifyEnqueued(platforms: ReadonlySet<Platform>): void {
    try {
      this.#onEnqueued?.(platforms);
    } catch (error) {
      this.#log.error({ event: 'digest.notify_failed', ...errorFields(error) }, 'could not wake the senders');
    }
  }

  #count(commit: DigestRunCommit, report: TickReport, enqueued: Set<Platform>): void {
    if (commit.status === 'empty') {
      report.empty++;
      return;
    }
    report.queued++;
    if (this.#quietRuns.has(commit)) report.quietDay++;
    report.messages += commit.messageCount;
    if (commit.messageCount > 0) enqueued.add(commit.platform);
  }

  /** One subscription's store update failing must not stop the tick; it stays due and is tried again. */
  async #guarded(sub: SubscriptionRecord, update: () => Promise<void>): Promise<void> {
    try {
      await update();
    } catch (error) {
      this.#log.error({ event: 'digest.update_failed', subscriptionId: sub.id, ...errorFields(error) }, 'could not update a due subscription');
    }
  }

  async #pauseInvalid(sub: SubscriptionRecord, reason: string): Promise<void> {
    await this.#store.pauseSubscription(sub.id, `invalid schedule: ${reason}`);
    this.#log.error({ event: 'digest.invalid_schedule', subscriptionId: sub.id, reason }, 'subscription paused: its schedule cannot be computed');
  }

  async #chatsOf(groups: Iterable<GroupWork>): Promise<Map<string, ChatRecord>> {
    // Chats repeat across a page's subscriptions; the store looks each one up once.
    const refs: Array<SubscriptionRecord['chat']> = [];
    for (const work of groups) for (const sub of work.subs) refs.push(sub.chat);
    const chats = await this.#store.getChats(refs);
    // Only chats with quiet hours matter to the tick.
    return new Map(chats.filter((chat) => chat.settings.quietHours !== null).map((chat) => [chatKey(chat), chat]));
  }
}

function chatKey(chat: { platform: Platform; chatId: string }): string {
  return `${chat.platform}\u0000${chat.chatId}`;
}
