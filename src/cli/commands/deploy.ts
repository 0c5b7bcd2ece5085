/**
 * `mowjaz deploy discord [--guild ID] [--dry-run]` (also `npm run deploy:discord`): registers the
 * slash commands built from `commands/` with Discord and prints what changed. Global by default
 * (every server and DM; Discord may take a while to show changes); `--guild` (or
 * DISCORD_GUILD_ID) registers in one server, where changes show at once.
 *
 * Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID (looked up from the token when unset) and
 * DISCORD_API_URL from the environment, like the bot.
 */
import { COMMANDS } from '../../../commands/index.ts';
import { DiscordHttpError, DiscordNetworkError, DiscordRest } from '../../adapters/discord/rest-client.ts';
import { deployCommands, formatDeploy, RegistrationError } from '../../adapters/discord/registration.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { CliError } from '../cli-error.ts';
import type { CliCommand } from '../command.ts';
import { parseCliArgs } from './topics.ts';

const USAGE = `usage: mowjaz deploy discord [--guild ID] [--dry-run]
  --guild ID   register in this server only (changes show at once); default DISCORD_GUILD_ID, else global
  --global     register globally even when DISCORD_GUILD_ID is set
  --dry-run    compare with what Discord has and print the changes; write nothing
Needs DISCORD_TOKEN; DISCORD_APPLICATION_ID and DISCORD_API_URL are optional.`;

const SNOWFLAKE = /^\d{17,20}$/;

export interface DeployCommandDeps {
  env: () => Readonly<Record<string, string | undefined>>;
  /** Waits out a 429 (tests pass a virtual one). */
  sleep?: (ms: number) => Promise<void>;
}

function describeFailure(error: unknown): string {
  if (error instanceof DiscordHttpError) {
    if (error.status === 401) return 'Discord refused the token (401): check DISCORD_TOKEN';
    if (error.status === 403 || error.code === 50001) return `Discord refused access (${error.status}, code ${error.code}): is the bot in that server, and is DISCORD_APPLICATION_ID this bot's application?`;
    if (error.status === 429) return `Discord is rate limiting command registration; try again in ${Math.ceil((error.retryAfterMs ?? 0) / 1000)} s`;
    return `Discord answered ${error.status}${error.code ? ` (code ${error.code})` : ''}: ${error.message}`;
  }
  if (error instanceof DiscordNetworkError) return `could not reach Discord: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export function createDeployCommand(deps: DeployCommandDeps): CliCommand {
  return {
    name: 'deploy',
    summary: 'register the slash commands with Discord (deploy discord)',
    async run(args, io) {
      const { values, positionals } = parseCliArgs({
        args,
        allowPositionals: true,
        options: {
          guild: { type: 'string' },
          global: { type: 'boolean', default: false },
          'dry-run': { type: 'boolean', default: false },
          help: { type: 'boolean', short: 'h', default: false },
        },
      });
      if (values.help) {
        io.stdout(`${USAGE}\n`);
        return 0;
      }
      if (positionals[0] !== 'discord' || positionals.length > 1) throw new CliError(`${positionals[0] === undefined ? 'which platform?' : `cannot deploy "${positionals.slice(0, 2).join(' ')}"`} (only discord has commands to register)\n${USAGE}`, 2);
      if (values.guild !== undefined && values.global) throw new CliError('--guild and --global cannot be combined', 2);
      if (values.guild !== undefined && !SNOWFLAKE.test(values.guild)) throw new CliError(`--guild must be a server id: 17 to 20 digits (got "${values.guild}")`, 2);

      let config;
      try {
        config = loadConfig(deps.env());
      } catch (error) {
        if (error instanceof ConfigError) throw new CliError(`configuration error: ${error.message}`, 78);
        throw error;
      }
      if (!config.discord) throw new CliError('DISCORD_TOKEN is not set (the bot token from the Discord Developer Portal)', 78);
      const rest = new DiscordRest({ token: config.discord.token, apiUrl: config.discord.apiUrl });
      const guildId = values.global ? null : (values.guild ?? config.discord.guildId);
      try {
        const applicationId = config.discord.applicationId ?? (await rest.get<{ id: string }>('/applications/@me')).id;
        const result = await deployCommands({
          rest,
          applicationId,
          scope: guildId ? { kind: 'guild', guildId } : { kind: 'global' },
          commands: COMMANDS,
          dryRun: values['dry-run'],
          ...(deps.sleep ? { sleep: deps.sleep } : {}),
        });
        io.stdout(formatDeploy(result, applicationId));
        return 0;
      } catch (error) {
        if (error instanceof RegistrationError) throw new CliError(error.message, 1);
        throw new CliError(describeFailure(error), 1);
      }
    },
  };
}

export const deployCommand: CliCommand = createDeployCommand({ env: () => process.env });
