/**
 * One digest to 2,000 chats (half of them groups) plus a burst of notices to a few groups, sent by
 * the outbox sender through the adapter to the fake Bot API, which refuses anything over
 * Telegram's flood limits: 30 messages per second per bot, 1 per second per chat, 20 per minute
 * per group. Sender and fake share virtual time (see `VirtualTime`), so the minutes this takes
 * under the real limits pass in seconds, and the fake sees each message at the instant the sender
 * counted it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformSender } from '../../../src/delivery/platform-sender.ts';
import { Sender, type SenderStats } from '../../../src/delivery/sender.ts';
import { StoreDigestComposer } from '../../../src/digest/compose.ts';
import { TELEGRAM_RATE_LIMITS, busiestWindow } from '../../fakes/telegram/rate-windows.ts';
import { VirtualTime } from '../../fakes/telegram/virtual-time.ts';
import { startTelegramHarness, type TelegramHarness } from './harness.ts';

const CHATS = 2_000;
const BUSY_GROUPS = 5;
const NOTICES_PER_BUSY_GROUP = 25;
const DUE = '2026-11-30T05:00:00.000Z';

const chatIdOf = (index: number): number => (index % 2 === 0 ? 100_000 + index : -1_005_000_000_000 - index);

let h: TelegramHarness;
let time: VirtualTime;
let stats: SenderStats;
let digestMessages: number;
beforeAll(async () => {
  time = new VirtualTime(DUE);
  h = await startTelegramHarness({ fake: { now: () => time.nowMs() }, now: DUE });
  const composer = new StoreDigestComposer(h.store, (topicId) => h.topics.catalog.get(topicId)?.name);
  const digest = await composer.compose({ topicId: 'iraq-us-relations', windowFrom: '2026-11-27T05:00:00.000Z', windowTo: DUE, language: 'en', platform: 'telegram' }, new Date(DUE));
  const render = await h.store.getRender(digest.digest!.renderId);
  digestMessages = render!.payloads.length;
  // The busy groups' notices are queued first: they must not hold up the chats queued behind them.
  const outbox: Array<{ platform: 'telegram'; targetId: string; payload: unknown }> = [];
  for (let n = 0; n < BUSY_GROUPS * NOTICES_PER_BUSY_GROUP; n++) {
    outbox.push({ platform: 'telegram', targetId: String(chatIdOf(2 * (n % BUSY_GROUPS) + 1)), payload: { text: `Notice ${n}` } });
  }
  for (let index = 0; index < CHATS; index++) {
    const id = chatIdOf(index);
    h.fake.addChat(id > 0 ? { id, type: 'private', first_name: `Reader ${index}` } : { id, type: 'supergroup', title: `Group ${index}` });
    for (const payload of render!.payloads) outbox.push({ platform: 'telegram', targetId: String(id), payload });
  }
  await h.store.enqueueMessages(outbox, DUE);

  const platform: PlatformSender = { ...h.adapter.sender, send: (targetId, body) => time.hold(() => h.adapter.sender.send(targetId, body)) };
  const sender = new Sender({ store: h.store, platform, limiter: h.adapter.limiter, clock: time, sleep: time.sleep, concurrency: 16 });
  stats = await sender.drain();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const delivered = () => h.fake.callsTo('sendMessage').filter((call) => call.ok);

describe('Telegram digest fan-out under the real flood limits', () => {
  it('delivers every message without a single 429', async () => {
    const sends = h.fake.callsTo('sendMessage');
    expect(sends.filter((call) => call.errorCode === 429)).toEqual([]);
    expect(sends.filter((call) => !call.ok)).toEqual([]);
    expect(delivered()).toHaveLength(CHATS * digestMessages + BUSY_GROUPS * NOTICES_PER_BUSY_GROUP);
    expect(stats).toMatchObject({ failed: 0, retried: 0 });
    expect(await h.store.countOutbox('pending')).toBe(0);
  });

  it('stays within every window as the fake measured them', () => {
    const { global, perChat, perGroup } = TELEGRAM_RATE_LIMITS;
    const byChat = new Map<string, number[]>();
    for (const call of delivered()) {
      const chat = String(call.params['chat_id']);
      byChat.set(chat, [...(byChat.get(chat) ?? []), call.at]);
    }
    expect(busiestWindow(delivered().map((call) => call.at), global!.windowMs)).toBe(global!.limit);
    for (const [chat, instants] of byChat) {
      expect(busiestWindow(instants, perChat!.windowMs), chat).toBeLessThanOrEqual(perChat!.limit);
      if (chat.startsWith('-')) expect(busiestWindow(instants, perGroup!.windowMs), chat).toBeLessThanOrEqual(perGroup!.limit);
    }
  });

  it('holds a busy group to 20 messages a minute, one a second, while the other chats flow', () => {
    const busy = String(chatIdOf(1));
    const instants = delivered()
      .filter((call) => String(call.params['chat_id']) === busy)
      .map((call) => call.at)
      .sort((a, b) => a - b);
    expect(instants).toHaveLength(NOTICES_PER_BUSY_GROUP + digestMessages);
    for (let i = 1; i < instants.length; i++) expect(instants[i]! - instants[i - 1]!).toBeGreaterThanOrEqual(1_000);
    expect(instants[20]! - instants[0]!).toBeGreaterThanOrEqual(60_000);
  });

  it('uses 95 % or more of the bot-wide 30 messages per second', () => {
    const instants = delivered().map((call) => call.at);
    const start = Math.min(...instants);
    // A whole minute of sending, measured by the fake; the digest alone lasts longer than that.
    const inFirstMinute = instants.filter((at) => at < start + 60_000).length;
    expect(inFirstMinute / 60 / TELEGRAM_RATE_LIMITS.global!.limit).toBeGreaterThanOrEqual(0.95);
    expect(inFirstMinute).toBeLessThanOrEqual(60 * TELEGRAM_RATE_LIMITS.global!.limit);
  });
});
