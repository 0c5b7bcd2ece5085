/**
 * What to do after a failed send: a pure decision from the error kind and the message's history,
 * so every branch is tested without a platform, a store or a clock.
 */
import type { DeliveryError } from './delivery-error.ts';

export interface RetryPolicy {
  /** First backoff ceiling; doubles with each attempt. */
  baseDelayMs: number;
  /** Backoff never waits longer than this. */
  maxDelayMs: number;
  /** Transient and unknown failures: give up once a message has been tried this many times. */
  maxAttempts: number;
  /** 429s are the platform pacing us, not a fault, so they get a larger allowance. */
  maxRateLimitedAttempts: number;
  /** A message follows at most this many chat migrations (guards against A → B → A). */
  maxMigrations: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  maxAttempts: 8,
  maxRateLimitedAttempts: 30,
  maxMigrations: 2,
};

/**
 * Exponential backoff with full jitter: uniformly random in [0, min(max, base × 2^attempt)),
 * which spreads retries of many failed messages instead of sending them back in lockstep.
 * `attempt` counts earlier attempts (0 for the first retry); `random` returns [0, 1).
 */
export function backoffDelayMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 52);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

export type FailureAction =
  /** Try again at `at`; for 429s also hold back the platform or the target until then. */
  | { type: 'retry'; at: number; hold: 'platform' | 'target' | null }
  /** Give up on this message only. */
  | { type: 'fail'; reason: string }
  /** Move the chat (and everything queued for it) to its new id; the message goes out again there. */
  | { type: 'migrate'; newTargetId: string }
  /** The target is unreachable for good: pause its subscriptions, drop its queue, tell an admin. */
  | { type: 'drop_target'; reason: string }
  /** Send the platform's plain-text version of the body instead, once. */
  | { type: 'fallback' };

export interface FailureContext {
  /** Attempts recorded before this one. */
  attempts: number;
  targetId: string;
  /** Migrations this message has already followed. */
  migrations: number;
  /** A plain-text fallback was already tried for this message (or the platform has none). */
  fallbackUnavailable: boolean;
}

export function planFailure(error: DeliveryError, context: FailureContext, policy: RetryPolicy, now: number, random: () => number): FailureAction {
  const attemptsAfterThis = context.attempts + 1;
  switch (error.kind) {
    case 'rate_limited': {
      if (attemptsAfterThis >= policy.maxRateLimitedAttempts) return { type: 'fail', reason: `gave up after ${attemptsAfterThis} attempts: ${error.describe()}` };
      const retryAfter = error.retryAfterMs;
      if (retryAfter === undefined || !Number.isFinite(retryAfter) || retryAfter < 0) {
        return { type: 'retry', at: now + backoffDelayMs(context.attempts, policy, random), hold: null };
      }
      // Exactly what the platform asked: no jitter, no rounding.
      return { type: 'retry', at: now + retryAfter, hold: error.global ? 'platform' : 'target' };
    }
    case 'transient':
    case 'unknown':
      if (attemptsAfterThis >= policy.maxAttempts) return { type: 'fail', reason: `gave up after ${attemptsAfterThis} attempts: ${error.describe()}` };
      return { type: 'retry', at: now + backoffDelayMs(context.attempts, policy, random), hold: null };
    case 'migrated': {
      const to = error.newTargetId;
      if (!to || to === context.targetId) return { type: 'fail', reason: `migration without a usable new id: ${error.describe()}` };
      if (context.migrations >= policy.maxMigrations) return { type: 'fail', reason: `too many migrations (${context.migrations}): ${error.describe()}` };
      return { type: 'migrate', newTargetId: to };
    }
    case 'blocked':
    case 'gone':
    case 'forbidden':
      return { type: 'drop_target', reason: error.describe() };
    case 'bad_payload':
      if (context.fallbackUnavailable) return { type: 'fail', reason: error.describe() };
      return { type: 'fallback' };
  }
}
