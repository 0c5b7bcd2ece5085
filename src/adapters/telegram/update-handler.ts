/**
 * What the bot does with each kind of update it receives:
 *
 * - a command message: run it and answer in the chat (in groups, as a reply to the command);
 *   `/name@otherbot` is another bot's, and an unknown bare `/name` in a group probably is too;
 * - a button press: always answered (`answerCallbackQuery`) exactly once; a refusal is shown as
 *   an alert, a picker turns into its result, anything else is answered with new messages;
 * - a group upgraded to a supergroup: its subscriptions move to the new id;
 * - the bot removed from a chat, or blocked: the chat's subscriptions are paused.
 */
import type { CallbackQuery, Message, Update, UserFromGetMe } from 'telegraf/types';
import { translate, languageFromLocale } from '../../i18n/index.ts';
import type { Language } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import type { CallbackCodec } from './callback-data.ts';
import { replyText, runCommand, type CommandAnswer, type RunnerDeps } from './command-runner.ts';
import { deliveryErrorFromTelegram, telegramFailureOf } from './errors.ts';
import { addressedCommand, isAnonymousAdmin } from './incoming.ts';
import type { MessageBody, Outbound } from './outbound.ts';
import { replyMessages, telegramHtmlToPlain } from './reply-messages.ts';

/** Telegram shows at most 200 characters in a button's alert. */
const ALERT_MAX = 200;

export interface UpdateHandlerDeps extends RunnerDeps {
  outbound: Outbound;
  codec: CallbackCodec;
  store: Store;
  logger: Logger;
  bot: () => UserFromGetMe;
}

export class UpdateHandler {
  constructor(private readonly deps: UpdateHandlerDeps) {}

  async handleMessage(message: Message.TextMessage): Promise<void> {
    const { deps } = this;
    const command = addressedCommand(message.text, deps.bot().username);
    if (!command || !message.from || message.chat.type === 'channel') return;
    const inGroup = message.chat.type !== 'private';
    if (inGroup && !command.explicit && !deps.router.resolve(command.name)) return;
    const answer = await runCommand(deps, {
      origin: message.chat,
      user: message.from,
      name: command.name,
      argText: command.argText,
      anonymousAdmin: isAnonymousAdmin(message),
    });
    const replyTo = inGroup ? message.message_id : null;
    await this.#sendAnswer(message.chat.id, answer, replyTo);
  }

