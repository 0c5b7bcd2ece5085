/**
 * A local Discord for end-to-end tests and the benchmark: REST (`/api/v10/...`) and a WebSocket
 * gateway on one port, enough of the real protocol for discord.js 14 to log in, cache guilds,
 * receive interactions and answer them, and for the bot to deliver digests and register commands.
 *
 * It enforces the rules the bot must respect (payload limits, the 3-second interaction deadline,
 * rate limits with `retry_after`, permissions with their error codes) and records every request.
 * `now` is the clock rate limits and timestamps are read from (tests pass a fake clock); the
 * interaction deadline is real time, as discord.js answers in real time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway } from './gateway.ts';
import { FakeInteraction, INTERACTION, optionsOf, type OptionInput, type StoredMessage } from './interactions.ts';
import { CHANNEL, DEFAULT_EVERYONE, PERM, channelJson, guildJson, memberJson, permissionsIn, userJson, type FakeChannel, type FakeGuild, type FakeUser, type Overwrite } from './model.ts';
import { RateLimits } from './rate-limits.ts';
import { handleRest } from './rest-api.ts';

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  now?: () => number;
  /** Discord allows 3 s for the initial response. */
  interactionDeadlineMs?: number;
  heartbeatIntervalMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The route template matched (`/channels/:channel/messages`), or null. */
  route: string | null;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  status: number;
  /** On the fake's clock (`now`). */
  at: number;
}

export interface ScriptedError {
  status: number;
  code: number;
  message: string;
  times?: number;
}

