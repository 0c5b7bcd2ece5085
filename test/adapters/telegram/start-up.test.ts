/**
 * Start-up failures name what an operator should check, without repeating the token.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../commands/index.ts';
import { createTelegramAdapter } from '../../../src/adapters/telegram/telegram-adapter.ts';
import { createRouter } from '../../../src/commands/router.ts';
import { loadConfig } from '../../../src/config.ts';
import { silentLogger } from '../../../src/logger.ts';
import { createCommandServices } from '../../../src/pipeline/services.ts';
import { buildTopics } from '../../../src/pipeline/topic-catalog.ts';
import { systemClock } from '../../../src/scheduler/clock.ts';
import type { Store } from '../../../src/store/store.ts';
import { openSqliteStore } from '../../../src/store/sqlite-store.ts';
import { FakeTelegramBotApi } from '../../fakes/telegram-bot-api.ts';

const WRONG_TOKEN = '7000000001:AAWrongTokenForTheStartUpTest_012345';
const fake = new FakeTelegramBotApi();
let store: Store;
beforeAll(async () => {
  await fake.start();
  store = await openSqliteStore({ path: ':memory:' });
});
afterAll(async () => {
  await fake.close();
  await store.close();
});

function adapterWith(env: Record<string, string>) {
  const config = loadConfig(env, { cwd: mkdtempSync(join(tmpdir(), 'mowjaz-tg-start-')) });
  const topics = buildTopics([]);
  const logger = silentLogger();
  const router = createRouter({ commands: COMMANDS, store, topics: topics.catalog, clock: systemClock, logger, services: createCommandServices({ store, topics }), defaultLanguage: 'en', defaultTimezone: 'UTC' });
  return createTelegramAdapter({ config, router, store, clock: systemClock, logger, topics: topics.catalog, requestShutdown: () => undefined });
}

describe('Telegram start-up failures', () => {
  it('given a token Telegram refuses then start-up fails naming the variable, not the token', async () => {
    const adapter = adapterWith({ TELEGRAM_BOT_TOKEN: WRONG_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot });
    const failure = await adapter.start().then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toBe('Telegram refused the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN (and TELEGRAM_API_ROOT, if set)');
    expect(failure?.message).not.toContain(WRONG_TOKEN);
    await adapter.stop();
  });

  it('given a Bot API root nobody answers at then start-up fails saying so', async () => {
    const adapter = adapterWith({ TELEGRAM_BOT_TOKEN: WRONG_TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:9' });
    await expect(adapter.start()).rejects.toThrow(/^could not reach the Telegram Bot API \(.*\): check the network and TELEGRAM_API_ROOT/);
    await adapter.stop();
  });
});
