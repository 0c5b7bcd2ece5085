/**
 * Registering the slash commands: read what Discord has, compare, and bulk-overwrite when
 * something differs. Bulk overwrite (PUT) replaces the whole set in one request, so a command
 * removed from `commands/` disappears from Discord too. Guild registration applies at once and
 * suits development; global registration reaches every server and DM.
 */
import type { Command } from '../../commands/define-command.ts';
import { discordProblems } from '../../commands/platform-rules.ts';
import { diffCommands, type CommandDiff } from './command-diff.ts';
import { commandsJson, type CommandJson, type CommandScope } from './command-json.ts';
import { DiscordHttpError, type DiscordRest } from './rest-client.ts';

export interface DeployOptions {
  rest: DiscordRest;
  applicationId: string;
  scope: CommandScope;
  commands: readonly Command[];
  /** Compare only; write nothing. */
  dryRun?: boolean;
  /** Waits between attempts after a 429 (injected by tests). */
  sleep?: (ms: number) => Promise<void>;
}

export interface DeployResult {
  scope: CommandScope;
  diff: CommandDiff;
  /** Whether the PUT was made (not for a dry run or when everything was up to date). */
  written: boolean;
  /** What Discord answered to the PUT: the commands with their ids. */
  registered: unknown[];
}

/** The definitions break a Discord rule; registering would fail as a whole. */
export class RegistrationError extends Error {
  override readonly name = 'RegistrationError';
  constructor(readonly problems: readonly string[]) {
    super(`the command definitions break Discord's rules:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

export function commandsPath(applicationId: string, scope: CommandScope): string {
  return scope.kind === 'guild' ? `/applications/${applicationId}/guilds/${scope.guildId}/commands` : `/applications/${applicationId}/commands`;
}

const MAX_ATTEMPTS = 3;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One request, waiting out a 429 exactly as long as Discord says (a few times at most). */
async function withRateLimit<T>(call: () => Promise<T>, sleep: (ms: number) => Promise<void>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof DiscordHttpError) || error.status !== 429 || attempt >= MAX_ATTEMPTS) throw error;
      await sleep(error.retryAfterMs ?? 1_000);
    }
  }
}

export async function deployCommands(options: DeployOptions): Promise<DeployResult> {
  const problems = discordProblems(options.commands);
  if (problems.length > 0) throw new RegistrationError(problems);
  const desired: CommandJson[] = commandsJson(options.commands, options.scope);
  const path = commandsPath(options.applicationId, options.scope);
  const sleep = options.sleep ?? defaultSleep;
  const current = await withRateLimit(() => options.rest.get<unknown[]>(path, { query: { with_localizations: true } }), sleep);
  const diff = diffCommands(Array.isArray(current) ? current : [], desired, options.scope.kind);
  if (options.dryRun || diff.upToDate) return { scope: options.scope, diff, written: false, registered: [] };
  const registered = await withRateLimit(() => options.rest.put<unknown[]>(path, desired), sleep);
  return { scope: options.scope, diff, written: true, registered: Array.isArray(registered) ? registered : [] };
}

/** The diff as lines for a terminal: one per command, then the totals. */
export function formatDeploy(result: DeployResult, applicationId: string): string {
  const where = result.scope.kind === 'guild' ? `guild ${result.scope.guildId}` : 'global';
  const marks = { added: '+', updated: '~', removed: '-', unchanged: '=' } as const;
  const lines = [`Discord commands (${where}) of application ${applicationId}:`];
  for (const change of result.diff.changes) {
    const detail = change.kind === 'updated' ? ` (${change.fields.join(', ')})` : '';
    lines.push(`  ${marks[change.kind]} /${change.name} ${change.kind}${detail}`);
  }
  const { added, updated, removed, unchanged } = result.diff.counts;
  lines.push(`${added} added, ${updated} updated, ${removed} removed, ${unchanged} unchanged.`);
  lines.push(result.written ? 'Registered.' : result.diff.upToDate ? 'Already up to date; nothing written.' : 'Dry run; nothing written.');
  return `${lines.join('\n')}\n`;
}
