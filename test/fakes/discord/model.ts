/**
 * The fake Discord's world: users, guilds with roles, members and channels (threads included),
 * and the objects the API returns for them. Permissions are computed the way Discord documents
 * (Topics → Permissions → Permission Hierarchy), independently of discord.js and of the adapter,
 * so a test of the adapter's own checks is not a test of one implementation against itself.
 */

export const PERM = {
  CreateInstantInvite: 1n << 0n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  ReadMessageHistory: 1n << 16n,
  UseApplicationCommands: 1n << 31n,
  SendMessagesInThreads: 1n << 38n,
} as const;

export const ALL_PERMISSIONS = (1n << 50n) - 1n;

/** What @everyone gets in a new server, enough to read and write. */
export const DEFAULT_EVERYONE = PERM.CreateInstantInvite | PERM.ViewChannel | PERM.SendMessages | PERM.EmbedLinks | PERM.ReadMessageHistory | PERM.UseApplicationCommands | PERM.SendMessagesInThreads;

export const CHANNEL = { GuildText: 0, DM: 1, GuildVoice: 2, GuildCategory: 4, GuildAnnouncement: 5, AnnouncementThread: 10, PublicThread: 11, PrivateThread: 12 } as const;

export interface FakeUser {
  id: string;
  username: string;
  globalName: string | null;
  bot?: boolean;
}

export interface FakeRole {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
}

export interface Overwrite {
  id: string;
  /** 0 = role, 1 = member. */
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export interface FakeChannel {
  id: string;
  type: number;
  name: string;
  guildId: string | null;
  parentId: string | null;
  overwrites: Overwrite[];
  /** DM channels: the user on the other side. */
  recipientId?: string;
}

export interface FakeMember {
  userId: string;
  roleIds: string[];
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  locale: string;
  systemChannelId: string | null;
  roles: FakeRole[];
  members: FakeMember[];
}

const THREADS = new Set<number>([CHANNEL.AnnouncementThread, CHANNEL.PublicThread, CHANNEL.PrivateThread]);

export function isThread(channel: FakeChannel): boolean {
  return THREADS.has(channel.type);
}

/** Base permissions in the guild, then the channel's overwrites (a thread uses its parent's). */
export function permissionsIn(guild: FakeGuild, userId: string, channel: FakeChannel | null, channels: ReadonlyMap<string, FakeChannel>): bigint {
  if (guild.ownerId === userId) return ALL_PERMISSIONS;
  const member = guild.members.find((candidate) => candidate.userId === userId);
  if (!member) return 0n;
  const everyone = guild.roles.find((role) => role.id === guild.id);
  let base = everyone?.permissions ?? 0n;
  for (const role of guild.roles) if (member.roleIds.includes(role.id)) base |= role.permissions;
  if ((base & PERM.Administrator) !== 0n) return ALL_PERMISSIONS;
  if (!channel) return base;
  const source = isThread(channel) && channel.parentId ? (channels.get(channel.parentId) ?? channel) : channel;
  let permissions = base;
  const everyoneOverwrite = source.overwrites.find((overwrite) => overwrite.id === guild.id);
  if (everyoneOverwrite) permissions = (permissions & ~everyoneOverwrite.deny) | everyoneOverwrite.allow;
  let allow = 0n;
  let deny = 0n;
  for (const overwrite of source.overwrites) {
    if (overwrite.type === 0 && overwrite.id !== guild.id && member.roleIds.includes(overwrite.id)) {
      allow |= overwrite.allow;
      deny |= overwrite.deny;
    }
  }
  permissions = (permissions & ~deny) | allow;
  const memberOverwrite = source.overwrites.find((overwrite) => overwrite.type === 1 && overwrite.id === userId);
  if (memberOverwrite) permissions = (permissions & ~memberOverwrite.deny) | memberOverwrite.allow;
  // Without View Channel nothing else in the channel applies.
  return (permissions & PERM.ViewChannel) === 0n ? 0n : permissions;
}

// API objects -------------------------------------------------------------------------------

export function userJson(user: FakeUser): Record<string, unknown> {
  return { id: user.id, username: user.username, discriminator: '0', global_name: user.globalName, avatar: null, bot: user.bot ?? false, public_flags: 0 };
}

export function roleJson(role: FakeRole): Record<string, unknown> {
  return { id: role.id, name: role.name, color: 0, hoist: false, icon: null, unicode_emoji: null, position: role.position, permissions: role.permissions.toString(), managed: false, mentionable: false, flags: 0 };
}

export function channelJson(channel: FakeChannel): Record<string, unknown> {
  const base: Record<string, unknown> = { id: channel.id, type: channel.type, name: channel.name, flags: 0 };
  if (channel.type === CHANNEL.DM) return { ...base, name: null, last_message_id: null, recipients: [] };
  const json: Record<string, unknown> = {
    ...base,
    guild_id: channel.guildId,
    position: 0,
    parent_id: channel.parentId,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: channel.overwrites.map((overwrite) => ({ id: overwrite.id, type: overwrite.type, allow: overwrite.allow.toString(), deny: overwrite.deny.toString() })),
  };
  if (THREADS.has(channel.type)) {
    delete json['permission_overwrites'];
    json['owner_id'] = null;
    json['member_count'] = 1;
    json['message_count'] = 0;
    json['thread_metadata'] = { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date(0).toISOString(), locked: false };
  }
  return json;
}

export function memberJson(member: FakeMember, user: FakeUser): Record<string, unknown> {
  return { user: userJson(user), nick: null, avatar: null, roles: member.roleIds, joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0, pending: false };
}

export function guildJson(guild: FakeGuild, channels: readonly FakeChannel[], users: ReadonlyMap<string, FakeUser>): Record<string, unknown> {
  const own = channels.filter((channel) => channel.guildId === guild.id);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: guild.roles.map(roleJson),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.systemChannelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    preferred_locale: guild.locale,
    joined_at: new Date(0).toISOString(),
    large: false,
    unavailable: false,
    member_count: guild.members.length,
    voice_states: [],
    members: guild.members.flatMap((member) => {
      const user = users.get(member.userId);
      return user ? [memberJson(member, user)] : [];
    }),
    channels: own.filter((channel) => !isThread(channel)).map(channelJson),
    threads: own.filter(isThread).map(channelJson),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    max_members: 500_000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
  };
}
