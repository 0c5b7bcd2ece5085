/**
 * Drains one platform's outbox: fetch due messages, wait for the rate limits, send, record the
 * outcome. The outbox is the source of truth, so a crash loses nothing: whatever was not marked
 * sent goes out after a restart (at most the messages in flight at the crash are sent twice).
 *
 * Failures follow `planFailure`: transient ones back off, 429s wait exactly as told (a global
 * one holds the whole platform), a migrated chat is moved and resent, a blocked, gone or
 * forbidden target has its subscriptions paused and its queue dropped (once, never in a loop),
 * and a malformed body is resent once as plain text.
 */
import type { OutboxDelivery } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { realSleep, systemClock, type Clock, type Sleep } from '../scheduler/clock.ts';
import { asDeliveryError, DeliveryError, type DeliveryErrorKind } from './delivery-error.ts';
import { errorFields, silentEventLog, type EventLog } from './event-log.ts';
import { DEFAULT_RETRY_POLICY, planFailure, type RetryPolicy } from './failure-policy.ts';
import { DEFAULT_LIMITS, type PlatformLimits } from './limits.ts';
import type { PlatformSender } from './platform-sender.ts';
import { PlatformRateLimiter } from './rate-limiter.ts';

export type OutboxStore = Pick<
  Store,
  'nextDeliveries' | 'markSent' | 'markRetry' | 'markFailed' | 'migrateChat' | 'pauseSubscriptionsForTarget'
>;

/** Told once per unreachable target, so an adapter can let an admin know why digests stopped. */
export interface PermanentFailure {
  platform: OutboxDelivery['platform'];
  targetId: string;
  kind: DeliveryErrorKind;
  reason: string;
  permission?: string;
  subscriptionId: string | null;
  pausedSubscriptions: number;
  droppedMessages: number;
}

export interface SenderOptions {
  store: OutboxStore;
  platform: PlatformSender;
  /** Defaults to the platform's documented limits (`DEFAULT_LIMITS`). */
  limits?: PlatformLimits;
  /**
   * A limiter shared with the platform's interactive replies, so command answers and digests
   * count against the same windows (`limits` and `safetyMarginMs` are then the limiter's own).
   */
  limiter?: PlatformRateLimiter;
  retry?: Partial<RetryPolicy>;
  /** Sends in flight at once. */
  concurrency?: number;
  /**
   * Messages fetched per look at the outbox (beyond those in flight). When everything fetched is
   * held back by a chat's limit (a busy group at the head of the queue), the next look fetches
   * up to `maxBatchSize` so other chats are not starved behind it.
   */
  batchSize?: number;
  maxBatchSize?: number;
  /** Fetched messages are re-read from the outbox at least this often. */
  bufferMaxAgeMs?: number;
  /** How often an idle sender looks for new messages when nobody calls `notify`. */
  idlePollMs?: number;
  /** A send that has not settled after this long counts as a transient failure (0 = no limit). */
  sendTimeoutMs?: number;
  /**
   * Slack added to every rate window (default 0), for platforms that count arrival times over a
   * jittery network. Pauses a platform asks for (429) are honoured exactly, without it.
   */
  safetyMarginMs?: number;
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  log?: EventLog;
  onPermanentFailure?: (failure: PermanentFailure) => void | Promise<void>;
}

export interface SenderStats {
  sent: number;
  retried: number;
  failed: number;
  migrated: number;
  droppedTargets: number;
  fallbacks: number;
}

// Shared abort reasons: aborting without one builds a DOMException (with a stack) every time.
const WAKE_UP = Object.freeze({ reason: 'sender wake-up' });
const SEND_SETTLED = Object.freeze({ reason: 'send settled' });

export class Sender {
  readonly #store: OutboxStore;
  readonly #platform: PlatformSender;
  readonly #limiter: PlatformRateLimiter;
  readonly #policy: RetryPolicy;
  readonly #concurrency: number;
  readonly #batchSize: number;
  readonly #maxBatchSize: number;
  readonly #bufferMaxAgeMs: number;
  #fetchSize: number;
  readonly #idlePollMs: number;
  readonly #sendTimeoutMs: number;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #log: EventLog;
  readonly #onPermanentFailure: SenderOptions['onPermanentFailure'];

