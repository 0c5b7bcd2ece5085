/**
 * Two mowjaz processes on one PostgreSQL store with the same Telegram token, against the fake Bot
 * API (which, like Telegram, ends a held getUpdates with 409 when a second poller asks). One
 * polls and sends, the other stands by; when the first stops, the second takes over.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startApp, type RunningApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { createPostgresPool } from '../src/store/postgres-store.ts';
import { FakeTelegramBotApi } from './fakes/telegram-bot-api.ts';
import { privateChat, userNamed } from './fakes/telegram/updates.ts';
import { until } from './support/event-log.ts';
import { describeWithPostgres, postgresUrl } from './support/services.ts';

describeWithPostgres('several processes on one PostgreSQL store', () => {
  const schema = `mowjaz_test_${randomBytes(6).toString('hex')}`;
  const pool = createPostgresPool({ url: postgresUrl(), maxConnections: 1 });
  const fake = new FakeTelegramBotApi({ maxLongPollMs: 300 });
  const dir = mkdtempSync(join(tmpdir(), 'mowjaz-processes-'));
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    await fake.start();
    await pool.query(`create schema ${schema}`);
  });
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await fake.close();
    await pool.query(`drop schema if exists ${schema} cascade`);
    await pool.end();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(name: string): Promise<{ app: RunningApp; events: Array<Record<string, unknown>> }> {
    const events: Array<Record<string, unknown>> = [];
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      DATABASE_URL: `${postgresUrl()}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      SOURCES_POLLING: 'false',
      MOWJAZ_DATA_DIR: join(dir, name),
    });
    const logger = createLogger({ level: 'info', destination: { write: (line) => void events.push(JSON.parse(line) as Record<string, unknown>) } });
    const app = await startApp(config, logger, { console: { input: new PassThrough(), output: new PassThrough() }, roleRetryMs: 100 });
    apps.push(app);
    return { app, events };
  }

  const roleEvents = (events: Array<Record<string, unknown>>, event: string) => events.filter((line) => line['event'] === event).map((line) => line['role']).sort();

  test('one polls and sends, the other stands by without a 409, and takes over when the first stops', { timeout: 60_000 }, async () => {
    const first = await start('first');
    const second = await start('second');
    expect(roleEvents(first.events, 'role.leading')).toEqual(['sender:telegram', 'telegram:updates']);
    expect(roleEvents(second.events, 'role.standby')).toEqual(['sender:telegram', 'telegram:updates']);

    const omar = userNamed(501, 'Omar');
    fake.userSays(privateChat(omar), omar, '/topics');
    await until(() => fake.botMessages(omar.id).length > 0, 10_000);
    expect(fake.calls.filter((call) => call.method === 'getUpdates' && call.errorCode === 409)).toEqual([]);

    await first.app.stop();
    apps.splice(apps.indexOf(first.app), 1);
    await until(() => roleEvents(second.events, 'role.leading').length === 2, 10_000);
    const answered = fake.botMessages(omar.id).length;
    fake.userSays(privateChat(omar), omar, '/topics');
    await until(() => fake.botMessages(omar.id).length > answered, 10_000);
    // The stopped process's last long poll may still be held by the server and end with 409
    // when the new poller asks; the new poller itself must never be told to go away.
    expect(second.events.filter((line) => line['event'] === 'telegram.polling_lost')).toEqual([]);
    const stillRunning = await Promise.race([second.app.shutdownRequested.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 500))]);
    expect(stillRunning).toBe(true);
  });
});
