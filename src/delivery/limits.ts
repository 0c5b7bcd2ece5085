/**
 * Platform rate limits. Counted as sliding windows ("at most N sends in any W ms"), the way a
 * platform counts them, rather than as token buckets: a full bucket lets a burst through right
 * after a full window and so can briefly double the rate the platform sees.
 */
import type { Platform } from '../store/records.ts';

export interface WindowLimit {
  /** At most this many sends… */
  limit: number;
  /** …in any window of this many milliseconds. */
  windowMs: number;
}

export interface PlatformLimits {
  /** Everything the bot sends on the platform. */
  global: WindowLimit | null;
  /** Each chat (Telegram) or channel (Discord). */
  perChat: WindowLimit | null;
  /** Stricter limit for group chats, on top of `perChat`. */
  perGroup: WindowLimit | null;
  /** Which targets are groups (Telegram: negative chat ids are groups, supergroups and channels). */
  isGroupTarget?: (targetId: string) => boolean;
  /**
   * The platform counts a message when its request arrives, which can be any instant before the
   * answer comes back (a request may wait in a socket buffer or behind a stalled event loop): a
   * send then fills its place in every window until it is answered, and counts from the answer
   * on. Its next-but-`limit` successor can then never arrive inside the same window, whatever the
   * delays on the way. Costs each window the latency of one request.
   */
  countUntilAnswered?: boolean;
}

/** Telegram Bot API: about 30 messages/s per bot, 1/s per chat, 20/min per group. */
export const TELEGRAM_LIMITS: PlatformLimits = {
  global: { limit: 30, windowMs: 1_000 },
  perChat: { limit: 1, windowMs: 1_000 },
  perGroup: { limit: 20, windowMs: 60_000 },
  isGroupTarget: (targetId) => targetId.startsWith('-'),
  // Flood control answers with a 429 and a `retry_after` of a whole second or more: cheaper to
  // give each window one request's latency than to lose a second to a request that arrived late.
  countUntilAnswered: true,
};

/**
 * Discord: 50 requests/s per bot. Create Message has a per-channel route bucket (5 per 5 s at the
 * time of writing); its 429s are honoured whatever the bucket turns out to be.
 */
export const DISCORD_LIMITS: PlatformLimits = {
  global: { limit: 50, windowMs: 1_000 },
  perChat: { limit: 5, windowMs: 5_000 },
  perGroup: null,
};

/** The console prints; nothing to protect. */
export const CONSOLE_LIMITS: PlatformLimits = { global: null, perChat: null, perGroup: null };

export const DEFAULT_LIMITS: Record<Platform, PlatformLimits> = {
  telegram: TELEGRAM_LIMITS,
  discord: DISCORD_LIMITS,
  console: CONSOLE_LIMITS,
};
