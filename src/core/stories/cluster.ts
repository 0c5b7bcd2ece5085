/**
 * Batch story clustering: the same incremental method as the live index, run over a known set
 * of articles in a fixed order and with document frequencies taken from the whole set first, so
 * the result does not depend on the order the articles were given in.
 */
import type { Article, Story } from '../types.ts';
import { articleTime } from './features.ts';
import { StoryIndex, type StoryIndexOptions, type StoryStats } from './story-index.ts';
import { TermStats } from './term-stats.ts';

export type ClusterOptions = Omit<StoryIndexOptions, 'stats' | 'updateStats'>;

/**
 * Groups articles into stories. Deterministic: articles are taken by publication instant (then
 * id), undated ones after all dated ones; a repeated article id counts once (its first copy in
 * that order). Story ids derive from the founding article's id, so they are stable for the same
 * input and survive the addition of later articles. Stories come in the order they were founded.
 */
export function clusterStories(articles: readonly Article[], options: ClusterOptions = {}): Story[] {
  const stats: StoryStats = { content: new TermStats(), named: new TermStats() };
  const index = new StoryIndex({ ...options, stats, updateStats: false });
  const ordered = articles.map((article) => ({ article, time: articleTime(article) })).sort(byTimeThenId);
  const seen = new Set<string>();
  // Reduced to vectors one by one, in that order (term ids follow it, so ties break the same way
  // whatever the input order): a large batch never holds every article's word maps at once.
  const unique = ordered.filter(({ article }) => !seen.has(article.id) && seen.add(article.id)).map(({ article }) => index.prepare(article));
  for (const p of unique) {
    stats.content.addDocument(p.content.ids);
    stats.named.addDocument(p.named.ids);
  }
  for (const p of unique) index.add(p);
  return index.stories();
}

function byTimeThenId(a: { article: Article; time: number | undefined }, b: { article: Article; time: number | undefined }): number {
  if (a.time !== b.time) {
    if (a.time === undefined) return 1;
    if (b.time === undefined) return -1;
    return a.time - b.time;
  }
  return a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0;
}
