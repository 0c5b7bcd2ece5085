/**
 * Platform facts read from Telegram updates, as the shared command layer wants them: which chat
 * (and of what kind), who is asking, whether a message is a command meant for this bot, and
 * whether its sender is an anonymous group administrator.
 */
import type { Chat, Message, User } from 'telegraf/types';
import type { CommandChat, CommandUser } from '../../commands/context.ts';
import type { ChatKind } from '../../store/records.ts';

/** Telegram's service account that anonymous group administrators post through. */
export const GROUP_ANONYMOUS_BOT_USERNAME = 'GroupAnonymousBot';
export const GROUP_ANONYMOUS_BOT_ID = 1087968824;

export function chatKindOf(chat: Pick<Chat, 'type'>): ChatKind {
  return chat.type;
}

export function chatTitleOf(chat: Chat): string | null {
  if ('title' in chat && chat.title) return chat.title;
  if ('username' in chat && chat.username) return `@${chat.username}`;
  if ('first_name' in chat && chat.first_name) return chat.first_name;
  return null;
}

export function commandChatOf(chat: Chat): CommandChat {
  return { platform: 'telegram', chatId: String(chat.id), kind: chatKindOf(chat), title: chatTitleOf(chat), guildId: null };
}

export function displayNameOf(user: User): string {
  const name = [user.first_name, user.last_name].filter((part) => part && part.trim() !== '').join(' ');
  return name || (user.username ? `@${user.username}` : String(user.id));
}

export function commandUserOf(user: User, isAdmin: boolean): CommandUser {
  return { id: String(user.id), displayName: displayNameOf(user), locale: user.language_code ?? null, isAdmin };
}

/**
 * Anonymous administrators post as the group itself: the message's `sender_chat` is the chat,
 * and `from` is Telegram's GroupAnonymousBot. A channel's post forwarded into its discussion
 * group also has a `sender_chat`, but a different one, and is not an administrator's.
 */
export function isAnonymousAdmin(message: Pick<Message, 'chat' | 'from' | 'sender_chat'>): boolean {
  if (message.chat.type !== 'group' && message.chat.type !== 'supergroup') return false;
  if (message.sender_chat) return message.sender_chat.id === message.chat.id;
  return message.from?.username === GROUP_ANONYMOUS_BOT_USERNAME;
}

export interface AddressedCommand {
  /** Lower-cased name without the slash and `@bot`. */
  name: string;
  /** The message text after the command. */
  argText: string;
  /** Written as `/name@thisbot`, rather than a bare `/name`. */
  explicit: boolean;
}

/**
 * The command a message starts with, when it is meant for this bot: `/name` or `/name@thisbot`
 * (case-insensitive). `/name@otherbot` belongs to another bot in the group and gives null.
 */
export function addressedCommand(text: string, botUsername: string): AddressedCommand | null {
  const match = /^\/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]+))?(?=\s|$)([\s\S]*)$/.exec(text);
  if (!match?.[1]) return null;
  const to = match[2];
  if (to !== undefined && to.toLowerCase() !== botUsername.toLowerCase()) return null;
  return { name: match[1].toLowerCase(), argText: (match[3] ?? '').trim(), explicit: to !== undefined };
}

/**
 * A channel named as the first argument of a command typed in a private chat
 * (`/subscribe @news_channel iraq-us-relations 08:00` or with the channel's `-100…` id).
 */
export function channelArgument(argText: string): { channel: string; rest: string } | null {
  const match = /^(@[A-Za-z][A-Za-z0-9_]{3,31}|-100\d{5,})(?:\s+([\s\S]*))?$/.exec(argText.trim());
  if (!match?.[1]) return null;
  return { channel: match[1], rest: (match[2] ?? '').trim() };
}
