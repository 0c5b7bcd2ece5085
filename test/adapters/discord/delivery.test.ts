import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordDelivery } from '../../../src/adapters/discord/delivery.ts';
import { deliveryErrorFromDiscord, isUnknownInteraction } from '../../../src/adapters/discord/errors.ts';
import { DiscordHttpError, DiscordNetworkError, DiscordRest, retryAfterMsOf } from '../../../src/adapters/discord/rest-client.ts';
import { DeliveryError, type DeliveryErrorKind } from '../../../src/delivery/delivery-error.ts';
import { silentLogger } from '../../../src/logger.ts';
import { FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { seedNewsroom, type Newsroom } from '../../fakes/discord/newsroom.ts';

const http = (status: number, code = 0, extra: Partial<{ retryAfterMs: number; global: boolean }> = {}) =>
  new DiscordHttpError(status, code, 'message', 'POST', '/channels/1/messages', extra.retryAfterMs ?? null, extra.global ?? false);

describe('deliveryErrorFromDiscord', () => {
  it.each<[string, unknown, DeliveryErrorKind]>([
    ['429', http(429, 0, { retryAfterMs: 1500 }), 'rate_limited'],
    ['50013 Missing Permissions', http(403, 50013), 'forbidden'],
    ['50001 Missing Access', http(403, 50001), 'forbidden'],
    ['10003 Unknown Channel', http(404, 10003), 'gone'],
    ['10062 Unknown interaction', http(404, 10062), 'gone'],
    ['50007 Cannot send messages to this user', http(403, 50007), 'blocked'],
    ['50035 Invalid Form Body', http(400, 50035), 'bad_payload'],
    ['50006 empty message', http(400, 50006), 'bad_payload'],
    ['500', http(500), 'transient'],
    ['502', http(502), 'transient'],
    ['a 403 without a code', http(403), 'forbidden'],
    ['a 404 without a code', http(404), 'gone'],
    ['401 (revoked token)', http(401), 'unknown'],
    ['a network failure', new DiscordNetworkError('ECONNRESET', 'POST', '/x'), 'transient'],
    ['anything else', new TypeError('boom'), 'unknown'],
  ])('given %s then %s', (_label, error, kind) => {
    expect(deliveryErrorFromDiscord(error).kind).toBe(kind);
  });

  it('keeps the wait and the global flag of a 429, and names the missing permission when told', () => {
    const limited = deliveryErrorFromDiscord(http(429, 0, { retryAfterMs: 2500, global: true }));
    expect([limited.retryAfterMs, limited.global]).toEqual([2500, true]);
    expect(deliveryErrorFromDiscord(http(403, 50013), { missingPermission: 'Embed Links' }).permission).toBe('Embed Links');
    expect(deliveryErrorFromDiscord(http(429)).retryAfterMs).toBeUndefined();
  });

  it('recognises an expired interaction by its code', () => {
    expect(isUnknownInteraction(http(404, 10062))).toBe(true);
    expect(isUnknownInteraction({ code: 10015 })).toBe(true);
    expect(isUnknownInteraction(http(404, 10003))).toBe(false);
  });

  it.each([
    [{ retry_after: 1.5 }, null, 1500],
    [{ retry_after: 0.0004 }, null, 1],
    [{}, '3', 3000],
    [null, null, null],
    [{ retry_after: -1 }, 'x', null],
  ])('retryAfterMsOf(%j, %j) = %j', (body, header, expected) => {
    expect(retryAfterMsOf(body, header)).toBe(expected);
  });
});

describe('Discord delivery against the fake REST API', () => {
  let fake: FakeDiscord;
  let world: Newsroom;
  let rest: DiscordRest;
  const body = { content: '**Iraq–US relations**', embeds: [{ title: '1. Talks', description: 'Baghdad asks.' }], allowed_mentions: { parse: [] } };

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    world = seedNewsroom(fake);
    rest = new DiscordRest({ token: fake.token, apiUrl: fake.apiUrl });
  });
  afterAll(async () => fake.close());

  const sender = (missing?: string) => createDiscordDelivery({ rest, logger: silentLogger(), ...(missing ? { missingPermission: async () => missing } : {}) });
  const failure = async (promise: Promise<unknown>): Promise<DeliveryError> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof DeliveryError) return error;
      throw error;
    }
    throw new Error('expected the send to fail');
  };

  it('given a channel then the body is posted there with mentions off, and the message id returned', async () => {
    const result = await sender().send(world.news.id, { ...body, allowed_mentions: { parse: ['everyone'] } });
    const posted = fake.channelMessages(world.news.id).at(-1);
    expect(result.messageId).toBe(posted?.id);
    expect(posted?.body['allowed_mentions']).toEqual({ parse: [] });
  });

  it('given a personal subscription then the DM channel is opened once and reused', async () => {
    const send = sender();
    await send.send(`user:${world.member.id}`, body);
    await send.send(`user:${world.member.id}`, body);
    const dm = fake.dmChannelOf(world.member.id);
    expect(fake.channelMessages(dm.id)).toHaveLength(2);
    expect(fake.requests.filter((request) => request.path === '/users/@me/channels')).toHaveLength(1);
  });

  it.each<[string, () => string, DeliveryErrorKind, number]>([
    ['a channel where the bot may not send', () => world.readOnly.id, 'forbidden', 50013],
    ['a channel where the bot may not embed links', () => world.noEmbeds.id, 'forbidden', 50013],
    ['a channel the bot cannot see', () => world.hidden.id, 'forbidden', 50001],
    ['a deleted channel', () => '1399999999999999999', 'gone', 10003],
  ])('given %s then %s (code %i)', async (_label, target, kind, code) => {
    const error = await failure(sender('Embed Links').send(target(), body));
    expect([error.kind, error.code]).toEqual([kind, code]);
    if (kind === 'forbidden') expect(error.permission).toBe('Embed Links');
  });

  it('given an error scripted for a channel then it is answered that way as often as scripted, then the send goes through', async () => {
    fake.scriptChannelError(world.general.id, { status: 403, code: 50001, message: 'Missing Access', times: 1 });
    const send = sender();
    expect((await failure(send.send(world.general.id, body))).kind).toBe('forbidden');
    await send.send(world.general.id, body);
    expect(fake.requests.filter((request) => request.params['channel'] === world.general.id).slice(-2).map((request) => request.status)).toEqual([403, 200]);
  });

  it('given a user who closed their DMs then blocked', async () => {
    const closed = fake.addUser('closed', { dmsClosed: true });
    expect((await failure(sender().send(`user:${closed.id}`, body))).kind).toBe('blocked');
  });

  it('given a 429 then the wait from the body, not retried here', async () => {
    fake.limits.script({ method: 'POST', route: '/channels/:channel/messages', major: world.general.id, retryAfterMs: 1250 });
    const before = fake.requests.length;
    const error = await failure(sender().send(world.general.id, body));
    expect([error.kind, error.retryAfterMs, error.global]).toEqual(['rate_limited', 1250, false]);
    expect(fake.requests.length - before).toBe(1);
  });

  it('given more than 50 requests with the bot token in a second then a global 429, and routes without the token are not counted', async () => {
    const frozen = await FakeDiscord.start({ now: () => Date.parse('2026-11-30T08:00:00.000Z') });
    try {
      const room = seedNewsroom(frozen);
      const get = (path: string, auth: boolean) => fetch(`${frozen.apiUrl}/v10${path}`, auth ? { headers: { authorization: `Bot ${frozen.token}` } } : {});
      for (let i = 0; i < 50; i++) expect((await get('/gateway/bot', true)).status).toBe(200);
      expect((await get('/gateway', false)).status).toBe(200);
      const limited = await get('/gateway/bot', true);
      expect([limited.status, limited.headers.get('x-ratelimit-global'), limited.headers.get('x-ratelimit-scope')]).toEqual([429, 'true', 'global']);
      expect(await limited.json()).toMatchObject({ global: true, retry_after: 1 });
      const error = await failure(createDiscordDelivery({ rest: new DiscordRest({ token: frozen.token, apiUrl: frozen.apiUrl }), logger: silentLogger() }).send(room.news.id, body));
      expect([error.kind, error.global]).toEqual(['rate_limited', true]);
    } finally {
      await frozen.close();
    }
  });

  it('given a body over Discord\'s limits then bad_payload, and a plain-text fallback within them', async () => {
    const tooLong = { content: 'x'.repeat(2001), embeds: [{ title: 'ok', description: 'y'.repeat(5000) }], allowed_mentions: { parse: [] } };
    const send = sender();
    const error = await failure(send.send(world.news.id, tooLong));
    expect([error.kind, error.code]).toEqual(['bad_payload', 50035]);
    const plain = send.plainTextFallback?.(tooLong);
    await send.send(world.news.id, plain);
    expect(fake.channelMessages(world.news.id).at(-1)?.content.length).toBe(2000);
  });

  it('given something that is not a message body then bad_payload without a request', async () => {
    const before = fake.requests.length;
    expect((await failure(sender().send(world.news.id, { text: 'telegram body' }))).kind).toBe('bad_payload');
    expect(fake.requests.length).toBe(before);
  });

  it('given a server that does not answer then transient', async () => {
    const offline = new DiscordRest({ token: fake.token, apiUrl: 'http://127.0.0.1:9/api', timeoutMs: 2_000 });
    const error = await failure(createDiscordDelivery({ rest: offline, logger: silentLogger() }).send(world.news.id, body));
    expect(error.kind).toBe('transient');
  });
});
