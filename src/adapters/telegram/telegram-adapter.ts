/**
 * The Telegram adapter: a telegraf bot that turns updates into router calls and answers, sets
 * the command menus on start-up, and delivers digests for the outbox sender. It runs with long
 * polling by default, or behind a webhook when `TELEGRAM_WEBHOOK_URL` is set.
 *
 * telegraf's `launch()` never resolves while polling, so start-up waits for its `onLaunch`
 * callback (the bot's identity is known then); a polling loop that dies later asks the
 * application to shut down rather than leaving a bot that silently hears nothing.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';
import type { Convenience, UserFromGetMe } from 'telegraf/types';
import type { TopicCatalog } from '../../commands/context.ts';
import { TELEGRAM_LIMITS } from '../../delivery/limits.ts';
import { permanentFailureNotice } from '../../delivery/notices.ts';
import type { PlatformSender } from '../../delivery/platform-sender.ts';
import { PlatformRateLimiter } from '../../delivery/rate-limiter.ts';
import type { PermanentFailure } from '../../delivery/sender.ts';
import type { TelegramConfig } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { realSleep, type Sleep } from '../../scheduler/clock.ts';
import type { Adapter, AdapterRuntime } from '../adapter.ts';
import { CallbackCodec } from './callback-data.ts';
import { ChatQueues } from './chat-queues.ts';
import { commandMenus, registerCommandMenus } from './command-menu.ts';
import { createTelegramDelivery } from './delivery.ts';
import { deliveryErrorFromTelegram, telegramFailureOf } from './errors.ts';
import { GROUP_ANONYMOUS_BOT_ID } from './incoming.ts';
import { Outbound } from './outbound.ts';
import { UpdateHandler } from './update-handler.ts';
import { startWebhookServer, type WebhookServer } from './webhook-server.ts';

/** The updates the bot acts on; Telegram sends nothing else. */
export const ALLOWED_UPDATES: Convenience.UpdateType[] = ['message', 'callback_query', 'my_chat_member'];

/**
 * Margin added to every rate window. The windows count each send until its answer is back
 * (`countUntilAnswered`), after Telegram stamped its arrival; the margin only covers clocks read
 * in whole milliseconds on both sides.
 */
export const TELEGRAM_SAFETY_MARGIN_MS = 5;

export interface TelegramAdapterOptions {
  /** Topic names and ids for the pickers; the runtime's by default. */
  topics?: TopicCatalog;
  /** Where the webhook server listens; from the configuration by default. */
  webhookListen?: { host: string; port: number };
  /** Shared with the digest sender (pass the adapter's `limiter` to it). */
  limiter?: PlatformRateLimiter;
  sleep?: Sleep;
  /** Updates accepted but not yet handled before intake waits. */
  maxPendingUpdates?: number;
}

export class TelegramAdapter implements Adapter {
  readonly platform = 'telegram' as const;
  readonly sender: PlatformSender;
  /** Count this in the digest sender too (`new Sender({ limiter })`). */
  readonly limiter: PlatformRateLimiter;
  readonly bot: Telegraf;
  readonly #runtime: AdapterRuntime;
  readonly #options: TelegramAdapterOptions;
  readonly #log: Logger;
  readonly #queues: ChatQueues;
  readonly #handler: UpdateHandler;
  readonly #outbound: Outbound;
  /**
   * Long polling: Telegram answers a second `getUpdates` caller with 409, so one process polls and
   * the others stand by. Webhook mode needs no role: updates reach whichever process serves them.
   */
  readonly exclusiveRole?: string;
  #polling: Promise<void> | null = null;
  #webhook: WebhookServer | null = null;
  #stopping = false;

