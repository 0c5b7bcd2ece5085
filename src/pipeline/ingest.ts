/**
 * Content into the store: load articles, match them to topics, place them in stories, save.
 * Idempotent: articles already stored are left alone, so a second start with the same content
 * ingests nothing and writes nothing.
 *
 * Stories continue across runs: the story index is first replayed with the most recent stored
 * articles, so a new report of yesterday's event joins yesterday's story. Story records are
 * written before the articles that reference them; if the process stops in between, the articles
 * are still new on the next run and the stories are recomputed, so a crash never leaves an
 * article pointing at a story that was not written.
 */
import { loadArticles } from '../core/content/load.ts';
import { StoryIndex, type StoryIndexOptions } from '../core/stories/story-index.ts';
import { matchTopics, type CompiledTopic } from '../core/topics/matcher.ts';
import type { Article } from '../core/types.ts';
import type { Clock } from '../scheduler/clock.ts';
import type { Logger } from '../logger.ts';
import type { ArticleTopicRecord, StoryRecord } from '../store/records.ts';
import type { IngestArticle, Store } from '../store/store.ts';

/** Recent stored articles replayed into the story index before new ones are placed. */
export const STORY_SEED_ARTICLES = 2_000;

export interface IngestDeps {
  store: Store;
  topics: readonly CompiledTopic[];
  clock: Clock;
  logger: Logger;
  storyOptions?: StoryIndexOptions;
}

export interface IngestReport {
  /** Articles offered (after loading). */
  offered: number;
  inserted: number;
  /** Already stored: left untouched. */
  skipped: number;
  /** Stories created or extended. */
  stories: number;
  /** Files that could not be loaded, one line each. */
  errors: string[];
}

function articleInstant(article: Pick<Article, 'publishedAt' | 'fetchedAt'>, fallback: string): string {
  return article.publishedAt ?? article.fetchedAt ?? fallback;
}

/** Topic results worth keeping: matches, and near misses where some term fired (for `/why` and tuning). */
export function topicRecords(topics: readonly CompiledTopic[], article: Article): ArticleTopicRecord[] {
  return matchTopics(topics, article)
    .filter((match) => match.matched || match.terms.length > 0)
    .map((match) => ({ articleId: article.id, topicId: match.topicId, score: match.score, matched: match.matched, terms: match.terms }));
}

export async function ingestArticles(deps: IngestDeps, offered: readonly Article[]): Promise<IngestReport> {
  const { store, logger } = deps;
  const now = deps.clock.now().toISOString();
  const unique = [...new Map(offered.map((article) => [article.id, article])).values()];
  const stored = new Set((await store.getArticles(unique.map((article) => article.id))).map((article) => article.id));
  // An article without a date of its own is dated by when mowjaz first saw it, so it can take
  // its place in stories and briefings instead of being left out of every period.
  const fresh = unique.filter((article) => !stored.has(article.id)).map((article) => (article.fetchedAt ? article : { ...article, fetchedAt: now }));
  if (fresh.length === 0) return { offered: offered.length, inserted: 0, skipped: offered.length, stories: 0, errors: [] };

  const index = new StoryIndex(deps.storyOptions);
  /** Index story id → the id stored for it (a replay may found a story under another member). */
  const storedStoryOf = new Map<string, string>();
  const recent = await store.listArticles({ limit: STORY_SEED_ARTICLES });
  for (const article of recent.reverse()) {
    const assignment = index.add(article);
    if (article.storyId && !storedStoryOf.has(assignment.storyId)) storedStoryOf.set(assignment.storyId, article.storyId);
  }

  fresh.sort((a, b) => articleInstant(a, now).localeCompare(articleInstant(b, now)) || a.id.localeCompare(b.id));
  const items: IngestArticle[] = [];
  const touched = new Map<string, { indexStoryId: string; members: Article[] }>();
  for (const article of fresh) {
    const assignment = index.add(article);
    const storyId = storedStoryOf.get(assignment.storyId) ?? assignment.storyId;
    storedStoryOf.set(assignment.storyId, storyId);
    const entry = touched.get(storyId) ?? { indexStoryId: assignment.storyId, members: [] };
    entry.members.push(article);
    touched.set(storyId, entry);
    items.push({ article, storyId, topics: topicRecords(deps.topics, article) });
  }

  for (const [storyId, { indexStoryId, members }] of touched) {
    await store.upsertStory(await storyRecord(store, storyId, index.story(indexStoryId)?.articleIds[0], members, now));
  }
  const result = await store.saveArticles(items, now);
  logger.info({ event: 'ingest', inserted: result.inserted.length, skipped: stored.size + result.skipped.length, stories: touched.size }, 'articles ingested');
  return { offered: offered.length, inserted: result.inserted.length, skipped: offered.length - result.inserted.length, stories: touched.size, errors: [] };
}

async function storyRecord(store: Store, id: string, indexRepresentative: string | undefined, members: readonly Article[], now: string): Promise<StoryRecord> {
  const existing = await store.getStory(id);
  const storedMembers = await store.listStoryArticleIds(id);
  const newIds = members.map((article) => article.id).filter((articleId) => !storedMembers.includes(articleId));
  const times = members.map((article) => articleInstant(article, now));
  if (existing) times.push(existing.firstSeen, existing.lastSeen);
  times.sort();
  return {
    id,
    representativeArticleId: existing?.representativeArticleId ?? indexRepresentative ?? members[0]?.id ?? id,
    firstSeen: times[0] ?? now,
    lastSeen: times[times.length - 1] ?? now,
    articleCount: storedMembers.length + newIds.length,
  };
}

/** Loads article files and folders (`content/articles`) and ingests them. */
export async function ingestContent(deps: IngestDeps, paths: readonly string[]): Promise<IngestReport> {
  const loaded = await loadArticles([...paths]);
  const errors = loaded.errors.map((error) => `${error.path}: ${error.message}`);
  for (const line of errors) deps.logger.warn({ event: 'ingest_file_error', error: line }, 'article file skipped');
  const report = await ingestArticles(deps, loaded.articles);
  return { ...report, errors };
}
