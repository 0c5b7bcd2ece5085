/**
 * Who asked, where, and with which option values: the platform facts of an interaction, as the
 * router's neutral `Invocation`. Pure, over plain fields, so it is tested without a gateway.
 *
 * A guild channel (or thread) is a chat of its own: its settings, and the subscriptions made in
 * it, belong to that channel. A direct message is the user's personal chat, addressed as
 * `user:<id>`, so digests reach the user through a DM channel the bot opens when it delivers.
 */
import type { Invocation } from '../../commands/router.ts';
import { languageFromLocale } from '../../i18n/index.ts';
import { PRIVATE_OPTION } from './command-json.ts';
import { canManageGuild } from './permissions.ts';

export const DM_TARGET_PREFIX = 'user:';

export interface InteractionFacts {
  userId: string;
  userName: string;
  /** The user's client language (`ar`, `en-US`…). */
  locale: string | null;
  /** The server's preferred language (community servers). */
  guildLocale: string | null;
  /** null in a DM. */
  guildId: string | null;
  channelId: string | null;
  channelName: string | null;
  /** The member's permissions in the channel, as Discord computed them; null in a DM. */
  memberPermissions: bigint | null;
}

/** The user id of a DM target (`user:<id>`), or null for a channel id. */
export function dmUserOf(targetId: string): string | null {
  return targetId.startsWith(DM_TARGET_PREFIX) ? targetId.slice(DM_TARGET_PREFIX.length) : null;
}

export function invocationOf(facts: InteractionFacts): Invocation {
  const inGuild = facts.guildId !== null && facts.channelId !== null;
  // A locale mowjaz has no catalogue for falls back to the server's language, then the default.
  const locale = languageFromLocale(facts.locale) ? facts.locale : (facts.guildLocale ?? facts.locale);
  return {
    platform: 'discord',
    chat: inGuild
      ? { platform: 'discord', chatId: facts.channelId as string, kind: 'guild', title: facts.channelName, guildId: facts.guildId }
      : { platform: 'discord', chatId: `${DM_TARGET_PREFIX}${facts.userId}`, kind: 'private', title: facts.userName, guildId: null },
    user: {
      id: facts.userId,
      displayName: facts.userName,
      locale,
      // Checked at run time whatever `default_member_permissions` says: server admins can
      // let anyone see a command in Integrations, but only Manage Server may run admin ones.
      isAdmin: inGuild && facts.memberPermissions !== null && canManageGuild(facts.memberPermissions),
    },
  };
}

export interface OptionData {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
}

/**
 * The values to route, and whether the asker wants the answer for themselves only (`private`,
 * which registration adds to briefing commands: `hasPrivateOption`).
 */
export function optionValues(options: readonly OptionData[], hasPrivateOption: boolean): { values: Record<string, unknown>; privateReply: boolean } {
  const values: Record<string, unknown> = {};
  let privateReply = false;
  for (const option of options) {
    if (option.value === undefined) continue;
    if (hasPrivateOption && option.name === PRIVATE_OPTION) {
      privateReply = option.value === true;
      continue;
    }
    values[option.name] = option.value;
  }
  return { values, privateReply };
}
