/**
 * Briefings from the store: select articles, gather their stories and topic matches, and hand
 * them to `buildBriefing`. Used by `/news` (the latest stories); `/digest` previews go through the
 * digest composer's own briefing (see `digest-preview.ts`).
 */
import { buildBriefing, type BriefingTopic } from '../core/briefing/build.ts';
import { briefingTitle } from '../core/briefing/title.ts';
import { articleTime } from '../core/stories/features.ts';
import type { Article, Briefing, Language, Story, TopicMatch } from '../core/types.ts';
import type { TopicCatalog } from '../commands/context.ts';
import type { StoredArticle } from '../store/records.ts';
import type { Store } from '../store/store.ts';

/** Candidates per requested story: several articles of one story, and room for the ranking to choose. */
export const CANDIDATES_PER_ITEM = 6;
export const MIN_CANDIDATES = 30;

export interface BriefingDeps {
  store: Store;
  topics: TopicCatalog;
}

export interface NewsQuery {
  topicId: string | null;
  count: number;
  language: Language;
  now: Date;
  timeZone: string;
}

/** Stories of the given articles, each with its stored members, representative first. */
async function storiesOf(store: Store, articles: readonly StoredArticle[]): Promise<{ stories: Story[]; members: StoredArticle[] }> {
  const storyIds = [...new Set(articles.flatMap((article) => (article.storyId ? [article.storyId] : [])))];
  const stories: Story[] = [];
  const memberIds = new Set<string>();
  for (const id of storyIds) {
    const [record, ids] = await Promise.all([store.getStory(id), store.listStoryArticleIds(id)]);
    const representative = record?.representativeArticleId;
    const ordered = representative && ids.includes(representative) ? [representative, ...ids.filter((other) => other !== representative)] : ids;
    ids.forEach((member) => memberIds.add(member));
    stories.push({ id, articleIds: ordered, firstSeen: record?.firstSeen ?? '', lastSeen: record?.lastSeen ?? '' });
  }
  const known = new Set(articles.map((article) => article.id));
  const missing = [...memberIds].filter((id) => !known.has(id));
  const members = missing.length > 0 ? await store.getArticles(missing) : [];
  return { stories, members };
}

async function topicOf(store: Store, topics: TopicCatalog, topicId: string, articleIds: readonly string[]): Promise<BriefingTopic> {
  const records = await store.getTopicMatches(topicId, [...articleIds]);
  const matches = new Map<string, TopicMatch>(
    records.map((record) => [record.articleId, { topicId, matched: record.matched, score: record.score, terms: record.terms, missingGroups: [], excludedBy: [] }]),
  );
  const info = topics.get(topicId);
  return { id: topicId, names: info ? info.name : {}, matches };
}

/** The half-open period [first, last] of the articles' own dates, or null when none is dated. */
function periodOf(articles: readonly Article[]): { from: string; to: string } | null {
  const times = articles.map((article) => articleTime(article)).filter((time): time is number => time !== undefined);
  if (times.length === 0) return null;
  return { from: new Date(Math.min(...times)).toISOString(), to: new Date(Math.max(...times) + 1).toISOString() };
}

function emptyBriefing(query: { language: Language; now: Date; timeZone: string }, topic: BriefingTopic | undefined, period: { from: string; to: string }): Briefing {
  return buildBriefing({ articles: [], stories: [], ...(topic ? { topic } : {}), language: query.language, period, maxItems: 0, now: query.now, timeZone: query.timeZone });
}

/**
 * The latest `count` stories of a topic (or across all topics): the newest matched articles,
 * grouped into their stories and ranked. Recency is measured from the newest article, so a
 * store of older content still ranks by relevance and coverage instead of all ages looking equal.
 */
export async function composeNews(deps: BriefingDeps, query: NewsQuery): Promise<Briefing> {
  const limit = Math.max(MIN_CANDIDATES, query.count * CANDIDATES_PER_ITEM);
  const topicIds = query.topicId ? [query.topicId] : deps.topics.list().map((topic) => topic.id);
  const byId = new Map<string, StoredArticle>();
  for (const topicId of topicIds) {
    for (const article of await deps.store.listArticles({ topicId, matchedOnly: true, limit })) byId.set(article.id, article);
  }
  const candidates = [...byId.values()].sort((a, b) => (articleTime(b) ?? 0) - (articleTime(a) ?? 0)).slice(0, limit);
  // Other reports of the same stories join as sources, even when not matched themselves.
  const { stories, members } = await storiesOf(deps.store, candidates);
  const articles = [...candidates, ...members];
  const topic = query.topicId ? await topicOf(deps.store, deps.topics, query.topicId, articles.map((article) => article.id)) : undefined;
  const period = periodOf(articles);
  if (!period) return emptyBriefing(query, topic, { from: query.now.toISOString(), to: query.now.toISOString() });
  const asOf = new Date(Math.min(query.now.getTime(), Date.parse(period.to)));
  const briefing = buildBriefing({ articles, stories, ...(topic ? { topic } : {}), language: query.language, period, maxItems: query.count, now: asOf, timeZone: query.timeZone });
  // Title the briefing by what it shows: candidates that did not make the cut (an old
  // article, an undated one stamped at ingestion) must not stretch the period in its title.
  const shown = periodOfItems(briefing);
  if (!shown) return briefing;
  const title = briefingTitle({ language: query.language, ...(topic ? { topicName: topic.names, topicId: topic.id } : {}), period: shown, timeZone: query.timeZone });
  return { ...briefing, period: shown, title };
}

/** The half-open period covered by the sources of the items a briefing shows. */
function periodOfItems(briefing: Briefing): { from: string; to: string } | null {
  const times = briefing.items
    .flatMap((item) => item.sources.map((source) => source.publishedAt ?? item.publishedAt))
    .map((time) => (time ? Date.parse(time) : Number.NaN))
    .filter((time) => Number.isFinite(time));
  if (times.length === 0) return null;
  return { from: new Date(Math.min(...times)).toISOString(), to: new Date(Math.max(...times) + 1).toISOString() };
}
