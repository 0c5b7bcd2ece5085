import { describe, expect, it } from 'vitest';
import type { Chat, Message } from 'telegraf/types';
import { addressedCommand, channelArgument, commandChatOf, commandUserOf, isAnonymousAdmin } from '../../../src/adapters/telegram/incoming.ts';
import { GROUP_ANONYMOUS_BOT, userNamed } from '../../fakes/telegram/updates.ts';

describe('addressedCommand', () => {
  it.each([
    ['/news iraq-us-relations 3', { name: 'news', argText: 'iraq-us-relations 3', explicit: false }],
    ['/news@mowjaz_bot iraq-us-relations', { name: 'news', argText: 'iraq-us-relations', explicit: true }],
    ['/NEWS@MOWJAZ_BOT', { name: 'news', argText: '', explicit: true }],
    ['/subscribe\niraq-us-relations\n08:00', { name: 'subscribe', argText: 'iraq-us-relations\n08:00', explicit: false }],
    ['/news@other_bot iraq', null],
    ['news iraq', null],
    ['/news/iraq', null],
    [' /news', null],
  ])('given %j then %o', (text, expected) => {
    expect(addressedCommand(text, 'mowjaz_bot')).toEqual(expected);
  });
});

describe('isAnonymousAdmin', () => {
  const group: Chat.SupergroupChat = { id: -1001, type: 'supergroup', title: 'G' };
  const channel: Chat.ChannelChat = { id: -1002, type: 'channel', title: 'C' };
  const member = userNamed(5, 'Member');
  const message = (extra: Partial<Message.TextMessage>, chat: Chat = group) => ({ chat, from: member, ...extra }) as Message.TextMessage;

  it.each([
    ['a message posted as the group itself', message({ sender_chat: group, from: GROUP_ANONYMOUS_BOT }), true],
    ['a message from GroupAnonymousBot without sender_chat', message({ from: GROUP_ANONYMOUS_BOT }), true],
    ['a linked channel\'s post in its discussion group', message({ sender_chat: channel, from: userNamed(777000, 'Telegram') }), false],
    ['an ordinary member', message({}), false],
    ['a private chat', message({}, { id: 5, type: 'private', first_name: 'Member' }), false],
  ])('given %s then %s', (_case, input, expected) => {
    expect(isAnonymousAdmin(input)).toBe(expected);
  });
});

describe('channelArgument', () => {
  it.each([
    ['@mowjaz_news iraq-us-relations 08:00', { channel: '@mowjaz_news', rest: 'iraq-us-relations 08:00' }],
    ['-1002000000001', { channel: '-1002000000001', rest: '' }],
    ['iraq-us-relations', null],
    ['@ab topic', null],
    ['-42 topic', null],
  ])('given %j then %o', (text, expected) => {
    expect(channelArgument(text)).toEqual(expected);
  });
});

describe('chats and users as the command layer sees them', () => {
  it.each([
    [{ id: 5, type: 'private', first_name: 'Huda' } as Chat, { chatId: '5', kind: 'private', title: 'Huda' }],
    [{ id: -1001, type: 'supergroup', title: 'Newsroom' } as Chat, { chatId: '-1001', kind: 'supergroup', title: 'Newsroom' }],
    [{ id: -1002, type: 'channel', title: '', username: 'news' } as Chat, { chatId: '-1002', kind: 'channel', title: '@news' }],
  ])('given %o then %o', (chat, expected) => {
    expect(commandChatOf(chat)).toEqual({ platform: 'telegram', guildId: null, ...expected });
  });

  it('takes the locale from the user\'s Telegram language', () => {
    expect(commandUserOf(userNamed(9, 'Omar', { last_name: 'K', language_code: 'ar' }), true)).toEqual({ id: '9', displayName: 'Omar K', locale: 'ar', isAdmin: true });
    expect(commandUserOf(userNamed(9, ' ', { username: 'omar' }), false)).toMatchObject({ displayName: '@omar', locale: null });
  });
});
