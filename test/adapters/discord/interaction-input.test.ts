import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_SUGGESTIONS, timezoneSuggestions, topicSuggestions } from '../../../src/adapters/discord/autocomplete.ts';
import { digestTargetVerdict, verdictMessage } from '../../../src/adapters/discord/channel-access.ts';
import { dmUserOf, invocationOf, optionValues, type InteractionFacts } from '../../../src/adapters/discord/interaction-input.ts';
import { canManageGuild, CHANNEL_TYPE, missingDigestPermissions, parsePermissions, PERMISSION } from '../../../src/adapters/discord/permissions.ts';
import type { TopicInfo } from '../../../src/commands/context.ts';
import { loadTopicsStrict } from '../../../src/core/topics/load.ts';
import { buildTopics } from '../../../src/pipeline/topic-catalog.ts';
import { repoRoot } from '../../support/shared.ts';

const guildFacts: InteractionFacts = {
  userId: '500000000000000001',
  userName: 'Huda',
  locale: 'en-US',
  guildLocale: 'ar',
  guildId: '400000000000000001',
  channelId: '300000000000000001',
  channelName: 'news',
  memberPermissions: PERMISSION.ViewChannel | PERMISSION.SendMessages,
};

describe('invocationOf', () => {
  it('given a guild channel then the channel is the chat, with the guild id', () => {
    expect(invocationOf(guildFacts)).toEqual({
      platform: 'discord',
      chat: { platform: 'discord', chatId: '300000000000000001', kind: 'guild', title: 'news', guildId: '400000000000000001' },
      user: { id: '500000000000000001', displayName: 'Huda', locale: 'en-US', isAdmin: false },
    });
  });

  it.each([
    ['Manage Server', PERMISSION.ManageGuild, true],
    ['Administrator', PERMISSION.Administrator, true],
    ['Send Messages only', PERMISSION.SendMessages, false],
    ['nothing', 0n, false],
  ])('given a member with %s then isAdmin is %s', (_label, permissions, expected) => {
    expect(invocationOf({ ...guildFacts, memberPermissions: permissions }).user.isAdmin).toBe(expected);
  });

  it('given a DM then the user\'s personal chat, never an admin of a guild', () => {
    const invocation = invocationOf({ ...guildFacts, guildId: null, guildLocale: null, channelName: null, memberPermissions: null });
    expect(invocation.chat).toEqual({ platform: 'discord', chatId: 'user:500000000000000001', kind: 'private', title: 'Huda', guildId: null });
    expect(invocation.user.isAdmin).toBe(false);
    expect(dmUserOf(invocation.chat.chatId)).toBe('500000000000000001');
    expect(dmUserOf('300000000000000001')).toBeNull();
  });

  it.each([
    ['ar', 'ar', 'ar'],
    ['en-GB', 'ar', 'en-GB'],
    ['fr', 'ar', 'ar'],
    ['fr', null, 'fr'],
  ])('given the user\'s locale %s and the server\'s %s then the reply locale is %s', (locale, guildLocale, expected) => {
    expect(invocationOf({ ...guildFacts, locale, guildLocale }).user.locale).toBe(expected);
  });
});

describe('optionValues', () => {
  const options = [
    { name: 'topic', type: 3, value: 'iraq-us-relations' },
    { name: 'count', type: 4, value: 3 },
    { name: 'private', type: 5, value: true },
    { name: 'empty', type: 3 },
  ];

  it('given a briefing command then "private" is taken out of the routed values', () => {
    expect(optionValues(options, true)).toEqual({ values: { topic: 'iraq-us-relations', count: 3 }, privateReply: true });
  });

  it('given a command without the private option then every value is routed', () => {
    expect(optionValues(options, false)).toEqual({ values: { topic: 'iraq-us-relations', count: 3, private: true }, privateReply: false });
  });
});

