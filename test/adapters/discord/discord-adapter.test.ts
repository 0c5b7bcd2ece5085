/**
 * Real discord.js, logged in to the fake Discord, answering interactions through the real command
 * stack: what a user on Discord sees for each command, and that every answer respects Discord's
 * rules (deadline, ephemerality, payload limits).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../../src/commands/router.ts';
import { discordMessageProblems, type DiscordBody } from '../../support/discord-payload.ts';
import { messageProblems } from '../../fakes/discord/message-rules.ts';
import { EPHEMERAL, type FakeInteraction, type StoredMessage } from '../../fakes/discord/interactions.ts';
import type { FakeChannel, FakeUser } from '../../fakes/discord/model.ts';
import type { OptionInput } from '../../fakes/discord/interactions.ts';
import { startDiscordHarness, type DiscordHarness } from './harness.ts';

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness({ fake: { heartbeatIntervalMs: 200 } });
});
afterAll(async () => h?.close());

/** Sends a slash command and waits until the bot has finished answering it. */
async function run(user: FakeUser, channel: FakeChannel | null, name: string, options: Record<string, OptionInput> = {}, locale?: string): Promise<FakeInteraction> {
  const interaction = h.fake.slashCommand({ user, channel, name, options, ...(locale ? { locale } : {}) });
  await interaction.acknowledged;
  await h.adapter.idle();
  return interaction;
}

const textOf = (interaction: FakeInteraction) => interaction.messages().map((message) => message.content).join('\n');
const isEphemeral = (message: StoredMessage | undefined) => ((message?.flags ?? 0) & EPHEMERAL) !== 0;

function expectValidPayloads(messages: readonly StoredMessage[]): void {
  for (const message of messages) {
    expect(messageProblems(message.body, 'interaction')).toEqual([]);
    expect(discordMessageProblems(message.body as DiscordBody)).toEqual([]);
  }
}

describe('the gateway session', () => {
  it('identifies with the Guilds intent only and keeps its heartbeat acknowledged', async () => {
    expect(h.fake.gateway.identifies.map((identify) => identify.intents)).toEqual([1]);
    const before = h.fake.gateway.heartbeats.length;
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(h.fake.gateway.heartbeats.length).toBeGreaterThan(before);
    expect(h.fake.gateway.readySessions).toBe(1);
    expect(h.adapter.client.guilds.cache.get(h.world.guild.id)?.channels.cache.size).toBeGreaterThan(5);
  });
});

describe('/news', () => {
  it('given a topic then it defers at once and edits in public briefing embeds within Discord\'s limits', async () => {
    const interaction = await run(h.world.member, h.world.news, 'news', { topic: 'iraq-us-relations' });
    expect(interaction.callback).toMatchObject({ type: 5, data: {} });
    expect(interaction.callback?.afterMs).toBeLessThan(3_000);
    const messages = interaction.messages();
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0]?.embeds.length).toBeGreaterThan(0);
    expect(messages.every((message) => !isEphemeral(message))).toBe(true);
    expect(messages[0]?.body['allowed_mentions']).toEqual({ parse: [] });
    expectValidPayloads(messages);
    expect(h.fake.channelMessages(h.world.news.id)).toContain(messages[0]);
  });

  it('given private then the answer is only for the asker', async () => {
    const interaction = await run(h.world.member, h.world.news, 'news', { topic: 'iraq-us-relations', private: true });
    expect(interaction.callback).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(isEphemeral(interaction.messages()[0])).toBe(true);
    expect(h.fake.channelMessages(h.world.news.id)).not.toContain(interaction.messages()[0]);
  });

  it('given an unknown topic then the public "thinking" message is replaced by an ephemeral error', async () => {
    const interaction = await run(h.world.member, h.world.news, 'news', { topic: 'football' });
    const requests = h.fake.requests.filter((request) => request.path.includes(interaction.token)).map((request) => `${request.method} ${request.route}`);
    expect(requests).toEqual(['POST /interactions/:id/:token/callback', 'DELETE /webhooks/:app/:token/messages/@original', 'POST /webhooks/:app/:token']);
    expect(interaction.messages()).toHaveLength(1);
    expect(isEphemeral(interaction.messages()[0])).toBe(true);
    expect(textOf(interaction)).toMatch(/^There is no topic "football"\. Topics: .*iraq-us-relations/);
  });
});

