/**
 * Sliding-window rate limiting for one platform: the bot as a whole, each chat, each group, plus
 * pauses the platform imposes with 429 responses (the whole bot, or one target's route).
 * Pure bookkeeping over instants handed in by the caller; it never reads a clock itself.
 */
import type { PlatformLimits, WindowLimit } from './limits.ts';

/**
 * The last `limit` send instants in a ring. One more send is allowed at `t` when the oldest of
 * them is at least `windowMs` before `t`: then no window of `windowMs` ever holds more than `limit`.
 */
export class SlidingWindow {
  readonly #stamps: number[];
  #next = 0;
  #count = 0;

  /** `marginMs` widens the window for the sender's own bookkeeping (see `SenderOptions.safetyMarginMs`). */
  constructor(
    readonly rule: WindowLimit,
    private readonly marginMs = 0,
  ) {
    if (!Number.isInteger(rule.limit) || rule.limit < 1) throw new RangeError(`window limit must be a positive integer, got ${rule.limit}`);
    if (!(rule.windowMs > 0)) throw new RangeError(`window length must be positive, got ${rule.windowMs}`);
    this.#stamps = new Array<number>(rule.limit).fill(0);
  }

  /** Earliest instant at or after `now` when one more send fits. */
  availableAt(now: number): number {
    if (this.#count < this.rule.limit) return now;
    return Math.max(now, (this.#stamps[this.#next] as number) + this.rule.windowMs + this.marginMs);
  }

  record(at: number): void {
    this.#stamps[this.#next] = at;
    this.#next = (this.#next + 1) % this.rule.limit;
    if (this.#count < this.rule.limit) this.#count++;
  }

  /** True when nothing recorded still counts at `now`: the window can be forgotten. */
  idleAt(now: number): boolean {
    if (this.#count === 0) return true;
    const newest = this.#stamps[(this.#next + this.rule.limit - 1) % this.rule.limit] as number;
    return newest + this.rule.windowMs + this.marginMs <= now;
  }
}

/** Per-key windows, forgotten once idle so a million one-off chats do not pile up in memory. */
class KeyedWindows {
  readonly #windows = new Map<string, SlidingWindow>();
  #sweepAt = 0;

  constructor(
    private readonly rule: WindowLimit,
    private readonly marginMs: number,
  ) {}

  availableAt(key: string, now: number): number {
    return this.#windows.get(key)?.availableAt(now) ?? now;
  }

  record(key: string, at: number): void {
    let window = this.#windows.get(key);
    if (!window) {
      window = new SlidingWindow(this.rule, this.marginMs);
      this.#windows.set(key, window);
    }
    window.record(at);
    if (at >= this.#sweepAt) this.#sweep(at);
  }

  get size(): number {
    return this.#windows.size;
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) if (window.idleAt(now)) this.#windows.delete(key);
    this.#sweepAt = now + this.rule.windowMs;
  }
}

export class PlatformRateLimiter {
  readonly #global: SlidingWindow | null;
  readonly #perChat: KeyedWindows | null;
  readonly #perGroup: KeyedWindows | null;
  readonly #isGroup: (targetId: string) => boolean;
  #pausedUntil = 0;
  readonly #targetPauses = new Map<string, number>();

  constructor(limits: PlatformLimits, options: { safetyMarginMs?: number } = {}) {
    const margin = Math.max(0, options.safetyMarginMs ?? 0);
    this.#global = limits.global ? new SlidingWindow(limits.global, margin) : null;
    this.#perChat = limits.perChat ? new KeyedWindows(limits.perChat, margin) : null;
    this.#perGroup = limits.perGroup ? new KeyedWindows(limits.perGroup, margin) : null;
    this.#isGroup = limits.isGroupTarget ?? (() => false);
  }

  /** Earliest instant (≥ now) a send to the whole platform could go: global window and global pause. */
  platformAvailableAt(now: number): number {
    return Math.max(now, this.#pausedUntil, this.#global?.availableAt(now) ?? now);
  }

  /** Earliest instant (≥ now) a send to `targetId` is allowed by every window and pause. */
  availableAt(targetId: string, now: number): number {
    let at = this.platformAvailableAt(now);
    const paused = this.#targetPauses.get(targetId);
    if (paused !== undefined) {
      if (paused <= now) this.#targetPauses.delete(targetId);
      else at = Math.max(at, paused);
    }
    if (this.#perChat) at = Math.max(at, this.#perChat.availableAt(targetId, now));
    if (this.#perGroup && this.#isGroup(targetId)) at = Math.max(at, this.#perGroup.availableAt(targetId, now));
    return at;
  }

  /** Counts one send to `targetId` at `at` in every window it belongs to. */
  record(targetId: string, at: number): void {
    this.#global?.record(at);
    this.#perChat?.record(targetId, at);
    if (this.#perGroup && this.#isGroup(targetId)) this.#perGroup.record(targetId, at);
  }

  /** A global 429: nothing goes out on this platform before `until`. */
  pausePlatform(until: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, until);
  }

  /** A per-route 429: nothing goes to this target before `until`. */
  pauseTarget(targetId: string, until: number): void {
    this.#targetPauses.set(targetId, Math.max(this.#targetPauses.get(targetId) ?? 0, until));
  }

  /** Windows currently remembered (for tests of memory behaviour). */
  trackedTargets(): number {
    return this.#perChat?.size ?? 0;
  }
}
