/**
 * Who may manage a chat, as Telegram reports it (`getChatMember`): the creator and the
 * administrators. The shared layer decides which commands need it; this only answers the
 * question, and answers "no" when Telegram cannot be asked (a refused check never grants rights).
 */
import type { Telegram } from 'telegraf';
import type { Chat, ChatMember } from 'telegraf/types';
import type { Logger } from '../../logger.ts';
import { telegramFailureOf } from './errors.ts';

export const ADMIN_STATUSES: ReadonlySet<ChatMember['status']> = new Set(['creator', 'administrator']);

export async function isChatAdministrator(telegram: Telegram, chatId: number | string, userId: number, logger: Logger): Promise<boolean> {
  try {
    const member = await telegram.getChatMember(chatId, userId);
    return ADMIN_STATUSES.has(member.status);
  } catch (error) {
    logger.warn({ event: 'telegram.admin_check_failed', chatId, userId, err: error }, 'could not check chat administrator rights');
    return false;
  }
}

export type ChannelCheck =
  | { ok: true; channel: Chat.ChannelChat }
  | { ok: false; problem: 'not_found' | 'not_channel' | 'not_admin' | 'bot_cannot_post' };

/**
 * A channel is managed from a private chat with the bot: the user must administer the channel,
 * and the bot must be an administrator there allowed to post, or digests could never arrive.
 */
export async function checkChannelManager(telegram: Telegram, channel: string, userId: number, botId: number, logger: Logger): Promise<ChannelCheck> {
  let chat: Chat;
  try {
    chat = await telegram.getChat(channel);
  } catch (error) {
    const failure = telegramFailureOf(error);
    // A private channel the bot is not in is invisible to it: "chat not found" or 403.
    if (failure && (failure.code === 400 || failure.code === 403)) return { ok: false, problem: 'not_found' };
    throw error;
  }
  if (chat.type !== 'channel') return { ok: false, problem: 'not_channel' };
  if (!(await isChatAdministrator(telegram, chat.id, userId, logger))) return { ok: false, problem: 'not_admin' };
  let bot: ChatMember;
  try {
    bot = await telegram.getChatMember(chat.id, botId);
  } catch (error) {
    logger.warn({ event: 'telegram.channel_bot_check_failed', channel: chat.id, err: error }, 'could not check the bot\'s rights in a channel');
    return { ok: false, problem: 'bot_cannot_post' };
  }
  const canPost = bot.status === 'creator' || (bot.status === 'administrator' && bot.can_post_messages !== false);
  return canPost ? { ok: true, channel: chat } : { ok: false, problem: 'bot_cannot_post' };
}
