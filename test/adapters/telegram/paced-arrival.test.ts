/**
 * Evenly paced sends never exceed Telegram's limits where Telegram counts them: on arrival. Each
 * request here spends a random time on its way to the fake Bot API and another on the way back
 * (a stalled event loop, a socket buffer, a slow network), so arrivals are jittered by up to a
 * quarter of a second against the instants the sender counted. Sender and fake share virtual time
 * (`VirtualTime`); the delays are virtual sleeps, so this runs in seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSender } from '../../../src/delivery/platform-sender.ts';
import { Sender, type SenderStats } from '../../../src/delivery/sender.ts';
import { TELEGRAM_RATE_LIMITS, busiestWindow } from '../../fakes/telegram/rate-windows.ts';
import { VirtualTime } from '../../fakes/telegram/virtual-time.ts';
import { startTelegramHarness, type TelegramHarness } from './harness.ts';

const CHATS = 400;
const GROUP_NOTICES = 30;
const MAX_DELAY_MS = 250;
const DUE = '2026-11-30T05:00:00.000Z';

const chatIdOf = (index: number): number => (index % 3 === 0 ? -1_005_000_000_000 - index : 100_000 + index);

/** A small seeded generator (mulberry32): the same delays on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let h: TelegramHarness;
let stats: SenderStats;
const departures: number[] = [];
beforeAll(async () => {
  const time = new VirtualTime(DUE);
  h = await startTelegramHarness({ fake: { now: () => time.nowMs() }, now: DUE });
  const outbox: Array<{ platform: 'telegram'; targetId: string; payload: unknown }> = [];
  // One group gets a run of notices first: its own 1/s and 20/min hold, jitter or not.
  for (let n = 0; n < GROUP_NOTICES; n++) outbox.push({ platform: 'telegram', targetId: String(chatIdOf(0)), payload: { text: `Notice ${n}` } });
  for (let index = 0; index < CHATS; index++) {
    const id = chatIdOf(index);
    h.fake.addChat(id > 0 ? { id, type: 'private', first_name: `Reader ${index}` } : { id, type: 'supergroup', title: `Group ${index}` });
    outbox.push({ platform: 'telegram', targetId: String(id), payload: { text: `Digest for chat ${index}` } });
  }
  await h.store.enqueueMessages(outbox, DUE);

  const random = seeded(20261130);
  const platform: PlatformSender = {
    ...h.adapter.sender,
    async send(targetId, body) {
      departures.push(time.nowMs());
      await time.sleep(random() * MAX_DELAY_MS);
      // Time stands still while the request is with the fake: it stamps the arrival at this instant.
      const result = await time.hold(() => h.adapter.sender.send(targetId, body));
      await time.sleep(random() * MAX_DELAY_MS);
      return result;
    },
  };
  stats = await new Sender({ store: h.store, platform, limiter: h.adapter.limiter, clock: time, sleep: time.sleep, concurrency: 16 }).drain();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('Telegram delivery with jittered arrivals', () => {
  it('never draws a 429: every message arrives within every window', () => {
    const sends = h.fake.callsTo('sendMessage');
    expect(sends.filter((call) => call.errorCode === 429)).toEqual([]);
    expect(sends.filter((call) => call.ok)).toHaveLength(CHATS + GROUP_NOTICES);
    expect(stats).toMatchObject({ failed: 0, retried: 0 });

    const { global, perChat, perGroup } = TELEGRAM_RATE_LIMITS;
    const byChat = new Map<string, number[]>();
    for (const call of sends) byChat.set(String(call.params['chat_id']), [...(byChat.get(String(call.params['chat_id'])) ?? []), call.at]);
    expect(busiestWindow(sends.map((call) => call.at), global!.windowMs)).toBeLessThanOrEqual(global!.limit);
    for (const [chat, arrivals] of byChat) {
      expect(busiestWindow(arrivals, perChat!.windowMs), chat).toBeLessThanOrEqual(perChat!.limit);
      if (chat.startsWith('-')) expect(busiestWindow(arrivals, perGroup!.windowMs), chat).toBeLessThanOrEqual(perGroup!.limit);
    }
  });

  it('sends evenly, never a window at once', () => {
    // 30/s spread out is 3⅓ per 100 ms. Sends held back by a slow answer catch up with the
    // schedule from at most a quarter of a second behind it: the slots of 350 ms, never more than
    // 12 in 100 ms, against 16 (the concurrency) for a window sent at once.
    expect(busiestWindow(departures, 100)).toBeLessThanOrEqual(12);
    // A send holds its place from departure to a window after its answer: departures keep to the limit too.
    expect(busiestWindow(departures, 1_000)).toBeLessThanOrEqual(TELEGRAM_RATE_LIMITS.global!.limit);
  });
});
