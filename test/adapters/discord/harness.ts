/**
 * The real stack behind the Discord adapter, against the fake Discord: an in-memory SQLite store
 * with the sample content, the real topics, services and router, real discord.js logged in to
 * the fake's gateway, and a clock the test moves (shared by the store, the fake's rate limits
 * and the digest sender, whose waits advance it instead of sleeping).
 */
import { join } from 'node:path';
import { COMMANDS } from '../../../commands/index.ts';
import { DiscordAdapter, type DiscordAdapterOptions } from '../../../src/adapters/discord/discord-adapter.ts';
import { createRouter, type Router } from '../../../src/commands/router.ts';
import { loadConfig, type Config } from '../../../src/config.ts';
import { loadArticles } from '../../../src/core/content/load.ts';
import type { Article } from '../../../src/core/types.ts';
import { loadTopicsStrict } from '../../../src/core/topics/load.ts';
import { createLogger, type Logger } from '../../../src/logger.ts';
import { ingestArticles } from '../../../src/pipeline/ingest.ts';
import { createCommandServices } from '../../../src/pipeline/services.ts';
import { buildTopics, type Topics } from '../../../src/pipeline/topic-catalog.ts';
import type { Clock, Sleep } from '../../../src/scheduler/clock.ts';
import type { Store } from '../../../src/store/store.ts';
import { openSqliteStore } from '../../../src/store/sqlite-store.ts';
import { FakeDiscord, type FakeDiscordOptions } from '../../fakes/discord/fake-discord.ts';
import { seedNewsroom, type Newsroom } from '../../fakes/discord/newsroom.ts';
import { repoRoot } from '../../support/shared.ts';

export const CONTENT_INGESTED_AT = '2026-11-28T06:00:00.000Z';
export const START = '2026-11-29T07:50:00.000Z';

/** A clock only the test moves; `sleep` advances it at once (virtual waiting). */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: string) {
    this.#ms = Date.parse(start);
  }
  now(): Date {
    return new Date(this.#ms);
  }
  get ms(): number {
    return this.#ms;
  }
  set(instant: string): void {
    this.#ms = Date.parse(instant);
  }
  advance(ms: number): void {
    this.#ms += Math.max(0, ms);
  }
  readonly sleep: Sleep = async (ms, signal) => {
    if (!signal?.aborted) this.advance(ms);
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
}

/** Log lines as objects, for asserting on events. */
export class LogRecorder {
  readonly lines: Array<Record<string, unknown>> = [];
  readonly logger: Logger = createLogger({ level: 'debug', destination: { write: (line: string) => void this.lines.push(JSON.parse(line) as Record<string, unknown>) } });
  events(name: string): Array<Record<string, unknown>> {
    return this.lines.filter((line) => line['event'] === name);
  }
}

export interface DiscordHarness {
  fake: FakeDiscord;
  world: Newsroom;
  store: Store;
  topics: Topics;
  router: Router;
  config: Config;
  clock: ManualClock;
  adapter: DiscordAdapter;
  log: LogRecorder;
  shutdowns: string[];
  articles: Article[];
  close(): Promise<void>;
}

let sampleArticles: Promise<Article[]> | null = null;

export function loadSampleArticles(): Promise<Article[]> {
  sampleArticles ??= loadArticles([join(repoRoot, 'content', 'articles')]).then((result) => result.articles);
  return sampleArticles;
}

export interface HarnessOptions {
  fake?: Omit<FakeDiscordOptions, 'now'>;
  adapter?: DiscordAdapterOptions;
  /** The server's preferred locale. */
  locale?: string;
  /** Wraps the real router (e.g. to make it slow). */
  wrapRouter?: (router: Router) => Router;
}

export async function startDiscordHarness(options: HarnessOptions = {}): Promise<DiscordHarness> {
  const clock = new ManualClock(CONTENT_INGESTED_AT);
  const log = new LogRecorder();
  const fake = await FakeDiscord.start({ ...options.fake, now: () => clock.ms });
  const world = seedNewsroom(fake, options.locale ? { locale: options.locale } : {});
  const store = await openSqliteStore({ path: ':memory:', clock });
  const topics = buildTopics(await loadTopicsStrict(join(repoRoot, 'content', 'topics')));
  const articles = await loadSampleArticles();
  await ingestArticles({ store, topics: topics.compiled, clock, logger: log.logger }, articles);
  clock.set(START);
  const config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, MOWJAZ_DEFAULT_TIMEZONE: 'Asia/Baghdad' }, { cwd: repoRoot });
  const realRouter = createRouter({
    commands: COMMANDS,
    store,
    topics: topics.catalog,
    clock,
    logger: log.logger,
    services: createCommandServices({ store, topics }),
    defaultLanguage: config.defaultLanguage,
    defaultTimezone: config.defaultTimezone,
  });
  const router = options.wrapRouter ? options.wrapRouter(realRouter) : realRouter;
  const shutdowns: string[] = [];
  const adapter = new DiscordAdapter({ config, router, store, clock, logger: log.logger, topics: topics.catalog, requestShutdown: (reason) => void shutdowns.push(reason) }, options.adapter);
  await adapter.start();
  return {
    fake,
    world,
    store,
    topics,
    router,
    config,
    clock,
    adapter,
    log,
    shutdowns,
    articles,
    async close() {
      await adapter.stop();
      await fake.close();
      await store.close();
    },
  };
}
