/**
 * `mowjaz brief <file|dir>... [--topic ID] [--format text|telegram|discord] [--json] [--lang ar|en]
 * [--max-items N]`: the whole pipeline on local files — load and clean the articles, match them
 * against a topic, cluster the stories, build the briefing and render it as a platform would
 * receive it. With --json, Telegram output is the array of `sendMessage` bodies and Discord output
 * the array of Create Message bodies (with text, the platform-neutral `Briefing` itself).
 */
import { buildBriefing, type BriefingTopic } from '../../core/briefing/build.ts';
import { loadArticles } from '../../core/content/load.ts';
import { isValidTimeZone } from '../../core/render/dates.ts';
import { renderDiscord, type DiscordMessage } from '../../core/render/discord.ts';
import { renderTelegram } from '../../core/render/telegram.ts';
import { renderText } from '../../core/render/text.ts';
import { articleTime } from '../../core/stories/features.ts';
import { clusterStories } from '../../core/stories/cluster.ts';
import { compileTopic, matchTopic } from '../../core/topics/matcher.ts';
import type { Article, Briefing, Language, TopicMatch } from '../../core/types.ts';
import { CliError } from '../cli-error.ts';
import type { CliCommand } from '../command.ts';
import type { CliIo } from '../main.ts';
import { loadTopicsForCli, parseCliArgs } from './topics.ts';

