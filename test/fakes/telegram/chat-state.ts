/**
 * What the fake server knows about chats: the chats themselves (by id and @username), members
 * and their roles, the messages in each chat, and the scripted fates of a chat (the bot blocked
 * or removed, the chat deleted, a group upgraded to a supergroup).
 */
import type { InlineKeyboardMarkup, User } from 'telegraf/types';
import type { TelegramEntity } from '../../support/telegram-html.ts';
import type { FakeChat } from './updates.ts';

export type MemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export interface MemberRole {
  status: MemberStatus;
  /** Channels: whether an administrator may post (the bot needs it to deliver digests). */
  canPostMessages?: boolean;
  isAnonymous?: boolean;
}

export interface StoredMessage {
  chatId: number;
  messageId: number;
  fromBot: boolean;
  /** The text as the recipient sees it (tags removed, entities decoded). */
  text: string;
  /** The text as sent, markup included. */
  raw: string;
  parseMode: string | null;
  entities: TelegramEntity[];
  replyMarkup: InlineKeyboardMarkup | null;
  linkPreviewDisabled: boolean;
  replyToMessageId: number | null;
  at: number;
  edits: number;
}

export type ChatFate = { kind: 'blocked' } | { kind: 'gone' } | { kind: 'migrated'; to: number };

export class ChatState {
  readonly #chats = new Map<number, FakeChat>();
  readonly #usernames = new Map<string, number>();
  readonly #members = new Map<string, MemberRole>();
  readonly #messages = new Map<number, StoredMessage[]>();
  readonly #fates = new Map<number, ChatFate>();

  add(chat: FakeChat): void {
    this.#chats.set(chat.id, chat);
    const username = 'username' in chat ? chat.username : undefined;
    if (username) this.#usernames.set(username.toLowerCase(), chat.id);
  }

  /** A `chat_id` parameter (number, digit string or `@username`) → the chat, if known. */
  resolve(chatId: unknown): FakeChat | undefined {
    if (typeof chatId === 'string' && chatId.startsWith('@')) {
      const id = this.#usernames.get(chatId.slice(1).toLowerCase());
      return id === undefined ? undefined : this.#chats.get(id);
    }
    const id = typeof chatId === 'number' ? chatId : typeof chatId === 'string' && /^-?\d+$/.test(chatId) ? Number(chatId) : Number.NaN;
    return this.#chats.get(id);
  }

  get(chatId: number): FakeChat | undefined {
    return this.#chats.get(chatId);
  }

  setRole(chatId: number, userId: number, role: MemberRole): void {
    this.#members.set(`${chatId}:${userId}`, role);
  }

  /** Members not scripted otherwise are ordinary members. */
  role(chatId: number, userId: number): MemberRole {
    return this.#members.get(`${chatId}:${userId}`) ?? { status: 'member' };
  }

  memberObject(chatId: number, user: User): Record<string, unknown> {
    const role = this.role(chatId, user.id);
    const base = { status: role.status, user };
    switch (role.status) {
      case 'creator':
        return { ...base, is_anonymous: role.isAnonymous ?? false };
      case 'administrator':
        return {
          ...base,
          can_be_edited: false,
          is_anonymous: role.isAnonymous ?? false,
          can_manage_chat: true,
          can_delete_messages: true,
          can_restrict_members: true,
          can_promote_members: false,
          can_change_info: true,
          can_invite_users: true,
          ...(this.#chats.get(chatId)?.type === 'channel' ? { can_post_messages: role.canPostMessages ?? true, can_edit_messages: true } : {}),
        };
      case 'kicked':
        return { ...base, until_date: 0 };
      case 'restricted':
        return { ...base, is_member: true, can_send_messages: false, until_date: 0 };
      default:
        return base;
    }
  }

  setFate(chatId: number, fate: ChatFate): void {
    this.#fates.set(chatId, fate);
  }

  fate(chatId: number): ChatFate | undefined {
    return this.#fates.get(chatId);
  }

  nextMessageId(chatId: number): number {
    return (this.#messages.get(chatId)?.at(-1)?.messageId ?? 0) + 1;
  }

  store(message: StoredMessage): void {
    const list = this.#messages.get(message.chatId) ?? [];
    list.push(message);
    this.#messages.set(message.chatId, list);
  }

  message(chatId: number, messageId: number): StoredMessage | undefined {
    return this.#messages.get(chatId)?.find((message) => message.messageId === messageId);
  }

  messages(chatId: number): StoredMessage[] {
    return [...(this.#messages.get(chatId) ?? [])];
  }

  isGroup(chatId: number): boolean {
    const type = this.#chats.get(chatId)?.type;
    return type === 'group' || type === 'supergroup' || type === 'channel';
  }
}

/** The 403 description Telegram gives when the bot cannot reach a chat any more. */
export function blockedDescription(chat: FakeChat): string {
  switch (chat.type) {
    case 'private':
      return 'Forbidden: bot was blocked by the user';
    case 'group':
      return 'Forbidden: bot was kicked from the group chat';
    case 'supergroup':
      return 'Forbidden: bot was kicked from the supergroup chat';
    case 'channel':
      return 'Forbidden: bot is not a member of the channel chat';
  }
}
