/**
 * Commands typed in Telegram, end to end: real telegraf long-polling the fake Bot API, the real
 * router and store behind it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTelegramHtml } from '../../support/telegram-html.ts';
import { GROUP_ANONYMOUS_BOT } from '../../fakes/telegram/updates.ts';
import { botMessagesIn, FAST_LIMITS, huda, hudaChat, newsroom, omar, omarChat, sami, startTelegramHarness, type TelegramHarness } from './harness.ts';

let h: TelegramHarness;
beforeAll(async () => {
  h = await startTelegramHarness({ limits: FAST_LIMITS });
  h.fake.setRole(newsroom, omar, 'administrator');
});
afterAll(async () => {
  await h?.close();
});

describe('Telegram commands', () => {
  it('given /news iraq-us-relations in a private chat then it answers with valid HTML messages, link previews off', async () => {
    h.fake.userSays(omarChat, omar, '/news iraq-us-relations');
    const [first, ...rest] = await botMessagesIn(h.fake, omarChat.id, 1);
    for (const message of [first!, ...rest]) {
      expect(message.parseMode).toBe('HTML');
      expect(() => parseTelegramHtml(message.raw)).not.toThrow();
      expect(message.text.length).toBeLessThanOrEqual(4096);
      expect(message.linkPreviewDisabled).toBe(true);
    }
    expect(first!.text).toMatch(/Iraq/);
    expect(first!.entities.some((entity) => entity.type === 'text_link')).toBe(true);
    expect(h.fake.callsTo('sendMessage').filter((call) => !call.ok)).toEqual([]);
  });

  it('given /news@thisbot in a group then it answers as a reply; a command for another bot is left alone', async () => {
    const before = h.fake.botMessages(newsroom.id).length;
    h.fake.userSays(newsroom, sami, '/topics@other_bot');
    const ours = h.fake.userSays(newsroom, sami, '/topics@Mowjaz_Bot');
    const messages = await botMessagesIn(h.fake, newsroom.id, before + 1);
    // Commands of one chat are answered in order, so an answer to the first would have come first.
    expect(messages.slice(before)).toHaveLength(1);
    expect(messages[before]!.replyToMessageId).toBe(ours.message_id);
    expect(messages[before]!.text).toMatch(/Topics you can follow/);
  });

  it('given a member\'s /subscribe in a group then it is refused and nothing is stored', async () => {
    const before = h.fake.botMessages(newsroom.id).length;
    h.fake.userSays(newsroom, sami, '/subscribe iraq-us-relations 08:00 Asia/Baghdad');
    const messages = await botMessagesIn(h.fake, newsroom.id, before + 1);
    expect(messages.at(-1)!.text).toMatch(/Only admins/);
    expect(await h.store.listSubscriptions({ platform: 'telegram', chatId: String(newsroom.id) })).toEqual([]);
    expect(h.fake.callsTo('getChatMember').some((call) => Number(call.params['user_id']) === sami.id)).toBe(true);
  });

  it('given an administrator\'s /subscribe with time and zone then the subscription is stored as typed', async () => {
    const before = h.fake.botMessages(newsroom.id).length;
    h.fake.userSays(newsroom, omar, '/subscribe iraq-us-relations 08:00 Asia/Baghdad');
    const messages = await botMessagesIn(h.fake, newsroom.id, before + 1);
    expect(messages.at(-1)!.text).toMatch(/Subscribed to/);
    const [sub] = await h.store.listSubscriptions({ platform: 'telegram', chatId: String(newsroom.id) });
    expect(sub).toMatchObject({ topicId: 'iraq-us-relations', localTime: '08:00', timezone: 'Asia/Baghdad', targetId: String(newsroom.id), status: 'active', createdBy: String(omar.id) });
  });

  it('given an anonymous administrator posting as the group then admin commands are accepted without a membership lookup', async () => {
    const lookups = h.fake.callsTo('getChatMember').length;
    const before = h.fake.botMessages(newsroom.id).length;
    h.fake.userSays(newsroom, GROUP_ANONYMOUS_BOT, '/subscribe oil-energy 09:30', { senderChat: newsroom });
    const messages = await botMessagesIn(h.fake, newsroom.id, before + 1);
    expect(messages.at(-1)!.text).toMatch(/Subscribed to/);
    expect(h.fake.callsTo('getChatMember')).toHaveLength(lookups);
    const topics = (await h.store.listSubscriptions({ platform: 'telegram', chatId: String(newsroom.id) })).map((sub) => sub.topicId);
    expect(topics).toContain('oil-energy');
  });

  it('given /start from an Arabic-speaking user then the overview is in Arabic', async () => {
    h.fake.userSays(hudaChat, huda, '/start');
    const [message] = await botMessagesIn(h.fake, hudaChat.id, 1);
    expect(message!.text).toMatch(/[\u0600-\u06ff]/);
    expect(message!.text).toContain('/news');
    expect(message!.parseMode).toBeNull();
  });

  it('given an unknown command then a private chat is told so and a group hears nothing', async () => {
    const privately = h.fake.botMessages(omarChat.id).length;
    h.fake.userSays(omarChat, omar, '/frobnicate now');
    const messages = await botMessagesIn(h.fake, omarChat.id, privately + 1);
    expect(messages.at(-1)!.text).toMatch(/no command \/frobnicate/);

    const inGroup = h.fake.botMessages(newsroom.id).length;
    h.fake.userSays(newsroom, sami, '/frobnicate');
    h.fake.userSays(newsroom, sami, '/help news');
    const groupMessages = await botMessagesIn(h.fake, newsroom.id, inGroup + 1);
    expect(groupMessages.slice(inGroup)).toHaveLength(1);
    expect(groupMessages.at(-1)!.text).toMatch(/^\/news/);
  });

  it('given arguments that fail the command\'s schema then the answer names the argument, as on every platform', async () => {
    const before = h.fake.botMessages(omarChat.id).length;
    h.fake.userSays(omarChat, omar, '/subscribe iraq-us-relations 25:61');
    const messages = await botMessagesIn(h.fake, omarChat.id, before + 1);
    expect(messages.at(-1)!.text).toMatch(/time must be a time of day/);
  });
});

describe('Telegram start-up', () => {
  // Last: by now the first long poll has long returned (answering the commands above).
  it('polls for updates after clearing any webhook, and sets the menus in English and Arabic', async () => {
    // A long poll is recorded when it returns: at the latest when the fake's hold ends.
    await h.fake.waitForCall((call) => call.method === 'getUpdates');
    const methods = h.fake.calls.map((call) => call.method);
    expect(methods[0]).toBe('getMe');
    expect(methods.indexOf('deleteWebhook')).toBeLessThan(methods.indexOf('getUpdates'));
    expect(h.fake.callsTo('setMyCommands').every((call) => call.ok)).toBe(true);
    expect(h.fake.callsTo('setMyCommands').map((call) => `${(call.params['scope'] as { type: string }).type}|${call.params['language_code'] ?? ''}`).sort()).toEqual([
      'all_chat_administrators|',
      'all_chat_administrators|ar',
      'all_group_chats|',
      'all_group_chats|ar',
      'all_private_chats|',
      'all_private_chats|ar',
      'default|',
      'default|ar',
    ]);
  });

  it('shows admin commands to group administrators and in private chats only, described in the viewer\'s language', () => {
    const names = (viewer: Parameters<typeof h.fake.menus.visibleTo>[0]) => h.fake.menus.visibleTo(viewer).map((command) => command.command);
    const member = names({ chatType: 'supergroup', isAdmin: false, languageCode: 'en' });
    const admin = names({ chatType: 'supergroup', isAdmin: true, languageCode: 'en' });
    const privately = names({ chatType: 'private', isAdmin: false, languageCode: 'fr' });
    expect(member).toContain('news');
    expect(member).not.toContain('subscribe');
    expect(admin).toEqual(expect.arrayContaining(['news', 'subscribe', 'unsubscribe', 'settings']));
    expect(privately).toEqual(admin);
    const arabicNews = h.fake.menus.visibleTo({ chatType: 'private', isAdmin: false, languageCode: 'ar' }).find((command) => command.command === 'news');
    expect(arabicNews?.description).toMatch(/[\u0600-\u06ff]/);
  });
});
