/**
 * Messages the bot sends in answer to users (command replies, edited pickers), paced by the same
 * rate limiter the digest sender uses, so answers and digests together stay within Telegram's
 * limits. telegraf does not retry a 429, so a refused answer waits the `retry_after` Telegram
 * gives and tries again, a bounded number of times; any other failure is the caller's.
 */
import type { Telegram } from 'telegraf';
import type { Message } from 'telegraf/types';
import type { PlatformRateLimiter } from '../../delivery/rate-limiter.ts';
import type { Logger } from '../../logger.ts';
import type { Clock, Sleep } from '../../scheduler/clock.ts';
import { telegramFailureOf } from './errors.ts';

/** A message body as the Bot API takes it, without `chat_id` (the renderers' shape). */
export interface MessageBody {
  text: string;
  parse_mode?: 'HTML';
  link_preview_options?: { is_disabled: boolean };
  reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
  reply_parameters?: { message_id: number; allow_sending_without_reply?: boolean };
}

export interface OutboundOptions {
  telegram: Telegram;
  limiter: PlatformRateLimiter;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
  /** Attempts per message when Telegram answers 429. */
  maxAttempts?: number;
  /** Longest wait for a `retry_after` before giving up on an answer (it is stale by then). */
  maxRetryWaitMs?: number;
}

/** How often a waiting answer looks again while every slot of a window is still in flight. */
const IN_FLIGHT_RECHECK_MS = 50;

export class Outbound {
  readonly #options: Required<OutboundOptions>;

  constructor(options: OutboundOptions) {
    this.#options = { maxAttempts: 3, maxRetryWaitMs: 60_000, ...options };
  }

  get telegram(): Telegram {
    return this.#options.telegram;
  }

  send(chatId: number | string, body: MessageBody): Promise<Message.TextMessage> {
    return this.#paced(String(chatId), () => this.#options.telegram.callApi('sendMessage', { chat_id: chatId, ...body }));
  }

  edit(chatId: number | string, messageId: number, body: Omit<MessageBody, 'reply_parameters'>): Promise<unknown> {
    return this.#paced(String(chatId), () => this.#options.telegram.callApi('editMessageText', { chat_id: chatId, message_id: messageId, ...body }));
  }

  async #paced<T>(chatId: string, call: () => Promise<T>): Promise<T> {
    const { limiter, clock, maxAttempts, maxRetryWaitMs } = this.#options;
    for (let attempt = 1; ; attempt++) {
      await this.#waitForTurn(chatId);
      const sending = call();
      // Counted once the request is on its way, as the digest sender counts: Telegram never sees
      // it earlier than the windows say.
      const inFlight = limiter.begin(chatId, clock.now().getTime());
      try {
        return await sending;
      } catch (error) {
        const failure = telegramFailureOf(error);
        const waitMs = (failure?.retryAfterSeconds ?? 1) * 1000;
        if (failure?.code !== 429 || attempt >= maxAttempts || waitMs > maxRetryWaitMs) throw error;
        limiter.pauseTarget(chatId, clock.now().getTime() + waitMs);
        this.#options.logger.warn({ event: 'telegram.reply_rate_limited', chatId, attempt, retryAfterMs: waitMs }, 'Telegram asked to slow down; answering later');
      } finally {
        inFlight.answered(clock.now().getTime());
      }
    }
  }

  async #waitForTurn(chatId: string): Promise<void> {
    const { limiter, clock, sleep } = this.#options;
    for (;;) {
      const now = clock.now().getTime();
      const at = limiter.availableAt(chatId, now);
      if (at <= now) return;
      // +∞ while a whole window's sends await their answers: look again shortly.
      await sleep(Number.isFinite(at) ? at - now : IN_FLIGHT_RECHECK_MS);
    }
  }
}