  async handleCallback(query: CallbackQuery): Promise<void> {
    const { deps } = this;
    const language: Language = languageFromLocale(query.from.language_code) ?? deps.defaultLanguage;
    let answered = false;
    const answer = async (alert?: string): Promise<void> => {
      if (answered) return;
      answered = true;
      try {
        await deps.outbound.telegram.answerCbQuery(query.id, alert?.slice(0, ALERT_MAX), alert ? { show_alert: true } : {});
      } catch (error) {
        deps.logger.warn({ event: 'telegram.callback_answer_failed', err: error }, 'could not answer a button press');
      }
    };
    try {
      const decoded = deps.codec.decode('data' in query ? query.data : undefined);
      const message = query.message;
      if (decoded.kind === 'expired') return await answer(translate(language, 'telegram.button.expired'));
      if (decoded.kind !== 'action' || !message) return await answer();
      const line = addressedCommand(decoded.action.line, deps.bot().username);
      if (!line) return await answer();
      // A slow command would leave the button spinning: acknowledge first, answer in the chat.
      if (deps.router.resolve(line.name)?.defer) await answer();
      const result = await runCommand(deps, { origin: message.chat, user: query.from, name: line.name, argText: line.argText, anonymousAdmin: false });
      if (result.kind === 'notice') return await answer(result.text);
      if (result.refused && !answered) return await answer(replyText(result.reply));
      await answer();
      if (decoded.action.mode === 'edit' && (await this.#editInPlace(message.chat.id, message.message_id, result))) return;
      await this.#sendAnswer(message.chat.id, result, null);
    } finally {
      await answer();
    }
  }

  /** A group that became a supergroup: Telegram says so in the old group, with the new id. */
  async handleMigration(message: Message.MigrateToChatIdMessage): Promise<void> {
    const from = String(message.chat.id);
    const to = String(message.migrate_to_chat_id);
    await this.deps.store.migrateChat({ platform: 'telegram', chatId: from }, to);
    this.deps.logger.info({ event: 'telegram.chat_migrated', from, to }, 'group upgraded to a supergroup; its subscriptions moved');
  }

  /** The bot's own membership changed: removed from a group or channel, or blocked in private. */
  async handleMembership(update: Update.MyChatMemberUpdate['my_chat_member']): Promise<void> {
    const status = update.new_chat_member.status;
    if (status !== 'kicked' && status !== 'left') return;
    const chatId = String(update.chat.id);
    const reason = `blocked: the bot was ${update.chat.type === 'private' ? 'blocked by the user' : 'removed from the chat'} (Telegram membership update: ${status})`;
    const paused = await this.deps.store.pauseSubscriptionsForTarget('telegram', chatId, reason);
    this.deps.logger.info({ event: 'telegram.bot_removed', chatId, status, pausedSubscriptions: paused }, 'bot removed from a chat; its subscriptions are paused');
  }

  /** Replaces a picker with its result when the result is one short text; false when it is not. */
  async #editInPlace(chatId: number, messageId: number, answer: CommandAnswer): Promise<boolean> {
    if (answer.kind !== 'routed') return false;
    const bodies = replyMessages(answer.reply, { timeZone: answer.timeZone, keyboard: answer.keyboard });
    const [body] = bodies;
    if (bodies.length !== 1 || !body || body.parse_mode) return false;
    try {
      await this.deps.outbound.edit(chatId, messageId, body);
      return true;
    } catch (error) {
      // Pressing the same button twice asks for the same text: nothing to change, nothing to say.
      if (/message is not modified/i.test(telegramFailureOf(error)?.description ?? '')) return true;
      this.deps.logger.warn({ event: 'telegram.edit_failed', chatId, messageId, err: error }, 'could not edit a message; answering with a new one');
      return false;
    }
  }

  async #sendAnswer(chatId: number, answer: CommandAnswer, replyTo: number | null): Promise<void> {
    const bodies: MessageBody[] =
      answer.kind === 'notice'
        ? [{ text: answer.text, link_preview_options: { is_disabled: true } }]
        : replyMessages(answer.reply, { timeZone: answer.timeZone, keyboard: answer.keyboard });
    const first = bodies[0];
    if (first && replyTo !== null) first.reply_parameters = { message_id: replyTo, allow_sending_without_reply: true };
    for (const body of bodies) {
      if (!(await this.#sendOne(chatId, body))) return;
    }
  }

  /** Sends one message; a refused HTML message goes again as plain text, once. False stops the answer. */
  async #sendOne(chatId: number, body: MessageBody): Promise<boolean> {
    const { outbound, logger } = this.deps;
    try {
      await outbound.send(chatId, body);
      return true;
    } catch (error) {
      const failure = deliveryErrorFromTelegram(error);
      if (failure.kind === 'bad_payload' && body.parse_mode) {
        logger.error({ event: 'telegram.payload_refused', chatId, description: failure.message, payload: body.text }, 'Telegram refused a message; sending it as plain text');
        const { parse_mode: _html, ...rest } = body;
        return this.#sendOne(chatId, { ...rest, text: telegramHtmlToPlain(body.text) });
      }
      const level = failure.kind === 'blocked' || failure.kind === 'gone' ? 'info' : 'error';
      logger[level]({ event: 'telegram.reply_failed', chatId, kind: failure.kind, error: failure.describe() }, 'could not answer a command');
      return false;
    }
  }
}
