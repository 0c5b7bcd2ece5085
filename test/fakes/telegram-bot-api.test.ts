/**
 * The fake Bot API holds the bot to Telegram's rules, so these tests hold the fake to them: what
 * it accepts and refuses, with the errors api.telegram.org gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat } from 'telegraf/types';
import { FakeTelegramBotApi } from './telegram-bot-api.ts';
import { privateChat, userNamed } from './telegram/updates.ts';

let now = 1_000_000;
const fake = new FakeTelegramBotApi({ now: () => now, maxLongPollMs: 1_000 });
const alice = userNamed(11, 'Alice');
const aliceChat = privateChat(alice);
const group: Chat.SupergroupChat = { id: -100500, type: 'supergroup', title: 'Group' };
const others = Array.from({ length: 40 }, (_, i) => privateChat(userNamed(1_000 + i, `U${i}`)));

beforeAll(async () => {
  await fake.start();
  fake.addChat(aliceChat, group, ...others);
});
afterAll(async () => {
  await fake.close();
});

// The body is whatever JSON the server answered; `any` lets each test read the fields it checks.
async function call(method: string, params: Record<string, unknown> = {}, encoding: 'json' | 'form' = 'json'): Promise<{ status: number; body: any }> {
  const url = `${fake.apiRoot}/bot${fake.token}/${method}`;
  const init: RequestInit =
    encoding === 'json'
      ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) }
      : {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : JSON.stringify(value)])).toString(),
        };
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as any };
}

const send = (chatId: number | string, text: string, extra: Record<string, unknown> = {}) => call('sendMessage', { chat_id: chatId, text, ...extra });

describe('fake Bot API: sendMessage', () => {
  it('counts the 4096-character limit after entity parsing', async () => {
    now += 10_000;
    const visible = `<b>${'a'.repeat(4000)}</b>${'&amp;'.repeat(96)}`;
    expect((await send(others[0]!.id, visible, { parse_mode: 'HTML' })).status).toBe(200);
    now += 10_000;
    const tooLong = await send(others[0]!.id, `${visible}x`, { parse_mode: 'HTML' });
    expect(tooLong).toEqual({ status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: message is too long' } });
  });

  it.each([
    ['<foo>x</foo>', 'unsupported start tag "foo"'],
    ['<b>x', 'can\'t find end tag corresponding to start tag "b"'],
    ['<b><i>x</b></i>', 'end tag "b" does not match start tag "i"'],
    ['a & b', 'unescaped "&"'],
  ])('refuses %j with "can\'t parse entities"', async (html, detail) => {
    now += 10_000;
    const answer = await send(aliceChat.id, html, { parse_mode: 'HTML' });
    expect(answer.status).toBe(400);
    expect(answer.body.description).toMatch(/^Bad Request: can't parse entities: /);
    expect(answer.body.description).toContain(detail);
  });

  it('takes form bodies, with structured fields as JSON text', async () => {
    now += 10_000;
    const answer = await call('sendMessage', { chat_id: String(aliceChat.id), text: 'hi', reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'r:/news' }]] } }, 'form');
    expect(answer.status).toBe(200);
    expect(fake.botMessages(aliceChat.id).at(-1)!.replyMarkup).toEqual({ inline_keyboard: [[{ text: 'Go', callback_data: 'r:/news' }]] });
  });

  it('refuses callback data over 64 bytes', async () => {
    now += 10_000;
    const answer = await send(aliceChat.id, 'hi', { reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'ع'.repeat(33) }]] } });
    expect(answer.body.description).toBe('Bad Request: BUTTON_DATA_INVALID');
  });

  it('answers 429 with retry_after beyond 1 message per second in a chat', async () => {
    now += 10_000;
    expect((await send(aliceChat.id, 'one')).status).toBe(200);
    now += 400;
    expect(await send(aliceChat.id, 'two')).toEqual({
      status: 429,
      body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } },
    });
    now += 600;
    expect((await send(aliceChat.id, 'two')).status).toBe(200);
  });

  it('answers 429 beyond 30 messages per second for the bot', async () => {
    now += 10_000;
    const statuses: number[] = [];
    for (const chat of others.slice(0, 31)) statuses.push((await send(chat.id, 'news')).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(30);
    expect(statuses.at(-1)).toBe(429);
  });

  it('answers 429 beyond 20 messages a minute in a group, with the wait in retry_after', async () => {
    now += 120_000;
    for (let i = 0; i < 20; i++) {
      expect((await send(group.id, `m${i}`)).status).toBe(200);
      now += 1_000;
    }
    const refused = await send(group.id, 'm20');
    expect(refused.status).toBe(429);
    expect(refused.body.parameters.retry_after).toBe(40);
  });

  it('plays the scripted fates of chats: blocked, upgraded, deleted', async () => {
    const blocked = privateChat(userNamed(77, 'Blocker'));
    const oldGroup: Chat.GroupChat = { id: -77, type: 'group', title: 'Old' };
    const gone: Chat.GroupChat = { id: -78, type: 'group', title: 'Gone' };
    fake.addChat(blocked, oldGroup, gone);
    fake.block(blocked.id);
    fake.upgradeToSupergroup(oldGroup.id, { id: -1000077, type: 'supergroup', title: 'Old' });
    fake.remove(gone.id);
    expect((await send(blocked.id, 'x')).body).toMatchObject({ error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    expect((await send(oldGroup.id, 'x')).body).toMatchObject({
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: -1000077 },
    });
    expect((await send(gone.id, 'x')).body).toMatchObject({ error_code: 400, description: 'Bad Request: chat not found' });
    expect((await send(123456789, 'x')).body.description).toBe('Bad Request: chat not found');
  });

  it('records every call with its outcome', () => {
    const refused = fake.callsTo('sendMessage').filter((recorded) => !recorded.ok);
    expect(refused.length).toBeGreaterThan(5);
    expect(refused.every((recorded) => typeof recorded.description === 'string' && typeof recorded.errorCode === 'number')).toBe(true);
  });
});

describe('fake Bot API: updates', () => {
  it('holds a long poll until an update arrives, and an offset confirms what came before', async () => {
    const polling = call('getUpdates', { timeout: 30, offset: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const message = fake.userSays(aliceChat, alice, '/news');
    const first = await polling;
    expect(first.body.result.map((update: { message: { text: string } }) => update.message.text)).toEqual(['/news']);
    expect(first.body.result[0].message.entities).toEqual([{ type: 'bot_command', offset: 0, length: 5 }]);
    expect(message.chat.id).toBe(aliceChat.id);
    const again = await call('getUpdates', { offset: first.body.result[0].update_id });
    expect(again.body.result).toHaveLength(1);
    const confirmed = await call('getUpdates', { offset: first.body.result[0].update_id + 1, timeout: 0 });
    expect(confirmed.body.result).toEqual([]);
    expect(fake.pendingUpdates()).toBe(0);
  });

  it('answers a long poll with nothing when its time runs out', async () => {
    const started = Date.now();
    expect((await call('getUpdates', { timeout: 1 })).body.result).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('refuses getUpdates while a webhook is set', async () => {
    expect((await call('setWebhook', { url: 'http://127.0.0.1:9/hook', secret_token: 'bad secret!' })).body.description).toMatch(/secret token/);
    expect((await call('setWebhook', { url: 'http://127.0.0.1:9/hook', secret_token: 's3cret' })).status).toBe(200);
    expect((await call('getUpdates')).body).toMatchObject({ error_code: 409 });
    expect((await call('deleteWebhook', { drop_pending_updates: true })).status).toBe(200);
    expect((await call('getUpdates')).status).toBe(200);
  });

  it('ends a held long poll with 409 when a second poller asks, as Telegram does with two instances of a bot', async () => {
    const first = call('getUpdates', { timeout: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = call('getUpdates', { timeout: 0 });
    expect((await first).body).toMatchObject({ ok: false, error_code: 409, description: expect.stringContaining('terminated by other getUpdates request') });
    expect((await second).status).toBe(200);
  });

  it('accepts one answer per button press', async () => {
    now += 10_000;
    await send(aliceChat.id, 'pick', { reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } });
    const messageId = fake.botMessages(aliceChat.id).at(-1)!.messageId;
    const id = fake.userPresses(aliceChat.id, messageId, alice, 'a');
    expect((await call('answerCallbackQuery', { callback_query_id: id })).status).toBe(200);
    expect((await call('answerCallbackQuery', { callback_query_id: id })).body.description).toMatch(/query is too old/);
  });

  it('refuses a wrong token and unknown methods as Telegram does', async () => {
    expect((await fetch(`${fake.apiRoot}/bot1:wrong/getMe`)).status).toBe(401);
    expect((await call('sendDice')).status).toBe(404);
  });
});
