/**
 * Telegram's refusals as the delivery layer's kinds. The Bot API answers `{ ok: false,
 * error_code, description, parameters }`; the code alone is not enough (a 400 may mean a migrated
 * group, a deleted chat or a malformed message), so the description decides within a code.
 */
import { TelegramError } from 'telegraf';
import { DeliveryError } from '../../delivery/delivery-error.ts';

export interface TelegramFailure {
  code: number;
  description: string;
  retryAfterSeconds?: number;
  migrateToChatId?: number;
}

/** The Bot API error inside whatever telegraf threw, or null for network and other failures. */
export function telegramFailureOf(error: unknown): TelegramFailure | null {
  if (!(error instanceof TelegramError)) return null;
  const parameters = error.parameters;
  return {
    code: error.code,
    description: error.description,
    ...(typeof parameters?.retry_after === 'number' ? { retryAfterSeconds: parameters.retry_after } : {}),
    ...(typeof parameters?.migrate_to_chat_id === 'number' ? { migrateToChatId: parameters.migrate_to_chat_id } : {}),
  };
}

const MISSING_RIGHTS = /not enough rights|have no rights|need administrator rights|CHAT_WRITE_FORBIDDEN|CHAT_RESTRICTED|CHAT_SEND_PLAIN_FORBIDDEN/i;
const CHAT_GONE = /chat not found|group chat was deactivated|channel is private|CHANNEL_PRIVATE|PEER_ID_INVALID|user not found|chat was deleted/i;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'UND_ERR_SOCKET']);

export function deliveryErrorFromTelegram(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const failure = telegramFailureOf(error);
  if (!failure) return networkOrUnknown(error);
  const { code, description } = failure;
  const details = { status: code };
  if (code === 429) {
    // Telegram does not say whether a 429 is about one chat or the whole bot; the sender's own
    // windows keep the bot under its global limit, so a 429 holds back the chat it came from.
    const retryAfterMs = failure.retryAfterSeconds === undefined ? Number.NaN : failure.retryAfterSeconds * 1000;
    return DeliveryError.rateLimited(retryAfterMs, { message: description, status: code });
  }
  if (failure.migrateToChatId !== undefined) return DeliveryError.migrated(String(failure.migrateToChatId), description);
  if (MISSING_RIGHTS.test(description)) return new DeliveryError('forbidden', description, { ...details, permission: 'can_send_messages' });
  if (code === 403) return new DeliveryError('blocked', description, details);
  if (code === 400 && CHAT_GONE.test(description)) return new DeliveryError('gone', description, details);
  // Any other 400 is Telegram refusing this message (entities, length, markup): retrying it as is
  // cannot succeed, so it gets the plain-text fallback once and then fails.
  if (code === 400) return DeliveryError.badPayload(description, details);
  if (code >= 500) return DeliveryError.transient(description, details);
  return new DeliveryError('unknown', description, details);
}

function networkOrUnknown(error: unknown): DeliveryError {
  const code = (error as { code?: unknown; errno?: unknown } | null)?.code;
  const name = (error as { name?: unknown } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  if ((typeof code === 'string' && NETWORK_CODES.has(code)) || name === 'FetchError' || name === 'AbortError') {
    return DeliveryError.transient(`network: ${message}`, typeof code === 'string' ? { code } : {}, error);
  }
  return new DeliveryError('unknown', message, {}, { cause: error });
}