describe('autocomplete', () => {
  let topics: readonly TopicInfo[];
  beforeAll(async () => {
    topics = buildTopics(await loadTopicsStrict(join(repoRoot, 'content', 'topics'))).catalog.list();
  });

  it('given nothing typed then every topic in catalogue order, named in the user\'s language', () => {
    expect(topicSuggestions(topics, '', 'en').map((s) => s.value)).toEqual(topics.map((topic) => topic.id));
    expect(topicSuggestions(topics, '', 'ar')[0]?.name).toBe(topics[0]?.name.ar);
  });

  it.each([
    ['iraq', 'iraq-us-relations'],
    ['IRAQ', 'iraq-us-relations'],
    ['العلاقات العراقية', 'iraq-us-relations'],
    ['الامريكية', 'iraq-us-relations'],
    ['oil', 'oil-energy'],
  ])('given %j typed then %s is suggested first', (typed, id) => {
    expect(topicSuggestions(topics, typed, 'en')[0]?.value).toBe(id);
  });

  it('given text no topic contains then no suggestions', () => {
    expect(topicSuggestions(topics, 'zzzz-nothing', 'en')).toEqual([]);
  });

  it('offers at most 25 timezones, prefix matches of the city first', () => {
    expect(timezoneSuggestions('').length).toBe(MAX_SUGGESTIONS);
    expect(timezoneSuggestions('baghdad')[0]).toEqual({ name: 'Asia/Baghdad', value: 'Asia/Baghdad' });
    expect(timezoneSuggestions('new york')[0]?.value).toBe('America/New_York');
    expect(timezoneSuggestions('utc')[0]?.value).toBe('UTC');
    expect(timezoneSuggestions('asia/').every((s) => s.value.startsWith('Asia/'))).toBe(true);
  });
});

describe('digest channel checks', () => {
  const all = PERMISSION.ViewChannel | PERMISSION.SendMessages | PERMISSION.EmbedLinks | PERMISSION.SendMessagesInThreads;

  it.each([
    ['everything', CHANNEL_TYPE.GuildText, all, []],
    ['no embeds', CHANNEL_TYPE.GuildText, all & ~PERMISSION.EmbedLinks, ['EmbedLinks']],
    ['nothing', CHANNEL_TYPE.GuildText, 0n, ['ViewChannel', 'SendMessages', 'EmbedLinks']],
    ['a thread without the thread permission', CHANNEL_TYPE.PublicThread, all & ~PERMISSION.SendMessagesInThreads, ['SendMessagesInThreads']],
    ['a thread without Send Messages (not needed there)', CHANNEL_TYPE.PublicThread, all & ~PERMISSION.SendMessages, []],
    ['Administrator', CHANNEL_TYPE.GuildAnnouncement, PERMISSION.Administrator, []],
  ])('given %s then missing %j', (_label, type, permissions, missing) => {
    expect(missingDigestPermissions(permissions, type >= 10)).toEqual(missing);
    const verdict = digestTargetVerdict({ type, permissions });
    expect(verdict.ok ? [] : verdict.reason === 'missing_permissions' ? verdict.missing : verdict.reason).toEqual(missing);
  });

  it('refuses a channel it cannot find or that takes no messages', () => {
    expect(digestTargetVerdict(null)).toEqual({ ok: false, reason: 'not_found' });
    expect(digestTargetVerdict({ type: 2, permissions: all })).toEqual({ ok: false, reason: 'not_text' });
  });

  it('names the missing permissions as Discord\'s settings do, in the admin\'s language', () => {
    const verdict = { ok: false as const, reason: 'missing_permissions' as const, missing: ['SendMessages', 'EmbedLinks'] as const };
    expect(verdictMessage({ ...verdict, missing: [...verdict.missing] }, '42', 'en')).toBe(
      'I cannot post digests in <#42>: I am missing Send Messages, Embed Links there. Give me these in the channel\'s permissions, then try again.',
    );
    expect(verdictMessage({ ...verdict, missing: [...verdict.missing] }, '42', 'ar')).toContain('إرسال الرسائل، تضمين الروابط');
  });

  it.each([
    ['32', true],
    ['8', true],
    ['2048', false],
    ['not a number', false],
  ])('permission string %j manages the guild: %s', (value, expected) => {
    expect(canManageGuild(parsePermissions(value))).toBe(expected);
  });
});
