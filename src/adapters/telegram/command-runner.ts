/**
 * Running one command for a Telegram user: the platform facts the router needs (the chat, the
 * user, whether they administer the chat), the channel a private chat may manage, then the
 * router, then the Telegram affordances around its answer (pickers, buttons, the time zone of
 * briefing dates). Shared by typed commands and button presses.
 */
import type { Chat, User } from 'telegraf/types';
import type { Telegram } from 'telegraf';
import type { CommandChat, TopicCatalog } from '../../commands/context.ts';
import { textReply, type Reply } from '../../commands/reply.ts';
import type { Router, RouteResult } from '../../commands/router.ts';
import type { Language } from '../../core/types.ts';
import { languageFromLocale, translate } from '../../i18n/index.ts';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import type { CallbackCodec } from './callback-data.ts';
import { channelArgument, commandChatOf, commandUserOf } from './incoming.ts';
import { checkChannelManager, isChatAdministrator, type ChannelCheck } from './permissions.ts';
import { choiceKeyboard, followUpPicker, topicPicker, type PickerContext } from './pickers.ts';
import type { Keyboard } from './reply-messages.ts';

/** Commands a channel's administrators may run for the channel from a private chat with the bot. */
export const CHANNEL_MANAGED_COMMANDS: ReadonlySet<string> = new Set(['subscribe', 'unsubscribe', 'subscriptions', 'settings', 'digest']);

export interface RunnerDeps {
  router: Router;
  topics: TopicCatalog;
  store: Store;
  telegram: () => Telegram;
  codec: CallbackCodec;
  logger: Logger;
  defaultLanguage: Language;
  defaultTimezone: string;
  botId: () => number;
}

export interface CommandRequest {
  /** Where the command was typed (and where the answer goes). */
  origin: Chat;
  user: User;
  /** Command name as typed, lower-cased. */
  name: string;
  argText: string;
  /** Posted by an anonymous administrator of `origin`. */
  anonymousAdmin: boolean;
}

export type CommandAnswer =
  | {
      kind: 'routed';
      result: RouteResult;
      reply: Reply;
      keyboard: Keyboard;
      /** The router refused, and no picker took the refusal's place. */
      refused: boolean;
      timeZone: string;
    }
  | { kind: 'notice'; text: string };

const CHANNEL_PROBLEMS = {
  not_found: 'telegram.channel.not_found',
  not_channel: 'telegram.channel.not_channel',
  not_admin: 'telegram.channel.not_admin',
  bot_cannot_post: 'telegram.channel.bot_cannot_post',
} as const satisfies Record<Extract<ChannelCheck, { ok: false }>['problem'], string>;

export async function runCommand(deps: RunnerDeps, request: CommandRequest): Promise<CommandAnswer> {
  const command = deps.router.resolve(request.name);
  const userLanguage = languageFromLocale(request.user.language_code) ?? deps.defaultLanguage;
  let target: CommandChat = commandChatOf(request.origin);
  let argText = request.argText;
  let linePrefix = `/${command?.name ?? request.name}`;
  let channelTitle: string | null = null;
  let isAdmin = request.origin.type === 'private';

  if (request.origin.type === 'private' && command && CHANNEL_MANAGED_COMMANDS.has(command.name)) {
    const named = channelArgument(argText);
    if (named) {
      const check = await checkChannelManager(deps.telegram(), named.channel, request.user.id, deps.botId(), deps.logger);
      if (!check.ok) return { kind: 'notice', text: translate(userLanguage, CHANNEL_PROBLEMS[check.problem], { channel: named.channel }) };
      target = commandChatOf(check.channel);
      argText = named.rest;
      linePrefix = `${linePrefix} ${check.channel.id}`;
      channelTitle = target.title ?? named.channel;
      isAdmin = true;
    }
  } else if (request.origin.type !== 'private' && command?.permission === 'admin') {
    isAdmin = request.anonymousAdmin || (await isChatAdministrator(deps.telegram(), request.origin.id, request.user.id, deps.logger));
  }

  const result = await deps.router.handleText(
    { platform: 'telegram', chat: target, user: commandUserOf(request.user, isAdmin) },
    `/${request.name}${argText === '' ? '' : ` ${argText}`}`,
  );
  let reply = result.reply;
  let keyboard: Keyboard = choiceKeyboard(deps.codec, reply.choices);
  let refused = result.outcome !== 'ok';
  if (command) {
    const ctx: PickerContext = {
      command,
      argText,
      linePrefix,
      language: result.language,
      topics: deps.topics,
      store: deps.store,
      chat: { platform: 'telegram', chatId: target.chatId },
      codec: deps.codec,
    };
    const picker = await topicPicker(ctx, result);
    if (picker) {
      reply = textReply(picker.text);
      keyboard = picker.keyboard;
      refused = false;
    } else {
      const followUp = await followUpPicker(ctx, result);
      if (followUp) {
        if (followUp.text !== '') reply = { ...reply, parts: [...reply.parts, { kind: 'text', text: followUp.text }] };
        keyboard = [...keyboard, ...followUp.keyboard];
      }
    }
  }
  if (channelTitle !== null) {
    reply = { ...reply, parts: [{ kind: 'text', text: translate(result.language, 'telegram.channel.for', { channel: channelTitle }) }, ...reply.parts] };
  }
  const timeZone = reply.parts.some((part) => part.kind === 'briefing')
    ? ((await deps.store.getChat({ platform: 'telegram', chatId: target.chatId }))?.settings.timezone ?? deps.defaultTimezone)
    : deps.defaultTimezone;
  return { kind: 'routed', result, reply, keyboard, refused, timeZone };
}

/** The text of a reply, for places that take one string (a button's alert). */
export function replyText(reply: Reply): string {
  return reply.parts.flatMap((part) => (part.kind === 'text' ? [part.text] : [])).join('\n');
}
