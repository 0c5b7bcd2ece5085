/**
 * The repository's sample content (`content/articles`, `content/topics`) ingested into a store the
 * way the pipeline does it: cleaned articles, real topic matches, clustered stories.
 */
import { join } from 'node:path';
import { loadArticles } from '../../src/core/content/load.ts';
import { clusterStories } from '../../src/core/stories/cluster.ts';
import { loadTopicsStrict } from '../../src/core/topics/load.ts';
import { compileTopic, matchTopics } from '../../src/core/topics/matcher.ts';
import type { TopicDefinition } from '../../src/core/topics/schema.ts';
import type { Article, Language } from '../../src/core/types.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { repoRoot } from '../support/shared.ts';

export interface SampleContent {
  articles: Article[];
  topics: TopicDefinition[];
}

export async function loadSampleContent(): Promise<SampleContent> {
  const { articles, errors } = await loadArticles([join(repoRoot, 'content', 'articles')]);
  if (errors.length > 0) throw new Error(`sample content failed to load: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return { articles, topics: await loadTopicsStrict() };
}

export function topicNamesOf(topics: readonly TopicDefinition[]): (topicId: string) => Partial<Record<Language, string>> | undefined {
  const names = new Map(topics.map((t) => [t.id, t.name]));
  return (topicId) => names.get(topicId);
}

/** Saves the sample, all ingested at `ingestedAt`; returns how many articles matched each topic. */
export async function ingestSample(store: SqlStore, sample: SampleContent, ingestedAt: string): Promise<Map<string, number>> {
  const compiled = sample.topics.map(compileTopic);
  const stories = clusterStories(sample.articles);
  const storyOf = new Map<string, string>();
  for (const story of stories) {
    if (story.articleIds.length < 2) continue;
    for (const id of story.articleIds) storyOf.set(id, story.id);
    await store.upsertStory({
      id: story.id,
      representativeArticleId: story.articleIds[0] as string,
      firstSeen: story.firstSeen,
      lastSeen: story.lastSeen,
      articleCount: story.articleIds.length,
    });
  }
  const matched = new Map<string, number>();
  const items = sample.articles.map((article) => {
    const topics = matchTopics(compiled, article).map((m) => {
      if (m.matched) matched.set(m.topicId, (matched.get(m.topicId) ?? 0) + 1);
      return { articleId: article.id, topicId: m.topicId, score: m.score, matched: m.matched, terms: m.terms };
    });
    return { article, storyId: storyOf.get(article.id) ?? null, topics };
  });
  await store.saveArticles(items, ingestedAt);
  return matched;
}
