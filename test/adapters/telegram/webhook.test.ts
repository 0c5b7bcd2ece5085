/**
 * Webhook mode: with `TELEGRAM_WEBHOOK_URL` set the bot registers its URL and secret with
 * `setWebhook` and serves updates over HTTP instead of polling; every request must carry the
 * secret token, and a missing or wrong one is refused and logged.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_HEADER } from '../../../src/adapters/telegram/webhook-server.ts';
import { botMessagesIn, eventually, FAST_LIMITS, omar, omarChat, startTelegramHarness, type TelegramHarness } from './harness.ts';

const SECRET = 'hook_Secret-123';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let h: TelegramHarness;
let url: string;
beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}/telegram/hook`;
  h = await startTelegramHarness({
    limits: FAST_LIMITS,
    env: { TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_SECRET: SECRET },
    adapter: { webhookListen: { host: '127.0.0.1', port } },
  });
});
afterAll(async () => {
  await h?.close();
});

const post = (body: unknown, headers: Record<string, string>, target = url) =>
  fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const rejections = () => h.logs.filter((line) => line['event'] === 'telegram.webhook_rejected');

describe('Telegram webhook mode', () => {
  it('registers the URL and secret with setWebhook and never polls', () => {
    const [call] = h.fake.callsTo('setWebhook');
    expect(call?.params).toMatchObject({ url, secret_token: SECRET, allowed_updates: ['message', 'callback_query', 'my_chat_member'] });
    expect(h.fake.callsTo('getUpdates')).toEqual([]);
  });

  it('given an update Telegram posts with the secret then the command is answered', async () => {
    h.fake.userSays(omarChat, omar, '/topics');
    const [reply] = await botMessagesIn(h.fake, omarChat.id, 1);
    expect(reply!.text).toMatch(/Topics you can follow/);
    expect(h.fake.webhookDeliveries.map((delivery) => delivery.status)).toEqual([200]);
  });

  it.each([
    ['no secret token', {}, 401, 'missing secret token'],
    ['a wrong secret token', { [SECRET_HEADER]: 'guess' }, 403, 'wrong secret token'],
  ])('given a request with %s then it is refused with %i and a log line, and nothing runs', async (_case, headers, status, reason) => {
    const before = rejections().length;
    const sends = h.fake.callsTo('sendMessage').length;
    const response = await post({ update_id: 999, message: { message_id: 1, date: 0, chat: omarChat, from: omar, text: '/topics' } }, headers);
    expect(response.status).toBe(status);
    expect(rejections().slice(before)).toEqual([expect.objectContaining({ status, reason })]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.fake.callsTo('sendMessage')).toHaveLength(sends);
  });

  it('refuses other paths, other methods and bodies that are not updates', async () => {
    expect((await post({ update_id: 1 }, { [SECRET_HEADER]: SECRET }, url.replace('/hook', '/other'))).status).toBe(404);
    expect((await fetch(url, { headers: { [SECRET_HEADER]: SECRET } })).status).toBe(405);
    expect((await post('{not json', { [SECRET_HEADER]: SECRET })).status).toBe(400);
    expect((await post({ hello: 'world' }, { [SECRET_HEADER]: SECRET })).status).toBe(400);
  });
});

describe('Telegram webhook mode without a configured secret', () => {
  let bare: TelegramHarness;
  let bareUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    bareUrl = `http://127.0.0.1:${port}/hook`;
    bare = await startTelegramHarness({ ingestAt: null, env: { TELEGRAM_WEBHOOK_URL: bareUrl }, adapter: { webhookListen: { host: '127.0.0.1', port } } });
  });
  afterAll(async () => {
    await bare?.close();
  });

  it('makes up a strong secret, so requests are still checked', async () => {
    const secret = bare.fake.callsTo('setWebhook')[0]?.params['secret_token'];
    expect(typeof secret === 'string' && secret.length >= 32).toBe(true);
    expect((await post({ update_id: 5 }, {}, bareUrl)).status).toBe(401);
    bare.fake.userSays(omarChat, omar, '/help');
    await eventually(() => bare.fake.webhookDeliveries.some((delivery) => delivery.status === 200));
  });
});
