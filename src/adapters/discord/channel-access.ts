/**
 * Can the bot post digests in a channel? Checked before an admin's choice of channel is accepted,
 * and after Discord refuses a digest (to name the permission in the notice to admins).
 *
 * The bot's permissions in the channel the command was typed in come with the interaction
 * (`app_permissions`). For any other channel they are computed by discord.js from the guild it
 * keeps in memory (roles, the bot's member, the channel's overwrites; a thread inherits its
 * parent's), fetching the channel or the bot's member over REST when they are not cached.
 */
import type { Client, Guild } from 'discord.js';
import type { Language } from '../../core/types.ts';
import { translate } from '../../i18n/index.ts';
import { DIGEST_CHANNEL_TYPES, isThreadType, missingDigestPermissions, permissionList, type PermissionName } from './permissions.ts';

export interface ChannelFacts {
  type: number;
  permissions: bigint;
}

export type TargetVerdict =
  | { ok: true }
  | { ok: false; reason: 'not_found' | 'not_text' }
  | { ok: false; reason: 'missing_permissions'; missing: PermissionName[] };

/** Pure: what stops a digest from reaching a channel with these facts. */
export function digestTargetVerdict(facts: ChannelFacts | null): TargetVerdict {
  if (!facts) return { ok: false, reason: 'not_found' };
  if (!DIGEST_CHANNEL_TYPES.includes(facts.type)) return { ok: false, reason: 'not_text' };
  const missing = missingDigestPermissions(facts.permissions, isThreadType(facts.type));
  return missing.length > 0 ? { ok: false, reason: 'missing_permissions', missing } : { ok: true };
}

/** The refusal in the admin's language; `<#id>` renders as the channel's name in Discord. */
export function verdictMessage(verdict: Exclude<TargetVerdict, { ok: true }>, channelId: string, language: Language): string {
  const channel = `<#${channelId}>`;
  switch (verdict.reason) {
    case 'not_found':
      return translate(language, 'discord.channel.not_found', { channel });
    case 'not_text':
      return translate(language, 'discord.channel.not_text', { channel });
    case 'missing_permissions':
      return translate(language, 'discord.channel.missing_permissions', { channel, permissions: permissionList(verdict.missing, language) });
  }
}

/** The bot's view of a guild channel from discord.js's cache (fetched when missing); null when unreachable. */
export async function botChannelFacts(client: Client, guildId: string | null, channelId: string): Promise<ChannelFacts | null> {
  const cached = client.channels.cache.get(channelId);
  const guild: Guild | undefined = guildId ? client.guilds.cache.get(guildId) : cached && 'guild' in cached ? cached.guild : undefined;
  if (!guild) return null;
  const channel = guild.channels.cache.get(channelId) ?? (await guild.channels.fetch(channelId).catch(() => null));
  if (!channel || channel.guildId !== guild.id) return null;
  const me = guild.members.me ?? (await guild.members.fetchMe().catch(() => null));
  if (!me) return null;
  return { type: channel.type, permissions: channel.permissionsFor(me)?.bitfield ?? 0n };
}
