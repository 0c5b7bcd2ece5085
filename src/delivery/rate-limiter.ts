/**
 * Sliding-window rate limiting for one platform: the bot as a whole, each chat, each group, plus
 * pauses the platform imposes with 429 responses (the whole bot, or one target's route), and the
 * even spacing of the bot's sends over its window.
 * Pure bookkeeping over instants handed in by the caller; it never reads a clock itself.
 */
import type { PlatformLimits, WindowLimit } from './limits.ts';

/** One send as a window counts it: from `at`, or from never-yet while it waits for its answer. */
interface Stamp {
  at: number;
}

/**
 * The last `limit` sends. One more send is allowed at `t` when the oldest of them is at least
 * `windowMs` before `t`: then no window of `windowMs` ever holds more than `limit`. A send still
 * waiting for its answer is never the oldest (its stamp is +∞), so it holds its place until
 * answered.
 */
export class SlidingWindow {
  readonly #stamps: Stamp[] = [];
  /** Index of the stamp with the earliest instant, once the window is full. */
  #oldest = 0;

  /** `marginMs` widens the window for the sender's own bookkeeping (see `SenderOptions.safetyMarginMs`). */
  constructor(
    readonly rule: WindowLimit,
    private readonly marginMs = 0,
  ) {
    if (!Number.isInteger(rule.limit) || rule.limit < 1) throw new RangeError(`window limit must be a positive integer, got ${rule.limit}`);
    if (!(rule.windowMs > 0)) throw new RangeError(`window length must be positive, got ${rule.windowMs}`);
  }

  /** Earliest instant at or after `now` when one more send fits (+∞ while every send in it awaits its answer). */
  availableAt(now: number): number {
    if (this.#stamps.length < this.rule.limit) return now;
    return Math.max(now, (this.#stamps[this.#oldest] as Stamp).at + this.rule.windowMs + this.marginMs);
  }

  /** Counts one send at `at` (+∞: until `answered` is called with its stamp); returns its stamp. */
  record(at: number): Stamp {
    const stamp = { at };
    if (this.#stamps.length < this.rule.limit) this.#stamps.push(stamp);
    else this.#stamps[this.#oldest] = stamp;
    this.#findOldest();
    return stamp;
  }

  /** A send recorded as in flight was answered at `at`: it counts from then. */
  answered(stamp: Stamp, at: number): void {
    stamp.at = at;
    this.#findOldest();
  }

  /** True when nothing recorded still counts at `now`: the window can be forgotten. */
  idleAt(now: number): boolean {
    for (const stamp of this.#stamps) if (stamp.at + this.rule.windowMs + this.marginMs > now) return false;
    return true;
  }

  #findOldest(): void {
    if (this.#stamps.length < this.rule.limit) return;
    let oldest = 0;
    for (let i = 1; i < this.#stamps.length; i++) if ((this.#stamps[i] as Stamp).at < (this.#stamps[oldest] as Stamp).at) oldest = i;
    this.#oldest = oldest;
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

  /** Counts a send in `key`'s window; returns the window and the stamp (see `SlidingWindow.record`). */
  record(key: string, at: number, now: number): [SlidingWindow, Stamp] {
    let window = this.#windows.get(key);
    if (!window) {
      window = new SlidingWindow(this.rule, this.marginMs);
      this.#windows.set(key, window);
    }
    const stamp = window.record(at);
    if (now >= this.#sweepAt) this.#sweep(now);
    return [window, stamp];
  }

  get size(): number {
    return this.#windows.size;
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) if (window.idleAt(now)) this.#windows.delete(key);
    this.#sweepAt = now + this.rule.windowMs;
  }
}

/** A send counted while its request is on its way; tell it when the platform has answered. */
export interface InFlightSend {
  answered(at: number): void;
}

const NOTHING_TO_SETTLE: InFlightSend = Object.freeze({ answered: () => undefined });

export class PlatformRateLimiter {
  readonly #global: SlidingWindow | null;
  readonly #perChat: KeyedWindows | null;
  readonly #perGroup: KeyedWindows | null;
  readonly #isGroup: (targetId: string) => boolean;
  readonly #countUntilAnswered: boolean;
  /** Bot-wide sends are spaced this far apart: the window's budget spread evenly over it. */
  readonly #spacingMs: number;
  /** How far behind that schedule the bot may fall and still catch up. */
  readonly #catchUpMs: number;
  /** When the next evenly spaced send is due. */
  #nextSlotAt = Number.NEGATIVE_INFINITY;
  #pausedUntil = 0;
  readonly #targetPauses = new Map<string, number>();

  constructor(limits: PlatformLimits, options: { safetyMarginMs?: number } = {}) {
    const margin = Math.max(0, options.safetyMarginMs ?? 0);
    this.#global = limits.global ? new SlidingWindow(limits.global, margin) : null;
    this.#perChat = limits.perChat ? new KeyedWindows(limits.perChat, margin) : null;
    this.#perGroup = limits.perGroup ? new KeyedWindows(limits.perGroup, margin) : null;
    this.#isGroup = limits.isGroupTarget ?? (() => false);
    this.#countUntilAnswered = limits.countUntilAnswered ?? false;
    this.#spacingMs = limits.global ? limits.global.windowMs / limits.global.limit : 0;
    this.#catchUpMs = limits.global ? limits.global.windowMs / 4 : 0;
  }

  /**
   * Earliest instant (≥ now) a send to the whole platform could go: global window, even spacing
   * and global pause. +∞ while the whole window's sends are still waiting for their answers.
   */
  platformAvailableAt(now: number): number {
    return Math.max(now, this.#pausedUntil, Math.ceil(this.#nextSlotAt), this.#global?.availableAt(now) ?? now);
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

  /** Counts one send to `targetId` at `at` in every window it belongs to (a send already answered). */
  record(targetId: string, at: number): void {
    this.#count(targetId, at, at);
  }

  /**
   * Counts one send to `targetId` whose request left at `at`. On a platform that counts arrivals
   * (`countUntilAnswered`) it counts in full until `answered` is called with the instant the
   * answer came back, and from that instant on; elsewhere it counts from `at`.
   */
  begin(targetId: string, at: number): InFlightSend {
    if (!this.#countUntilAnswered) {
      this.#count(targetId, at, at);
      return NOTHING_TO_SETTLE;
    }
    const stamps = this.#count(targetId, Number.POSITIVE_INFINITY, at);
    return {
      answered: (answeredAt) => {
        for (const [window, stamp] of stamps) window.answered(stamp, Math.max(at, answeredAt));
      },
    };
  }

  #count(targetId: string, stampAt: number, now: number): Array<[SlidingWindow, Stamp]> {
    const stamps: Array<[SlidingWindow, Stamp]> = [];
    if (this.#global) stamps.push([this.#global, this.#global.record(stampAt)]);
    if (this.#perChat) stamps.push(this.#perChat.record(targetId, stampAt, now));
    if (this.#perGroup && this.#isGroup(targetId)) stamps.push(this.#perGroup.record(targetId, stampAt, now));
    // A send up to a quarter of the window late keeps the schedule (the next ones follow sooner
    // until it is caught up, the windows still holding them to the limits), so a timer that fires
    // late, a slow answer holding a window's place or a stalled process does not push every later
    // send back; after a longer pause the schedule starts again from this send.
    const late = now - this.#nextSlotAt > this.#catchUpMs;
    this.#nextSlotAt = (late ? now : this.#nextSlotAt) + this.#spacingMs;
    return stamps;
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
