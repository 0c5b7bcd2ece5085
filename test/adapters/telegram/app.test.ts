/**
 * `npm start` with a Telegram token: the application's own wiring starts the Telegram adapter,
 * answers commands through it and delivers the outbox through it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { silentLogger } from '../../../src/logger.ts';
import { FakeTelegramBotApi } from '../../fakes/telegram-bot-api.ts';
import { repoRoot } from '../../support/shared.ts';
import { botMessagesIn, omar, omarChat, sami, samiChat } from './harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'mowjaz-tg-app-'));
const fake = new FakeTelegramBotApi({ maxLongPollMs: 2_000 });
let app: RunningApp;
beforeAll(async () => {
  const apiRoot = await fake.start();
  fake.addChat(omarChat, samiChat);
  const config = loadConfig(
    { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: apiRoot, MOWJAZ_DATA_DIR: join(dir, 'data'), MOWJAZ_CONTENT_DIR: join(repoRoot, 'content'), SOURCES_POLLING: 'false' },
    { cwd: dir },
  );
  app = await startApp(config, silentLogger(), { console: { input: new PassThrough(), output: new PassThrough(), terminal: false } });
}, 30_000);
afterAll(async () => {
  await app?.stop();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start with TELEGRAM_BOT_TOKEN', () => {
  it('runs the Telegram adapter and answers commands through it', async () => {
    expect(app.adapters.map((adapter) => adapter.platform)).toEqual(['telegram']);
    fake.userSays(omarChat, omar, '/news iraq-us-relations');
    const [answer] = await botMessagesIn(fake, omarChat.id, 1);
    expect(answer!.parseMode).toBe('HTML');
  });

  it('delivers the outbox through the adapter, paced by the limiter it shares with answers', async () => {
    await app.core.store.enqueueMessages([{ platform: 'telegram', targetId: String(samiChat.id), payload: { text: 'A notice', link_preview_options: { is_disabled: true } } }], new Date().toISOString());
    const [notice] = await botMessagesIn(fake, samiChat.id, 1);
    expect(notice!.text).toBe('A notice');
    const telegram = app.adapters[0]!;
    expect(telegram.limiter?.availableAt(String(samiChat.id), Date.now())).toBeGreaterThan(Date.now());
    fake.userSays(samiChat, sami, '/help');
    const [, help] = await botMessagesIn(fake, samiChat.id, 2);
    // The answer waited for the chat's window that the notice opened: one message a second.
    expect(help!.at - notice!.at).toBeGreaterThanOrEqual(1_000);
  });
});