export const DEFAULT_MAX_ITEMS = 10;
export const MAX_MAX_ITEMS = 50;
const FORMATS = ['text', 'telegram', 'discord'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `usage: mowjaz brief <file|dir>... [options]
Builds a briefing from article files and folders and prints it as a platform would receive it.
options:
  --topic ID          only stories on this topic (default: top stories across everything)
  --format FORMAT     text (default), telegram or discord
  --json              telegram: the sendMessage bodies; discord: the Create Message bodies;
                      text: the platform-neutral briefing
  --lang ar|en        language of the briefing (default: the language of most articles)
  --max-items N       at most N stories, 1–${MAX_MAX_ITEMS} (default ${DEFAULT_MAX_ITEMS})
  --time-zone ZONE    IANA time zone for dates (default UTC)
  --topics-dir DIR    read topic files from DIR instead of content/topics
  -h, --help          show this help`;

interface BriefOptions {
  format: Format;
  json: boolean;
  language: Language | null;
  maxItems: number;
  timeZone: string;
  topicId: string | null;
  topicsDir: string | undefined;
  paths: string[];
}

function parseOptions(args: string[]): BriefOptions | null {
  const { values, positionals } = parseCliArgs({
    args,
    allowPositionals: true,
    options: {
      topic: { type: 'string' },
      format: { type: 'string', default: 'text' },
      json: { type: 'boolean', default: false },
      lang: { type: 'string' },
      'max-items': { type: 'string' },
      'time-zone': { type: 'string', default: 'UTC' },
      'topics-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new CliError(`--format must be text, telegram or discord (got "${values.format}")`, 2);
  if (values.lang !== undefined && values.lang !== 'ar' && values.lang !== 'en') throw new CliError(`--lang must be ar or en (got "${values.lang}")`, 2);
  const maxItems = values['max-items'] === undefined ? DEFAULT_MAX_ITEMS : Number(values['max-items']);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > MAX_MAX_ITEMS) {
    throw new CliError(`--max-items must be a whole number from 1 to ${MAX_MAX_ITEMS} (got "${values['max-items']}")`, 2);
  }
  if (!isValidTimeZone(values['time-zone'])) throw new CliError(`--time-zone "${values['time-zone']}" is not an IANA time zone such as Asia/Baghdad or UTC`, 2);
  if (positionals.length === 0) throw new CliError('give at least one article file or folder (see mowjaz brief --help)', 2);
  return {
    format,
    json: values.json,
    language: (values.lang as Language | undefined) ?? null,
    maxItems,
    timeZone: values['time-zone'],
    topicId: values.topic ?? null,
    topicsDir: values['topics-dir'],
    paths: positionals,
  };
}

async function resolveTopic(options: BriefOptions, io: CliIo) {
  if (options.topicId === null) return null;
  const { topics } = await loadTopicsForCli(options.topicsDir, io, 'brief');
  const topic = topics.find((t) => t.id === options.topicId);
  if (!topic) throw new CliError(`unknown topic "${options.topicId}"; known topics: ${topics.map((t) => t.id).join(', ') || 'none'}`);
  return topic;
}

/** The half-open span of the articles' own dates, so old sample content still makes a briefing. */
function periodOf(articles: readonly Article[]): { from: string; to: string } | null {
  const times = articles.map(articleTime).filter((time): time is number => time !== undefined);
  if (times.length === 0) return null;
  return { from: new Date(Math.min(...times)).toISOString(), to: new Date(Math.max(...times) + 1).toISOString() };
}

function majorityLanguage(articles: readonly Article[]): Language {
  const arabic = articles.filter((article) => article.language === 'ar').length;
  return arabic * 2 >= articles.length ? 'ar' : 'en';
}

export const briefCommand: CliCommand = {
  name: 'brief',
  summary: 'build a briefing from article files and render it for the console, Telegram or Discord',
  async run(args, io) {
    const options = parseOptions(args);
    if (!options) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const topic = await resolveTopic(options, io);

    const loaded = await loadArticles(options.paths);
    for (const error of loaded.errors) io.stderr(`mowjaz brief: ${error.path}: ${error.message}\n`);
    if (loaded.articles.length === 0) throw new CliError(`no articles could be read from ${options.paths.join(', ')}`);
    const { articles } = loaded;

    let briefingTopic: BriefingTopic | undefined;
    if (topic) {
      const compiled = compileTopic(topic);
      const matches = new Map<string, TopicMatch>(articles.map((article) => [article.id, matchTopic(compiled, article)]));
      briefingTopic = { id: topic.id, names: topic.name, matches };
    }
    const language = options.language ?? majorityLanguage(articles);
    const period = periodOf(articles);
    if (!period) throw new CliError('none of the articles has a publication date, so they cannot be placed in a briefing period');
    const briefing = buildBriefing({
      articles,
      stories: clusterStories(articles),
      ...(briefingTopic ? { topic: briefingTopic } : {}),
      language,
      period,
      maxItems: options.maxItems,
      now: period.to,
      timeZone: options.timeZone,
    });
    io.stdout(render(briefing, options));
    return 0;
  },
};

function render(briefing: Briefing, options: BriefOptions): string {
  const renderOptions = { timeZone: options.timeZone };
  switch (options.format) {
    case 'text':
      return options.json ? `${JSON.stringify(briefing, null, 2)}\n` : renderText(briefing, renderOptions);
    case 'telegram': {
      const messages = renderTelegram(briefing, renderOptions);
      if (options.json) return `${JSON.stringify(messages, null, 2)}\n`;
      return messages.map((message, i) => `${divider(i, messages.length)}\n${message.text}\n`).join('\n');
    }
    case 'discord': {
      const messages = renderDiscord(briefing, renderOptions);
      if (options.json) return `${JSON.stringify(messages, null, 2)}\n`;
      return messages.map((message, i) => `${divider(i, messages.length)}\n${previewDiscord(message)}\n`).join('\n');
    }
  }
}

function divider(index: number, total: number): string {
  return `----- message ${index + 1}/${total} -----`;
}

/** A readable console view of a Create Message body: content, then each embed's parts. */
function previewDiscord(message: DiscordMessage): string {
  const parts = message.content ? [message.content] : [];
  for (const embed of message.embeds ?? []) {
    const lines = [`[embed] ${embed.title ?? ''}${embed.url ? ` <${embed.url}>` : ''}`];
    if (embed.description) lines.push(embed.description);
    for (const field of embed.fields ?? []) lines.push(`${field.name}: ${field.value}`);
    if (embed.footer) lines.push(`— ${embed.footer.text}`);
    parts.push(lines.join('\n'));
  }
  return parts.join('\n\n');
}
