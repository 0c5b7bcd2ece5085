/**
 * Discord's failures as the delivery layer's kinds. The JSON error code decides where there is
 * one (Discord documents them: Topics → Opcodes and Status Codes), the HTTP status otherwise.
 */
import { DeliveryError } from '../../delivery/delivery-error.ts';
import { DiscordHttpError, DiscordNetworkError } from './rest-client.ts';

/** JSON error codes the bot acts on. */
export const DISCORD_ERROR = {
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownMessage: 10008,
  UnknownUser: 10013,
  UnknownWebhook: 10015,
  UnknownInteraction: 10062,
  InteractionAlreadyAcknowledged: 40060,
  RequestTooLarge: 40005,
  MissingAccess: 50001,
  CannotSendEmptyMessage: 50006,
  CannotMessageUser: 50007,
  MissingPermissions: 50013,
  InvalidFormBody: 50035,
} as const;

const GONE_CODES = new Set<number>([DISCORD_ERROR.UnknownChannel, DISCORD_ERROR.UnknownGuild, DISCORD_ERROR.UnknownUser, DISCORD_ERROR.UnknownInteraction, DISCORD_ERROR.UnknownWebhook]);
const PAYLOAD_CODES = new Set<number>([DISCORD_ERROR.InvalidFormBody, DISCORD_ERROR.CannotSendEmptyMessage, DISCORD_ERROR.RequestTooLarge]);

export interface MappingHints {
  /**
   * For 50013/50001: the permission the bot lacks in the target, when the adapter can tell
   * (from its cache of the guild); named as in Discord's settings.
   */
  missingPermission?: string;
}

export function deliveryErrorFromDiscord(error: unknown, hints: MappingHints = {}): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof DiscordNetworkError) return DeliveryError.transient(error.message, {}, error);
  if (!(error instanceof DiscordHttpError)) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new DeliveryError('unknown', message, {}, { cause: error });
  }
  const details = { status: error.status, code: error.code };
  if (error.status === 429) {
    // No usable wait: the policy backs off on its own rather than retrying at once.
    return new DeliveryError('rate_limited', error.message, { ...details, global: error.global, ...(error.retryAfterMs === null ? {} : { retryAfterMs: error.retryAfterMs }) });
  }
  if (error.code === DISCORD_ERROR.MissingPermissions || error.code === DISCORD_ERROR.MissingAccess) {
    return new DeliveryError('forbidden', error.message, { ...details, ...(hints.missingPermission ? { permission: hints.missingPermission } : {}) });
  }
  if (error.code === DISCORD_ERROR.CannotMessageUser) return new DeliveryError('blocked', error.message, details);
  if (GONE_CODES.has(error.code)) return new DeliveryError('gone', error.message, details);
  if (PAYLOAD_CODES.has(error.code)) return new DeliveryError('bad_payload', error.message, details);
  if (error.status >= 500) return new DeliveryError('transient', error.message, details);
  if (error.status === 403) return new DeliveryError('forbidden', error.message, details);
  if (error.status === 404) return new DeliveryError('gone', error.message, details);
  if (error.status === 400 || error.status === 413) return new DeliveryError('bad_payload', error.message, details);
  // 401 (a revoked token) and anything unforeseen: retried a few times and logged loudly.
  return new DeliveryError('unknown', error.message, details, { cause: error });
}

/** True for the answer Discord gives once an interaction's token is unusable (3 s without a reply, 15 min after). */
export function isUnknownInteraction(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === DISCORD_ERROR.UnknownInteraction || code === DISCORD_ERROR.UnknownWebhook;
}