  readonly #inFlight = new Map<string, Promise<void>>();
  /** Plain-text bodies to use instead of a refused one, by message id. */
  readonly #fallbacks = new Map<string, unknown>();
  readonly #migrations = new Map<string, number>();
  /**
   * Due messages fetched but not started yet (held by a rate limit or the concurrency bound).
   * Fetching is the costly part of a send, so one fetch serves many sends; the buffer is
   * refreshed when it runs dry, when `notify` says something new arrived, and at least every
   * `bufferMaxAgeMs`. A run's next message appears at the next refresh.
   */
  #buffer: OutboxDelivery[] = [];
  #bufferedAt = Number.NEGATIVE_INFINITY;
  #refetch = false;
  /** The last fetch returned as many messages as asked: the outbox holds more behind them. */
  #lastFetchFull = false;
  /** Instants this sender scheduled retries for: it wakes exactly then. Sorted ascending. */
  #retryWakes: number[] = [];
  #stats: SenderStats = { sent: 0, retried: 0, failed: 0, migrated: 0, droppedTargets: 0, fallbacks: 0 };

  #loop: Promise<void> | null = null;
  #stopping = false;
  #wakeRequested = false;
  #sleeping: AbortController | null = null;
  #idleWaiters: Array<() => void> = [];

  constructor(options: SenderOptions) {
    this.#store = options.store;
    this.#platform = options.platform;
    this.#limiter =
      options.limiter ??
      new PlatformRateLimiter(options.limits ?? DEFAULT_LIMITS[options.platform.platform], {
        safetyMarginMs: options.safetyMarginMs ?? 0,
      });
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
    this.#batchSize = Math.max(1, Math.floor(options.batchSize ?? 100));
    this.#maxBatchSize = Math.max(this.#batchSize, Math.floor(options.maxBatchSize ?? 5_000));
    this.#fetchSize = this.#batchSize;
    this.#bufferMaxAgeMs = Math.max(0, options.bufferMaxAgeMs ?? 1_000);
    this.#idlePollMs = Math.max(1, options.idlePollMs ?? 1_000);
    this.#sendTimeoutMs = Math.max(0, options.sendTimeoutMs ?? 60_000);
    this.#clock = options.clock ?? systemClock;
    this.#sleep = options.sleep ?? realSleep;
    this.#random = options.random ?? Math.random;
    this.#log = options.log ?? silentEventLog;
    this.#onPermanentFailure = options.onPermanentFailure;
  }

  get platform(): OutboxDelivery['platform'] {
    return this.#platform.platform;
  }

  get running(): boolean {
    return this.#loop !== null;
  }

  stats(): SenderStats {
    return { ...this.#stats };
  }

  /** Starts draining in the background (idempotent). */
  start(): void {
    if (this.#loop) return;
    this.#stopping = false;
    this.#loop = this.#run().finally(() => {
      this.#loop = null;
    });
  }

  /** Looks at the outbox now instead of at the next poll (call after enqueueing). */
  notify(): void {
    this.#refetch = true;
    this.#wake();
  }

