/**
 * The command menu Telegram shows beside the message box, set with `setMyCommands` per scope and
 * language. Telegram shows a user the first list set for them, from the narrowest scope to
 * `default` (each scope with the user's language before without), so each list is complete for
 * its audience:
 *
 * - group administrators (`all_chat_administrators`) and private chats (`all_private_chats`,
 *   where users manage their own chat) see every command;
 * - everyone else in groups (`all_group_chats`) and the `default` scope see the commands anyone
 *   may run.
 *
 * Descriptions are English in the lists without a language code and Arabic in the `ar` ones.
 */
import type { Telegram } from 'telegraf';
import type { BotCommand, BotCommandScope } from 'telegraf/types';
import type { Command } from '../../commands/define-command.ts';
import { TELEGRAM_COMMAND, TELEGRAM_DESCRIPTION_MAX } from '../../commands/platform-rules.ts';
import type { Language } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';

export interface CommandMenu {
  scope: BotCommandScope;
  /** Absent: the list for every language without its own. */
  language_code?: 'ar';
  commands: BotCommand[];
}

const AUDIENCES: ReadonlyArray<{ scope: BotCommandScope; admin: boolean }> = [
  { scope: { type: 'default' }, admin: false },
  { scope: { type: 'all_private_chats' }, admin: true },
  { scope: { type: 'all_group_chats' }, admin: false },
  { scope: { type: 'all_chat_administrators' }, admin: true },
];

const LANGUAGES: ReadonlyArray<{ language: Language; code?: 'ar' }> = [{ language: 'en' }, { language: 'ar', code: 'ar' }];

export function commandMenus(commands: readonly Command[]): CommandMenu[] {
  // Telegram refuses a whole list over one bad name; names are checked by the command tests too.
  const listed = commands.filter((command) => TELEGRAM_COMMAND.test(command.name));
  return LANGUAGES.flatMap(({ language, code }) =>
    AUDIENCES.map(({ scope, admin }) => ({
      scope,
      ...(code ? { language_code: code } : {}),
      commands: listed
        .filter((command) => admin || command.permission === 'anyone')
        .map((command) => ({ command: command.name, description: menuDescription(command.description[language], command.name) })),
    })),
  );
}

function menuDescription(text: string, fallback: string): string {
  const trimmed = text.trim() || fallback;
  return trimmed.length <= TELEGRAM_DESCRIPTION_MAX ? trimmed : `${trimmed.slice(0, TELEGRAM_DESCRIPTION_MAX - 1)}…`;
}

/** Sets every menu; a failure is logged and the bot runs on (the menu is a convenience). */
export async function registerCommandMenus(telegram: Telegram, menus: readonly CommandMenu[], logger: Logger): Promise<number> {
  let set = 0;
  for (const menu of menus) {
    try {
      await telegram.setMyCommands(menu.commands, { scope: menu.scope, ...(menu.language_code ? { language_code: menu.language_code } : {}) });
      set++;
    } catch (error) {
      logger.warn({ event: 'telegram.menu_failed', scope: menu.scope.type, language: menu.language_code ?? 'default', err: error }, 'could not set a Telegram command menu');
    }
  }
  return set;
}
