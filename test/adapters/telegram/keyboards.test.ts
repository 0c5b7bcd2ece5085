/**
 * One-tap paths: inline keyboards for picking a topic, a time and a subscription to stop, and
 * the rules of button presses (always answered, refusals as alerts, rights checked on every tap).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK_DATA_MAX_BYTES } from '../../../src/adapters/telegram/callback-data.ts';
import { OFFERED_TIMES } from '../../../src/adapters/telegram/pickers.ts';
import type { RecordedCall } from '../../fakes/telegram-bot-api.ts';
import { botMessagesIn, buttonData, eventually, FAST_LIMITS, newsroom, omar, omarChat, sami, startTelegramHarness, type TelegramHarness } from './harness.ts';

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness({ limits: FAST_LIMITS });
  h.fake.setRole(newsroom, omar, 'creator');
});
afterAll(async () => {
  await h?.close();
});

const groupRef = { platform: 'telegram' as const, chatId: String(newsroom.id) };

function answersTo(queryId: string): RecordedCall[] {
  return h.fake.callsTo('answerCallbackQuery').filter((call) => call.params['callback_query_id'] === queryId);
}

async function press(chatId: number, messageId: number, user: typeof omar, data: string): Promise<RecordedCall> {
  const id = h.fake.userPresses(chatId, messageId, user, data);
  return h.fake.waitForCall((call) => call.method === 'answerCallbackQuery' && call.params['callback_query_id'] === id);
}

describe('Telegram keyboards', () => {
  it('given /subscribe without a topic then a topic picker comes up, and tapping a topic subscribes and offers times', async () => {
    h.fake.userSays(newsroom, omar, '/subscribe');
    const [picker] = await botMessagesIn(h.fake, newsroom.id, 1);
    expect(picker!.text).toBe('Which topic?');
    const labels = picker!.replyMarkup!.inline_keyboard.flat().map((button) => button.text);
    expect(labels).toEqual(expect.arrayContaining(['Iraq–US relations']));

    const answer = await press(newsroom.id, picker!.messageId, omar, buttonData(picker!, 'Iraq'));
    expect(answer.params['text']).toBeUndefined();
    await eventually(() => h.fake.botMessages(newsroom.id)[0]!.edits === 1);
    const edited = h.fake.botMessages(newsroom.id)[0]!;
    expect(edited.text).toMatch(/Subscribed to Iraq–US relations: daily at 08:00 \(Asia\/Baghdad\)/);
    expect(edited.text).toMatch(/Tap a time/);
    expect(edited.replyMarkup!.inline_keyboard.flat().map((button) => button.text)).toEqual([...OFFERED_TIMES]);
    expect(h.fake.botMessages(newsroom.id)).toHaveLength(1);

    await press(newsroom.id, picker!.messageId, omar, buttonData(edited, '18:00'));
    await eventually(() => h.fake.botMessages(newsroom.id)[0]!.edits === 2);
    const moved = h.fake.botMessages(newsroom.id)[0]!;
    expect(moved.text).toMatch(/updated: daily at 18:00/);
    expect(moved.replyMarkup).toBeNull();
    const [sub] = await h.store.listSubscriptions(groupRef);
    expect(sub).toMatchObject({ topicId: 'iraq-us-relations', localTime: '18:00', timezone: 'Asia/Baghdad' });
  });

  it('given a member tapping an administrator\'s button then an alert refuses it and nothing changes', async () => {
    const picker = h.fake.botMessages(newsroom.id)[0]!;
    const answer = await press(newsroom.id, picker.messageId, sami, 'e:/subscribe iraq-us-relations 06:00');
    expect(answer.params).toMatchObject({ show_alert: true });
    expect(answer.params['text']).toMatch(/Only admins/);
    expect((await h.store.listSubscriptions(groupRef))[0]!.localTime).toBe('18:00');
    expect(h.fake.botMessages(newsroom.id)[0]!.edits).toBe(2);
  });

  it('given /subscriptions then each subscription has a stop button, and tapping it unsubscribes', async () => {
    const before = h.fake.botMessages(omarChat.id).length;
    h.fake.userSays(omarChat, omar, '/subscribe oil-energy 07:00');
    h.fake.userSays(omarChat, omar, '/subscriptions');
    const messages = await botMessagesIn(h.fake, omarChat.id, before + 2);
    const list = messages.at(-1)!;
    expect(list.text).toMatch(/Subscriptions in this chat/);
    await press(omarChat.id, list.messageId, omar, buttonData(list, 'Stop'));
    await eventually(() => h.fake.botMessages(omarChat.id).at(-1)!.edits === 1);
    expect(h.fake.botMessages(omarChat.id).at(-1)!.text).toMatch(/Unsubscribed from/);
    expect(await h.store.listSubscriptions({ platform: 'telegram', chatId: String(omarChat.id) })).toEqual([]);
  });

  it('given /unsubscribe alone then it offers only the chat\'s own subscriptions', async () => {
    const before = h.fake.botMessages(newsroom.id).length;
    h.fake.userSays(newsroom, omar, '/unsubscribe');
    const messages = await botMessagesIn(h.fake, newsroom.id, before + 1);
    const picker = messages.at(-1)!;
    expect(picker.text).toBe('Which subscription should stop?');
    expect(picker.replyMarkup!.inline_keyboard.flat().map((button) => button.text)).toEqual(['Iraq–US relations']);
  });

  it('given /topics then each topic is a button that reads it, answered with new messages', async () => {
    const before = h.fake.botMessages(omarChat.id).length;
    h.fake.userSays(omarChat, omar, '/topics');
    const [topics] = (await botMessagesIn(h.fake, omarChat.id, before + 1)).slice(before);
    await press(omarChat.id, topics!.messageId, omar, buttonData(topics!, 'Iraq'));
    const after = await botMessagesIn(h.fake, omarChat.id, before + 2);
    expect(after[before + 1]!.parseMode).toBe('HTML');
    expect(h.fake.botMessages(omarChat.id)[before]!.edits).toBe(0);
  });

  it('keeps every button\'s callback data within 64 bytes', () => {
    const data = h.fake.calls
      .filter((call) => (call.method === 'sendMessage' || call.method === 'editMessageText') && call.ok)
      .flatMap((call) => ((call.params['reply_markup'] as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined)?.inline_keyboard ?? []).flat())
      .map((button) => button.callback_data ?? '');
    expect(data.length).toBeGreaterThan(10);
    for (const entry of data) expect(Buffer.byteLength(entry, 'utf8')).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
  });

  it('given a button from an earlier run of the bot then the press is answered with an alert that it expired', async () => {
    const message = h.fake.botMessages(omarChat.id)[0]!;
    const answer = await press(omarChat.id, message.messageId, omar, 'k:old1.7');
    expect(answer.params).toMatchObject({ show_alert: true });
    expect(answer.params['text']).toMatch(/expired/);
    const foreign = await press(omarChat.id, message.messageId, omar, 'something-else');
    expect(foreign.ok).toBe(true);
  });

  it('answers every button press exactly once', () => {
    const presses = h.fake.calls.filter((call) => call.method === 'answerCallbackQuery');
    const ids = presses.map((call) => String(call.params['callback_query_id']));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(answersTo(id).filter((call) => call.ok)).toHaveLength(1);
  });
});
