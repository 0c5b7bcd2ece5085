/**
 * The Discord adapter: a discord.js client on the gateway (Guilds intent only: interactions need
 * no privileged intent, and the guild cache is what permission checks read), the interaction
 * handler, and the digest sender. It holds no business logic: commands, rendering, scheduling
 * and delivery policy live in the shared layer; this file wires platform facts to them.
 *
 * `DISCORD_API_URL` points every REST client (the discord.js client's own, the one for interaction
 * replies, and the delivery client) at another API base; the gateway address comes from
 * `GET /gateway/bot`.
 */
import { Client, Events, GatewayIntentBits, type Interaction, type REST } from 'discord.js';
import type { DiscordConfig } from '../../config.ts';
import { permanentFailureNotice } from '../../delivery/notices.ts';
import type { PlatformSender } from '../../delivery/platform-sender.ts';
import type { PermanentFailure } from '../../delivery/sender.ts';
import type { Logger } from '../../logger.ts';
import type { Adapter, AdapterRuntime } from '../adapter.ts';
import { botChannelFacts, digestTargetVerdict } from './channel-access.ts';
import { createDiscordDelivery } from './delivery.ts';
import { InteractionHandler } from './interaction-handler.ts';
import { dmUserOf } from './interaction-input.ts';
import { closeInteractionRest, createInteractionRest } from './interaction-rest.ts';
import { permissionLabel } from './permissions.ts';
import { DiscordRest } from './rest-client.ts';

export interface DiscordAdapterOptions {
  /** Undeferred commands still working after this long are deferred (default 1.5 s; Discord allows 3 s). */
  deferAfterMs?: number;
  /** How long start-up waits for the gateway's READY and the guilds (default 30 s). */
  readyTimeoutMs?: number;
}

export class DiscordAdapter implements Adapter {
  readonly platform = 'discord' as const;
  /**
   * Every session of a bot on a shard receives every interaction, so two processes would both
   * answer; one holds the gateway, the others stand by.
   */
  readonly exclusiveRole = 'discord:gateway';
  readonly sender: PlatformSender;
  readonly client: Client;
  /** REST for everything outside interactions (digests, DM channels, admin notices). */
  readonly rest: DiscordRest;
  /** discord.js REST for interaction responses (see `interaction-rest.ts`). */
  readonly interactionRest: REST;
  readonly #runtime: AdapterRuntime;
  readonly #config: DiscordConfig;
  readonly #options: DiscordAdapterOptions;
  readonly #log: Logger;
  readonly #handler: InteractionHandler;
  readonly #inFlight = new Set<Promise<void>>();
  #accepting = false;

