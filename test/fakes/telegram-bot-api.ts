/**
 * A local Telegram Bot API for end-to-end tests: an HTTP server on 127.0.0.1 answering
 * `/bot<token>/<method>` (JSON, URL-encoded and multipart bodies, or the query string) the way
 * api.telegram.org does, with the methods the bot uses. It enforces the real rules: HTML parse
 * mode parsed strictly (`Bad Request: can't parse entities: …`), 4096 characters after entity
 * parsing, callback data of 1–64 bytes, flood control (per bot, per chat, per group) measured on
 * its own injectable clock with 429 `retry_after`, and scripted fates of chats (blocked, gone,
 * upgraded to a supergroup). Every call is recorded. Updates are queued for `getUpdates` (with the
 * long-poll hold and `offset` confirmation) or posted to the webhook once one is set.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallbackQuery, Message, Update, User } from 'telegraf/types';
import { blockedDescription, ChatState, type MemberRole, type StoredMessage } from './telegram/chat-state.ts';
import { CommandMenus } from './telegram/command-menus.ts';
import { TELEGRAM_RATE_LIMITS, RateWindows, type FakeRateLimits } from './telegram/rate-windows.ts';
import { ApiFailure, fail, messageContent, type ApiError } from './telegram/message-rules.ts';
import { BadRequestBody, booleanParam, integerParam, parseParams, readBody, type Params } from './telegram/request-params.ts';
import { callbackUpdate, messageUpdate, textMessage, type FakeChat } from './telegram/updates.ts';
import { WebhookPusher } from './telegram/webhook-pusher.ts';

export type { ApiError } from './telegram/message-rules.ts';

export const FAKE_TOKEN = '7000000001:AAFakeTokenForLocalTestsOnly_0123456789';
export const FAKE_BOT: User = { id: 7000000001, is_bot: true, first_name: 'Mowjaz', username: 'mowjaz_bot' };

export interface RecordedCall {
  method: string;
  params: Params;
  /** Fake-clock instant the request arrived. */
  at: number;
  ok: boolean;
  errorCode?: number;
  description?: string;
  result?: unknown;
}

export interface FakeBotApiOptions {
  token?: string;
  bot?: User;
  /** The clock flood control and call records use (milliseconds); real time by default. */
  now?: () => number;
  /** Flood control; Telegram's documented limits by default, null for none. */
  limits?: FakeRateLimits | null;
  /** Longest a `getUpdates` long poll is held, whatever `timeout` asks (keeps test shutdowns quick). */
  maxLongPollMs?: number;
}

interface ScriptedFailure {
  method: string;
  chatId: number | null;
  error: ApiError;
}

export class FakeTelegramBotApi {
  readonly token: string;
  readonly bot: User;
  readonly calls: RecordedCall[] = [];
  readonly chats = new ChatState();
  readonly menus = new CommandMenus();
  readonly #events = new EventEmitter();
  readonly #now: () => number;
  readonly #rates: RateWindows | null;
  readonly #maxLongPollMs: number;
  readonly #server: Server;
  #apiRoot = '';
  #updates: Update[] = [];
  #nextUpdateId = 1;
  #polls = new Set<() => void>();
  /** Ends the long poll being held with Telegram's 409 (a second poller arrived). */
  #terminateHeld: (() => void) | null = null;
  #webhook: WebhookPusher | null = null;
  #callbacks = new Map<string, { answered: boolean }>();
  #callbackSeq = 0;
  #scripted: ScriptedFailure[] = [];

  constructor(options: FakeBotApiOptions = {}) {
    this.token = options.token ?? FAKE_TOKEN;
    this.bot = options.bot ?? FAKE_BOT;
    this.#now = options.now ?? Date.now;
    this.#rates = options.limits === null ? null : new RateWindows(options.limits ?? TELEGRAM_RATE_LIMITS);
    this.#maxLongPollMs = options.maxLongPollMs ?? 60_000;
    this.#events.setMaxListeners(0);
    this.#server = createServer((request, response) => void this.#serve(request, response));
  }

