/**
 * `mowjaz match <file> [--json] [--topic ID]`: scores one article against the topics and says
 * why. The file goes through the same cleaning as the bot's content loader (TREC news documents,
 * scraped pages, HTML, Markdown), so that navigation, app badges and datelines cannot make an
 * article match here when they would not in a briefing.
 */
import { CliError } from '../cli-error.ts';
import type { CliCommand } from '../command.ts';
import { readTextInput } from '../input.ts';
import { ContentError } from '../../core/content/content-error.ts';
import { cleanDocument, sniffFormat } from '../../core/content/document.ts';
import { compileTopic, matchTopics, type ArticleText, type TopicMatchDetail } from '../../core/topics/matcher.ts';
import type { CompiledTopic } from '../../core/topics/compile.ts';
import { loadTopicsForCli, parseCliArgs } from './topics.ts';

const USAGE = `usage: mowjaz match <file|-> [--json] [--topic ID] [--topics-dir DIR]
  <file>            a TREC news document or a scraped page as plain text; "-" reads standard input
  --json            print the TopicMatch list as JSON
  --topic ID        score only this topic
  --topics-dir DIR  read topic files from DIR instead of content/topics`;

/** The article in a file of any supported format, cleaned as the content loader cleans it. */
export function articleFromText(text: string, label: string): ArticleText {
  try {
    const document = cleanDocument(text, sniffFormat(text));
    return { title: document.title, paragraphs: document.paragraphs };
  } catch (error) {
    if (error instanceof ContentError) throw new CliError(`${label}: ${error.message}`);
    throw error;
  }
}

/** What kept an article out of a topic, in the order the matcher checks it. */
export function unmetRequirements(match: TopicMatchDetail, topic: CompiledTopic): string[] {
  const reasons: string[] = [];
  for (const group of match.missingGroups) reasons.push(`no ${group} term`);
  for (const group of match.weakGroups) {
    const floor = topic.groups.find((g) => g.name === group)?.minScore ?? 0;
    reasons.push(`${group} only in passing (${match.groupScores[group] ?? 0} < ${floor})`);
  }
  if (match.score < topic.minScore) reasons.push(`score ${match.score} < ${topic.minScore}`);
  if (match.missingGroups.length === 0 && match.cooccurrence < topic.minCooccurrence) {
    const what = topic.groups.length > 1 ? 'the groups seldom appear together' : 'too little of it in the headline and lead';
    reasons.push(`${what} (co-occurrence ${match.cooccurrence} < ${topic.minCooccurrence})`);
  }
  if (match.excludedBy.length > 0) reasons.push(`excluded by ${match.excludedBy.join(', ')}`);
  return reasons;
}

function formatMatch(match: TopicMatchDetail, topic: CompiledTopic): string {
  const verdict = match.matched ? 'MATCH' : `no match: ${unmetRequirements(match, topic).join('; ')}`;
  const lines = [`${match.topicId} — score ${match.score}, co-occurrence ${match.cooccurrence} — ${verdict}`];
  for (const group of topic.groups) {
    const terms = match.terms.filter((t) => t.group === group.name);
    if (terms.length === 0) {
      lines.push(`  ${group.name}: (none)`);
      continue;
    }
    const shown = terms.map((t) => `${t.term} ×${t.count}${t.inTitle ? ' [title]' : ''} = ${t.score}`).join(', ');
    lines.push(`  ${group.name} ${match.groupScores[group.name] ?? 0}: ${shown}`);
  }
  return lines.join('\n');
}

export const matchCommand: CliCommand = {
  name: 'match',
  summary: 'score an article against the topics and show the terms that fired',
  async run(args, io) {
    const { values, positionals } = parseCliArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        topic: { type: 'string' },
        'topics-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1) {
      throw new CliError(positionals.length === 0 ? `give one article file\n${USAGE}` : `give one file, not ${positionals.length}\n${USAGE}`, 2);
    }

    const { topics } = await loadTopicsForCli(values['topics-dir'], io, 'match');
    let selected = topics;
    if (values.topic !== undefined) {
      selected = topics.filter((t) => t.id === values.topic);
      if (selected.length === 0) {
        const known = topics.map((t) => t.id).join(', ') || 'none';
        throw new CliError(`unknown topic "${values.topic}"; known topics: ${known}`);
      }
    }
    if (selected.length === 0) throw new CliError('no valid topics to match against');

    const compiled = selected.map(compileTopic);
    const file = positionals[0]!;
    const article = articleFromText(await readTextInput(file, io), file === '-' ? 'standard input' : file);
    if (article.title.trim() === '' && article.paragraphs.length === 0) {
      throw new CliError(`${file === '-' ? 'standard input' : file} has no article text to match`);
    }
    const matches = matchTopics(compiled, article);

    if (values.json) {
      io.stdout(`${JSON.stringify(matches, null, 2)}\n`);
      return 0;
    }
    const byId = new Map(compiled.map((t) => [t.id, t]));
    io.stdout(`title: ${article.title || '(none)'}\nparagraphs: ${article.paragraphs.length}\n\n`);
    io.stdout(`${matches.map((m) => formatMatch(m, byId.get(m.topicId)!)).join('\n\n')}\n`);
    return 0;
  },
};
