/**
 * Scheduled digests on Telegram, end to end: subscriptions made with commands, articles ingested,
 * the scheduler ticking at chosen minutes, the outbox sender delivering through the adapter to the
 * fake Bot API, and Telegram's refusals turned into what they mean for the subscription.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat } from 'telegraf/types';
import { Sender, type SenderStats } from '../../../src/delivery/sender.ts';
import { StoreDigestComposer } from '../../../src/digest/compose.ts';
import { DigestScheduler, type TickReport } from '../../../src/scheduler/scheduler.ts';
import { parseTelegramHtml } from '../../support/telegram-html.ts';
import { privateChat, userNamed } from '../../fakes/telegram/updates.ts';
import { botMessagesIn, FAST_LIMITS, omar, omarChat, sami, samiChat, startTelegramHarness, huda, hudaChat, type TelegramHarness } from './harness.ts';

const oldGroup: Chat.GroupChat = { id: -4001, type: 'group', title: 'Reading club' };
const upgraded: Chat.SupergroupChat = { id: -1004001, type: 'supergroup', title: 'Reading club' };
const leftGroup: Chat.SupergroupChat = { id: -1008001, type: 'supergroup', title: 'Former readers' };
const layla = userNamed(504, 'Layla', { language_code: 'en' });
const laylaChat = privateChat(layla);
const ref = (chatId: number) => ({ platform: 'telegram' as const, chatId: String(chatId) });

let h: TelegramHarness;
let early: TickReport;
let onTime: TickReport;
let stats: SenderStats;
beforeAll(async () => {
  // 07:00 in Baghdad on 30 November; the digests are due at 08:00 (05:00 UTC).
  h = await startTelegramHarness({ limits: FAST_LIMITS, ingestAt: null, now: '2026-11-30T04:00:00.000Z' });
  h.fake.addChat(oldGroup, laylaChat, leftGroup);
  h.fake.setRole(oldGroup, omar, 'administrator');
  h.fake.setRole(leftGroup, omar, 'creator');
  const subscriptions: Array<[Chat, typeof omar]> = [
    [omarChat, omar],
    [oldGroup, omar],
    [leftGroup, omar],
    [samiChat, sami],
    [hudaChat, huda],
  ];
  for (const [chat, user] of subscriptions) h.fake.userSays(chat, user, '/subscribe iraq-us-relations 08:00 Asia/Baghdad');
  for (const [chat] of subscriptions) await botMessagesIn(h.fake, chat.id, 1);
  await h.ingest('2026-11-30T04:30:00.000Z');

  // Telegram's side of things by the time the digests go out.
  h.fake.upgradeToSupergroup(oldGroup.id, upgraded);
  h.fake.block(samiChat.id);
  h.fake.block(leftGroup.id);
  h.fake.remove(hudaChat.id);
  h.fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }, omarChat.id);
  await h.store.enqueueMessages([{ platform: 'telegram', targetId: String(laylaChat.id), payload: { text: '<b>Unclosed <i>tags', parse_mode: 'HTML' } }], h.clock.now().toISOString());

  const sender = new Sender({
    store: h.store,
    platform: h.adapter.sender,
    limiter: h.adapter.limiter,
    clock: h.clock,
    onPermanentFailure: (failure) => h.adapter.notifyPermanentFailure(failure),
  });
  const composer = new StoreDigestComposer(h.store, (topicId) => h.topics.catalog.get(topicId)?.name);
  const scheduler = new DigestScheduler({ store: h.store, composer, clock: h.clock, onEnqueued: () => sender.notify() });
  const sendsBefore = h.fake.callsTo('sendMessage').length;
  early = await scheduler.tick(new Date('2026-11-30T04:59:00.000Z'));
  expect(h.fake.callsTo('sendMessage')).toHaveLength(sendsBefore);
  h.clock.set('2026-11-30T05:00:00.000Z');
  onTime = await scheduler.tick(new Date('2026-11-30T05:00:00.000Z'));
  stats = await sender.drain();
}, 30_000);
afterAll(async () => {
  await h?.close();
});

describe('Telegram digests', () => {
  it('given subscriptions due at 08:00 Baghdad then nothing goes out at 07:59 and each chat\'s digest is queued at 08:00', () => {
    expect(early.due).toBe(0);
    expect(onTime).toMatchObject({ due: 5, queued: 5 });
  });

  it('delivers the digest as valid HTML with link previews off, after waiting out a 429', async () => {
    const digests = h.fake.botMessages(omarChat.id).filter((message) => message.parseMode === 'HTML');
    expect(digests.length).toBeGreaterThan(0);
    for (const message of digests) {
      expect(() => parseTelegramHtml(message.raw)).not.toThrow();
      expect(message.text.length).toBeLessThanOrEqual(4096);
      expect(message.linkPreviewDisabled).toBe(true);
    }
    expect(digests[0]!.text).toMatch(/Iraq–US relations/);
    const attempts = h.fake.callsTo('sendMessage').filter((call) => String(call.params['chat_id']) === String(omarChat.id) && call.params['parse_mode'] === 'HTML');
    const refused = attempts.find((call) => call.errorCode === 429);
    const delivered = attempts.find((call) => call.ok && call.at > (refused?.at ?? Number.POSITIVE_INFINITY));
    expect(refused).toBeDefined();
    expect(delivered!.at - refused!.at).toBeGreaterThanOrEqual(1_000);
    const [sub] = await h.store.listSubscriptions(ref(omarChat.id));
    expect(sub).toMatchObject({ status: 'active', lastRunAt: '2026-11-30T05:00:00.000Z', nextDueAt: '2026-12-01T05:00:00.000Z' });
  });

  it('given a group upgraded to a supergroup then its subscription moves to the new id and the digest is sent there', async () => {
    expect(await h.store.listSubscriptions(ref(oldGroup.id))).toEqual([]);
    const [moved] = await h.store.listSubscriptions(ref(upgraded.id));
    expect(moved).toMatchObject({ targetId: String(upgraded.id), status: 'active', topicId: 'iraq-us-relations' });
    expect(h.fake.botMessages(upgraded.id).filter((message) => message.parseMode === 'HTML').length).toBeGreaterThan(0);
    const toOld = h.fake.callsTo('sendMessage').filter((call) => String(call.params['chat_id']) === String(oldGroup.id) && call.params['parse_mode'] === 'HTML');
    expect(toOld.map((call) => call.description)).toEqual(['Bad Request: group chat was upgraded to a supergroup chat']);
    expect(stats.migrated).toBe(1);
  });

  it('given a user who blocked the bot then the subscription is paused after one attempt, never retried', async () => {
    const [sub] = await h.store.listSubscriptions(ref(samiChat.id));
    expect(sub!.status).toBe('paused');
    expect(sub!.pausedReason).toMatch(/^blocked: Forbidden: bot was blocked by the user/);
    const attempts = h.fake.callsTo('sendMessage').filter((call) => String(call.params['chat_id']) === String(samiChat.id) && call.params['parse_mode'] === 'HTML');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.errorCode).toBe(403);
  });

  it('given a group that removed the bot then the administrator who subscribed it is told privately, once', async () => {
    const [sub] = await h.store.listSubscriptions(ref(leftGroup.id));
    expect(sub!.pausedReason).toMatch(/^blocked: Forbidden: bot was kicked from the supergroup chat/);
    const notices = h.fake.botMessages(omarChat.id).filter((message) => message.text.startsWith('Digests to'));
    expect(notices.map((message) => message.text)).toEqual(['Digests to Former readers are paused: the bot was blocked or removed. An admin can fix this and subscribe again.']);
    // Sami blocked the bot himself: there is nobody to tell, and nothing is tried.
    expect(h.fake.callsTo('sendMessage').filter((call) => String(call.params['text']).startsWith('Digests to'))).toHaveLength(1);
  });

  it('given a chat that no longer exists then its subscription is paused as gone', async () => {
    const [sub] = await h.store.listSubscriptions(ref(hudaChat.id));
    expect(sub).toMatchObject({ status: 'paused' });
    expect(sub!.pausedReason).toMatch(/^gone: Bad Request: chat not found/);
  });

  it('given a message Telegram cannot parse then the payload is logged and its plain text is sent once', async () => {
    const attempts = h.fake.callsTo('sendMessage').filter((call) => String(call.params['text']).includes('Unclosed'));
    expect(attempts.map((call) => [call.ok, call.params['parse_mode'] ?? null])).toEqual([
      [false, 'HTML'],
      [true, null],
    ]);
    expect(attempts[0]!.description).toMatch(/^Bad Request: can't parse entities/);
    expect(h.fake.botMessages(laylaChat.id).map((message) => message.text)).toEqual(['Unclosed tags']);
    expect(h.logs.find((line) => line['event'] === 'telegram.payload_refused')).toMatchObject({ payload: '<b>Unclosed <i>tags', targetId: String(laylaChat.id) });
    expect(await h.store.countOutbox('pending')).toBe(0);
  });

  it('never exceeded the fake\'s flood limits except where the test scripted a 429', () => {
    const limited = h.fake.calls.filter((call) => call.errorCode === 429);
    expect(limited).toHaveLength(1);
  });
});
