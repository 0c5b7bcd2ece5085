/**
 * Digest delivery on Telegram: the outbox sender hands over a stored `sendMessage` body (the
 * shared renderer's output, without `chat_id`) and a target chat id; failures come back as the
 * delivery layer's kinds (see `errors.ts`), which decide retries, migrations and pauses.
 */
import type { Telegram } from 'telegraf';
import { DeliveryError } from '../../delivery/delivery-error.ts';
import type { PlatformSender } from '../../delivery/platform-sender.ts';
import type { Logger } from '../../logger.ts';
import { deliveryErrorFromTelegram } from './errors.ts';
import type { MessageBody } from './outbound.ts';
import { telegramHtmlToPlain } from './reply-messages.ts';

/** The fields of a stored body that go to Telegram; anything else (a stray `chat_id`) stays out. */
export function messageBodyOf(body: unknown): MessageBody | null {
  if (typeof body !== 'object' || body === null) return null;
  const { text, parse_mode: parseMode, link_preview_options: preview, reply_markup: markup } = body as Record<string, unknown>;
  if (typeof text !== 'string' || text.trim() === '') return null;
  return {
    text,
    ...(parseMode === 'HTML' ? { parse_mode: 'HTML' as const } : {}),
    link_preview_options: { is_disabled: (preview as { is_disabled?: unknown } | undefined)?.is_disabled !== false },
    ...(markup && typeof markup === 'object' ? { reply_markup: markup as NonNullable<MessageBody['reply_markup']> } : {}),
  };
}

export function createTelegramDelivery(telegram: () => Telegram, logger: Logger): PlatformSender {
  return {
    platform: 'telegram',
    async send(targetId, body) {
      const message = messageBodyOf(body);
      if (!message) throw DeliveryError.badPayload('not a Telegram message body (no text)');
      try {
        const sent = await telegram().callApi('sendMessage', { chat_id: targetId, ...message });
        return { messageId: String(sent.message_id) };
      } catch (error) {
        const failure = deliveryErrorFromTelegram(error);
        if (failure.kind === 'bad_payload') {
          logger.error({ event: 'telegram.payload_refused', targetId, description: failure.message, payload: message.text }, 'Telegram refused a digest message');
        }
        throw failure;
      }
    },
    plainTextFallback(body) {
      const message = messageBodyOf(body);
      // A plain message Telegram refused has no simpler form to fall back to.
      if (!message?.parse_mode) return null;
      return { text: telegramHtmlToPlain(message.text), link_preview_options: message.link_preview_options };
    },
  };
}
