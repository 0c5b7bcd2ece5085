/**
 * A ready-made server for tests: "Newsroom", owned by Huda, with a moderator (Manage Server via
 * a role), a member without it, and channels the bot can and cannot use.
 */
import type { FakeDiscord } from './fake-discord.ts';
import { CHANNEL, PERM, type FakeChannel, type FakeGuild, type FakeUser } from './model.ts';

export interface Newsroom {
  guild: FakeGuild;
  owner: FakeUser;
  moderator: FakeUser;
  member: FakeUser;
  /** The system channel, where admins are told about paused digests. */
  general: FakeChannel;
  news: FakeChannel;
  /** A public thread under #news. */
  thread: FakeChannel;
  /** The bot may not send messages here. */
  readOnly: FakeChannel;
  /** The bot may send but not embed links here. */
  noEmbeds: FakeChannel;
  /** The bot cannot see this channel. */
  hidden: FakeChannel;
  voice: FakeChannel;
}

export function seedNewsroom(fake: FakeDiscord, options: { locale?: string } = {}): Newsroom {
  const owner = fake.addUser('huda');
  const moderator = fake.addUser('karim');
  const member = fake.addUser('sami');
  const guild = fake.addGuild('Newsroom', { owner, ...(options.locale ? { locale: options.locale } : {}) });
  const moderators = fake.addRole(guild, 'moderators', PERM.ManageGuild);
  fake.addMember(guild, moderator, [moderators]);
  fake.addMember(guild, member);
  const general = fake.addChannel(guild, 'general');
  guild.systemChannelId = general.id;
  const news = fake.addChannel(guild, 'news');
  const thread = fake.addChannel(guild, 'iraq-us-thread', { type: CHANNEL.PublicThread, parentId: news.id });
  const readOnly = fake.addChannel(guild, 'announcements-read-only');
  fake.denyBot(readOnly, PERM.SendMessages);
  const noEmbeds = fake.addChannel(guild, 'no-embeds');
  fake.denyBot(noEmbeds, PERM.EmbedLinks);
  const hidden = fake.addChannel(guild, 'staff-only');
  fake.denyBot(hidden, PERM.ViewChannel);
  const voice = fake.addChannel(guild, 'voice', { type: CHANNEL.GuildVoice });
  return { guild, owner, moderator, member, general, news, thread, readOnly, noEmbeds, hidden, voice };
}
