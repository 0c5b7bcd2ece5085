/**
 * `setMyCommands` as the Bot API keeps it: one list per (scope, language code), validated on the
 * way in, and the documented lookup that decides which list a user sees: the first list set,
 * from the narrowest scope to `default`, each with the user's language before without it.
 */
export interface BotCommand {
  command: string;
  description: string;
}

export type CommandScope =
  | { type: 'default' | 'all_private_chats' | 'all_group_chats' | 'all_chat_administrators' }
  | { type: 'chat' | 'chat_administrators'; chat_id: number | string }
  | { type: 'chat_member'; chat_id: number | string; user_id: number };

const BROAD_SCOPES = new Set(['default', 'all_private_chats', 'all_group_chats', 'all_chat_administrators']);

export class CommandMenus {
  readonly #lists = new Map<string, BotCommand[]>();

  /** Stores a list; returns the Bot API error description when the request is invalid. */
  set(commands: unknown, scope: unknown, languageCode: unknown): string | null {
    if (!Array.isArray(commands)) return 'Bad Request: parameter "commands" must be an array';
    if (commands.length > 100) return 'Bad Request: too many commands';
    for (const entry of commands as unknown[]) {
      const command = (entry as Partial<BotCommand> | null)?.command;
      const description = (entry as Partial<BotCommand> | null)?.description;
      if (typeof command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(command)) return 'Bad Request: BOT_COMMAND_INVALID';
      if (typeof description !== 'string' || description.length < 1 || description.length > 256) return 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID';
    }
    const key = scopeKey(scope ?? { type: 'default' });
    if (key === null) return 'Bad Request: invalid scope';
    const language = typeof languageCode === 'string' ? languageCode : '';
    if (language !== '' && !/^[a-z]{2}$/.test(language)) return 'Bad Request: invalid language code';
    this.#lists.set(`${key}|${language}`, (commands as BotCommand[]).map(({ command, description }) => ({ command, description })));
    return null;
  }

  get(scope: CommandScope, languageCode = ''): BotCommand[] | undefined {
    return this.#lists.get(`${scopeKey(scope)}|${languageCode}`);
  }

  /** What a user sees in the menu of a chat. */
  visibleTo(viewer: { chatType: 'private' | 'group' | 'supergroup'; isAdmin: boolean; languageCode: string }): BotCommand[] {
    const scopes: CommandScope[] =
      viewer.chatType === 'private'
        ? [{ type: 'all_private_chats' }, { type: 'default' }]
        : [...(viewer.isAdmin ? [{ type: 'all_chat_administrators' } as const] : []), { type: 'all_group_chats' }, { type: 'default' }];
    for (const scope of scopes) {
      const list = this.get(scope, viewer.languageCode) ?? this.get(scope, '');
      if (list) return list;
    }
    return [];
  }

  get size(): number {
    return this.#lists.size;
  }
}

function scopeKey(scope: unknown): string | null {
  if (typeof scope !== 'object' || scope === null) return null;
  const { type, chat_id: chatId, user_id: userId } = scope as Record<string, unknown>;
  if (typeof type !== 'string') return null;
  if (BROAD_SCOPES.has(type)) return type;
  if ((type === 'chat' || type === 'chat_administrators') && chatId !== undefined) return `${type}:${String(chatId)}`;
  if (type === 'chat_member' && chatId !== undefined && userId !== undefined) return `${type}:${String(chatId)}:${String(userId)}`;
  return null;
}
