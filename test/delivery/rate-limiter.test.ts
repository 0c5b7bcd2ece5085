import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, TELEGRAM_LIMITS, type WindowLimit } from '../../src/delivery/limits.ts';
import { PlatformRateLimiter, SlidingWindow } from '../../src/delivery/rate-limiter.ts';

/** True when no half-open window of `windowMs` holds more than `limit` of the (sorted) instants. */
function respects(stamps: number[], { limit, windowMs }: WindowLimit): boolean {
  for (let i = limit; i < stamps.length; i++) if ((stamps[i] as number) - (stamps[i - limit] as number) < windowMs) return false;
  return true;
}

describe('SlidingWindow', () => {
  it('given a fresh window then `limit` sends go at once and the next waits for the oldest to leave', () => {
    const window = new SlidingWindow({ limit: 3, windowMs: 1_000 });
    for (const at of [0, 10, 20]) {
      expect(window.availableAt(at)).toBe(at);
      window.record(at);
    }
    expect(window.availableAt(20)).toBe(1_000);
    window.record(1_000);
    expect(window.availableAt(1_000)).toBe(1_010);
  });

  it('given a safety margin then the window is that much longer', () => {
    const window = new SlidingWindow({ limit: 1, windowMs: 1_000 }, 1);
    window.record(0);
    expect(window.availableAt(0)).toBe(1_001);
  });

  it.each([0, -1, 1.5])('given a limit of %s then it refuses to build', (limit) => {
    expect(() => new SlidingWindow({ limit, windowMs: 1_000 })).toThrow(RangeError);
  });

  it('given any arrival pattern, sending at availableAt never puts more than `limit` in any window (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 300 }),
        (limit, windowMs, gaps) => {
          const window = new SlidingWindow({ limit, windowMs });
          const sent: number[] = [];
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            const at = window.availableAt(now);
            expect(at).toBeGreaterThanOrEqual(now);
            window.record(at);
            sent.push(at);
            now = at;
          }
          expect(respects(sent, { limit, windowMs })).toBe(true);
        },
      ),
    );
  });

  it('given a steady backlog then it achieves exactly the limit (no slack)', () => {
    const window = new SlidingWindow({ limit: 30, windowMs: 1_000 });
    let now = 0;
    let count = 0;
    while (now < 10_000) {
      now = window.availableAt(now);
      if (now >= 10_000) break;
      window.record(now);
      count++;
    }
    expect(count).toBe(300);
  });
});

describe('PlatformRateLimiter with Telegram limits', () => {
  it('given one private chat then it allows one message per second', () => {
    const limiter = new PlatformRateLimiter(TELEGRAM_LIMITS);
    limiter.record('42', 0);
    expect(limiter.availableAt('42', 0)).toBe(1_000);
    expect(limiter.availableAt('43', 0)).toBe(0);
  });

  it('given a group then the 21st message in a minute waits for the first to leave the window', () => {
    const limiter = new PlatformRateLimiter(TELEGRAM_LIMITS);
    let now = 0;
    for (let i = 0; i < 20; i++) {
      now = limiter.availableAt('-100123', now);
      limiter.record('-100123', now);
    }
    expect(now).toBe(19_000);
    expect(limiter.availableAt('-100123', now)).toBe(60_000);
    // A private chat is not held to the group limit.
    for (let i = 0; i < 25; i++) limiter.record('777', i * 1_000);
    expect(limiter.availableAt('777', 25_000)).toBe(25_000);
  });

  it('given 30 sends in a second to different chats then the bot-wide window holds the 31st', () => {
    const limiter = new PlatformRateLimiter(TELEGRAM_LIMITS);
    for (let i = 0; i < 30; i++) limiter.record(String(i), 500);
    expect(limiter.availableAt('999', 600)).toBe(1_500);
    expect(limiter.platformAvailableAt(600)).toBe(1_500);
  });

  it('given a global 429 pause then every target waits exactly until it ends', () => {
    const limiter = new PlatformRateLimiter(TELEGRAM_LIMITS);
    limiter.pausePlatform(7_250);
    expect(limiter.availableAt('1', 100)).toBe(7_250);
    expect(limiter.platformAvailableAt(100)).toBe(7_250);
    expect(limiter.availableAt('1', 7_250)).toBe(7_250);
  });

  it('given a per-route 429 pause then only that target waits', () => {
    const limiter = new PlatformRateLimiter(DISCORD_LIMITS);
    limiter.pauseTarget('channel-a', 3_000);
    expect(limiter.availableAt('channel-a', 0)).toBe(3_000);
    expect(limiter.availableAt('channel-b', 0)).toBe(0);
    expect(limiter.availableAt('channel-a', 3_000)).toBe(3_000);
  });

  it('given many one-off chats then idle windows are forgotten', () => {
    const limiter = new PlatformRateLimiter({ global: null, perChat: { limit: 1, windowMs: 1_000 }, perGroup: null });
    for (let i = 0; i < 10_000; i++) limiter.record(`chat-${i}`, i);
    expect(limiter.trackedTargets()).toBeLessThanOrEqual(2_001);
  });
});
