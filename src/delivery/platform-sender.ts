/**
 * The seam between the outbox sender and a chat platform. Adapters implement it in a few lines:
 * send one message body to one target, and translate every failure into a `DeliveryError`.
 */
import type { Platform } from '../store/records.ts';

export interface SendResult {
  /** The platform's id for the message it created, when it returns one. */
  messageId?: string;
}

export interface PlatformSender {
  readonly platform: Platform;
  /**
   * Delivers one message body (a Telegram sendMessage body without `chat_id`, a Discord Create
   * Message body, console text) to `targetId`. Throws a `DeliveryError` saying why it failed;
   * anything else thrown is treated as an `unknown` failure.
   */
  send(targetId: string, body: unknown): Promise<SendResult>;
  /**
   * A plain-text version of a body the platform refused as malformed (`bad_payload`), or null
   * when there is none. The sender tries it once per message, never in a loop.
   */
  plainTextFallback?(body: unknown): unknown;
}
