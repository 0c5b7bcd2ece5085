/**
 * `mowjaz summarize <file> [--sentences N | --words N] [--json]`: the extractive summary mowjaz
 * would put in a briefing for one article file (scraped page, HTML, Markdown or TREC). The file
 * is cleaned first, exactly as `mowjaz clean` shows it. `-` reads standard input.
 */
import { parseArgs } from 'node:util';
import { ContentError } from '../../core/content/content-error.ts';
import { cleanDocument, formatOf, sniffFormat } from '../../core/content/document.ts';
import { summarize, type SummaryBudget } from '../../core/summarize/summarize.ts';
import { detectLanguage } from '../../core/text/language.ts';
import { CliError } from '../cli-error.ts';
import type { CliCommand } from '../command.ts';
import { readTextInput } from '../input.ts';
import type { CliIo } from '../main.ts';

/** Briefing items carry one to three sentences; three is the default. */
export const DEFAULT_SUMMARY_SENTENCES = 3;

const USAGE = `usage: mowjaz summarize [options] <file | ->
Prints the extractive summary of an article file: its most informative sentences, verbatim, in article order.
options:
  --sentences <N>   at most N sentences (default ${DEFAULT_SUMMARY_SENTENCES})
  --words <N>       at most N words in total instead (one sentence is always shown)
  --json            print { "title", "language", "sentences" } as JSON
  -h, --help        show this help`;

/** `--words -3` is a bad count, not a missing value: join it so the count check reports it. */
function joinNegativeCounts(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const next = args[i + 1];
    if ((arg === '--words' || arg === '--sentences') && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else out.push(arg);
  }
  return out;
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args: joinNegativeCounts(args),
      allowPositionals: true,
      options: {
        sentences: { type: 'string' },
        words: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // parseArgs explains over several lines; the first says what is wrong.
    const first = (error as Error).message.split('\n')[0] ?? String(error);
    throw new CliError(`${first} (see mowjaz summarize --help)`, 2);
  }
}

/** A budget count: a whole number from 1, written in ASCII or Arabic-Indic digits. */
export function parseCount(flag: string, raw: string): number {
  const digits = raw.trim().replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  if (!/^\d+$/.test(digits)) throw new CliError(`--${flag} must be a whole number of at least 1, got "${raw}"`, 2);
  const value = Number(digits);
  if (!Number.isSafeInteger(value) || value < 1) throw new CliError(`--${flag} must be a whole number of at least 1, got "${raw}"`, 2);
  return value;
}

export function budgetFromFlags(flags: { sentences?: string; words?: string }): SummaryBudget {
  if (flags.sentences !== undefined && flags.words !== undefined) {
    throw new CliError('give either --sentences or --words, not both', 2);
  }
  if (flags.words !== undefined) return { words: parseCount('words', flags.words) };
  if (flags.sentences !== undefined) return { sentences: parseCount('sentences', flags.sentences) };
  return { sentences: DEFAULT_SUMMARY_SENTENCES };
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new CliError(`give exactly one file (or - for standard input)\n${USAGE}`, 2);
  const budget = budgetFromFlags(values);
  const path = positionals[0] ?? '-';
  const label = path === '-' ? 'standard input' : path;

  const text = await readTextInput(path, io);
  const format = (path === '-' ? undefined : formatOf(path, text)) ?? sniffFormat(text);
  let document;
  try {
    document = cleanDocument(text, format);
  } catch (error) {
    if (error instanceof ContentError) throw new CliError(`${label}: ${error.message}`);
    throw error;
  }
  if (document.paragraphs.length === 0) throw new CliError(`no article text found in ${label}`);

  const language = document.meta.language ?? detectLanguage(`${document.title}\n${document.paragraphs.join('\n')}`);
  const summary = summarize({ title: document.title, paragraphs: document.paragraphs }, budget);
  if (values.json) {
    io.stdout(`${JSON.stringify({ title: document.title, language, sentences: summary.sentences }, null, 2)}\n`);
  } else {
    const lines = document.title ? [document.title, '', ...summary.sentences] : summary.sentences;
    io.stdout(`${lines.join('\n')}\n`);
  }
  return 0;
}

export const summarizeCommand: CliCommand = {
  name: 'summarize',
  summary: 'print the extractive summary of an article file',
  run,
};