  /** Listens on a random local port; returns the API root to give the bot (`apiRoot`). */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#apiRoot = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.#apiRoot;
  }

  get apiRoot(): string {
    return this.#apiRoot;
  }

  async close(): Promise<void> {
    this.#webhook?.stop();
    for (const release of this.#polls) release();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // Scripting ---------------------------------------------------------------------------------

  addChat(...chats: FakeChat[]): void {
    for (const chat of chats) this.chats.add(chat);
  }

  setRole(chat: FakeChat | number, user: User | number, role: MemberRole | MemberRole['status']): void {
    this.chats.setRole(typeof chat === 'number' ? chat : chat.id, typeof user === 'number' ? user : user.id, typeof role === 'string' ? { status: role } : role);
  }

  /** The user blocked the bot, or the bot was removed from the group or channel. */
  block(chatId: number): void {
    this.chats.setFate(chatId, { kind: 'blocked' });
  }

  /** The chat was deleted: every method answers "chat not found". */
  remove(chatId: number): void {
    this.chats.setFate(chatId, { kind: 'gone' });
  }

  /** A group became a supergroup with a new id; sends to the old id answer 400 with `migrate_to_chat_id`. */
  upgradeToSupergroup(groupId: number, supergroup: FakeChat): void {
    this.chats.add(supergroup);
    this.chats.setFate(groupId, { kind: 'migrated', to: supergroup.id });
  }

  /** The next call of `method` (to `chatId`, when given) fails with `error`. */
  failNext(method: string, error: ApiError, chatId: number | null = null): void {
    this.#scripted.push({ method, chatId, error });
  }

  // Users acting ------------------------------------------------------------------------------

  /** A user sends a text message; returns the message the bot will receive. */
  userSays(chat: FakeChat, from: User, text: string, options: { senderChat?: FakeChat } = {}): Message.TextMessage {
    this.chats.add(chat);
    const message = textMessage({ messageId: this.chats.nextMessageId(chat.id), chat, from, text, date: this.#date(), ...options });
    this.chats.store(storedFrom(chat.id, message.message_id, text, this.#now()));
    this.pushUpdate(messageUpdate(this.#nextUpdateId, message));
    return message;
  }

  /** A user presses an inline button of a message the bot sent; returns the callback query id. */
  userPresses(chatId: number, messageId: number, from: User, data: string): string {
    const stored = this.chats.message(chatId, messageId);
    const chat = this.chats.get(chatId);
    if (!stored || !chat) throw new Error(`no message ${messageId} in chat ${chatId}`);
    const id = `cb${++this.#callbackSeq}`;
    this.#callbacks.set(id, { answered: false });
    const message = { message_id: messageId, date: Math.floor(stored.at / 1000), chat, from: this.bot, text: stored.text, ...(stored.replyMarkup ? { reply_markup: stored.replyMarkup } : {}) };
    const query = { id, from, chat_instance: `ci${chatId}`, data, message } as CallbackQuery;
    this.pushUpdate(callbackUpdate(this.#nextUpdateId, query));
    return id;
  }

  /** Queues any update (numbering it) for getUpdates or the webhook. */
  pushUpdate(update: Update): number {
    const numbered = { ...update, update_id: this.#nextUpdateId++ } as Update;
    this.#updates.push(numbered);
    for (const release of this.#polls) release();
    this.#webhook?.wake();
    return numbered.update_id;
  }

  // Looking at what happened ------------------------------------------------------------------

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Messages the bot sent to a chat, as they stand now (edits applied). */
  botMessages(chatId: number): StoredMessage[] {
    return this.chats.messages(chatId).filter((message) => message.fromBot);
  }

  pendingUpdates(): number {
    return this.#updates.length;
  }

  /** Resolves with the first call (already recorded or still to come) that matches. */
  waitForCall(predicate: (call: RecordedCall) => boolean, timeoutMs = 5_000): Promise<RecordedCall> {
    const seen = this.calls.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const onCall = (call: RecordedCall): void => {
        if (!predicate(call)) return;
        clearTimeout(timer);
        this.#events.off('call', onCall);
        resolve(call);
      };
      const timer = setTimeout(() => {
        this.#events.off('call', onCall);
        reject(new Error(`no matching Bot API call within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#events.on('call', onCall);
    });
  }

  get webhookUrl(): string | null {
    return this.#webhook?.url ?? null;
  }

  get webhookDeliveries(): WebhookPusher['deliveries'] {
    return this.#webhook?.deliveries ?? [];
  }

  // Serving -------------------------------------------------------------------------------------

  async #serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return reply(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== this.token) return reply(response, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2] as string;
    const at = this.#now();
    let params: Params = {};
    try {
      params = parseParams(request.headers['content-type'], await readBody(request), url.searchParams);
      const result = await this.#dispatch(method, params, request, at);
      this.#record({ method, params, at, ok: true, result });
      reply(response, 200, { ok: true, result });
    } catch (error) {
      const apiError: ApiError =
        error instanceof ApiFailure
          ? error.error
          : error instanceof BadRequestBody
            ? { error_code: 400, description: `Bad Request: ${error.message}` }
            : { error_code: 500, description: `Internal Server Error: ${(error as Error).message}` };
      this.#record({ method, params, at, ok: false, errorCode: apiError.error_code, description: apiError.description });
      reply(response, apiError.error_code, { ok: false, ...apiError });
    }
  }

  #record(call: RecordedCall): void {
    this.calls.push(call);
    this.#events.emit('call', call);
  }

  #dispatch(method: string, params: Params, request: IncomingMessage, at: number): unknown {
    const scripted = this.#scripted.findIndex((entry) => entry.method.toLowerCase() === method.toLowerCase() && (entry.chatId === null || this.chats.resolve(params['chat_id'])?.id === entry.chatId));
    if (scripted >= 0) {
      const [entry] = this.#scripted.splice(scripted, 1);
      throw new ApiFailure((entry as ScriptedFailure).error);
    }
    switch (method.toLowerCase()) {
      case 'getme':
        return this.bot;
      case 'getupdates':
        return this.#getUpdates(params, request);
      case 'setwebhook':
        return this.#setWebhook(params);
      case 'deletewebhook':
        this.#webhook?.stop();
        this.#webhook = null;
        if (booleanParam(params['drop_pending_updates'])) this.#updates = [];
        return true;
      case 'setmycommands': {
        const problem = this.menus.set(params['commands'], params['scope'], params['language_code']);
        if (problem) fail(400, problem);
        return true;
      }
      case 'getmycommands':
        return this.menus.get((params['scope'] as never) ?? { type: 'default' }, typeof params['language_code'] === 'string' ? params['language_code'] : '') ?? [];
      case 'sendmessage':
        return this.#sendMessage(params, at);
      case 'editmessagetext':
        return this.#editMessageText(params, at);
      case 'answercallbackquery':
        return this.#answerCallbackQuery(params);
      case 'getchatmember': {
        const chat = this.#reachableChat(params['chat_id']);
        const userId = integerParam(params['user_id']) ?? fail(400, 'Bad Request: invalid user_id specified');
        const user: User = userId === this.bot.id ? this.bot : { id: userId, is_bot: false, first_name: `user ${userId}` };
        return this.chats.memberObject(chat.id, user);
      }
      case 'getchat':
        return this.#reachableChat(params['chat_id']);
      default:
        return fail(404, 'Not Found: method not found');
    }
  }

  #getUpdates(params: Params, request: IncomingMessage): Promise<Update[]> | Update[] {
    if (this.#webhook) fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = integerParam(params['offset']) ?? 0;
    const limit = Math.min(100, Math.max(1, integerParam(params['limit']) ?? 100));
    const timeoutMs = Math.min(this.#maxLongPollMs, Math.max(0, (integerParam(params['timeout']) ?? 0) * 1000));
    // Asking from an offset confirms every update before it: they are never sent again.
    if (offset > 0) this.#updates = this.#updates.filter((update) => update.update_id >= offset);
    const take = (): Update[] => (offset < 0 ? this.#updates.slice(offset) : this.#updates).slice(0, limit);
    // Telegram serves one poller per bot: a request arriving while another is held ends the held
    // one with 409, which is how a second instance of a bot shows up.
    this.#terminateHeld?.();
    const ready = take();
    if (ready.length > 0 || timeoutMs === 0) return ready;
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(timer);
        this.#polls.delete(release);
        if (this.#terminateHeld === terminate) this.#terminateHeld = null;
        request.off('close', release);
      };
      const release = (): void => {
        settle();
        resolve(take());
      };
      const terminate = (): void => {
        settle();
        reject(new ApiFailure({ error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' }));
      };
      const timer = setTimeout(release, timeoutMs);
      this.#polls.add(release);
      this.#terminateHeld = terminate;
      // A client that gives up (the bot stopping) ends its hold.
      request.on('close', release);
    });
  }

  #setWebhook(params: Params): true {
    const url = typeof params['url'] === 'string' ? params['url'] : '';
    if (url === '') {
      this.#webhook?.stop();
      this.#webhook = null;
      return true;
    }
    if (!/^https?:\/\//.test(url)) fail(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
    const secret = params['secret_token'];
    if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) fail(400, 'Bad Request: secret token contains unallowed characters');
    if (booleanParam(params['drop_pending_updates'])) this.#updates = [];
    this.#webhook?.stop();
    this.#webhook = new WebhookPusher(url, typeof secret === 'string' ? secret : null, {
      next: () => this.#updates[0],
      delivered: (updateId) => {
        this.#updates = this.#updates.filter((update) => update.update_id !== updateId);
      },
    });
    this.#webhook.wake();
    return true;
  }

  /** The chat a send goes to, or the error Telegram gives for it. */
  #reachableChat(chatIdParam: unknown): FakeChat {
    const chat = this.chats.resolve(chatIdParam) ?? fail(400, 'Bad Request: chat not found');
    const fate = this.chats.fate(chat.id);
    if (fate?.kind === 'gone') fail(400, 'Bad Request: chat not found');
    if (fate?.kind === 'blocked') fail(403, blockedDescription(chat));
    if (fate?.kind === 'migrated') fail(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: fate.to });
    return chat;
  }

  /** Flood control at the instant the request arrived: a 429 when it would exceed a window; otherwise it counts. */
  #admit(chat: FakeChat, now: number): void {
    if (!this.#rates) return;
    const isGroup = this.chats.isGroup(chat.id);
    const refusal = this.#rates.check(chat.id, isGroup, now);
    if (refusal) {
      const retryAfter = Math.max(1, Math.ceil(refusal.waitMs / 1000));
      fail(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
    this.#rates.record(chat.id, isGroup, now);
  }

  #sendMessage(params: Params, at: number): Message.TextMessage {
    const chat = this.#reachableChat(params['chat_id']);
    const content = messageContent(params);
    const replyTo = params['reply_parameters'] as { message_id?: unknown; allow_sending_without_reply?: unknown } | undefined;
    const replyToId = replyTo ? integerParam(replyTo.message_id) : null;
    if (replyToId !== null && !this.chats.message(chat.id, replyToId) && !booleanParam(replyTo?.allow_sending_without_reply)) {
      fail(400, 'Bad Request: message to be replied not found');
    }
    this.#admit(chat, at);
    const messageId = this.chats.nextMessageId(chat.id);
    const stored: StoredMessage = { ...content, chatId: chat.id, messageId, fromBot: true, replyToMessageId: replyToId, at, edits: 0 };
    this.chats.store(stored);
    return this.#messageObject(chat, stored);
  }

  #editMessageText(params: Params, at: number): Message.TextMessage {
    const chat = this.#reachableChat(params['chat_id']);
    const messageId = integerParam(params['message_id']) ?? fail(400, 'Bad Request: message identifier is not specified');
    const stored = this.chats.message(chat.id, messageId) ?? fail(400, 'Bad Request: message to edit not found');
    if (!stored.fromBot) fail(400, "Bad Request: message can't be edited");
    const content = messageContent(params);
    if (content.raw === stored.raw && content.parseMode === stored.parseMode && JSON.stringify(content.replyMarkup) === JSON.stringify(stored.replyMarkup)) {
      fail(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    }
    this.#admit(chat, at);
    Object.assign(stored, content, { edits: stored.edits + 1 });
    return this.#messageObject(chat, stored);
  }

  #answerCallbackQuery(params: Params): true {
    const id = typeof params['callback_query_id'] === 'string' ? params['callback_query_id'] : '';
    const query = this.#callbacks.get(id);
    if (!query || query.answered) fail(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
    const text = params['text'];
    if (typeof text === 'string' && text.length > 200) fail(400, 'Bad Request: MESSAGE_TOO_LONG');
    (query as { answered: boolean }).answered = true;
    return true;
  }

  #messageObject(chat: FakeChat, stored: StoredMessage): Message.TextMessage {
    return {
      message_id: stored.messageId,
      date: Math.floor(stored.at / 1000),
      chat,
      from: this.bot,
      text: stored.text,
      ...(stored.entities.length > 0 ? { entities: stored.entities } : {}),
      ...(stored.replyMarkup ? { reply_markup: stored.replyMarkup } : {}),
    } as Message.TextMessage;
  }

  #date(): number {
    return Math.floor(this.#now() / 1000);
  }
}

function storedFrom(chatId: number, messageId: number, text: string, at: number): StoredMessage {
  return { chatId, messageId, fromBot: false, text, raw: text, parseMode: null, entities: [], replyMarkup: null, linkPreviewDisabled: false, replyToMessageId: null, at, edits: 0 };
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
