import type { CliIo } from './main.ts';

/** One `mowjaz <name>` subcommand. `run` returns the process exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}
