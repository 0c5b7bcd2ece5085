/**
 * The fake server's flood control, measured on its own clock: at most `limit` messages in any
 * `windowMs` for the bot as a whole, for each chat, and for each group (groups, supergroups and
 * channels), as Telegram documents (about 30/s per bot, 1/s per chat, 20/min per group).
 */
export interface WindowRule {
  limit: number;
  windowMs: number;
}

export interface FakeRateLimits {
  global: WindowRule | null;
  perChat: WindowRule | null;
  perGroup: WindowRule | null;
}

export const TELEGRAM_RATE_LIMITS: FakeRateLimits = {
  global: { limit: 30, windowMs: 1_000 },
  perChat: { limit: 1, windowMs: 1_000 },
  perGroup: { limit: 20, windowMs: 60_000 },
};

/** Which rule refused a message, and how long until it would fit. */
export interface RateRefusal {
  rule: 'global' | 'perChat' | 'perGroup';
  waitMs: number;
}

export class RateWindows {
  readonly #stamps = new Map<string, number[]>();

  constructor(readonly limits: FakeRateLimits) {}

  /** The first rule a message to `chatId` at `now` would break, or null when it fits. */
  check(chatId: number, isGroup: boolean, now: number): RateRefusal | null {
    const checks: Array<[RateRefusal['rule'], WindowRule | null, string]> = [
      ['global', this.limits.global, 'global'],
      ['perChat', this.limits.perChat, `chat:${chatId}`],
      ['perGroup', isGroup ? this.limits.perGroup : null, `group:${chatId}`],
    ];
    for (const [rule, window, key] of checks) {
      if (!window) continue;
      const waitMs = this.#waitMs(key, window, now);
      if (waitMs > 0) return { rule, waitMs };
    }
    return null;
  }

  record(chatId: number, isGroup: boolean, now: number): void {
    this.#push('global', now, this.limits.global);
    this.#push(`chat:${chatId}`, now, this.limits.perChat);
    if (isGroup) this.#push(`group:${chatId}`, now, this.limits.perGroup);
  }

  /** A message fits when fewer than `limit` were sent in the half-open window (now − windowMs, now]. */
  #waitMs(key: string, rule: WindowRule, now: number): number {
    const stamps = this.#stamps.get(key);
    if (!stamps) return 0;
    const inWindow = stamps.filter((at) => at > now - rule.windowMs);
    if (inWindow.length < rule.limit) return 0;
    const oldestThatMatters = inWindow[inWindow.length - rule.limit] as number;
    return oldestThatMatters + rule.windowMs - now;
  }

  #push(key: string, at: number, rule: WindowRule | null): void {
    if (!rule) return;
    const stamps = this.#stamps.get(key) ?? [];
    stamps.push(at);
    // Only the newest `limit` stamps can ever decide a later check.
    if (stamps.length > rule.limit) stamps.splice(0, stamps.length - rule.limit);
    this.#stamps.set(key, stamps);
  }
}

/** The largest number of instants inside any window of `windowMs` (half-open, as above). */
export function busiestWindow(instants: readonly number[], windowMs: number): number {
  const sorted = [...instants].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[start] as number) <= (sorted[end] as number) - windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
