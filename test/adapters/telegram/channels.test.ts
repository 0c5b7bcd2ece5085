/**
 * Channels have no one typing commands in them: their administrators manage digests from a
 * private chat with the bot, naming the channel first (`/subscribe @channel topic …`). Telegram
 * is asked each time whether the user administers the channel and whether the bot may post there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botMessagesIn, buttonData, eventually, FAST_LIMITS, newsChannel, omar, omarChat, sami, samiChat, startTelegramHarness, type TelegramHarness } from './harness.ts';

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness({ limits: FAST_LIMITS });
  h.fake.setRole(newsChannel, omar, 'administrator');
  h.fake.setRole(newsChannel, h.fake.bot, { status: 'administrator', canPostMessages: true });
});
afterAll(async () => {
  await h?.close();
});

const channelRef = { platform: 'telegram' as const, chatId: String(newsChannel.id) };

async function answerTo(chat: typeof omarChat, user: typeof omar, text: string): Promise<string> {
  const before = h.fake.botMessages(chat.id).length;
  h.fake.userSays(chat, user, text);
  return (await botMessagesIn(h.fake, chat.id, before + 1)).at(-1)!.text;
}

describe('Telegram channels managed from a private chat', () => {
  it('given a channel administrator then /subscribe @channel subscribes the channel, and the answer says which', async () => {
    const text = await answerTo(omarChat, omar, '/subscribe @mowjaz_news iraq-us-relations 07:30');
    expect(text).toMatch(/^Channel Mowjaz News:\n\nSubscribed to Iraq–US relations: daily at 07:30/);
    const [sub] = await h.store.listSubscriptions(channelRef);
    expect(sub).toMatchObject({ topicId: 'iraq-us-relations', targetId: String(newsChannel.id), localTime: '07:30' });
    expect((await h.store.getChat(channelRef))?.kind).toBe('channel');
    expect(await h.store.listSubscriptions({ platform: 'telegram', chatId: String(omarChat.id) })).toEqual([]);
  });

  it('given the channel\'s numeric id then the same channel is managed', async () => {
    const text = await answerTo(omarChat, omar, `/subscriptions ${newsChannel.id}`);
    expect(text).toMatch(/Iraq–US relations — daily at 07:30/);
  });

  it('given a user who does not administer the channel then nothing is changed', async () => {
    const text = await answerTo(samiChat, sami, '/unsubscribe @mowjaz_news iraq-us-relations');
    expect(text).toBe('Only administrators of @mowjaz_news can manage its digests.');
    expect(await h.store.listSubscriptions(channelRef)).toHaveLength(1);
  });

  it('given a channel the bot cannot post in then the administrator is told how to fix it', async () => {
    h.fake.setRole(newsChannel, h.fake.bot, { status: 'administrator', canPostMessages: false });
    const text = await answerTo(omarChat, omar, '/subscribe @mowjaz_news oil-energy');
    expect(text).toMatch(/I cannot post in @mowjaz_news/);
    h.fake.setRole(newsChannel, h.fake.bot, { status: 'administrator', canPostMessages: true });
  });

  it('given an unknown channel or a name that is not a channel then the answer says so', async () => {
    expect(await answerTo(omarChat, omar, '/subscribe @no_such_channel iraq-us-relations')).toMatch(/cannot find the channel @no_such_channel/);
    h.fake.addChat({ id: -1003000000001, type: 'supergroup', title: 'Chatter', username: 'chatter_group' });
    expect(await answerTo(omarChat, omar, '/subscribe @chatter_group iraq-us-relations')).toMatch(/is not a channel/);
  });

  it('given /unsubscribe @channel alone then its subscriptions are offered as buttons that keep the channel', async () => {
    const before = h.fake.botMessages(omarChat.id).length;
    h.fake.userSays(omarChat, omar, '/unsubscribe @mowjaz_news');
    const picker = (await botMessagesIn(h.fake, omarChat.id, before + 1)).at(-1)!;
    expect(picker.text).toMatch(/Which subscription should stop\?/);
    h.fake.userPresses(omarChat.id, picker.messageId, omar, buttonData(picker, 'Iraq'));
    await eventually(() => h.fake.botMessages(omarChat.id).at(-1)!.edits === 1);
    expect(h.fake.botMessages(omarChat.id).at(-1)!.text).toMatch(/^Channel Mowjaz News:\n\nUnsubscribed from Iraq–US relations/);
    expect(await h.store.listSubscriptions(channelRef)).toEqual([]);
  });
});