export const FAKE_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.FakeTk.discord-fake-token-for-tests';

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly bot: FakeUser;
  readonly now: () => number;
  /** Real milliseconds an interaction may wait for its initial response (tests may shorten it). */
  interactionDeadlineMs: number;
  readonly gateway: FakeGateway;
  readonly limits = new RateLimits();
  readonly requests: RecordedRequest[] = [];
  readonly users = new Map<string, FakeUser & { dmsClosed?: boolean }>();
  readonly guilds = new Map<string, FakeGuild>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, StoredMessage[]>();
  readonly commands = { global: [] as Array<Record<string, unknown>>, guild: new Map<string, Array<Record<string, unknown>>>() };
  readonly interactions = new Map<string, FakeInteraction>();
  readonly channelErrors = new Map<string, ScriptedError>();
  #server: Server | null = null;
  #port = 0;
  #snowflake = 1_300_000_000_000_000_000n;

  private constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? FAKE_TOKEN;
    this.applicationId = options.applicationId ?? this.snowflake();
    this.now = options.now ?? Date.now;
    this.interactionDeadlineMs = options.interactionDeadlineMs ?? 3_000;
    this.bot = { id: this.applicationId, username: 'mowjaz', globalName: 'Mowjaz', bot: true };
    this.users.set(this.bot.id, this.bot);
    // Create Message: 5 per 5 s per channel, as Discord's bucket is at the time of writing.
    this.limits.setRule('POST /channels/:channel/messages', { limit: 5, windowMs: 5_000 });
    this.gateway = new FakeGateway({
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      readyEvents: (sessionId) => [
        {
          t: 'READY',
          d: {
            v: 10,
            user: userJson(this.bot),
            guilds: [...this.guilds.keys()].map((id) => ({ id, unavailable: true })),
            session_id: sessionId,
            resume_gateway_url: this.gatewayUrl,
            shard: [0, 1],
            application: { id: this.applicationId, flags: 0 },
          },
        },
        ...[...this.guilds.values()].map((guild) => ({ t: 'GUILD_CREATE', d: guildJson(guild, [...this.channels.values()], this.users) })),
      ],
    });
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    const server = createServer((request, response) => void handleRest(fake, request, response));
    server.on('upgrade', (request, socket, head) => {
      if (new URL(request.url ?? '/', 'http://localhost').pathname === '/gateway') fake.gateway.upgrade(request, socket, head);
      else socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.#server = server;
    fake.#port = (server.address() as AddressInfo).port;
    return fake;
  }

  /** REST base for `DISCORD_API_URL` / discord.js `rest.api`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}/gateway`;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  snowflake(): string {
    this.#snowflake += 1n;
    return this.#snowflake.toString();
  }

  // The world -------------------------------------------------------------------------------

  addUser(username: string, options: { dmsClosed?: boolean } = {}): FakeUser {
    const user = { id: this.snowflake(), username, globalName: username, ...options };
    this.users.set(user.id, user);
    return user;
  }

  /** A guild the bot is in, with @everyone's default permissions and the bot as a member. */
  addGuild(name: string, options: { owner: FakeUser; locale?: string }): FakeGuild {
    const id = this.snowflake();
    const guild: FakeGuild = {
      id,
      name,
      ownerId: options.owner.id,
      locale: options.locale ?? 'en-US',
      systemChannelId: null,
      roles: [{ id, name: '@everyone', permissions: DEFAULT_EVERYONE, position: 0 }],
      members: [{ userId: options.owner.id, roleIds: [] }, { userId: this.bot.id, roleIds: [] }],
    };
    this.guilds.set(id, guild);
    return guild;
  }

  addRole(guild: FakeGuild, name: string, permissions: bigint): string {
    const id = this.snowflake();
    guild.roles.push({ id, name, permissions, position: guild.roles.length });
    return id;
  }

  addMember(guild: FakeGuild, user: FakeUser, roleIds: string[] = []): void {
    guild.members.push({ userId: user.id, roleIds });
  }

  addChannel(guild: FakeGuild, name: string, options: { type?: number; parentId?: string; overwrites?: Overwrite[] } = {}): FakeChannel {
    const channel: FakeChannel = { id: this.snowflake(), type: options.type ?? CHANNEL.GuildText, name, guildId: guild.id, parentId: options.parentId ?? null, overwrites: options.overwrites ?? [] };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /**
   * A permission overwrite for the bot in a channel (e.g. deny Embed Links); connected clients
   * hear of it as Discord tells them, with a CHANNEL_UPDATE.
   */
  denyBot(channel: FakeChannel, deny: bigint): void {
    channel.overwrites.push({ id: this.bot.id, type: 1, allow: 0n, deny });
    this.gateway.dispatch('CHANNEL_UPDATE', channelJson(channel));
  }

  /** Every request to this channel's messages fails so, until cleared or `times` runs out. */
  scriptChannelError(channelId: string, error: ScriptedError): void {
    this.channelErrors.set(channelId, error);
  }

  channelMessages(channelId: string): StoredMessage[] {
    return this.messages.get(channelId) ?? [];
  }

  guildOf(channel: FakeChannel): FakeGuild | null {
    return channel.guildId ? (this.guilds.get(channel.guildId) ?? null) : null;
  }

  permissionsOf(userId: string, channel: FakeChannel): bigint {
    const guild = this.guildOf(channel);
    return guild ? permissionsIn(guild, userId, channel, this.channels) : 0n;
  }

  // Interactions ------------------------------------------------------------------------------

  slashCommand(spec: { user: FakeUser; channel: FakeChannel | null; name: string; options?: Record<string, OptionInput>; locale?: string }): FakeInteraction {
    const options = optionsOf(spec.options ?? {});
    const resolvedChannels = Object.values(spec.options ?? {}).flatMap((value) => (typeof value === 'object' ? [value.channel] : []));
    return this.#interact(INTERACTION.ApplicationCommand, spec, { id: this.#commandId(spec.name), name: spec.name, type: 1, options, ...this.#resolved(spec.user, resolvedChannels) });
  }

  autocomplete(spec: { user: FakeUser; channel: FakeChannel | null; name: string; options: Record<string, OptionInput>; focused: string; locale?: string }): FakeInteraction {
    return this.#interact(INTERACTION.Autocomplete, spec, { id: this.#commandId(spec.name), name: spec.name, type: 1, options: optionsOf(spec.options, spec.focused) });
  }

  pressButton(spec: { user: FakeUser; channel: FakeChannel | null; customId: string; message: StoredMessage; locale?: string }): FakeInteraction {
    const interaction = this.#interact(INTERACTION.MessageComponent, spec, { custom_id: spec.customId, component_type: 2 }, { message: messageJson(this, spec.message) });
    return interaction;
  }

  #commandId(name: string): string {
    const registered = [...this.commands.global, ...[...this.commands.guild.values()].flat()].find((command) => command['name'] === name);
    return typeof registered?.['id'] === 'string' ? registered['id'] : '1000000000000000001';
  }

  #resolved(user: FakeUser, channelIds: readonly string[]): { resolved?: Record<string, unknown> } {
    if (channelIds.length === 0) return {};
    const channels: Record<string, unknown> = {};
    for (const id of channelIds) {
      const channel = this.channels.get(id);
      // Discord resolves a channel with the invoking member's permissions in it (not the bot's).
      channels[id] = channel ? { id, name: channel.name, type: channel.type, permissions: this.permissionsOf(user.id, channel).toString(), parent_id: channel.parentId } : { id, name: 'unknown', type: 0, permissions: '0' };
    }
    return { resolved: { channels } };
  }

  #interact(type: number, spec: { user: FakeUser; channel: FakeChannel | null; locale?: string }, data: Record<string, unknown>, extra: Record<string, unknown> = {}): FakeInteraction {
    const id = this.snowflake();
    const token = `itoken-${id}-${Math.random().toString(36).slice(2)}`;
    const channel = spec.channel ?? this.#dmChannelFor(spec.user);
    const guild = this.guildOf(channel);
    const payload: Record<string, unknown> = {
      id,
      application_id: this.applicationId,
      type,
      data: guild ? { ...data, guild_id: guild.id } : data,
      channel_id: channel.id,
      channel: channelJson(channel),
      token,
      version: 1,
      locale: spec.locale ?? 'en-US',
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
      ...extra,
    };
    if (guild) {
      const member = guild.members.find((candidate) => candidate.userId === spec.user.id) ?? { userId: spec.user.id, roleIds: [] };
      Object.assign(payload, {
        guild_id: guild.id,
        guild: { id: guild.id, locale: guild.locale, features: [] },
        guild_locale: guild.locale,
        member: { ...memberJson(member, spec.user), permissions: this.permissionsOf(spec.user.id, channel).toString() },
        app_permissions: this.permissionsOf(this.bot.id, channel).toString(),
        context: 0,
        authorizing_integration_owners: { '0': guild.id },
      });
    } else {
      Object.assign(payload, {
        user: userJson(spec.user),
        app_permissions: (PERM.ViewChannel | PERM.SendMessages | PERM.EmbedLinks | PERM.ReadMessageHistory).toString(),
        context: 1,
        authorizing_integration_owners: { '0': '0' },
      });
    }
    const interaction = new FakeInteraction({ id, token, type, channelId: channel.id, guildId: guild?.id ?? null, userId: spec.user.id, payload });
    this.interactions.set(id, interaction);
    if (this.gateway.dispatch('INTERACTION_CREATE', payload) === 0) throw new Error('fake Discord: no bot is connected to the gateway');
    return interaction;
  }

  /** The DM channel between the bot and a user, created on first use (as `POST /users/@me/channels` does). */
  dmChannelOf(userId: string): FakeChannel {
    const existing = [...this.channels.values()].find((channel) => channel.type === CHANNEL.DM && channel.recipientId === userId);
    if (existing) return existing;
    const channel: FakeChannel = { id: this.snowflake(), type: CHANNEL.DM, name: '', guildId: null, parentId: null, overwrites: [], recipientId: userId };
    this.channels.set(channel.id, channel);
    return channel;
  }

  #dmChannelFor(user: FakeUser): FakeChannel {
    return this.dmChannelOf(user.id);
  }
}

export function messageJson(fake: FakeDiscord, message: StoredMessage): Record<string, unknown> {
  return {
    id: message.id,
    type: 0,
    channel_id: message.channelId,
    author: userJson(fake.bot),
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date(message.at).toISOString(),
    edited_timestamp: null,
    flags: message.flags,
  };
}
