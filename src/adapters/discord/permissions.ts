/**
 * Discord permission bits and channel types the adapter reasons about, as documented (Topics →
 * Permissions; Resources → Channel types). Kept as plain constants so the pure modules do not load
 * discord.js; a test holds them equal to discord.js's own `PermissionFlagsBits` and `ChannelType`.
 */
import type { Language } from '../../core/types.ts';
import { translate } from '../../i18n/index.ts';

export const PERMISSION = {
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  SendMessagesInThreads: 1n << 38n,
} as const;

export type PermissionName = keyof typeof PERMISSION;

export const CHANNEL_TYPE = {
  GuildText: 0,
  DM: 1,
  GuildAnnouncement: 5,
  AnnouncementThread: 10,
  PublicThread: 11,
  PrivateThread: 12,
} as const;

/** Channels a digest can be posted in: text and announcement channels, and their threads. */
export const DIGEST_CHANNEL_TYPES: readonly number[] = [
  CHANNEL_TYPE.GuildText,
  CHANNEL_TYPE.GuildAnnouncement,
  CHANNEL_TYPE.AnnouncementThread,
  CHANNEL_TYPE.PublicThread,
  CHANNEL_TYPE.PrivateThread,
];

const THREAD_TYPES = new Set<number>([CHANNEL_TYPE.AnnouncementThread, CHANNEL_TYPE.PublicThread, CHANNEL_TYPE.PrivateThread]);

export function isThreadType(type: number): boolean {
  return THREAD_TYPES.has(type);
}

/** `default_member_permissions` of admin commands: Manage Server, as Discord's decimal string. */
export const ADMIN_COMMAND_PERMISSIONS = PERMISSION.ManageGuild.toString();

/** Discord sends permission sets as decimal strings; anything unreadable is no permission at all. */
export function parsePermissions(value: string | bigint | null | undefined): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value !== 'string' || !/^\d{1,30}$/.test(value)) return 0n;
  return BigInt(value);
}

function has(permissions: bigint, flag: bigint): boolean {
  return (permissions & PERMISSION.Administrator) !== 0n || (permissions & flag) === flag;
}

/** Manage Server (or Administrator, which implies every permission). */
export function canManageGuild(permissions: bigint): boolean {
  return has(permissions, PERMISSION.ManageGuild);
}

/**
 * What the bot lacks to post digests in a channel, in the order an admin would grant them:
 * seeing the channel, posting (in threads, the thread permission replaces Send Messages), and
 * embedding links (briefings are embeds).
 */
export function missingDigestPermissions(permissions: bigint, isThread: boolean): PermissionName[] {
  const needed: PermissionName[] = ['ViewChannel', isThread ? 'SendMessagesInThreads' : 'SendMessages', 'EmbedLinks'];
  return needed.filter((name) => !has(permissions, PERMISSION[name]));
}

/** The names Discord's own settings screens use, so an admin finds the toggle. */
export function permissionLabel(name: PermissionName, language: Language): string {
  switch (name) {
    case 'Administrator':
      return translate(language, 'discord.permission.administrator');
    case 'ManageGuild':
      return translate(language, 'discord.permission.manage_guild');
    case 'ViewChannel':
      return translate(language, 'discord.permission.view_channel');
    case 'SendMessages':
      return translate(language, 'discord.permission.send_messages');
    case 'EmbedLinks':
      return translate(language, 'discord.permission.embed_links');
    case 'SendMessagesInThreads':
      return translate(language, 'discord.permission.send_messages_in_threads');
  }
}

export function permissionList(names: readonly PermissionName[], language: Language): string {
  return names.map((name) => permissionLabel(name, language)).join(translate(language, 'discord.list_separator'));
}
