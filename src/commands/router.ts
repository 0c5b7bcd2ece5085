/**
 * The one path every command takes, whatever the platform: resolve the name, turn the input into
 * option values, check permission, validate, run, and map failures to a reply. Errors a user
 * caused become messages in their language (`UserError`); anything else is logged with context
 * and answered with a short apology, so a bug never leaks a stack trace into a chat.
 *
 * Permission is checked before the arguments: someone who may not run a command learns that
 * first, rather than being coached on arguments they cannot use. The router only reads from the
 * store; a refused or invalid command therefore changes nothing.
 */
import type { Language } from '../core/types.ts';
import { languageFromLocale, translate } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import type { ChatSettings, Platform } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { argProblemError, validationError } from './arg-errors.ts';
import type { Clock, CommandChat, CommandContext, CommandServices, CommandUser, TopicCatalog } from './context.ts';
import type { Command } from './define-command.ts';
import { textReply, type Reply } from './reply.ts';
import { assignTextArgs, parseCommandLine } from './text-args.ts';
import { UserError } from './user-error.ts';

export interface RouterDeps {
  commands: readonly Command[];
  store: Store;
  topics: TopicCatalog;
  clock: Clock;
  logger: Logger;
  services: CommandServices;
  defaultLanguage: Language;
  defaultTimezone: string;
}

/** Who typed a command, where: what an adapter knows before the router takes over. */
export interface Invocation {
  platform: Platform;
  chat: CommandChat;
  user: CommandUser;
}

/** ok = the command ran; rejected = the user's input or rights stopped it; failed = a fault. */
export type Outcome = 'ok' | 'rejected' | 'failed';

export interface RouteResult {
  reply: Reply;
  outcome: Outcome;
  /** The resolved command name, or null when none was found. */
  command: string | null;
  language: Language;
  /** Catalogue identifier of the error shown, when there was one. */
  error?: string;
}

export interface Router {
  readonly commands: readonly Command[];
  resolve(name: string): Command | undefined;
  /** A text command line such as `/subscribe iraq-us-relations 08:00 Asia/Riyadh`. */
  handleText(invocation: Invocation, text: string): Promise<RouteResult>;
  /** Already-typed option values (Discord slash commands, buttons). */
  handleOptions(invocation: Invocation, name: string, values: Record<string, unknown>): Promise<RouteResult>;
}

export function createRouter(deps: RouterDeps): Router {
  const byName = new Map<string, Command>();
  for (const command of deps.commands) {
    for (const name of [command.name, ...command.aliases]) {
      if (byName.has(name)) throw new Error(`command name "${name}" is registered twice`);
      byName.set(name, command);
    }
  }
  const summaries = deps.commands.map(({ name, description, permission, usage, options }) => ({ name, description, permission, usage, options }));
  const chatDefaults: ChatSettings = { language: null, timezone: deps.defaultTimezone, digestTargetId: null, quietHours: null };

  async function buildContext(invocation: Invocation): Promise<CommandContext> {
    const record = await deps.store.getChat({ platform: invocation.chat.platform, chatId: invocation.chat.chatId });
    const settings = record?.settings ?? chatDefaults;
    return {
      platform: invocation.platform,
      chat: invocation.chat,
      user: invocation.user,
      language: settings.language ?? languageFromLocale(invocation.user.locale) ?? deps.defaultLanguage,
      settings,
      chatDefaults,
      // In a private chat (or the local console) the user is the only one who manages it.
      isChatAdmin: invocation.chat.kind === 'private' || invocation.chat.kind === 'console' || invocation.user.isAdmin,
      store: deps.store,
      topics: deps.topics,
      clock: deps.clock,
      logger: deps.logger,
      services: deps.services,
      commands: summaries,
    };
  }

  async function route(invocation: Invocation, name: string, input: { text: string } | { values: Record<string, unknown> }): Promise<RouteResult> {
    const started = deps.clock.now().getTime();
    let language = languageFromLocale(invocation.user.locale) ?? deps.defaultLanguage;
    const command = byName.get(name.toLowerCase());
    const log = deps.logger.child({ platform: invocation.platform, chatId: invocation.chat.chatId, userId: invocation.user.id, command: command?.name ?? name });
    const finish = (reply: Reply, outcome: Outcome, error?: string): RouteResult => {
      log.info({ event: 'command', outcome, error, ms: deps.clock.now().getTime() - started }, `/${name} ${outcome}`);
      return { reply, outcome, command: command?.name ?? null, language, ...(error ? { error } : {}) };
    };
    try {
      const ctx = await buildContext(invocation);
      language = ctx.language;
      if (!command) throw new UserError('unknown_command', { name });
      if (command.permission === 'admin' && !ctx.isChatAdmin) throw new UserError('not_admin', { command: command.name });
      let values: Record<string, unknown>;
      if ('text' in input) {
        const assigned = assignTextArgs(command.options, input.text);
        if (!assigned.ok) throw argProblemError(assigned.problem, command);
        values = assigned.values;
      } else {
        values = input.values;
      }
      const validated = command.validate(values);
      if (!validated.ok) throw validationError(validated.issues, values, command, language);
      const reply = await command.run({ ...ctx, logger: log }, validated.args);
      return finish(reply, 'ok');
    } catch (error) {
      if (error instanceof UserError) {
        return finish(textReply(translate(language, error.key, error.params), { ephemeral: true }), 'rejected', error.identifier);
      }
      log.error({ event: 'command_failed', err: error }, `/${name} failed`);
      return finish(textReply(translate(language, 'error.internal'), { ephemeral: true }), 'failed', 'internal');
    }
  }

  return {
    commands: deps.commands,
    resolve: (name) => byName.get(name.toLowerCase()),
    async handleText(invocation, text) {
      const line = parseCommandLine(text);
      if (!line) return route(invocation, text.trim().split(/\s+/)[0] ?? '', { text: '' });
      return route(invocation, line.name, { text: line.argText });
    },
    handleOptions: (invocation, name, values) => route(invocation, name, { values }),
  };
}