describe('/subscribe and /settings: admins only, into channels the bot can post in', () => {
  it('given a member without Manage Server then refused, ephemerally, and nothing is stored', async () => {
    const interaction = await run(h.world.member, h.world.news, 'subscribe', { topic: 'iraq-us-relations' });
    expect(interaction.callback).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(textOf(interaction)).toBe('Only admins of this chat can use /subscribe.');
    expect(await h.store.listSubscriptions({ platform: 'discord', chatId: h.world.news.id })).toEqual([]);
  });

  it('given the refusal for a French client in an Arabic server then it is in Arabic', async () => {
    h.world.guild.locale = 'ar';
    try {
      const interaction = await run(h.world.member, h.world.general, 'subscribe', { topic: 'iraq-us-relations' }, 'fr');
      expect(textOf(interaction)).toBe('لا يستخدم /subscribe إلا مشرفو هذه المحادثة.');
    } finally {
      h.world.guild.locale = 'en-US';
    }
  });

  it('given a moderator (Manage Server through a role) then subscribed in this channel, confirmed ephemerally', async () => {
    const interaction = await run(h.world.moderator, h.world.news, 'subscribe', { topic: 'iraq-us-relations', time: '08:00', timezone: 'UTC' });
    expect(isEphemeral(interaction.messages()[0])).toBe(true);
    expect(textOf(interaction)).toMatch(/^Subscribed to Iraq–US relations: daily at 08:00 \(UTC\)\./);
    const [subscription] = await h.store.listSubscriptions({ platform: 'discord', chatId: h.world.news.id });
    expect(subscription).toMatchObject({ targetId: h.world.news.id, topicId: 'iraq-us-relations', createdBy: h.world.moderator.id, language: 'en' });
  });

  it('given a channel where the bot cannot embed links then refused, naming that permission', async () => {
    const interaction = await run(h.world.owner, h.world.noEmbeds, 'subscribe', { topic: 'oil-energy' });
    expect(textOf(interaction)).toBe(`I cannot post digests in <#${h.world.noEmbeds.id}>: I am missing Embed Links there. Give me these in the channel's permissions, then try again.`);
    expect(await h.store.listSubscriptions({ platform: 'discord', chatId: h.world.noEmbeds.id })).toEqual([]);
  });

  it.each([
    ['a read-only channel', () => h.world.readOnly, 'Send Messages'],
    // Everything else follows once the bot can see the channel.
    ['a channel the bot cannot see', () => h.world.hidden, 'View Channel'],
  ])('given %s as the digest channel then refused, naming what is missing', async (_label, channel, missing) => {
    const interaction = await run(h.world.owner, h.world.general, 'settings', { digest_channel: { channel: channel().id } });
    expect(textOf(interaction)).toContain(`I am missing ${missing} there.`);
    expect((await h.store.getChat({ platform: 'discord', chatId: h.world.general.id }))?.settings.digestTargetId ?? null).toBeNull();
  });

  it('given a voice channel as the digest channel then refused as unable to take digests', async () => {
    const interaction = await run(h.world.owner, h.world.general, 'settings', { digest_channel: { channel: h.world.voice.id } });
    expect(textOf(interaction)).toBe(`<#${h.world.voice.id}> cannot receive digests. Choose a text or announcement channel, or a thread.`);
  });

  it('given a thread as the digest channel then accepted, and new subscriptions deliver there', async () => {
    const settings = await run(h.world.owner, h.world.general, 'settings', { digest_channel: { channel: h.world.thread.id } });
    expect(textOf(settings)).toContain(`Digest channel: <#${h.world.thread.id}>`);
    const subscribe = await run(h.world.owner, h.world.general, 'subscribe', { topic: 'syria' });
    expect(textOf(subscribe)).toContain(`Digests go to <#${h.world.thread.id}>.`);
    const [subscription] = await h.store.listSubscriptions({ platform: 'discord', chatId: h.world.general.id });
    expect(subscription?.targetId).toBe(h.world.thread.id);
  });

  it('given a member naming a channel then the rights refusal comes first, not a permission check', async () => {
    const interaction = await run(h.world.member, h.world.general, 'settings', { digest_channel: { channel: h.world.readOnly.id } });
    expect(textOf(interaction)).toBe('Only admins of this chat can use /settings.');
  });

  it('given the server language set to Arabic then an English user is answered in Arabic', async () => {
    await run(h.world.owner, h.world.news, 'settings', { language: 'ar' });
    const interaction = await run(h.world.member, h.world.news, 'news', { topic: 'iraq-us-relations' }, 'en-GB');
    expect(interaction.messages()[0]?.content).toMatch(/العلاقات العراقية/);
    await run(h.world.owner, h.world.news, 'settings', { language: 'auto' });
  });
});

describe('direct messages', () => {
  it('given /subscribe in a DM then a personal subscription addressed to the user', async () => {
    const interaction = await run(h.world.member, null, 'subscribe', { topic: 'iran' });
    expect(textOf(interaction)).toMatch(/^Subscribed to /);
    const [subscription] = await h.store.listSubscriptions({ platform: 'discord', chatId: `user:${h.world.member.id}` });
    expect(subscription?.targetId).toBe(`user:${h.world.member.id}`);
  });

  it('given a channel named in a DM then it explains digests arrive in the DM', async () => {
    const interaction = await run(h.world.member, null, 'settings', { digest_channel: { channel: h.world.news.id } });
    expect(textOf(interaction)).toBe('In a direct message digests arrive right here; a channel can be chosen from within a server.');
  });
});

