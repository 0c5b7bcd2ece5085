/**
 * The platform-neutral briefing: stories of a period, ranked, each with a headline, a short
 * extractive summary, its sources and the topic terms that selected it. Renderers turn it into
 * Discord and Telegram messages. Pure: no clock, no I/O; `now` is an input.
 */
import { summarize } from '../summarize/summarize.ts';
import { articleTime } from '../stories/features.ts';
import { urlKey } from '../stories/url-key.ts';
import { directionOf, type Article, type Briefing, type BriefingItem, type BriefingSource, type Language, type Story, type TopicMatch } from '../types.ts';
import { headlineOf } from './headline.ts';
import { itemScore } from './score.ts';
import { briefingTitle, DEFAULT_TIME_ZONE, instant } from './title.ts';

export interface BriefingTopic {
  id: string;
  /** Display names; a missing language falls back to the other one, then to the id. */
  names: Partial<Record<Language, string>>;
  /** The topic's match for each article id; an article without a matched entry is not on the topic. */
  matches: ReadonlyMap<string, TopicMatch>;
}

export interface BriefingInput {
  articles: readonly Article[];
  /** Stories over (at least) these articles; an article in no story stands alone. */
  stories: readonly Story[];
  /** The topic, or absent for "top stories" (every article counts, with topic score 1). */
  topic?: BriefingTopic;
  language: Language;
  /** Half-open period [from, to) of ISO instants: which articles count, and the title's dates. */
  period: { from: string; to: string };
  maxItems: number;
  /** The instant the briefing is made for, for recency. */
  now: string | Date;
  /** Time zone of the title's dates (IANA name, default UTC). */
  timeZone?: string;
  /** Recency half-life of the ranking (default 24 h). */
  halfLifeHours?: number;
  /** Summary sentences per item, 1 to 3 (default 2). */
  summarySentences?: number;
  /**
   * Lead summaries already made, by article id, summary length and headline. Only for articles
   * that never change under the same id (stored articles): briefings sharing one summarise an
   * article that leads in several of them (topics, languages) once.
   */
  summaryMemo?: Map<string, readonly string[]>;
}

const DEFAULT_SUMMARY_SENTENCES = 2;
const HOUR_MS = 3_600_000;

/** An article in the period with its instant: `publishedAt`, else `fetchedAt` (undated articles cannot be placed in a period and are left out). */
interface Dated {
  article: Article;
  time: number;
}

export function buildBriefing(input: BriefingInput): Briefing {
  const from = instant(input.period.from, 'period.from');
  const to = instant(input.period.to, 'period.to');
  const now = input.now instanceof Date ? input.now.getTime() : instant(input.now, 'now');
  if (!Number.isFinite(now)) throw new RangeError('now is not a valid date');
  const sentences = Math.min(3, Math.max(1, Math.floor(input.summarySentences ?? DEFAULT_SUMMARY_SENTENCES)));
  const title = briefingTitle({
    language: input.language,
    ...(input.topic ? { topicName: input.topic.names, topicId: input.topic.id } : {}),
    period: input.period,
    timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
  });

  const inPeriod = new Map<string, Dated>();
  for (const article of input.articles) {
    const time = articleTime(article);
    if (time !== undefined && time >= from && time < to && !inPeriod.has(article.id)) inPeriod.set(article.id, { article, time });
  }

  const ranked: Array<{ item: BriefingItem; lead: Article }> = [];
  for (const group of storyGroups(input.stories, inPeriod)) {
    const built = buildItem(group, input, now);
    if (built) ranked.push(built);
  }
  ranked.sort(({ item: a }, { item: b }) => b.score - a.score || compare(b.publishedAt ?? '', a.publishedAt ?? '') || compare(a.id, b.id));
  // The ranking does not depend on summaries: only the stories kept are summarised.
  const items = ranked.slice(0, Math.max(0, Math.floor(input.maxItems))).map(({ item, lead }) => ({ ...item, summary: memoizedSummary(lead, item.headline, sentences, input.summaryMemo) }));

  const briefing: Briefing = {
    language: input.language,
    direction: directionOf(input.language),
    title,
    period: { from: input.period.from, to: input.period.to },
    items,
  };
  if (input.topic) briefing.topicId = input.topic.id;
  return briefing;
}

interface StoryGroup {
  id: string;
  /** Members in the period, in the story's order (representative first). */
  members: Dated[];
}

