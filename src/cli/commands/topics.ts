/**
 * `mowjaz topics [--json] [--topics-dir DIR]`: the topics the bot can match, with their names in
 * both languages and their one-line descriptions. It doubles as a validator for topic files: a bad
 * file is reported on stderr with its fields and makes the exit code non-zero, while the good
 * topics are still listed.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from '../cli-error.ts';
import type { CliCommand } from '../command.ts';
import type { CliIo } from '../main.ts';
import { defaultTopicsDir, formatTopicErrors, loadTopics, type LoadedTopics } from '../../core/topics/load.ts';

const USAGE = `usage: mowjaz topics [--json] [--topics-dir DIR]
  --json            print the topics as JSON: [{ id, name: { ar, en }, description: { ar, en } }]
  --topics-dir DIR  read topic files from DIR instead of content/topics`;

/** Loads topic files for a CLI command, printing one stderr line per problem in a bad file. */
export async function loadTopicsForCli(dir: string | undefined, io: CliIo, command: string): Promise<LoadedTopics> {
  const where = dir ?? defaultTopicsDir;
  let loaded: LoadedTopics;
  try {
    loaded = await loadTopics(where);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError(`no topics directory at ${where}`);
    throw new CliError(`cannot read topics from ${where}: ${code ?? String(error)}`);
  }
  for (const line of formatTopicErrors(loaded.errors)) io.stderr(`mowjaz ${command}: invalid topic file ${line}\n`);
  return loaded;
}

/** Wraps `parseArgs` so that a mistyped flag is a one-line user error, not a stack trace. */
export function parseCliArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), 2);
  }
}

export const topicsCommand: CliCommand = {
  name: 'topics',
  summary: 'list the topics articles are matched against',
  async run(args, io) {
    const { values, positionals } = parseCliArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'topics-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"\n${USAGE}`, 2);

    const { topics, errors } = await loadTopicsForCli(values['topics-dir'], io, 'topics');
    if (values.json) {
      const list = topics.map((t) => ({ id: t.id, name: t.name, description: t.description }));
      io.stdout(`${JSON.stringify(list, null, 2)}\n`);
    } else if (topics.length === 0) {
      io.stdout('no topics\n');
    } else {
      for (const topic of topics) {
        io.stdout(`${topic.id}\n  en: ${topic.name.en} — ${topic.description.en}\n  ar: ${topic.name.ar} — ${topic.description.ar}\n`);
      }
    }
    return errors.length > 0 ? 1 : 0;
  },
};