describe('autocomplete and buttons', () => {
  it('given "iraq" typed in a topic option then the flagship topic first, at most 25, names in the user\'s language', async () => {
    const interaction = h.fake.autocomplete({ user: h.world.member, channel: h.world.news, name: 'news', options: { topic: 'iraq' }, focused: 'topic', locale: 'ar' });
    await interaction.acknowledged;
    expect(interaction.callback?.type).toBe(8);
    expect(interaction.choices[0]).toEqual({ name: h.topics.catalog.get('iraq-us-relations')?.name.ar, value: 'iraq-us-relations' });
    expect(interaction.choices.length).toBeLessThanOrEqual(25);
  });

  it('given a timezone being typed then matching zones', async () => {
    const interaction = h.fake.autocomplete({ user: h.world.owner, channel: h.world.news, name: 'subscribe', options: { topic: 'iran', timezone: 'riyadh' }, focused: 'timezone' });
    await interaction.acknowledged;
    expect(interaction.choices).toEqual([{ name: 'Asia/Riyadh', value: 'Asia/Riyadh' }]);
  });

  it('given /topics then buttons, and a press runs the command it names', async () => {
    const topics = await run(h.world.member, h.world.news, 'topics');
    const message = topics.messages().at(-1);
    const buttons = (message?.components as Array<{ components: Array<{ custom_id: string }> }> | undefined)?.flatMap((row) => row.components) ?? [];
    expect(buttons.length).toBe(h.topics.catalog.list().length);
    const button = buttons.find((candidate) => candidate.custom_id === 'run:/news iraq-us-relations');
    const press = h.fake.pressButton({ user: h.world.member, channel: h.world.news, customId: button?.custom_id ?? '', message: message as StoredMessage });
    await press.acknowledged;
    await h.adapter.idle();
    expect(press.callback?.type).toBe(5);
    expect(press.messages()[0]?.embeds.length).toBeGreaterThan(0);
    expectValidPayloads(press.messages());
  });

  it('given a button that is not ours then acknowledged without an answer', async () => {
    const press = h.fake.pressButton({ user: h.world.member, channel: h.world.news, customId: 'legacy:thing', message: h.fake.channelMessages(h.world.news.id)[0] as StoredMessage });
    await press.acknowledged;
    expect(press.callback?.type).toBe(6);
  });
});

describe('the 3-second deadline', () => {
  let slow: DiscordHarness;
  beforeAll(async () => {
    const wrapRouter = (router: Router): Router => ({
      ...router,
      resolve: (name) => router.resolve(name),
      handleText: (invocation, text) => router.handleText(invocation, text),
      handleOptions: async (invocation, name, values) => {
        if (name === 'news') {
          // Work that holds the event loop, as synchronous SQLite and ranking do.
          const until = performance.now() + 300;
          while (performance.now() < until);
        } else {
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        return router.handleOptions(invocation, name, values);
      },
    });
    slow = await startDiscordHarness({ wrapRouter, adapter: { deferAfterMs: 50 } });
  });
  afterAll(async () => slow?.close());

  it('given a command that is not marked slow but takes long then it is deferred in time, and its ephemeral answer replaces the placeholder', async () => {
    const interaction = slow.fake.slashCommand({ user: slow.world.member, channel: slow.world.news, name: 'subscribe', options: { topic: 'iran' } });
    await interaction.acknowledged;
    await slow.adapter.idle();
    expect(interaction.callback?.type).toBe(5);
    expect(interaction.callback?.afterMs).toBeLessThan(300);
    expect(interaction.messages().map((message) => [message.content, isEphemeral(message)])).toEqual([['Only admins of this chat can use /subscribe.', true]]);
  });

  it('given a briefing command whose work blocks the event loop then it is acknowledged before the work starts', async () => {
    const interaction = slow.fake.slashCommand({ user: slow.world.member, channel: slow.world.news, name: 'news', options: { topic: 'iraq-us-relations' } });
    await interaction.acknowledged;
    await slow.adapter.idle();
    expect(interaction.callback?.type).toBe(5);
    expect(interaction.callback?.afterMs).toBeLessThan(300);
    expect(interaction.messages()[0]?.embeds.length).toBeGreaterThan(0);
  });

  it('given no response within the deadline then Discord forgets the interaction (10062) and the bot sends nothing more', async () => {
    slow.fake.interactionDeadlineMs = 10;
    try {
      const interaction = slow.fake.slashCommand({ user: slow.world.member, channel: slow.world.news, name: 'help' });
      await slow.adapter.idle();
      await new Promise((resolve) => setTimeout(resolve, 400));
      await slow.adapter.idle();
      const requests = slow.fake.requests.filter((request) => request.path.includes(interaction.token));
      expect(requests.map((request) => request.status)).toEqual([404]);
      expect(interaction.callback).toBeNull();
      expect(slow.log.events('discord.interaction_expired')).toHaveLength(1);
    } finally {
      slow.fake.interactionDeadlineMs = 3_000;
    }
  });
});
