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
    // Another chat waits only for the bot's next evenly spaced slot (1/30 s on a millisecond clock).
    expect(limiter.availableAt('43', 0)).toBe(34);
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

describe('PlatformRateLimiter: even spacing and sends in flight', () => {
  it('given a backlog then bot-wide sends are spaced one window/limit apart, not sent a window at a time', () => {
    const limiter = new PlatformRateLimiter(TELEGRAM_LIMITS);
    const sent: number[] = [];
    let now = 0;
    for (let i = 0; i < 90; i++) {
      now = limiter.availableAt(String(i), now);
      limiter.record(String(i), now);
      sent.push(now);
    }
    // 1/30 s apart, on a millisecond clock.
    for (let i = 1; i < sent.length; i++) expect((sent[i] as number) - (sent[i - 1] as number)).toBeGreaterThanOrEqual(33);
    expect(sent[89]).toBeLessThanOrEqual(89 * (1_000 / 30) + 1);
  });

  it('given a timer that fires a little late then the schedule catches up instead of drifting', () => {
    const limiter = new PlatformRateLimiter(TELEGRAM_LIMITS);
    let now = 0;
    for (let i = 0; i < 300; i++) {
      now = limiter.availableAt(String(i), now) + 3;
      limiter.record(String(i), now);
    }
    // 300 sends at 30/s take 10 s whether or not each wake-up is 3 ms late.
    expect(now).toBeLessThanOrEqual(10_000 + 3);
  });

  it('given a Telegram send in flight then it fills its place in every window until answered', () => {
    const limiter = new PlatformRateLimiter(TELEGRAM_LIMITS);
    const inFlight = Array.from({ length: 30 }, (_, i) => limiter.begin(String(i), i * 34));
    expect(limiter.platformAvailableAt(2_000)).toBe(Number.POSITIVE_INFINITY);
    expect(limiter.availableAt('0', 5_000)).toBe(Number.POSITIVE_INFINITY);
    inFlight.forEach((send, i) => send.answered(i * 34 + 1_900));
    // Counted from its answer: the first send's place frees a window after the answer came back.
    expect(limiter.platformAvailableAt(2_000)).toBe(2_900);
    expect(limiter.availableAt('0', 2_900)).toBe(2_900);
    expect(limiter.availableAt('1', 2_900)).toBe(2_934);
  });

  it('given a platform that counts departures then a send counts from when it left', () => {
    const limiter = new PlatformRateLimiter(DISCORD_LIMITS);
    const send = limiter.begin('channel-a', 0);
    for (let i = 1; i < 5; i++) limiter.record('channel-a', i);
    expect(limiter.availableAt('channel-a', 10)).toBe(5_000);
    send.answered(3_000);
    expect(limiter.availableAt('channel-a', 10)).toBe(5_000);
  });

  it('given any delays on the way and back, evenly paced sends never exceed a window at arrival (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.array(fc.record({ target: fc.integer({ min: 0, max: 40 }), out: fc.integer({ min: 0, max: 400 }), back: fc.integer({ min: 0, max: 400 }) }), {
          minLength: 1,
          maxLength: 200,
        }),
        (concurrency, sends) => {
          // Targets 0–9 are groups (negative ids), the rest private chats; a few of each repeat.
          const queue = sends.map((send) => ({ ...send, targetId: send.target < 10 ? `-100${send.target}` : String(send.target) }));
          const limiter = new PlatformRateLimiter(TELEGRAM_LIMITS);
          const inFlight: Array<{ answerAt: number; send: ReturnType<PlatformRateLimiter['begin']> }> = [];
          const arrivals: Array<{ targetId: string; at: number }> = [];
          let now = 0;
          while (queue.length > 0) {
            inFlight.sort((a, b) => a.answerAt - b.answerAt);
            while (inFlight.length > 0 && (inFlight[0] as { answerAt: number }).answerAt <= now) inFlight.shift()?.send.answered(now);
            const index = inFlight.length < concurrency ? queue.findIndex((send) => limiter.availableAt(send.targetId, now) <= now) : -1;
            if (index >= 0) {
              const [send] = queue.splice(index, 1) as [(typeof queue)[number]];
              // The platform stamps the request somewhere on its way, and answers after that.
              arrivals.push({ targetId: send.targetId, at: now + send.out });
              inFlight.push({ answerAt: now + send.out + send.back, send: limiter.begin(send.targetId, now) });
              continue;
            }
            const nextAnswer = inFlight[0]?.answerAt ?? Number.POSITIVE_INFINITY;
            const nextSlot = Math.min(...queue.map((send) => limiter.availableAt(send.targetId, now)));
            now = Math.max(now + 1, Math.min(nextAnswer, nextSlot));
          }
          const byTarget = (targetId: string): number[] => arrivals.filter((a) => a.targetId === targetId).map((a) => a.at).sort((x, y) => x - y);
          expect(respects(arrivals.map((a) => a.at).sort((x, y) => x - y), TELEGRAM_LIMITS.global!)).toBe(true);
          for (const targetId of new Set(arrivals.map((a) => a.targetId))) {
            expect(respects(byTarget(targetId), TELEGRAM_LIMITS.perChat!)).toBe(true);
            if (targetId.startsWith('-')) expect(respects(byTarget(targetId), TELEGRAM_LIMITS.perGroup!)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