  constructor(runtime: AdapterRuntime, options: TelegramAdapterOptions = {}) {
    const config = runtime.config.telegram;
    if (!config) throw new Error('the Telegram adapter needs TELEGRAM_BOT_TOKEN');
    const topics = options.topics ?? runtime.topics;
    if (!topics) throw new Error('the Telegram adapter needs the topic catalog');
    this.#runtime = runtime;
    this.#options = options;
    if (!config.webhook) this.exclusiveRole = 'telegram:updates';
    this.#log = runtime.logger.child({ platform: 'telegram' });
    this.bot = new Telegraf(config.token, {
      // Answers through the webhook response would hide Telegram's errors from us.
      telegram: { webhookReply: false, ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}) },
    });
    this.limiter = options.limiter ?? new PlatformRateLimiter(TELEGRAM_LIMITS, { safetyMarginMs: TELEGRAM_SAFETY_MARGIN_MS });
    this.sender = createTelegramDelivery(() => this.bot.telegram, this.#log);
    const codec = new CallbackCodec();
    const outbound = new Outbound({ telegram: this.bot.telegram, limiter: this.limiter, clock: runtime.clock, sleep: options.sleep ?? realSleep, logger: this.#log });
    this.#outbound = outbound;
    this.#handler = new UpdateHandler({
      router: runtime.router,
      topics,
      store: runtime.store,
      telegram: () => this.bot.telegram,
      codec,
      outbound,
      logger: this.#log,
      defaultLanguage: runtime.config.defaultLanguage,
      defaultTimezone: runtime.config.defaultTimezone,
      bot: () => this.#me(),
      botId: () => this.#me().id,
    });
    this.#queues = new ChatQueues(options.maxPendingUpdates ?? 256, (error) =>
      this.#log.error({ event: 'telegram.update_failed', err: error }, 'handling a Telegram update failed'),
    );
    this.#registerHandlers();
  }

  /** The webhook server's address (webhook mode, once started). */
  get webhookAddress(): AddressInfo | null {
    return this.#webhook?.address ?? null;
  }

  async start(): Promise<void> {
    const webhook = this.#runtime.config.telegram?.webhook ?? null;
    try {
      if (webhook) await this.#startWebhook(webhook);
      else await this.#startPolling();
    } catch (error) {
      throw startupFailure(error);
    }
    const set = await registerCommandMenus(this.bot.telegram, commandMenus(this.#runtime.router.commands), this.#log);
    this.#log.info({ event: 'telegram.started', bot: this.#me().username, mode: webhook ? 'webhook' : 'polling', menus: set }, `Telegram bot @${this.#me().username} started`);
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#polling) {
      try {
        this.bot.stop('shutdown');
      } catch {
        // Already stopped (the polling loop ended on its own).
      }
      await this.#polling;
      this.#polling = null;
    }
    await this.#webhook?.close();
    this.#webhook = null;
    await this.#queues.idle();
  }

  /**
   * Digests to a group or channel stopped for good (the bot was removed, the chat deleted, a right
   * taken away): the administrator who subscribed it hears so in their private chat with the bot,
   * once. A private chat that blocked the bot, or a subscription made by an anonymous
   * administrator, leaves nobody to tell.
   */
  async notifyPermanentFailure(failure: PermanentFailure): Promise<void> {
    if (failure.platform !== 'telegram' || failure.subscriptionId === null) return;
    const store = this.#runtime.store;
    const subscription = await store.getSubscription(failure.subscriptionId);
    const creator = subscription?.createdBy ?? null;
    if (!subscription || creator === null || !/^\d+$/.test(creator) || creator === failure.targetId || creator === String(GROUP_ANONYMOUS_BOT_ID)) return;
    const target = await store.getChat({ platform: 'telegram', chatId: failure.targetId });
    const text = permanentFailureNotice(failure, subscription.language, target?.title ?? failure.targetId);
    try {
      await this.#outbound.send(creator, { text, link_preview_options: { is_disabled: true } });
      this.#log.info({ event: 'telegram.admin_notice_sent', targetId: failure.targetId, userId: creator }, 'subscriber told that digests stopped');
    } catch (error) {
      // Users who never opened a private chat with the bot cannot be written to; never retried.
      this.#log.info({ event: 'telegram.admin_notice_failed', targetId: failure.targetId, userId: creator, error: deliveryErrorFromTelegram(error).describe() }, 'could not tell the subscriber');
    }
  }

  #me(): UserFromGetMe {
    const me = this.bot.botInfo;
    if (!me) throw new Error('the Telegram bot has not started');
    return me;
  }

  #registerHandlers(): void {
    const names = this.#runtime.router.commands.flatMap((command) => [command.name, ...command.aliases]);
    const queue = (key: number | string, task: () => Promise<void>): Promise<void> => this.#queues.submit(String(key), task);
    this.bot.command(names, (ctx) => queue(ctx.chat.id, () => this.#handler.handleMessage(ctx.message)));
    // Commands not in the registry (typos, /settings@bot in old clients): the handler decides.
    this.bot.on(message('text'), (ctx) => (ctx.message.text.startsWith('/') ? queue(ctx.chat.id, () => this.#handler.handleMessage(ctx.message)) : undefined));
    this.bot.on(message('migrate_to_chat_id'), (ctx) => queue(ctx.chat.id, () => this.#handler.handleMigration(ctx.message)));
    this.bot.action(/^(?:[re]:\/|k:)/, (ctx) => queue(ctx.chat?.id ?? `user:${ctx.from.id}`, () => this.#handler.handleCallback(ctx.callbackQuery)));
    // Buttons the bot does not know (from an older version) are still answered, or they spin.
    this.bot.on('callback_query', (ctx) => queue(ctx.chat?.id ?? `user:${ctx.from.id}`, () => this.#handler.handleCallback(ctx.callbackQuery)));
    this.bot.on('my_chat_member', (ctx) => queue(ctx.chat.id, () => this.#handler.handleMembership(ctx.myChatMember)));
    this.bot.catch((error, ctx) => {
      this.#log.error({ event: 'telegram.update_failed', updateId: ctx.update.update_id, err: error }, 'handling a Telegram update failed');
    });
  }

  async #startPolling(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      let launched = false;
      this.#polling = this.bot
        .launch({ allowedUpdates: ALLOWED_UPDATES, dropPendingUpdates: false }, () => {
          launched = true;
          resolve();
        })
        .then(
          () => {
            if (!this.#stopping) this.#lost('polling ended');
          },
          (error: unknown) => {
            if (!launched) return reject(error);
            if (!this.#stopping) this.#lost('polling failed', error);
          },
        );
    });
  }

  async #startWebhook(webhook: NonNullable<TelegramConfig['webhook']>): Promise<void> {
    this.bot.botInfo = await this.bot.telegram.getMe();
    // Telegram only includes the header when a secret was set; without one, every request is checked against a fresh one.
    const secret = webhook.secret ?? randomBytes(32).toString('base64url');
    const listen = this.#options.webhookListen ?? webhook.listen;
    this.#webhook = await startWebhookServer({
      ...listen,
      path: new URL(webhook.url).pathname,
      secret,
      handle: (update) => this.bot.handleUpdate(update),
      logger: this.#log,
    });
    await this.bot.telegram.setWebhook(webhook.url, { secret_token: secret, allowed_updates: ALLOWED_UPDATES, drop_pending_updates: false });
  }

  #lost(reason: string, error?: unknown): void {
    this.#log.error({ event: 'telegram.polling_lost', reason, ...(error ? { err: error } : {}) }, `Telegram ${reason}`);
    this.#runtime.requestShutdown(`Telegram ${reason}`);
  }
}

/** A start-up failure an operator can act on, named by what to check. */
function startupFailure(error: unknown): Error {
  const failure = telegramFailureOf(error);
  if (failure?.code === 401 || failure?.code === 404) {
    return new Error(`Telegram refused the bot token (${failure.code} ${failure.description}): check TELEGRAM_BOT_TOKEN (and TELEGRAM_API_ROOT, if set)`, { cause: error });
  }
  if (failure?.code === 409) {
    return new Error(`Telegram answered 409 (${failure.description}): another process is running this bot`, { cause: error });
  }
  if (failure) return new Error(`Telegram refused to start the bot: ${failure.code} ${failure.description}`, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`could not reach the Telegram Bot API (${message}): check the network and TELEGRAM_API_ROOT, if set`, { cause: error });
}

export function createTelegramAdapter(runtime: AdapterRuntime, options: TelegramAdapterOptions = {}): TelegramAdapter {
  return new TelegramAdapter(runtime, options);
}
