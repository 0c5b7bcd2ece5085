/**
 * The seam between the application and a chat platform. An adapter turns platform updates into
 * router calls and router replies into platform messages, and provides the `PlatformSender` the
 * outbox sender delivers digests through. The application starts one adapter per configured
 * platform (see `src/app.ts`); adapters hold no business logic.
 */
import type { TopicCatalog } from '../commands/context.ts';
import type { Router } from '../commands/router.ts';
import type { Config } from '../config.ts';
import type { PlatformSender } from '../delivery/platform-sender.ts';
import type { PlatformRateLimiter } from '../delivery/rate-limiter.ts';
import type { PermanentFailure } from '../delivery/sender.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../scheduler/clock.ts';
import type { Platform } from '../store/records.ts';
import type { Store } from '../store/store.ts';

export interface AdapterRuntime {
  config: Config;
  router: Router;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** The topics users can pick from (pickers, autocomplete). */
  topics?: TopicCatalog;
  /** Asks the application to shut down (the console's `exit`, a fatal platform error). */
  requestShutdown(reason: string): void;
}

export interface Adapter {
  readonly platform: Platform;
  /** Delivers outbox messages (digests, notices) on this platform. */
  readonly sender: PlatformSender;
  /**
   * The rate limiter the adapter's own replies count against; the application gives it to the
   * platform's outbox sender so replies and digests share one budget.
   */
  readonly limiter?: PlatformRateLimiter;
  /**
   * Told once when digests to a target stopped for good (its subscriptions were paused), so the
   * adapter can let the chat's admins know, where the platform gives it somewhere to say so.
   */
  notifyPermanentFailure?(failure: PermanentFailure): Promise<void>;
  /**
   * A store role (see src/exclusive-role.ts) the adapter must hold to receive updates, when the
   * platform lets only one connection receive them: the others stand by and take over.
   */
  readonly exclusiveRole?: string;
  /** Begins receiving commands; resolves once the adapter is listening. */
  start(): Promise<void>;
  /** Stops receiving; in-flight commands finish first. */
  stop(): Promise<void>;
}

export type AdapterFactory = (runtime: AdapterRuntime) => Adapter | Promise<Adapter>;
