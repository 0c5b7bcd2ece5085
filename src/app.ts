/**
 * Wiring: configuration → store (migrated) → topics → content ingested → router → adapters,
 * digest scheduler and outbox senders. `openCore` is everything a single command needs (used by
 * `--once`); `startApp` adds the long-running parts and returns a handle to stop them in order.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../commands/index.ts';
import type { Adapter, AdapterFactory, AdapterRuntime } from './adapters/adapter.ts';
import type { ConsoleStreams } from './adapters/console/console-adapter.ts';
import { createRouter, type Router } from './commands/router.ts';
import type { Config } from './config.ts';
import { formatTopicErrors, loadTopics } from './core/topics/load.ts';
import { StoreDigestComposer } from './digest/compose.ts';
import { Sender } from './delivery/sender.ts';
import { ExclusiveRole } from './exclusive-role.ts';
import { HistoryPruner } from './scheduler/history-pruner.ts';
import type { Logger } from './logger.ts';
import { ingestContent } from './pipeline/ingest.ts';
import { createCommandServices } from './pipeline/services.ts';
import { buildTopics, type Topics } from './pipeline/topic-catalog.ts';
import { systemClock, type Clock } from './scheduler/clock.ts';
import { DigestScheduler } from './scheduler/scheduler.ts';
import { startSources, type SourcesRuntime } from './sources/runtime.ts';
import { openStore } from './store/index.ts';
import type { Platform } from './store/records.ts';
import type { Store } from './store/store.ts';

/** A start-up problem an operator can fix (missing topics, a platform without an adapter). */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export interface Core {
  config: Config;
  store: Store;
  topics: Topics;
  router: Router;
  clock: Clock;
  logger: Logger;
  close(): Promise<void>;
}

