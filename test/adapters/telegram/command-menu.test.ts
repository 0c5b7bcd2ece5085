import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../commands/index.ts';
import { commandMenus } from '../../../src/adapters/telegram/command-menu.ts';
import { CommandMenus } from '../../fakes/telegram/command-menus.ts';

const menus = commandMenus(COMMANDS);
const adminOnly = COMMANDS.filter((command) => command.permission === 'admin').map((command) => command.name);

describe('Telegram command menus', () => {
  it('sets four audiences, each in English (no language code) and in Arabic', () => {
    expect(menus.map((menu) => `${menu.scope.type}|${menu.language_code ?? ''}`)).toEqual([
      'default|',
      'all_private_chats|',
      'all_group_chats|',
      'all_chat_administrators|',
      'default|ar',
      'all_private_chats|ar',
      'all_group_chats|ar',
      'all_chat_administrators|ar',
    ]);
  });

  it.each([
    ['default', false],
    ['all_group_chats', false],
    ['all_private_chats', true],
    ['all_chat_administrators', true],
  ])('in %s the admin commands are listed: %s', (scope, listed) => {
    for (const menu of menus.filter((candidate) => candidate.scope.type === scope)) {
      const names = menu.commands.map((command) => command.command);
      expect(names).toContain('news');
      for (const name of adminOnly) expect(names.includes(name)).toBe(listed);
    }
  });

  it('describes the commands in the menu\'s language and passes Telegram\'s checks', () => {
    const store = new CommandMenus();
    for (const menu of menus) {
      expect(store.set(menu.commands, menu.scope, menu.language_code)).toBeNull();
      const news = menu.commands.find((command) => command.command === 'news')!;
      expect(/[\u0600-\u06ff]/.test(news.description)).toBe(menu.language_code === 'ar');
    }
    expect(store.visibleTo({ chatType: 'supergroup', isAdmin: false, languageCode: 'ar' }).map((command) => command.command)).not.toContain('subscribe');
  });
});
