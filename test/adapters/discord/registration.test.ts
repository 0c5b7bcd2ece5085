import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMANDS } from '../../../commands/index.ts';
import { commandsPath, deployCommands, formatDeploy, RegistrationError } from '../../../src/adapters/discord/registration.ts';
import { DiscordRest } from '../../../src/adapters/discord/rest-client.ts';
import { defineCommand } from '../../../src/commands/define-command.ts';
import { textReply } from '../../../src/commands/reply.ts';
import { FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { seedNewsroom, type Newsroom } from '../../fakes/discord/newsroom.ts';

let fake: FakeDiscord;
let world: Newsroom;
let rest: DiscordRest;
/** The fake's clock for rate limits: moved by the waits the registration makes. */
let clockMs = Date.parse('2026-11-29T08:00:00.000Z');
beforeAll(async () => {
  fake = await FakeDiscord.start({ now: () => clockMs });
  world = seedNewsroom(fake);
  rest = new DiscordRest({ token: fake.token, apiUrl: fake.apiUrl });
});
afterAll(async () => fake.close());

const puts = () => fake.requests.filter((request) => request.method === 'PUT');

describe('deployCommands', () => {
  it('given nothing registered then bulk-overwrites the whole set, which Discord accepts', async () => {
    const result = await deployCommands({ rest, applicationId: fake.applicationId, scope: { kind: 'global' }, commands: COMMANDS });
    expect(result.written).toBe(true);
    expect(result.diff.counts).toEqual({ added: COMMANDS.length, updated: 0, removed: 0, unchanged: 0 });
    expect(puts().at(-1)).toMatchObject({ path: `/applications/${fake.applicationId}/commands`, status: 200 });
    expect(fake.commands.global.map((command) => command['name'])).toEqual(COMMANDS.map((command) => command.name));
    expect(result.registered).toHaveLength(COMMANDS.length);
  });

  it('given the same set again then compares with localizations and writes nothing', async () => {
    const before = puts().length;
    const result = await deployCommands({ rest, applicationId: fake.applicationId, scope: { kind: 'global' }, commands: COMMANDS });
    expect(result.diff.upToDate).toBe(true);
    expect(result.written).toBe(false);
    expect(puts().length).toBe(before);
    expect(fake.requests.at(-1)?.query.get('with_localizations')).toBe('true');
    expect(formatDeploy(result, fake.applicationId)).toContain(`0 added, 0 updated, 0 removed, ${COMMANDS.length} unchanged.\nAlready up to date; nothing written.`);
  });

  it('given a command dropped, one edited on Discord and one unknown there then prints each change', async () => {
    const news = fake.commands.global.find((command) => command['name'] === 'news') as Record<string, unknown>;
    news['description'] = 'edited elsewhere';
    fake.commands.global = [...fake.commands.global.filter((command) => command['name'] !== 'help'), { id: '1', name: 'legacy', description: 'old', type: 1 }];
    const dry = await deployCommands({ rest, applicationId: fake.applicationId, scope: { kind: 'global' }, commands: COMMANDS, dryRun: true });
    const text = formatDeploy(dry, fake.applicationId);
    expect(text).toContain('  ~ /news updated (description)\n');
    expect(text).toContain('  + /help added\n');
    expect(text).toContain('  - /legacy removed\n');
    expect(text).toContain(`1 added, 1 updated, 1 removed, ${COMMANDS.length - 2} unchanged.\nDry run; nothing written.`);
    const written = await deployCommands({ rest, applicationId: fake.applicationId, scope: { kind: 'global' }, commands: COMMANDS });
    expect(written.written).toBe(true);
    expect(fake.commands.global.map((command) => command['name'])).not.toContain('legacy');
  });

  it('registers in one guild when asked, leaving the global set alone', async () => {
    const scope = { kind: 'guild' as const, guildId: world.guild.id };
    const result = await deployCommands({ rest, applicationId: fake.applicationId, scope, commands: COMMANDS });
    expect(result.written).toBe(true);
    expect(commandsPath(fake.applicationId, scope)).toBe(`/applications/${fake.applicationId}/guilds/${world.guild.id}/commands`);
    expect(fake.commands.guild.get(world.guild.id)).toHaveLength(COMMANDS.length);
  });

  it('given a 429 then waits exactly retry_after, once, and succeeds', async () => {
    fake.limits.script({ method: 'PUT', route: '/applications/:app/commands', retryAfterMs: 1_500 });
    fake.commands.global = [];
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      clockMs += ms;
    };
    const result = await deployCommands({ rest, applicationId: fake.applicationId, scope: { kind: 'global' }, commands: COMMANDS, sleep });
    expect(waits).toEqual([1_500]);
    expect(result.written).toBe(true);
    expect(puts().slice(-2).map((request) => request.status)).toEqual([429, 200]);
  });

  it('given a definition that breaks Discord\'s rules then refuses before calling Discord', async () => {
    const bad = defineCommand({
      name: 'Bad Name',
      description: { en: 'x'.repeat(101), ar: 'وصف' },
      options: z.object({}),
      optionMeta: {},
      permission: 'anyone',
      run: async () => textReply('never'),
    });
    const before = fake.requests.length;
    await expect(deployCommands({ rest, applicationId: fake.applicationId, scope: { kind: 'global' }, commands: [bad] })).rejects.toThrow(RegistrationError);
    expect(fake.requests.length).toBe(before);
  });
});
