/**
 * `/digest`: the briefing a subscription would receive now, built by the same pure step the
 * scheduled digests use (`digestBriefing`), over the window the scheduler would use (since the
 * previous digest, at most a few periods back).
 */
import type { DigestPreview, DigestPreviewRequest, TopicCatalog } from '../commands/context.ts';
import { digestBriefing } from '../digest/compose.ts';
import { MAX_WINDOW_PERIODS } from '../scheduler/plan-run.ts';
import { periodMs } from '../scheduler/next-due.ts';
import type { Store } from '../store/store.ts';

/** The newest articles of a window that are considered, as for scheduled digests. */
export const PREVIEW_MAX_ARTICLES = 300;

export function previewWindow(request: Pick<DigestPreviewRequest, 'since' | 'frequency' | 'now'>): { from: string; to: string } {
  const to = request.now.getTime();
  const period = periodMs(request.frequency);
  const since = request.since === null ? Number.NaN : Date.parse(request.since);
  let from = Number.isFinite(since) ? Math.max(since, to - MAX_WINDOW_PERIODS * period) : to - period;
  if (from >= to) from = to - period;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export async function digestPreview(deps: { store: Store; topics: TopicCatalog }, request: DigestPreviewRequest): Promise<DigestPreview> {
  const window = previewWindow(request);
  const articles = await deps.store.listArticles({ topicId: request.topicId, ingestedAfter: window.from, ingestedUntil: window.to, limit: PREVIEW_MAX_ARTICLES });
  if (articles.length === 0) return { briefing: null, window };
  const matches = await deps.store.getTopicMatches(request.topicId, articles.map((article) => article.id));
  const representatives = new Map<string, string>();
  for (const storyId of new Set(articles.flatMap((article) => (article.storyId ? [article.storyId] : [])))) {
    const story = await deps.store.getStory(storyId);
    if (story) representatives.set(storyId, story.representativeArticleId);
  }
  const briefing = digestBriefing({
    group: { topicId: request.topicId, windowFrom: window.from, windowTo: window.to, language: request.language },
    articles,
    matches,
    representatives,
    topicName: deps.topics.get(request.topicId)?.name,
    now: request.now,
  });
  return { briefing, window };
}
