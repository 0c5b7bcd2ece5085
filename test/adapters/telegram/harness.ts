/**
 * The Telegram adapter end to end: the fake Bot API on a local port, real telegraf pointed at it
 * (`TELEGRAM_API_ROOT`), and the real command stack behind it (SQLite in memory, the repository's
 * topics and sample articles, router, services). One clock serves the store, the router and the
 * adapter; it runs in real time from an instant the test chooses, so rate windows and long polls
 * behave as in production while dates stay fixed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chat, User } from 'telegraf/types';
import { COMMANDS } from '../../../commands/index.ts';
import {
  createTelegramAdapter,
  TELEGRAM_SAFETY_MARGIN_MS,
  type TelegramAdapter,
  type TelegramAdapterOptions,
} from '../../../src/adapters/telegram/telegram-adapter.ts';
import { createRouter, type Router } from '../../../src/commands/router.ts';
import { loadConfig } from '../../../src/config.ts';
import { TELEGRAM_LIMITS } from '../../../src/delivery/limits.ts';
import { PlatformRateLimiter } from '../../../src/delivery/rate-limiter.ts';
import { loadTopicsStrict } from '../../../src/core/topics/load.ts';
import { createLogger } from '../../../src/logger.ts';
import { ingestContent } from '../../../src/pipeline/ingest.ts';
import { createCommandServices } from '../../../src/pipeline/services.ts';
import { buildTopics, type Topics } from '../../../src/pipeline/topic-catalog.ts';
import type { Clock } from '../../../src/scheduler/clock.ts';
import type { SqlStore } from '../../../src/store/sql-store.ts';
import { openSqliteStore } from '../../../src/store/sqlite-store.ts';
import { FakeTelegramBotApi, type FakeBotApiOptions } from '../../fakes/telegram-bot-api.ts';
import type { StoredMessage } from '../../fakes/telegram/chat-state.ts';
import type { FakeRateLimits } from '../../fakes/telegram/rate-windows.ts';
import { privateChat, userNamed } from '../../fakes/telegram/updates.ts';
import { repoRoot } from '../../support/shared.ts';

/** Real time, shifted to start at a chosen instant; `set` jumps, then time runs on from there. */
export class ShiftedClock implements Clock {
  #offset: number;

  constructor(start: string) {
    this.#offset = Date.parse(start) - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.#offset);
  }

  set(instant: string): void {
    this.#offset = Date.parse(instant) - Date.now();
  }
}

/** Telegram's limits with windows a tenth as long: the same rules, ten times faster. */
export const FAST_LIMITS: FakeRateLimits = {
  global: { limit: 30, windowMs: 100 },
  perChat: { limit: 1, windowMs: 100 },
  perGroup: { limit: 20, windowMs: 6_000 },
};

export const ARTICLES_DIR = join(repoRoot, 'content', 'articles');

// The people and chats of the tests.
export const omar = userNamed(501, 'Omar', { language_code: 'en', username: 'omar' });
export const sami = userNamed(502, 'Sami', { language_code: 'en' });
export const huda = userNamed(503, 'Huda', { language_code: 'ar' });
export const newsroom: Chat.SupergroupChat = { id: -1001000000001, type: 'supergroup', title: 'Newsroom' };
export const newsChannel: Chat.ChannelChat = { id: -1002000000001, type: 'channel', title: 'Mowjaz News', username: 'mowjaz_news' };
export const omarChat = privateChat(omar);
export const samiChat = privateChat(sami);
export const hudaChat = privateChat(huda);

export interface HarnessOptions {
  fake?: FakeBotApiOptions;
  /**
   * Flood limits of both the fake server and the adapter's limiter (Telegram's by default).
   * Tests that are not about pacing shorten the windows so they need not wait a second per reply.
   */
  limits?: FakeRateLimits;
  /** Extra environment (e.g. `TELEGRAM_WEBHOOK_URL`). */
  env?: Record<string, string>;
  adapter?: TelegramAdapterOptions;
  /** Ingest the sample articles at this instant before starting (default 2026-11-28T06:00Z); null: do not. */
  ingestAt?: string | null;
  /** Where the clock stands once set up. */
  now?: string;
}

export interface TelegramHarness {
  fake: FakeTelegramBotApi;
  store: SqlStore;
  topics: Topics;
  router: Router;
  clock: ShiftedClock;
  adapter: TelegramAdapter;
  logs: Array<Record<string, unknown>>;
  shutdowns: string[];
  ingest(at: string): Promise<void>;
  close(): Promise<void>;
}

export async function startTelegramHarness(options: HarnessOptions = {}): Promise<TelegramHarness> {
  const fake = new FakeTelegramBotApi({ maxLongPollMs: 2_000, ...(options.limits ? { limits: options.limits } : {}), ...options.fake });
  const apiRoot = await fake.start();
  fake.addChat(newsroom, newsChannel, omarChat, samiChat, hudaChat);
  const clock = new ShiftedClock(options.ingestAt ?? '2026-11-28T06:00:00.000Z');
  const store = await openSqliteStore({ path: ':memory:', clock });
  const topics = buildTopics(await loadTopicsStrict(join(repoRoot, 'content', 'topics')));
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: 'info', destination: { write: (line) => void logs.push(JSON.parse(line) as Record<string, unknown>) } });
  const ingest = async (at: string): Promise<void> => {
    clock.set(at);
    await ingestContent({ store, topics: topics.compiled, clock, logger }, [ARTICLES_DIR]);
  };
  if (options.ingestAt !== null) await ingest(options.ingestAt ?? '2026-11-28T06:00:00.000Z');
  clock.set(options.now ?? '2026-11-29T08:00:00.000Z');

  const config = loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: apiRoot, MOWJAZ_DEFAULT_TIMEZONE: 'Asia/Baghdad', ...options.env }, { cwd: mkdtempSync(join(tmpdir(), 'mowjaz-tg-')) });
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
  const shutdowns: string[] = [];
  const adapter = createTelegramAdapter(
    { config, router, store, clock, logger, topics: topics.catalog, requestShutdown: (reason) => void shutdowns.push(reason) },
    {
      webhookListen: { host: '127.0.0.1', port: 0 },
      ...(options.limits ? { limiter: new PlatformRateLimiter({ ...TELEGRAM_LIMITS, ...options.limits }, { safetyMarginMs: TELEGRAM_SAFETY_MARGIN_MS }) } : {}),
      ...options.adapter,
    },
  );
  await adapter.start();
  return {
    fake,
    store,
    topics,
    router,
    clock,
    adapter,
    logs,
    shutdowns,
    ingest,
    async close() {
      await adapter.stop();
      await fake.close();
      await store.close();
    },
  };
}

/** Waits until the bot has sent `count` messages to the chat (edits do not count); returns them. */
export async function botMessagesIn(fake: FakeTelegramBotApi, chatId: number, count: number, timeoutMs = 8_000): Promise<StoredMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = fake.botMessages(chatId);
    if (messages.length >= count) return messages;
    if (Date.now() > deadline) throw new Error(`chat ${chatId}: ${messages.length} bot messages after ${timeoutMs} ms, expected ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until `check` holds (polling), for effects that leave no message (store changes). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The callback data of the first button whose label contains `label`. */
export function buttonData(message: StoredMessage, label: string): string {
  const button = message.replyMarkup?.inline_keyboard.flat().find((candidate) => candidate.text.includes(label));
  if (!button || !('callback_data' in button)) throw new Error(`no button "${label}" on message ${message.messageId}`);
  return button.callback_data;
}

export type { User };
