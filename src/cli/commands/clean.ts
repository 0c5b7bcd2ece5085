/**
 * `mowjaz clean <file>`: shows what mowjaz keeps of an article file — its title and body
 * paragraphs — and, with --verbose, every line it dropped and why. `-` reads standard input.
 */
import { parseArgs } from 'node:util';
import { ContentError } from '../../core/content/content-error.ts';
import { cleanDocument, formatOf, sniffFormat } from '../../core/content/document.ts';
import { ARTICLE_FORMATS, type ArticleFormat } from '../../core/content/sidecar.ts';
import { detectLanguage } from '../../core/text/language.ts';
import { CliError } from '../cli-error.ts';
import type { CliCommand } from '../command.ts';
import { readTextInput } from '../input.ts';
import type { CliIo } from '../main.ts';

const USAGE = `usage: mowjaz clean [options] <file | ->
Prints the cleaned title and paragraphs of an article file (scraped page, HTML, Markdown or TREC).
options:
  --json             print { title, language, paragraphs, dropped } as JSON
  -v, --verbose      also list the dropped lines and the rule that dropped each
  --format <kind>    read the input as ${ARTICLE_FORMATS.join(' | ')} (default: from the file name and content)
  --url <url>        address of an HTML page, for resolving its links
  -h, --help         show this help`;

function isFormat(value: string): value is ArticleFormat {
  return (ARTICLE_FORMATS as readonly string[]).includes(value);
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', short: 'v', default: false },
        format: { type: 'string' },
        url: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('\n')[0] ?? 'bad arguments'} (see mowjaz clean --help)`, 2);
  }
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new CliError('give exactly one file (or - for standard input); see mowjaz clean --help', 2);
  const path = positionals[0] ?? '-';
  if (values.format !== undefined && !isFormat(values.format)) {
    throw new CliError(`unknown --format "${values.format}"; use one of ${ARTICLE_FORMATS.join(', ')}`, 2);
  }
  if (values.url !== undefined && !URL.canParse(values.url)) throw new CliError(`--url "${values.url}" is not a URL`, 2);

  const text = await readTextInput(path, io);
  const format: ArticleFormat = values.format ?? (path === '-' ? undefined : formatOf(path, text)) ?? sniffFormat(text);
  let document;
  try {
    document = cleanDocument(text, format, values.url ? { url: values.url } : {});
  } catch (error) {
    if (error instanceof ContentError) throw new CliError(`${path === '-' ? 'standard input' : path}: ${error.message}`);
    throw error;
  }
  const language = document.meta.language ?? detectLanguage(`${document.title}\n${document.paragraphs.join('\n')}`);

  if (values.json) {
    const out = { title: document.title, language, paragraphs: document.paragraphs, dropped: document.dropped.map((line) => line.text) };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const blocks = [document.title, ...document.paragraphs].filter((block) => block.length > 0);
    io.stdout(`${blocks.join('\n\n')}\n`);
    if (values.verbose) {
      io.stdout(`\n-- dropped ${document.dropped.length} line(s) (${format}) --\n`);
      for (const line of document.dropped) io.stdout(`[${line.reason}] ${line.text}\n`);
    }
  }
  if (document.paragraphs.length === 0) {
    io.stderr(`mowjaz clean: no article text found in ${path === '-' ? 'standard input' : path}\n`);
    return 1;
  }
  return 0;
}

export const cleanCommand: CliCommand = {
  name: 'clean',
  summary: 'show the cleaned title and paragraphs of an article file',
  run,
};
