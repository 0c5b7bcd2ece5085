import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../commands/index.ts';
import { diffCommands, normalizeCommand } from '../../../src/adapters/discord/command-diff.ts';
import { arabicCommandName, commandsJson, DISCORD_ARABIC_LOCALE, discordName, hasPrivateOption, OPTION_TYPE, PRIVATE_OPTION, type CommandJson } from '../../../src/adapters/discord/command-json.ts';
import { CHANNEL_TYPE, PERMISSION } from '../../../src/adapters/discord/permissions.ts';
import { translate } from '../../../src/i18n/index.ts';
import { commandProblems } from '../../fakes/discord/command-rules.ts';

const global = commandsJson(COMMANDS, { kind: 'global' });
const guild = commandsJson(COMMANDS, { kind: 'guild', guildId: '123456789012345678' });
const byName = (name: string): CommandJson => {
  const found = global.find((command) => command.name === name);
  if (!found) throw new Error(`no /${name}`);
  return found;
};

describe('registration JSON', () => {
  it('passes every rule Discord applies to a bulk overwrite, globally and per guild', () => {
    expect(commandProblems(global)).toEqual([]);
    expect(commandProblems(guild)).toEqual([]);
  });

  it('has one entry per shared command, in the registry order, English by default', () => {
    expect(global.map((command) => command.name)).toEqual(COMMANDS.map((command) => command.name));
    for (const command of COMMANDS) expect(byName(command.name).description).toBe(command.description.en);
  });

  it('sends no localization under a locale Discord does not know: it has no Arabic, and one unknown key fails the whole overwrite', () => {
    const keys = new Set<string>();
    const collect = (localizations: Record<string, string> | undefined) => Object.keys(localizations ?? {}).forEach((key) => keys.add(key));
    for (const command of global) {
      collect(command.name_localizations);
      collect(command.description_localizations);
      for (const option of command.options ?? []) {
        collect(option.name_localizations);
        collect(option.description_localizations);
        for (const choice of option.choices ?? []) collect(choice.name_localizations);
      }
    }
    expect(DISCORD_ARABIC_LOCALE).toBeNull();
    expect([...keys]).toEqual([]);
    const withArabic = [{ ...byName('news'), name_localizations: { ar: 'أخبار' } }];
    expect(commandProblems(withArabic)).toEqual([expect.objectContaining({ code: 'ENUM_TYPE_COERCE' })]);
  });

  it('declares Manage Server on admin commands and nothing on the others', () => {
    for (const command of COMMANDS) {
      const expected = command.permission === 'admin' ? PermissionFlagsBits.ManageGuild.toString() : null;
      expect(byName(command.name).default_member_permissions, `/${command.name}`).toBe(expected);
    }
    expect(byName('subscribe').default_member_permissions).toBe('32');
    expect(byName('news').default_member_permissions).toBeNull();
  });

  it('makes global commands usable in servers and in the bot\'s DMs; guild commands carry no DM settings', () => {
    for (const command of global) {
      expect(command.contexts).toEqual([0, 1]);
      expect(command.integration_types).toEqual([0]);
      expect(command.dm_permission).toBe(true);
    }
    for (const command of guild) {
      expect(command).not.toHaveProperty('contexts');
      expect(command).not.toHaveProperty('dm_permission');
    }
  });

  it('maps option kinds to Discord types, with bounds, choices, autocomplete and channel types', () => {
    const news = byName('news');
    expect(news.options?.find((option) => option.name === 'topic')).toMatchObject({ type: OPTION_TYPE.String, autocomplete: true });
    expect(news.options?.find((option) => option.name === 'count')).toMatchObject({ type: OPTION_TYPE.Integer, min_value: 1, max_value: 10 });
    const subscribe = byName('subscribe');
    expect(subscribe.options?.[0]).toMatchObject({ name: 'topic', required: true });
    expect(subscribe.options?.find((option) => option.name === 'frequency')?.choices).toEqual([
      { name: 'daily', value: 'daily' },
      { name: 'weekly', value: 'weekly' },
    ]);
    expect(subscribe.options?.find((option) => option.name === 'timezone')).toMatchObject({ autocomplete: true });
    expect(subscribe.options?.find((option) => option.name === 'quiet_day')).toMatchObject({ type: OPTION_TYPE.Boolean });
    const channel = byName('settings').options?.find((option) => option.name === 'digest_channel');
    expect(channel).toMatchObject({ type: OPTION_TYPE.Channel });
    expect(channel?.channel_types).toEqual([ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.AnnouncementThread, ChannelType.PublicThread, ChannelType.PrivateThread]);
  });

  it('offers "private" on briefing commands only, last and optional', () => {
    for (const command of COMMANDS) {
      const options = byName(command.name).options ?? [];
      expect(options.some((option) => option.name === PRIVATE_OPTION), `/${command.name}`).toBe(hasPrivateOption(command));
    }
    expect(byName('news').options?.at(-1)).toEqual({
      type: OPTION_TYPE.Boolean,
      name: 'private',
      description: translate('en', 'discord.option.private'),
    });
  });

  it('names each command in Arabic from the catalogue, whose English entries are the command names themselves', () => {
    for (const command of COMMANDS) {
      expect(translate('en', `discord.command_name.${command.name}` as Parameters<typeof translate>[1])).toBe(command.name);
      expect(arabicCommandName(command.name)).not.toBeNull();
    }
    expect(arabicCommandName('no-such-command')).toBeNull();
  });

  it.each([
    ['Topic', 'topic'],
    ['المنطقة الزمنية', 'المنطقة_الزمنية'],
    ['two  words', 'two_words'],
    ['has.dot', null],
    ['x'.repeat(33), null],
  ])('discordName(%j) = %j', (input, expected) => {
    expect(discordName(input)).toBe(expected);
  });
});

