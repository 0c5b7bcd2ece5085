/**
 * Scheduled digests wired together: the minute scheduler, the composer over the store, and one
 * outbox sender per platform. The application builds one at start-up, starts it after the
 * adapters, and stops it before closing the store.
 */
import type { Platform } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { StoreDigestComposer, type ComposeOptions, type TopicNames } from '../digest/compose.ts';
import type { EventLog } from '../delivery/event-log.ts';
import type { PlatformLimits } from '../delivery/limits.ts';
import type { PlatformSender } from '../delivery/platform-sender.ts';
import type { PlatformRateLimiter } from '../delivery/rate-limiter.ts';
import { Sender, type PermanentFailure, type SenderOptions } from '../delivery/sender.ts';
import { realSleep, systemClock, type Clock, type Sleep } from './clock.ts';
import { DigestScheduler, type SchedulerOptions } from './scheduler.ts';

export interface DigestRuntimeOptions {
  store: Store;
  topicNames: TopicNames;
  /** The adapters' senders, one per platform in use. */
  platforms: readonly PlatformSender[];
  clock?: Clock;
  sleep?: Sleep;
  log?: EventLog;
  /** Per-platform limits replacing the documented defaults. */
  limits?: Partial<Record<Platform, PlatformLimits>>;
  /** Limiters shared with the adapters' own requests (see `SenderOptions.limiter`). */
  limiters?: Partial<Record<Platform, PlatformRateLimiter>>;
  compose?: Partial<ComposeOptions>;
  scheduler?: Pick<SchedulerOptions, 'claimBatchSize' | 'commitBatchSize' | 'plan'>;
  sender?: Pick<SenderOptions, 'concurrency' | 'retry' | 'batchSize' | 'idlePollMs' | 'sendTimeoutMs'>;
  onPermanentFailure?: (failure: PermanentFailure) => void | Promise<void>;
}

export interface DigestRuntime {
  readonly scheduler: DigestScheduler;
  readonly senders: ReadonlyMap<Platform, Sender>;
  /** Starts the senders, then the scheduler (whose first tick catches up missed digests). */
  start(): void;
  /** Stops the scheduler, then lets each sender finish its in-flight messages. */
  stop(): Promise<void>;
}

export function createDigestRuntime(options: DigestRuntimeOptions): DigestRuntime {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const senders = new Map<Platform, Sender>();
  for (const platform of options.platforms) {
    senders.set(
      platform.platform,
      new Sender({
        store: options.store,
        platform,
        clock,
        sleep,
        ...(options.limits?.[platform.platform] ? { limits: options.limits[platform.platform] } : {}),
        ...(options.limiters?.[platform.platform] ? { limiter: options.limiters[platform.platform] } : {}),
        ...(options.log ? { log: options.log } : {}),
        ...(options.onPermanentFailure ? { onPermanentFailure: options.onPermanentFailure } : {}),
        ...options.sender,
      }),
    );
  }
  const composer = new StoreDigestComposer(options.store, options.topicNames, options.compose);
  const scheduler = new DigestScheduler({
    store: options.store,
    composer,
    clock,
    ...(options.log ? { log: options.log } : {}),
    ...options.scheduler,
    onEnqueued: (platforms) => {
      for (const platform of platforms) senders.get(platform)?.notify();
    },
  });
  return {
    scheduler,
    senders,
    start() {
      for (const sender of senders.values()) sender.start();
      scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await Promise.all([...senders.values()].map((sender) => sender.stop()));
    },
  };
}
