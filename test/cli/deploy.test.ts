import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { createDeployCommand } from '../../src/cli/commands/deploy.ts';
import { CliError } from '../../src/cli/cli-error.ts';
import { runCli, type CliIo } from '../../src/cli/main.ts';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { seedNewsroom, type Newsroom } from '../fakes/discord/newsroom.ts';

let fake: FakeDiscord;
let world: Newsroom;
beforeAll(async () => {
  fake = await FakeDiscord.start();
  world = seedNewsroom(fake);
});
afterAll(async () => fake.close());

function capture(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    stdin: async () => Buffer.alloc(0),
  };
  return io;
}

async function deploy(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; error: string | null; exitCode: number | null }> {
  const io = capture();
  try {
    return { code: await createDeployCommand({ env: () => env }).run(args, io), out: io.out, error: null, exitCode: null };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { code: error.exitCode, out: io.out, error: error.message, exitCode: error.exitCode };
  }
}

const env = () => ({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });

describe('mowjaz deploy discord', () => {
  it('given only a token then looks the application up, registers globally and prints every command added', async () => {
    const run = await deploy(['discord'], env());
    expect(run.code).toBe(0);
    expect(run.out.split('\n')[0]).toBe(`Discord commands (global) of application ${fake.applicationId}:`);
    for (const command of COMMANDS) expect(run.out).toContain(`  + /${command.name} added\n`);
    expect(run.out).toContain(`${COMMANDS.length} added, 0 updated, 0 removed, 0 unchanged.\nRegistered.\n`);
    expect(fake.requests.some((request) => request.path === '/applications/@me')).toBe(true);
  });

  it('given --guild then registers in that server; DISCORD_GUILD_ID does the same, --global overrides it', async () => {
    const byFlag = await deploy(['discord', '--guild', world.guild.id, '--dry-run'], { ...env(), DISCORD_APPLICATION_ID: fake.applicationId });
    expect(byFlag.out).toContain(`Discord commands (guild ${world.guild.id})`);
    expect(byFlag.out).toContain('Dry run; nothing written.');
    expect(fake.commands.guild.get(world.guild.id)).toBeUndefined();
    const byEnv = await deploy(['discord'], { ...env(), DISCORD_GUILD_ID: world.guild.id });
    expect(byEnv.out).toContain('Registered.');
    expect(fake.commands.guild.get(world.guild.id)).toHaveLength(COMMANDS.length);
    const global = await deploy(['discord', '--global'], { ...env(), DISCORD_GUILD_ID: world.guild.id });
    expect(global.out).toContain('(global)');
    expect(global.out).toContain('Already up to date; nothing written.');
  });

  it.each([
    ['no platform', [], {}, 2, /^which platform\?/],
    ['another platform', ['telegram'], {}, 2, /^cannot deploy "telegram"/],
    ['a malformed --guild', ['discord', '--guild', 'abc'], {}, 2, /^--guild must be a server id/],
    ['no token', ['discord'], { DISCORD_TOKEN: '' }, 78, /^DISCORD_TOKEN is not set/],
    ['a token Discord refuses', ['discord'], { DISCORD_TOKEN: 'AAAA.BBBB.CCCC' }, 1, /^Discord refused the token \(401\): check DISCORD_TOKEN$/],
    ['an unreachable API', ['discord'], { DISCORD_API_URL: 'http://127.0.0.1:9/api' }, 1, /^could not reach Discord: /],
  ])('given %s then a one-line error and exit %i', async (_label, args, overrides, exitCode, message) => {
    const run = await deploy(args, { ...env(), ...overrides });
    expect(run.exitCode).toBe(exitCode);
    expect(run.error).toMatch(message);
  });

  it('is a registered mowjaz subcommand', async () => {
    const io = capture();
    expect(await runCli(['deploy', '--help'], io)).toBe(0);
    expect(io.out).toMatch(/^usage: mowjaz deploy discord \[--guild ID\] \[--dry-run\]/);
  });
});
