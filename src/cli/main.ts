/**
 * `mowjaz <command> …` — the command-line entry point. Each subcommand lives in its own module
 * under ./commands and is listed here explicitly.
 */
import { CliError } from './cli-error.ts';
import type { CliCommand } from './command.ts';

const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  brief: async () => (await import('./commands/brief.ts')).briefCommand,
  deploy: async () => (await import('./commands/deploy.ts')).deployCommand,
  match: async () => (await import('./commands/match.ts')).matchCommand,
  topics: async () => (await import('./commands/topics.ts')).topicsCommand,
  clean: async () => (await import('./commands/clean.ts')).cleanCommand,
  summarize: async () => (await import('./commands/summarize.ts')).summarizeCommand,
  sources: async () => (await import('./commands/sources.ts')).sourcesCliCommand,
};

function usage(): string {
  const names = Object.keys(COMMANDS).sort();
  return `usage: mowjaz <command> [options]\ncommands: ${names.join(', ')}\nRun "mowjaz <command> --help" for a command's options.`;
}

export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${usage()}\n`);
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`mowjaz: unknown command "${name}". ${usage()}\n`);
    return 2;
  }
  try {
    const command = await load();
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`mowjaz ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`mowjaz ${name}: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 70;
  }
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads all of standard input (for `-` as a file name). */
  stdin(): Promise<Buffer>;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
}

const invokedDirectly = process.argv[1] && /(?:cli[\\/]main\.ts|bin[\\/]mowjaz(?:\.js)?)$/.test(process.argv[1]);
if (invokedDirectly) {
  process.exitCode = await runCli(process.argv.slice(2));
}