describe('permission bits and channel types', () => {
  it('equal discord.js\'s own constants', () => {
    expect(PERMISSION.Administrator).toBe(PermissionFlagsBits.Administrator);
    expect(PERMISSION.ManageGuild).toBe(PermissionFlagsBits.ManageGuild);
    expect(PERMISSION.ViewChannel).toBe(PermissionFlagsBits.ViewChannel);
    expect(PERMISSION.SendMessages).toBe(PermissionFlagsBits.SendMessages);
    expect(PERMISSION.EmbedLinks).toBe(PermissionFlagsBits.EmbedLinks);
    expect(PERMISSION.SendMessagesInThreads).toBe(PermissionFlagsBits.SendMessagesInThreads);
    expect(CHANNEL_TYPE).toEqual({
      GuildText: ChannelType.GuildText,
      DM: ChannelType.DM,
      GuildAnnouncement: ChannelType.GuildAnnouncement,
      AnnouncementThread: ChannelType.AnnouncementThread,
      PublicThread: ChannelType.PublicThread,
      PrivateThread: ChannelType.PrivateThread,
    });
  });
});

describe('diffCommands', () => {
  /** What Discord echoes back for a registered command: ids, versions and defaults added. */
  const echoed = (command: CommandJson, extra: Record<string, unknown> = {}) => ({
    id: '1',
    application_id: '2',
    version: '3',
    ...command,
    options: command.options?.map((option) => ({ required: false, ...option })),
    ...extra,
  });

  it('given nothing registered then every command is added', () => {
    const diff = diffCommands([], global, 'global');
    expect(diff.counts).toEqual({ added: COMMANDS.length, updated: 0, removed: 0, unchanged: 0 });
    expect(diff.upToDate).toBe(false);
  });

  it('given what Discord echoed back then nothing changed', () => {
    const diff = diffCommands(global.map((command) => echoed(command)), global, 'global');
    expect(diff.upToDate).toBe(true);
    expect(diff.counts.unchanged).toBe(COMMANDS.length);
  });

  it('names the fields that differ, and the commands to remove', () => {
    const current = [
      ...global.filter((command) => command.name !== 'news').map((command) => (command.name === 'help' ? echoed(command, { description: 'old text', description_localizations: { fr: 'ancien texte' } }) : echoed(command))),
      { id: '9', name: 'old-command', description: 'gone', type: 1 },
    ];
    const diff = diffCommands(current, global, 'global');
    expect(diff.changes.find((change) => change.name === 'news')).toEqual({ name: 'news', kind: 'added', fields: [] });
    expect(diff.changes.find((change) => change.name === 'help')).toEqual({ name: 'help', kind: 'updated', fields: ['description', 'description_localizations'] });
    expect(diff.changes.find((change) => change.name === 'old-command')).toEqual({ name: 'old-command', kind: 'removed', fields: [] });
    expect(diff.counts).toEqual({ added: 1, updated: 1, removed: 1, unchanged: COMMANDS.length - 2 });
  });

  it('treats a command registered before contexts existed as needing an update', () => {
    const current = global.map((command) => {
      const { contexts: _contexts, ...rest } = command;
      return echoed(rest as CommandJson, { contexts: null });
    });
    expect(diffCommands(current, global, 'global').counts.updated).toBe(COMMANDS.length);
    expect(normalizeCommand({ name: 'x' }, 'guild')).not.toHaveProperty('contexts');
  });
});
