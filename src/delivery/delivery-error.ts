/**
 * How a platform said no. Adapters translate their API's failures into one of these kinds; the
 * sender decides what to do from the kind alone, so it never needs to know a platform's error codes.
 *
 * - `rate_limited`: HTTP 429. `retryAfterMs` is honoured exactly; `global` pauses the whole bot.
 * - `transient`: 5xx, network failure, timeout. Retried with exponential backoff.
 * - `migrated`: the chat has a new id (Telegram group upgraded to a supergroup): move and resend.
 * - `blocked`: the user blocked the bot, or the bot was kicked from the group.
 * - `gone`: the chat or channel no longer exists.
 * - `forbidden`: the bot lacks a permission in the chat (`permission` says which, when known).
 * - `bad_payload`: the platform refused the message itself (Telegram "can't parse entities",
 *   Discord "Invalid Form Body"): resend once as plain text, never loop.
 * - `unknown`: anything else, including bugs; retried a bounded number of times and logged loudly.
 */
export const DELIVERY_ERROR_KINDS = ['rate_limited', 'transient', 'migrated', 'blocked', 'gone', 'forbidden', 'bad_payload', 'unknown'] as const;
export type DeliveryErrorKind = (typeof DELIVERY_ERROR_KINDS)[number];

/** Failures that end delivery to the target for good: its subscriptions are paused. */
export const TARGET_FAILURE_KINDS: readonly DeliveryErrorKind[] = ['blocked', 'gone', 'forbidden'];

export interface DeliveryErrorDetails {
  retryAfterMs?: number;
  /** A 429 that applies to the whole bot, not just one chat or route. */
  global?: boolean;
  newTargetId?: string;
  /** The missing permission, e.g. `SEND_MESSAGES` or `EMBED_LINKS`. */
  permission?: string;
  /** The platform's HTTP status or error code, for logs. */
  status?: number;
  code?: string | number;
}

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  readonly kind: DeliveryErrorKind;
  readonly retryAfterMs: number | undefined;
  readonly global: boolean;
  readonly newTargetId: string | undefined;
  readonly permission: string | undefined;
  readonly status: number | undefined;
  readonly code: string | number | undefined;

  constructor(kind: DeliveryErrorKind, message: string, details: DeliveryErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.retryAfterMs = details.retryAfterMs;
    this.global = details.global ?? false;
    this.newTargetId = details.newTargetId;
    this.permission = details.permission;
    this.status = details.status;
    this.code = details.code;
  }

  static rateLimited(retryAfterMs: number, options: { global?: boolean; message?: string; status?: number } = {}): DeliveryError {
    return new DeliveryError('rate_limited', options.message ?? `rate limited: retry after ${retryAfterMs} ms`, {
      retryAfterMs,
      global: options.global ?? false,
      status: options.status ?? 429,
    });
  }

  static transient(message: string, details: Pick<DeliveryErrorDetails, 'status' | 'code'> = {}, cause?: unknown): DeliveryError {
    return new DeliveryError('transient', message, details, { cause });
  }

  static migrated(newTargetId: string, message = `chat migrated to ${newTargetId}`): DeliveryError {
    return new DeliveryError('migrated', message, { newTargetId });
  }

  static blocked(message = 'the bot was blocked or removed from the chat'): DeliveryError {
    return new DeliveryError('blocked', message);
  }

  static gone(message = 'the chat no longer exists'): DeliveryError {
    return new DeliveryError('gone', message);
  }

  static forbidden(permission?: string, message?: string): DeliveryError {
    const details: DeliveryErrorDetails = permission === undefined ? {} : { permission };
    return new DeliveryError('forbidden', message ?? `missing permission${permission ? `: ${permission}` : ''}`, details);
  }

  static badPayload(message: string, details: Pick<DeliveryErrorDetails, 'status' | 'code'> = {}): DeliveryError {
    return new DeliveryError('bad_payload', message, details);
  }

  /** A compact description for logs and the outbox's `lastError` column. */
  describe(): string {
    const extra = [
      this.status !== undefined ? `status ${this.status}` : null,
      this.code !== undefined ? `code ${this.code}` : null,
      this.permission ? `permission ${this.permission}` : null,
    ].filter((part) => part !== null);
    return `${this.kind}: ${this.message}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
  }
}

/** Anything a `PlatformSender` threw, as a `DeliveryError` (an unexpected throw is `unknown`). */
export function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : `non-error thrown: ${String(error)}`;
  return new DeliveryError('unknown', message, {}, { cause: error });
}
