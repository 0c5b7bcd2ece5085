/**
 * Building updates as Telegram sends them: messages carry `bot_command` entities (telegraf's
 * command routing reads them, not the raw text), callback queries carry the pressed button's
 * message and data.
 */
import type { CallbackQuery, Chat, Message, MessageEntity, Update, User } from 'telegraf/types';

export type FakeChat = Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat | Chat.ChannelChat;

export function privateChat(user: User): Chat.PrivateChat {
  return { id: user.id, type: 'private', first_name: user.first_name, ...(user.username ? { username: user.username } : {}) };
}

export function userNamed(id: number, firstName: string, extra: Partial<User> = {}): User {
  return { id, is_bot: false, first_name: firstName, ...extra };
}

/** Telegram's service account that anonymous group admins post through. */
export const GROUP_ANONYMOUS_BOT: User = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };

/** `bot_command` entities: a slash, 1–32 command characters, an optional `@bot`, at a word start. */
export function commandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const match of text.matchAll(/(?<=^|\s)\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?=$|\s)/g)) {
    entities.push({ type: 'bot_command', offset: match.index, length: match[0].length });
  }
  return entities;
}

export interface TextMessageSpec {
  messageId: number;
  chat: FakeChat;
  from: User;
  text: string;
  date: number;
  /** Set when a user posts on behalf of a chat (anonymous admins post as the group itself). */
  senderChat?: FakeChat;
}

export function textMessage(spec: TextMessageSpec): Message.TextMessage {
  const entities = commandEntities(spec.text);
  return {
    message_id: spec.messageId,
    date: spec.date,
    chat: spec.chat,
    from: spec.from,
    text: spec.text,
    ...(entities.length > 0 ? { entities } : {}),
    ...(spec.senderChat ? { sender_chat: spec.senderChat } : {}),
  } as Message.TextMessage;
}

export function messageUpdate(updateId: number, message: Message): Update {
  return { update_id: updateId, message } as Update;
}

export function callbackUpdate(updateId: number, query: CallbackQuery): Update {
  return { update_id: updateId, callback_query: query } as Update;
}