  #wake(): void {
    this.#wakeRequested = true;
    this.#sleeping?.abort(WAKE_UP);
  }

  /** Graceful stop: no new sends; the ones in flight finish and are recorded. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.notify();
    await this.#loop;
  }

  /**
   * Sends everything due, including retries this sender schedules on the way, then resolves
   * (stopping again if it was not running before). For one-shot runs and tests.
   */
  async drain(): Promise<SenderStats> {
    const wasRunning = this.running;
    const idle = new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
    this.start();
    this.notify();
    await idle;
    if (!wasRunning) await this.stop();
    return this.stats();
  }

  async #run(): Promise<void> {
    this.#log.info({ event: 'delivery.sender_started', platform: this.platform, concurrency: this.#concurrency }, 'sender started');
    while (!this.#stopping) {
      this.#wakeRequested = false;
      if (this.#inFlight.size >= this.#concurrency) {
        // Nothing can start before a send finishes: wait for that, not for a timer.
        await Promise.race(this.#inFlight.values());
        continue;
      }
      let waitMs: number;
      try {
        waitMs = await this.#pump();
      } catch (error) {
        this.#log.error({ event: 'delivery.poll_failed', platform: this.platform, ...errorFields(error) }, 'could not read the outbox');
        waitMs = this.#idlePollMs;
      }
      if (this.#stopping) break;
      if (waitMs <= 0 || this.#wakeRequested) continue;
      const controller = new AbortController();
      this.#sleeping = controller;
      await this.#sleep(waitMs, controller.signal);
      this.#sleeping = null;
    }
    await Promise.allSettled([...this.#inFlight.values()]);
    this.#log.info({ event: 'delivery.sender_stopped', platform: this.platform, ...this.#stats }, 'sender stopped');
  }

  /** Starts what can go now; returns how long to wait before looking again (0 = at once). */
  async #pump(): Promise<number> {
    const now = this.#clock.now().getTime();
    this.#retryWakes = this.#retryWakes.filter((at) => at > now);
    const nextRetry = this.#retryWakes[0] ?? Number.POSITIVE_INFINITY;
    const free = this.#concurrency - this.#inFlight.size;
    const platformAt = this.#limiter.platformAvailableAt(now);
    // +∞ while a whole window's sends await their answers: the first answer wakes the loop.
    if (platformAt > now) return Math.min(platformAt, nextRetry, now + this.#idlePollMs) - now;

    let fetched: OutboxDelivery[] | null = null;
    let limit = 0;
    if (this.#buffer.length === 0 || this.#refetch || now - this.#bufferedAt >= this.#bufferMaxAgeMs) {
      limit = this.#fetchSize + this.#inFlight.size;
      fetched = await this.#store.nextDeliveries(this.platform, new Date(now).toISOString(), limit);
      this.#buffer = fetched.filter((delivery) => !this.#inFlight.has(delivery.id));
      this.#bufferedAt = now;
      this.#refetch = false;
      this.#lastFetchFull = fetched.length >= limit;
    }

    let started = 0;
    let heldByLimits = 0;
    let wakeAt = Math.min(nextRetry, now + this.#idlePollMs);
    const held: OutboxDelivery[] = [];
    let index = 0;
    let pacedOut = false;
    for (; index < this.#buffer.length && started < free; index++) {
      const delivery = this.#buffer[index] as OutboxDelivery;
      const at = this.#clock.now().getTime();
      const platformAt = this.#limiter.platformAvailableAt(at);
      if (platformAt > at) {
        // The next bot-wide slot is later: nothing in the buffer can go before it.
        wakeAt = Math.min(wakeAt, platformAt);
        pacedOut = true;
        break;
      }
      const availableAt = this.#limiter.availableAt(delivery.targetId, at);
      if (availableAt > at) {
        wakeAt = Math.min(wakeAt, availableAt);
        held.push(delivery);
        heldByLimits++;
        continue;
      }
      this.#start(delivery);
      started++;
    }
    for (; index < this.#buffer.length; index++) held.push(this.#buffer[index] as OutboxDelivery);
    this.#buffer = held;
    if (!pacedOut && started < free && heldByLimits > 0 && this.#lastFetchFull && this.#fetchSize < this.#maxBatchSize) {
      // Sends could go out, but what is buffered waits on its chats' limits (a busy group at the
      // head of the queue) and the outbox holds more: look further down the queue at once.
      this.#fetchSize = Math.min(this.#maxBatchSize, this.#fetchSize * 4);
      this.#refetch = true;
      return 0;
    }
    if (started > 0) {
      if (fetched && heldByLimits === 0) this.#fetchSize = Math.max(this.#batchSize, Math.floor(this.#fetchSize / 2));
      return 0;
    }
    if (fetched && held.length === 0 && this.#inFlight.size === 0 && this.#retryWakes.length === 0) this.#becameIdle();
    return Math.max(1, wakeAt - now);
  }

  /** Drops buffered messages to a target whose queue just changed (dropped or moved). */
  #forgetTarget(targetId: string): void {
    this.#buffer = this.#buffer.filter((delivery) => delivery.targetId !== targetId);
  }

  #becameIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #start(delivery: OutboxDelivery): void {
    const work = this.#deliver(delivery)
      .catch((error: unknown) => {
        // The outcome could not be recorded; the message stays pending and is tried again later.
        this.#log.error({ event: 'delivery.record_failed', platform: this.platform, messageId: delivery.id, ...errorFields(error) }, 'could not record a delivery outcome');
        this.#limiter.pauseTarget(delivery.targetId, this.#clock.now().getTime() + this.#idlePollMs);
      })
      .finally(() => {
        this.#inFlight.delete(delivery.id);
        this.#wake();
      });
    this.#inFlight.set(delivery.id, work);
  }

  async #deliver(delivery: OutboxDelivery): Promise<void> {
    const fallback = this.#fallbacks.get(delivery.id);
    const body = fallback ?? delivery.body;
    if (body === undefined || body === null) {
      await this.#store.markFailed(delivery.id, 'no payload to send (render missing)');
      this.#stats.failed++;
      this.#log.error({ event: 'delivery.payload_missing', platform: this.platform, messageId: delivery.id, runId: delivery.runId }, 'message has no payload');
      return;
    }
    let failure: DeliveryError | null = null;
    // No await before this point: `#pump` relies on the platform being called, and the send
    // counted, synchronously.
    const sending = this.#send(delivery.targetId, body);
    // Counted from after the request was handed to the platform, never before: the instant the
    // platform sees is then never earlier than the one the windows hold.
    const inFlight = this.#limiter.begin(delivery.targetId, this.#clock.now().getTime());
    try {
      await sending;
    } catch (error) {
      failure = asDeliveryError(error);
    }
    const now = this.#clock.now().getTime();
    inFlight.answered(now);
    if (!failure) {
      await this.#store.markSent(delivery.id, new Date(now).toISOString());
      this.#fallbacks.delete(delivery.id);
      this.#migrations.delete(delivery.id);
      this.#stats.sent++;
      return;
    }
    await this.#handleFailure(delivery, failure, fallback !== undefined, now);
  }

  async #send(targetId: string, body: unknown): Promise<void> {
    const sending = this.#platform.send(targetId, body);
    if (this.#sendTimeoutMs === 0) {
      await sending;
      return;
    }
    const timer = new AbortController();
    const timeout = this.#sleep(this.#sendTimeoutMs, timer.signal).then(() => {
      if (!timer.signal.aborted) throw DeliveryError.transient(`no answer within ${this.#sendTimeoutMs} ms`);
    });
    // A send that loses the race may still reject later; that outcome is already decided.
    sending.catch(() => undefined);
    try {
      await Promise.race([sending, timeout]);
    } finally {
      timer.abort(SEND_SETTLED);
    }
  }

  async #handleFailure(delivery: OutboxDelivery, error: DeliveryError, usedFallback: boolean, now: number): Promise<void> {
    const fields = {
      platform: this.platform,
      messageId: delivery.id,
      runId: delivery.runId,
      subscriptionId: delivery.subscriptionId,
      targetId: delivery.targetId,
      attempts: delivery.attempts + 1,
      kind: error.kind,
      error: error.describe(),
    };
    const action = planFailure(
      error,
      {
        attempts: delivery.attempts,
        targetId: delivery.targetId,
        migrations: this.#migrations.get(delivery.id) ?? 0,
        fallbackUnavailable: usedFallback || typeof this.#platform.plainTextFallback !== 'function',
      },
      this.#policy,
      now,
      this.#random,
    );
    switch (action.type) {
      case 'retry': {
        if (action.hold === 'platform') this.#limiter.pausePlatform(action.at);
        if (action.hold === 'target') this.#limiter.pauseTarget(delivery.targetId, action.at);
        const nextAttemptAt = new Date(action.at).toISOString();
        await this.#store.markRetry(delivery.id, nextAttemptAt, error.describe());
        this.#scheduleWake(action.at);
        this.#stats.retried++;
        this.#log.warn({ event: 'delivery.retry', ...fields, nextAttemptAt, hold: action.hold }, 'send failed; will retry');
        return;
      }
      case 'fail':
        await this.#store.markFailed(delivery.id, action.reason);
        this.#forget(delivery.id);
        this.#stats.failed++;
        this.#log.error({ event: 'delivery.failed', ...fields, reason: action.reason }, 'gave up on a message');
        return;
      case 'migrate':
        await this.#store.migrateChat({ platform: this.platform, chatId: delivery.targetId }, action.newTargetId);
        this.#forgetTarget(delivery.targetId);
        this.#refetch = true; // resend under the new id without waiting for the buffer to age
        this.#migrations.set(delivery.id, (this.#migrations.get(delivery.id) ?? 0) + 1);
        this.#stats.migrated++;
        this.#log.info({ event: 'delivery.chat_migrated', ...fields, newTargetId: action.newTargetId }, 'chat moved to a new id; resending there');
        return;
      case 'drop_target': {
        const pausedSubscriptions = await this.#store.pauseSubscriptionsForTarget(this.platform, delivery.targetId, action.reason);
        const droppedMessages = await this.#store.markFailed(delivery.id, action.reason, { dropTarget: true });
        this.#forgetTarget(delivery.targetId);
        this.#forget(delivery.id);
        this.#stats.droppedTargets++;
        this.#stats.failed += droppedMessages;
        this.#log.warn({ event: 'delivery.target_unreachable', ...fields, pausedSubscriptions, droppedMessages }, 'target unreachable; subscriptions paused');
        await this.#tellPermanentFailure({
          platform: this.platform,
          targetId: delivery.targetId,
          kind: error.kind,
          reason: action.reason,
          ...(error.permission === undefined ? {} : { permission: error.permission }),
          subscriptionId: delivery.subscriptionId,
          pausedSubscriptions,
          droppedMessages,
        });
        return;
      }
      case 'fallback': {
        const plain = this.#platform.plainTextFallback?.(delivery.body);
        if (plain === undefined || plain === null) {
          await this.#store.markFailed(delivery.id, `${error.describe()}; no plain-text fallback`);
          this.#forget(delivery.id);
          this.#stats.failed++;
          this.#log.error({ event: 'delivery.failed', ...fields, reason: 'no plain-text fallback' }, 'platform refused the message');
          return;
        }
        // Stays pending and due: the next look at the outbox sends the plain version.
        this.#fallbacks.set(delivery.id, plain);
        this.#refetch = true;
        this.#stats.fallbacks++;
        this.#log.warn({ event: 'delivery.plain_text_fallback', ...fields }, 'platform refused the message; resending as plain text');
        return;
      }
    }
  }

  async #tellPermanentFailure(failure: PermanentFailure): Promise<void> {
    if (!this.#onPermanentFailure) return;
    try {
      await this.#onPermanentFailure(failure);
    } catch (error) {
      this.#log.error({ event: 'delivery.admin_notice_failed', platform: this.platform, targetId: failure.targetId, ...errorFields(error) }, 'could not report an unreachable target');
    }
  }

  #forget(id: string): void {
    this.#fallbacks.delete(id);
    this.#migrations.delete(id);
  }

  #scheduleWake(at: number): void {
    let index = this.#retryWakes.length;
    while (index > 0 && (this.#retryWakes[index - 1] as number) > at) index--;
    this.#retryWakes.splice(index, 0, at);
  }
}
