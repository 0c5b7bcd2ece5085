import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CommandServices, TopicCatalog } from '../../src/commands/context.ts';
import { defineCommand } from '../../src/commands/define-command.ts';
import { textReply } from '../../src/commands/reply.ts';
import { createRouter, type Invocation, type Router } from '../../src/commands/router.ts';
import { UserError } from '../../src/commands/user-error.ts';
import { createLogger } from '../../src/logger.ts';
import type { Store } from '../../src/store/store.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';

const NOW = new Date('2026-11-29T08:00:00.000Z');
const clock = { now: () => NOW };

/** These commands never reach for the composing services; calling one would be a bug the test should see. */
const unusedServices: CommandServices = {
  composeNews: () => Promise.reject(new Error('composeNews is not used by the router tests')),
  digestPreview: () => Promise.reject(new Error('digestPreview is not used by the router tests')),
  explain: () => {
    throw new Error('explain is not used by the router tests');
  },
  subscriptionDefaults: { localTime: '08:00', frequency: 'daily' },
};

const topics: TopicCatalog = { list: () => [], get: () => undefined };

const echo = defineCommand({
  name: 'echo',
  aliases: ['say'],
  description: { en: 'Echo', ar: 'صدى' },
  options: z.object({ word: z.string(), count: z.number().int().min(1).max(10).default(1) }),
  optionMeta: {
    word: { kind: 'string', position: 0, description: { en: 'w', ar: 'w' }, label: { en: 'word', ar: 'الكلمة' } },
    count: { kind: 'integer', position: 1, min: 1, max: 10, description: { en: 'c', ar: 'c' }, label: { en: 'count', ar: 'العدد' } },
  },
  permission: 'anyone',
  run: async (ctx, { word, count }) => textReply(`${ctx.language}:${Array(count).fill(word).join(' ')}`),
});

const remember = defineCommand({
  name: 'remember',
  description: { en: 'Admin-only write', ar: 'كتابة للمشرفين' },
  options: z.object({}),
  optionMeta: {},
  permission: 'admin',
  run: async (ctx) => {
    await ctx.store.ensureChat(ctx.chat, ctx.chatDefaults);
    return textReply('remembered');
  },
});

const broken = defineCommand({
  name: 'broken',
  description: { en: 'Fails', ar: 'يفشل' },
  options: z.object({}),
  optionMeta: {},
  permission: 'anyone',
  run: async () => {
    throw new Error('disk on fire at /var/lib/mowjaz');
  },
});

const refuses = defineCommand({
  name: 'refuses',
  description: { en: 'Refuses', ar: 'يرفض' },
  options: z.object({}),
  optionMeta: {},
  permission: 'anyone',
  run: async () => {
    throw new UserError('unknown_topic', { topic: 'mars', topics: 'iraq-us-relations' });
  },
});

function invocation(overrides: { kind?: Invocation['chat']['kind']; isAdmin?: boolean; locale?: string | null; chatId?: string } = {}): Invocation {
  return {
    platform: 'telegram',
    chat: { platform: 'telegram', chatId: overrides.chatId ?? '-1001', kind: overrides.kind ?? 'supergroup', title: 'Newsroom', guildId: null },
    user: { id: '42', displayName: 'Salma', locale: overrides.locale === undefined ? 'en-GB' : overrides.locale, isAdmin: overrides.isAdmin ?? false },
  };
}

let store: Store;
let router: Router;
let logLines: string[];

beforeEach(async () => {
  store = await openSqliteStore({ path: ':memory:', clock });
  logLines = [];
  router = createRouter({
    commands: [echo, remember, broken, refuses],
    store,
    topics,
    clock,
    logger: createLogger({ level: 'info', destination: { write: (line) => void logLines.push(line) } }),
    services: unusedServices,
    defaultLanguage: 'ar',
    defaultTimezone: 'Asia/Baghdad',
  });
});

afterEach(async () => {
  await store.close();
});

const textOf = (result: Awaited<ReturnType<Router['handleText']>>) => result.reply.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('\n');