/** Each story's articles in the period; articles in no story become stories of one. */
function storyGroups(stories: readonly Story[], inPeriod: ReadonlyMap<string, Dated>): StoryGroup[] {
  const placed = new Set<string>();
  const groups: StoryGroup[] = [];
  for (const story of stories) {
    const members: Dated[] = [];
    for (const id of story.articleIds) {
      const dated = inPeriod.get(id);
      if (dated && !placed.has(id)) {
        placed.add(id);
        members.push(dated);
      }
    }
    if (members.length > 0) groups.push({ id: story.id, members });
  }
  for (const [id, dated] of inPeriod) if (!placed.has(id)) groups.push({ id, members: [dated] });
  return groups;
}

/** An item without its summary (added once the item is known to be kept), and its lead article. */
function buildItem(group: StoryGroup, input: BriefingInput, now: number): { item: BriefingItem; lead: Article } | undefined {
  const matches = input.topic?.matches;
  const onTopic = matches ? group.members.filter(({ article }) => matches.get(article.id)?.matched === true) : group.members;
  if (onTopic.length === 0) return undefined;

  // The story's own order puts its most central article first; the briefing language comes before it.
  const lead = onTopic.find(({ article }) => article.language === input.language) ?? onTopic[0]!;
  const headline = headlineOf(lead.article);
  const sources = sourcesOf(group.members);
  const latest = Math.max(...group.members.map((m) => m.time));
  const topicScore = matches ? Math.max(...onTopic.map(({ article }) => matches.get(article.id)?.score ?? 0)) : 1;
  const outlets = new Set(group.members.map(({ article }) => article.sourceId || article.sourceName)).size;

  const item: BriefingItem = {
    id: group.id,
    headline,
    summary: [],
    sources,
    matchedTerms: matches ? matchedTerms(onTopic.map(({ article }) => matches.get(article.id)!)) : [],
    score: itemScore({ topicScore, ageHours: (now - latest) / HOUR_MS, outlets, ...(input.halfLifeHours !== undefined ? { halfLifeHours: input.halfLifeHours } : {}) }),
    publishedAt: new Date(latest).toISOString(),
    language: lead.article.language,
  };
  return { item, lead: lead.article };
}

function memoizedSummary(article: Article, headline: string, sentences: number, memo: Map<string, readonly string[]> | undefined): string[] {
  if (!memo) return summaryOf(article, headline, sentences);
  const key = `${sentences}\u0000${article.id}\u0000${headline}`;
  let summary = memo.get(key);
  if (!summary) {
    summary = summaryOf(article, headline, sentences);
    memo.set(key, summary);
  }
  return [...summary];
}

/** Extractive sentences of the lead article, leaving out one that merely repeats the headline. */
function summaryOf(article: Article, headline: string, sentences: number): string[] {
  if (!article.paragraphs.some((p) => p.trim() !== '')) return [];
  const doc = article.title.trim() !== '' ? { title: article.title, paragraphs: article.paragraphs } : { paragraphs: article.paragraphs };
  const picked = summarize(doc, { sentences: sentences + 1 }).sentences;
  const same = (s: string) => s.replace(/\s+/g, ' ').trim() === headline.replace(/…$/, '').trim();
  return picked.filter((s) => !same(s)).slice(0, sentences);
}

/** One source per URL (the earliest copy), in order of publication. */
function sourcesOf(members: readonly Dated[]): BriefingSource[] {
  const seen = new Set<string>();
  const sources: BriefingSource[] = [];
  const ordered = [...members].sort((a, b) => a.time - b.time || compare(a.article.sourceName, b.article.sourceName));
  for (const { article } of ordered) {
    if (article.url) {
      const key = urlKey(article.url);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    const source: BriefingSource = { name: article.sourceName };
    if (article.url) source.url = article.url;
    const published = article.publishedAt ? Date.parse(article.publishedAt) : NaN;
    if (Number.isFinite(published)) source.publishedAt = new Date(published).toISOString();
    sources.push(source);
  }
  return sources;
}

/**
 * Display forms of the terms that fired, strongest first, each once. A prefix term (`عراقي*`) is
 * shown as the word it starts: readers see words, not the topic file's matching syntax.
 */
function matchedTerms(matches: readonly TopicMatch[]): string[] {
  const weight = new Map<string, number>();
  for (const match of matches) {
    for (const term of match.terms) {
      const display = term.term.replace(/\*$/, '');
      weight.set(display, (weight.get(display) ?? 0) + term.score);
    }
  }
  return [...weight.entries()].sort((a, b) => b[1] - a[1] || compare(a[0], b[0])).map(([term]) => term);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