  constructor(runtime: AdapterRuntime, options: DiscordAdapterOptions = {}) {
    const config = runtime.config.discord;
    if (!config) throw new Error('the Discord adapter needs DISCORD_TOKEN');
    if (!runtime.topics) throw new Error('the Discord adapter needs the topic catalogue (runtime.topics) for autocomplete');
    this.#runtime = runtime;
    this.#config = config;
    this.#options = options;
    this.#log = runtime.logger.child({ platform: 'discord' });
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      allowedMentions: { parse: [] },
      ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
    });
    this.rest = new DiscordRest({ token: config.token, apiUrl: config.apiUrl });
    this.interactionRest = createInteractionRest(this.client.options.rest);
    this.sender = createDiscordDelivery({
      rest: this.rest,
      logger: this.#log,
      missingPermission: async (channelId) => {
        const verdict = digestTargetVerdict(await botChannelFacts(this.client, null, channelId));
        return !verdict.ok && verdict.reason === 'missing_permissions' && verdict.missing[0] ? permissionLabel(verdict.missing[0], 'en') : undefined;
      },
    });
    this.#handler = new InteractionHandler({
      router: runtime.router,
      topics: runtime.topics,
      store: runtime.store,
      rest: this.interactionRest,
      logger: this.#log,
      defaultLanguage: runtime.config.defaultLanguage,
      defaultTimezone: runtime.config.defaultTimezone,
      channelFacts: (guildId, channelId) => botChannelFacts(this.client, guildId, channelId),
      ...(options.deferAfterMs === undefined ? {} : { deferAfterMs: options.deferAfterMs }),
    });
    this.client.on(Events.InteractionCreate, (interaction) => this.#receive(interaction));
    this.client.on(Events.Error, (error) => this.#log.error({ event: 'discord.client_error', err: error }, 'discord.js reported an error'));
    this.client.on(Events.ShardDisconnect, (event, shardId) => {
      if (!this.#accepting) return;
      // discord.js reconnects by itself; this event means it will not (bad token, bad intents…).
      this.#log.error({ event: 'discord.gateway_lost', code: event.code, shardId }, 'the Discord gateway closed for good');
      this.#runtime.requestShutdown(`Discord gateway closed (code ${event.code})`);
    });
  }

  async start(): Promise<void> {
    const timeoutMs = this.#options.readyTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      this.client.once(Events.ClientReady, () => resolve());
      timer = setTimeout(() => reject(new Error(`the Discord gateway was not ready within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await this.client.login(this.#config.token);
      await ready;
    } catch (error) {
      await this.client.destroy().catch(() => undefined);
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`could not connect to Discord: ${reason}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
    this.#accepting = true;
    const user = this.client.user;
    this.#log.info({ event: 'discord.started', bot: user?.tag ?? null, guilds: this.client.guilds.cache.size }, `Discord bot ${user?.tag ?? ''} started`);
  }

  async stop(): Promise<void> {
    this.#accepting = false;
    await this.idle();
    await this.client.destroy();
    closeInteractionRest(this.interactionRest);
  }

  /** Resolves once every interaction received so far has been answered. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /**
   * Digests to a target stopped for good (the sender paused its subscriptions): tell the admins
   * once, in the channel where the subscription was made or else the server's system channel.
   * A personal (DM) subscription has nobody else to tell.
   */
  async notifyPermanentFailure(failure: PermanentFailure): Promise<void> {
    if (failure.platform !== 'discord' || failure.subscriptionId === null || dmUserOf(failure.targetId) !== null) return;
    const store = this.#runtime.store;
    const subscription = await store.getSubscription(failure.subscriptionId);
    if (!subscription) return;
    let destination: string | null = null;
    if (subscription.chat.chatId !== failure.targetId && dmUserOf(subscription.chat.chatId) === null) {
      destination = subscription.chat.chatId;
    } else {
      const chat = await store.getChat(subscription.chat);
      const systemChannelId = chat?.guildId ? await this.#systemChannelOf(chat.guildId) : null;
      destination = systemChannelId && systemChannelId !== failure.targetId ? systemChannelId : null;
    }
    if (!destination) {
      this.#log.warn({ event: 'discord.admin_notice_skipped', targetId: failure.targetId, subscriptionId: failure.subscriptionId }, 'no channel to tell the admins in');
      return;
    }
    const content = permanentFailureNotice(failure, subscription.language, `<#${failure.targetId}>`);
    try {
      await this.rest.post(`/channels/${destination}/messages`, { content, allowed_mentions: { parse: [] } });
      this.#log.info({ event: 'discord.admin_notice_sent', targetId: failure.targetId, channelId: destination }, 'admins told that digests stopped');
    } catch (error) {
      // Once: a notice that cannot be delivered is logged, never queued again (no loops).
      this.#log.warn({ event: 'discord.admin_notice_failed', targetId: failure.targetId, channelId: destination, err: error }, 'could not tell the admins');
    }
  }

  /**
   * The server's system channel: from the gateway's cache, or over REST in a process that does
   * not hold the gateway session (it stands by while another process receives interactions).
   */
  async #systemChannelOf(guildId: string): Promise<string | null> {
    const cached = this.client.guilds.cache.get(guildId);
    if (cached) return cached.systemChannelId;
    try {
      const guild = await this.rest.get<{ system_channel_id?: string | null }>(`/guilds/${guildId}`);
      return guild.system_channel_id ?? null;
    } catch (error) {
      this.#log.warn({ event: 'discord.guild_lookup_failed', guildId, err: error }, 'could not read the server to find its system channel');
      return null;
    }
  }

  #receive(interaction: Interaction): void {
    if (!this.#accepting) return;
    const work = this.#dispatch(interaction).catch((error: unknown) =>
      this.#log.error({ event: 'discord.interaction_failed', interactionId: interaction.id, err: error }, 'handling a Discord interaction failed'),
    );
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
  }

  async #dispatch(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) return this.#handler.handleCommand(interaction);
    if (interaction.isAutocomplete()) return this.#handler.handleAutocomplete(interaction);
    if (interaction.isButton()) return this.#handler.handleButton(interaction);
  }
}

export function createDiscordAdapter(runtime: AdapterRuntime, options: DiscordAdapterOptions = {}): DiscordAdapter {
  return new DiscordAdapter(runtime, options);
}
