/**
 * One interaction from receipt to answer: slash commands and our buttons go through the router,
 * autocomplete is answered from the topic catalogue and the timezone list.
 *
 * Deadline: Discord drops an interaction not answered within 3 seconds. Commands whose
 * definition says `defer` (briefings) acknowledge at once ("thinking…"), while the work runs;
 * every other command is deferred as well if its answer is not ready after `deferAfterMs`.
 *
 * Before an admin's choice of delivery channel reaches the router, the bot checks that it can
 * post digests there and names the missing permission otherwise (see `channel-access.ts`).
 */
import type { AutocompleteInteraction, BaseInteraction, ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { TopicCatalog } from '../../commands/context.ts';
import type { Command } from '../../commands/define-command.ts';
import { textReply } from '../../commands/reply.ts';
import type { RouteResult, Router, Invocation } from '../../commands/router.ts';
import { parseCommandLine } from '../../commands/text-args.ts';
import type { Language } from '../../core/types.ts';
import { languageFromLocale, translate } from '../../i18n/index.ts';
import type { Logger } from '../../logger.ts';
import type { ChatRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import { knownTimeZones, timezoneSuggestions, topicSuggestions } from './autocomplete.ts';
import { digestTargetVerdict, verdictMessage, type ChannelFacts } from './channel-access.ts';
import { hasPrivateOption } from './command-json.ts';
import { invocationOf, optionValues, type InteractionFacts } from './interaction-input.ts';
import { InteractionResponder, type InteractionRest } from './interaction-responder.ts';
import { commandOfButton, replyPayloads, type DiscordPayload } from './reply-payloads.ts';

/** Commands that deliver to the chat's digest channel, or to the channel they are typed in. */
const DELIVERY_COMMANDS = new Set(['subscribe']);

export const DEFAULT_DEFER_AFTER_MS = 1_500;

export interface InteractionHandlerDeps {
  router: Router;
  /** The topics offered while a user types a topic option. */
  topics: TopicCatalog;
  store: Store;
  /** discord.js's REST client for interaction responses (`interaction-rest.ts`). */
  rest: InteractionRest;
  logger: Logger;
  defaultLanguage: Language;
  defaultTimezone: string;
  /** The bot's view of another channel of the guild (for channel options and digest channels). */
  channelFacts(guildId: string, channelId: string): Promise<ChannelFacts | null>;
  /** Undeferred commands still working after this long are deferred (Discord allows 3 s). */
  deferAfterMs?: number;
}

function factsOf(ix: BaseInteraction): InteractionFacts {
  const channel = ix.channel;
  return {
    userId: ix.user.id,
    userName: ix.user.globalName ?? ix.user.username,
    locale: ix.locale ?? null,
    guildLocale: ix.guildLocale ?? null,
    guildId: ix.guildId,
    channelId: ix.channelId,
    channelName: channel && 'name' in channel && typeof channel.name === 'string' ? channel.name : null,
    memberPermissions: ix.memberPermissions?.bitfield ?? null,
  };
}

export class InteractionHandler {
  readonly #deps: InteractionHandlerDeps;
  readonly #deferAfterMs: number;

  constructor(deps: InteractionHandlerDeps) {
    this.#deps = deps;
    this.#deferAfterMs = deps.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
  }

  async handleCommand(ix: ChatInputCommandInteraction): Promise<void> {
    const command = this.#deps.router.resolve(ix.commandName);
    const { values, privateReply } = optionValues(ix.options.data, command ? hasPrivateOption(command) : false);
    const invocation = invocationOf(factsOf(ix));
    const channelValues = (command?.options ?? []).filter((option) => option.kind === 'channel' && typeof values[option.name] === 'string').map((option) => values[option.name] as string);
    await this.#answer(ix, invocation, command, privateReply, async (chat) => {
      const refusal = await this.#targetRefusal(ix, invocation, command, channelValues, chat);
      return refusal ?? this.#deps.router.handleOptions(invocation, ix.commandName, values);
    });
  }

  async handleButton(ix: ButtonInteraction): Promise<void> {
    const line = commandOfButton(ix.customId);
    const responder = this.#responder(ix);
    if (line === null) {
      // Not one of ours (an older build's button): acknowledged, so the client does not show a failure.
      await responder.acknowledge();
      return;
    }
    const invocation = invocationOf(factsOf(ix));
    const name = parseCommandLine(line)?.name ?? '';
    await this.#answer(ix, invocation, this.#deps.router.resolve(name), false, () => this.#deps.router.handleText(invocation, line), responder);
  }

  async handleAutocomplete(ix: AutocompleteInteraction): Promise<void> {
    const focused = ix.options.getFocused(true);
    const option = this.#deps.router.resolve(ix.commandName)?.options.find((candidate) => candidate.name === focused.name);
    const typed = String(focused.value ?? '');
    const language = languageFromLocale(ix.locale) ?? languageFromLocale(ix.guildLocale) ?? this.#deps.defaultLanguage;
    const suggestions =
      option?.autocomplete === 'topic'
        ? topicSuggestions(this.#deps.topics.list(), typed, language)
        : option?.autocomplete === 'timezone'
          ? timezoneSuggestions(typed, knownTimeZones())
          : [];
    await this.#responder(ix).autocomplete(suggestions);
  }

  #responder(ix: BaseInteraction & { token: string }): InteractionResponder {
    return new InteractionResponder(this.#deps.rest, { applicationId: ix.applicationId, id: ix.id, token: ix.token }, this.#deps.logger);
  }

  async #answer(
    ix: BaseInteraction & { token: string },
    invocation: Invocation,
    command: Command | undefined,
    privateReply: boolean,
    route: (chat: () => Promise<ChatRecord | null>) => Promise<RouteResult>,
    responder = this.#responder(ix),
  ): Promise<void> {
    const started = performance.now();
    const log = this.#deps.logger;
    let safety: NodeJS.Timeout | null = null;
    let chatRecord: Promise<ChatRecord | null> | null = null;
    const chat = () => (chatRecord ??= this.#deps.store.getChat({ platform: 'discord', chatId: invocation.chat.chatId }));
    let result: RouteResult | null = null;
    try {
      if (command?.defer) {
        // Acknowledged before the work starts: the work may hold the event loop (synchronous
        // SQLite, ranking), and an acknowledgement queued behind it could miss the deadline.
        await responder.defer(privateReply);
        if (responder.state === 'expired') return;
      } else {
        safety = setTimeout(() => {
          responder.defer(privateReply).catch((error: unknown) => log.error({ event: 'discord.defer_failed', err: error }, 'could not defer an interaction'));
        }, this.#deferAfterMs);
      }
      result = await route(chat);
      const timeZone = result.reply.parts.some((part) => part.kind === 'briefing') ? ((await chat())?.settings.timezone ?? this.#deps.defaultTimezone) : this.#deps.defaultTimezone;
      const payloads = replyPayloads(result.reply, { timeZone });
      if (safety) clearTimeout(safety);
      await responder.send(payloads, result.reply.ephemeral || privateReply);
    } catch (error) {
      if (safety) clearTimeout(safety);
      log.error({ event: 'discord.interaction_failed', interactionId: ix.id, command: command?.name ?? null, err: error }, 'answering a Discord interaction failed');
      const language = result?.language ?? languageFromLocale(invocation.user.locale) ?? this.#deps.defaultLanguage;
      const apology: DiscordPayload = { content: translate(language, 'error.internal'), allowed_mentions: { parse: [] } };
      await responder.send([apology], true).catch(() => undefined);
    } finally {
      log.info(
        { event: 'discord.interaction', interactionId: ix.id, command: command?.name ?? null, outcome: result?.outcome ?? 'failed', state: responder.state, ms: Math.round(performance.now() - started) },
        'Discord interaction answered',
      );
    }
  }

  /** A refusal when an admin names a channel (or subscribes into one) the bot cannot post digests in. */
  async #targetRefusal(
    ix: BaseInteraction,
    invocation: Invocation,
    command: Command | undefined,
    channelValues: readonly string[],
    chat: () => Promise<ChatRecord | null>,
  ): Promise<RouteResult | null> {
    if (!command || command.permission !== 'admin') return null;
    const guildId = invocation.chat.guildId;
    const delivers = DELIVERY_COMMANDS.has(command.name);
    if (channelValues.length === 0 && !delivers) return null;
    const record = await chat();
    const language = record?.settings.language ?? languageFromLocale(invocation.user.locale) ?? this.#deps.defaultLanguage;
    const refuse = (text: string): RouteResult => ({ reply: textReply(text, { ephemeral: true }), outcome: 'rejected', command: command.name, language, error: 'discord_channel' });
    if (guildId === null) return channelValues.length > 0 ? refuse(translate(language, 'discord.channel.in_dm')) : null;
    // Someone who may not run the command learns that from the router, not about channel permissions.
    if (!invocation.user.isAdmin) return null;

    const targets = new Set(channelValues);
    if (delivers) targets.add(record?.settings.digestTargetId ?? invocation.chat.chatId);
    for (const channelId of targets) {
      const facts =
        channelId === ix.channelId && ix.appPermissions && ix.channel
          ? { type: ix.channel.type, permissions: ix.appPermissions.bitfield }
          : await this.#deps.channelFacts(guildId, channelId);
      const verdict = digestTargetVerdict(facts);
      if (!verdict.ok) return refuse(verdictMessage(verdict, channelId, language));
    }
    return null;
  }
}