describe('router', () => {
  it('given a valid text command then it runs with parsed, defaulted arguments', async () => {
    const result = await router.handleText(invocation(), '/echo hello 3');
    expect(result).toMatchObject({ outcome: 'ok', command: 'echo', language: 'en' });
    expect(textOf(result)).toBe('en:hello hello hello');
    expect((await router.handleText(invocation(), '/echo hello')).reply.parts).toEqual([{ kind: 'text', text: 'en:hello' }]);
  });

  it('given an alias or a @botname suffix then it resolves the command', async () => {
    expect(textOf(await router.handleText(invocation(), '/say hi'))).toBe('en:hi');
    expect(textOf(await router.handleText(invocation(), '/echo@MowjazBot hi'))).toBe('en:hi');
    expect(router.resolve('SAY')?.name).toBe('echo');
  });

  it('given typed option values (Discord) then they are validated by the same schema', async () => {
    expect(textOf(await router.handleOptions(invocation(), 'echo', { word: 'x', count: 2 }))).toBe('en:x x');
    const bad = await router.handleOptions(invocation(), 'echo', { word: 'x', count: 0 });
    expect(bad).toMatchObject({ outcome: 'rejected', error: 'arg_range' });
    expect(textOf(bad)).toBe('count must be between 1 and 10 (got 0).');
  });

  it.each([
    ['en-US', '/nonsense', 'unknown_command', 'There is no command /nonsense. Type /help to see what I can do.'],
    ['ar', '/nonsense', 'unknown_command', 'لا يوجد أمر /nonsense. اكتب /help لترى ما أستطيع فعله.'],
    ['en', '/echo hi 11', 'arg_range', 'count must be between 1 and 10 (got 11).'],
    ['ar', '/echo hi 11', 'arg_range', 'يجب أن يكون العدد بين 1 و10 (المُدخل: 11).'],
    ['en', '/echo hi many', 'arg_not_integer', 'count must be a whole number (got "many").'],
    ['en', '/echo', 'arg_missing', 'word is required. Usage: /echo <word> [count]'],
    ['en', '/echo a 2 extra', 'too_many_arguments', 'Unexpected "extra". Usage: /echo <word> [count]'],
    ['en', '/echo word=a colour=red', 'unknown_option', 'There is no option "colour". Usage: /echo <word> [count]'],
    ['en', '/refuses', 'unknown_topic', 'There is no topic "mars". Topics: iraq-us-relations. /topics describes them.'],
  ])('given locale %s and %s then it answers %s in that language', async (locale, text, identifier, message) => {
    const result = await router.handleText(invocation({ locale }), text);
    expect(result).toMatchObject({ outcome: 'rejected', error: identifier });
    expect(result.reply.ephemeral).toBe(true);
    expect(textOf(result)).toBe(message);
  });

  it('given a non-admin in a group running an admin command then it is refused and the store is untouched', async () => {
    const result = await router.handleText(invocation({ isAdmin: false }), '/remember');
    expect(result).toMatchObject({ outcome: 'rejected', error: 'not_admin' });
    expect(textOf(result)).toBe('Only admins of this chat can use /remember.');
    expect(await store.getChat({ platform: 'telegram', chatId: '-1001' })).toBeNull();
  });

  it('given a group admin, or anyone in their own private chat, then the admin command runs', async () => {
    expect((await router.handleText(invocation({ isAdmin: true }), '/remember')).outcome).toBe('ok');
    expect((await router.handleText(invocation({ kind: 'private', chatId: '42', isAdmin: false }), '/remember')).outcome).toBe('ok');
  });

  it('given a fault in a handler then the user gets a short apology and the log gets the context', async () => {
    const result = await router.handleText(invocation({ locale: 'ar' }), '/broken');
    expect(result).toMatchObject({ outcome: 'failed', error: 'internal' });
    expect(textOf(result)).toBe('عذرًا، حدث خطأ من جهتنا. حاول مرة أخرى بعد قليل.');
    expect(textOf(result)).not.toContain('disk on fire');
    const failure = logLines.map((line) => JSON.parse(line)).find((record) => record.event === 'command_failed');
    expect(failure).toMatchObject({ level: 'error', command: 'broken', platform: 'telegram', chatId: '-1001', userId: '42', err: { message: 'disk on fire at /var/lib/mowjaz' } });
  });

  it('logs one line per command with its outcome', async () => {
    await router.handleText(invocation(), '/echo hi');
    await router.handleText(invocation(), '/nonsense');
    const events = logLines.map((line) => JSON.parse(line)).filter((record) => record.event === 'command');
    expect(events.map((record) => [record.command, record.outcome, record.error])).toEqual([
      ['echo', 'ok', undefined],
      ['nonsense', 'rejected', 'unknown_command'],
    ]);
  });

  describe('reply language', () => {
    it('given a chat language setting then it wins over the user locale', async () => {
      await store.ensureChat({ ...invocation().chat }, { language: 'ar', timezone: 'UTC', digestTargetId: null, quietHours: null });
      expect((await router.handleText(invocation({ locale: 'en-GB' }), '/echo x')).language).toBe('ar');
    });

    it('given no chat setting then the user locale decides, else the configured default', async () => {
      expect((await router.handleText(invocation({ locale: 'ar-IQ' }), '/echo x')).language).toBe('ar');
      expect((await router.handleText(invocation({ locale: 'en' }), '/echo x')).language).toBe('en');
      expect((await router.handleText(invocation({ locale: 'fr-FR' }), '/echo x')).language).toBe('ar');
      expect((await router.handleText(invocation({ locale: null }), '/echo x')).language).toBe('ar');
    });
  });

  it('refuses to register one name twice', () => {
    expect(() =>
      createRouter({ commands: [echo, echo], store, topics, clock, logger: createLogger({ level: 'silent' }), services: unusedServices, defaultLanguage: 'en', defaultTimezone: 'UTC' }),
    ).toThrow('command name "echo" is registered twice');
  });
});
