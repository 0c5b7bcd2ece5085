/**
 * Batch story clustering: the same incremental method as the live index, run over a known set
 * of articles in a fixed order and with document frequencies taken from the whole set first, so
 * the result does not depend on the order the articles were given in.
 */
import type { Article, Story } from '../types.ts';
import { extractFeatures, type StoryFeatures } from './features.ts';
import { StoryIndex, type StoryIndexOptions, type StoryStats } from './story-index.ts';
import { TermStats } from './term-stats.ts';

export type ClusterOptions = Omit<StoryIndexOptions, 'stats' | 'updateStats'>;

interface Prepared {
  article: Article;
  features: StoryFeatures;
}

/**
 * Groups articles into stories. Deterministic: articles are taken by publication instant (then
 * id), undated ones after all dated ones; a repeated article id counts once (its first copy in
 * that order). Story ids derive from the founding article's id, so they are stable for the same
 * input and survive the addition of later articles. Stories come in the order they were founded.
 */
export function clusterStories(articles: readonly Article[], options: ClusterOptions = {}): Story[] {
  const prepared: Prepared[] = articles.map((article) => ({ article, features: extractFeatures(article, options) }));
  prepared.sort(byTimeThenId);
  const seen = new Set<string>();
  const unique = prepared.filter(({ article }) => !seen.has(article.id) && seen.add(article.id));

  const stats: StoryStats = { content: new TermStats(), named: new TermStats() };
  for (const { features } of unique) {
    stats.content.addDocument(internAll(features.terms.keys(), stats.content));
    stats.named.addDocument(internAll(features.named, stats.named));
  }
  const index = new StoryIndex({ ...options, stats, updateStats: false });
  for (const { article, features } of unique) index.add(article, features);
  return index.stories();
}

function internAll(terms: Iterable<string>, stats: TermStats): number[] {
  return [...new Set([...terms].map((term) => stats.intern(term)))];
}

function byTimeThenId(a: Prepared, b: Prepared): number {
  const ta = a.features.time;
  const tb = b.features.time;
  if (ta !== tb) {
    if (ta === undefined) return 1;
    if (tb === undefined) return -1;
    return ta - tb;
  }
  return a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0;
}