export async function openCore(config: Config, logger: Logger, clock: Clock = systemClock): Promise<Core> {
  for (const warning of config.warnings) logger.warn({ event: 'config_warning' }, warning);
  const topicsDir = join(config.contentDir, 'topics');
  if (!existsSync(topicsDir)) throw new StartupError(`no topics folder at ${topicsDir} (set MOWJAZ_CONTENT_DIR to the folder holding topics/ and articles/)`);
  const loaded = await loadTopics(topicsDir);
  for (const line of formatTopicErrors(loaded.errors)) logger.warn({ event: 'topic_file_error' }, `topic file skipped: ${line}`);
  if (loaded.topics.length === 0) throw new StartupError(`no usable topic in ${topicsDir}`);
  const topics = buildTopics(loaded.topics);

  const store = await openStore({ ...config.store, clock });
  try {
    const articlesDir = join(config.contentDir, 'articles');
    if (existsSync(articlesDir)) {
      const report = await ingestContent({ store, topics: topics.compiled, clock, logger }, [articlesDir]);
      logger.info({ event: 'startup_ingest', offered: report.offered, inserted: report.inserted, skipped: report.skipped, errors: report.errors.length }, 'content ingested');
    }
    const router = createRouter({
      commands: COMMANDS,
      store,
      topics: topics.catalog,
      clock,
      logger,
      services: createCommandServices({ store, topics }),
      defaultLanguage: config.defaultLanguage,
      defaultTimezone: config.defaultTimezone,
    });
    return { config, store, topics, router, clock, logger, close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The adapters this build has, loaded only when their platform is configured. */
export function adapterFactories(console: ConsoleStreams): Partial<Record<Platform, AdapterFactory>> {
  return {
    console: async (runtime) => new (await import('./adapters/console/console-adapter.ts')).ConsoleAdapter(runtime, console),
    discord: async (runtime) => (await import('./adapters/discord/discord-adapter.ts')).createDiscordAdapter(runtime),
    telegram: async (runtime) => (await import('./adapters/telegram/telegram-adapter.ts')).createTelegramAdapter(runtime),
  };
}

/** Each platform with a token; the console when there is none. */
export function platformsFor(config: Config): Platform[] {
  const platforms: Platform[] = [];
  if (config.discord) platforms.push('discord');
  if (config.telegram) platforms.push('telegram');
  return platforms.length > 0 ? platforms : ['console'];
}

export interface RunningApp {
  core: Core;
  adapters: readonly Adapter[];
  /** Resolves with the reason once something asked the application to stop. */
  shutdownRequested: Promise<string>;
  /** Stops in order: scheduler, adapters, senders (in-flight sends finish), store. Idempotent. */
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  console: ConsoleStreams;
  /** How often a process standing by asks again for a role another process holds (15 s). */
  roleRetryMs?: number;
  /** Test seam: replaces the adapters of this build. */
  factories?: Partial<Record<Platform, AdapterFactory>>;
}

export async function startApp(config: Config, logger: Logger, options: StartOptions): Promise<RunningApp> {
  const clock = options.clock ?? systemClock;
  const core = await openCore(config, logger, clock);
  let requestShutdown: (reason: string) => void = () => undefined;
  const shutdownRequested = new Promise<string>((resolve) => {
    requestShutdown = resolve;
  });

  const factories = options.factories ?? adapterFactories(options.console);
  const runtime: AdapterRuntime = {
    config,
    router: core.router,
    store: core.store,
    clock,
    logger,
    topics: core.topics.catalog,
    requestShutdown: (reason) => requestShutdown(reason),
  };
  const adapters: Adapter[] = [];
  const senders = new Map<Platform, Sender>();
  // Work one process at a time may do (see exclusive-role.ts): each platform's sender, and
  // receiving a platform's updates where only one connection may (Discord's gateway, Telegram's
  // long polling).
  const senderRoles: ExclusiveRole[] = [];
  const adapterRuns = new Map<Adapter, { stop(): Promise<void> }>();
  let scheduler: DigestScheduler | null = null;
  let sources: SourcesRuntime | null = null;
  const history = new HistoryPruner({ store: core.store, clock, log: logger, keepDays: config.historyDays });
  let stopping: Promise<void> | null = null;

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await sources?.stop();
      await history.stop();
      await scheduler?.stop();
      for (const adapter of adapters) await (adapterRuns.get(adapter) ?? adapter).stop();
      await Promise.all(senderRoles.map((role) => role.stop()));
      await core.close();
      logger.info({ event: 'shutdown' }, 'stopped');
    })();
    return stopping;
  };

  try {
    for (const platform of platformsFor(config)) {
      const factory = factories[platform];
      if (!factory) throw new StartupError(`${platform} is configured (token set) but this build has no ${platform} adapter`);
      adapters.push(await factory(runtime));
    }
    for (const adapter of adapters) {
      const sender = new Sender({
        store: core.store,
        platform: adapter.sender,
        limiter: adapter.limiter,
        clock,
        log: logger,
        onPermanentFailure: async (failure) => {
          logger.warn({ event: 'delivery_target_paused', ...failure }, `digests to ${failure.platform}:${failure.targetId} stopped: ${failure.reason}`);
          await adapter.notifyPermanentFailure?.(failure);
        },
      });
      senders.set(adapter.platform, sender);
      const role = new ExclusiveRole({ role: `sender:${adapter.platform}`, work: { lead: () => sender.start(), yield: () => sender.stop() }, roles: core.store, log: logger, retryEveryMs: options.roleRetryMs });
      senderRoles.push(role);
      await role.start();
    }
    const topicNames = (topicId: string) => core.topics.catalog.get(topicId)?.name;
    scheduler = new DigestScheduler({
      store: core.store,
      composer: new StoreDigestComposer(core.store, topicNames),
      clock,
      log: logger,
      onEnqueued: (platforms) => platforms.forEach((platform) => senders.get(platform)?.notify()),
    });
    for (const adapter of adapters) {
      const exclusive = adapter.exclusiveRole;
      if (!exclusive) {
        await adapter.start();
        continue;
      }
      const role = new ExclusiveRole({
        role: exclusive,
        roles: core.store,
        log: logger,
        retryEveryMs: options.roleRetryMs,
        work: {
          lead: () => adapter.start(),
          yield: () => adapter.stop(),
          // A platform client is not restarted in place: a fresh process stands by again.
          lost: async () => requestShutdown(`lost the role ${exclusive}`),
        },
      });
      adapterRuns.set(adapter, role);
      await role.start();
    }
    scheduler.start();
    history.start();
    if (config.sourcesPolling) {
      sources = await startSources({ contentDir: config.contentDir, allowPrivate: config.sourcesAllowPrivate, store: core.store, topics: core.topics.compiled, topicNames: (id) => core.topics.catalog.get(id)?.name, clock, logger, onEnqueued: (platforms) => platforms.forEach((platform) => senders.get(platform)?.notify()) });
    }
    logger.info({ event: 'startup', platforms: adapters.map((adapter) => adapter.platform), store: config.store.kind }, 'mowjaz started');
  } catch (error) {
    await stop();
    throw error;
  }
  return { core, adapters, shutdownRequested, stop };
}
