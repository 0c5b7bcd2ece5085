/**
 * The services command handlers delegate to, wired to the store and the loaded topics.
 */
import type { CommandServices } from '../commands/context.ts';
import { matchTopics } from '../core/topics/matcher.ts';
import { MAX_WINDOW_PERIODS } from '../scheduler/plan-run.ts';
import { periodMs } from '../scheduler/next-due.ts';
import type { Store } from '../store/store.ts';
import { composeNews, composeWindow } from './briefings.ts';
import type { Topics } from './topic-catalog.ts';

/** A digest holds at most this many stories, like the scheduled ones. */
export const DIGEST_MAX_ITEMS = 10;

export const SUBSCRIPTION_DEFAULTS = { localTime: '08:00', frequency: 'daily' } as const;

export function createCommandServices(deps: { store: Store; topics: Topics }): CommandServices {
  const briefingDeps = { store: deps.store, topics: deps.topics.catalog };
  return {
    composeNews: (request) => composeNews(briefingDeps, request),
    async digestPreview(request) {
      const to = request.now.getTime();
      const period = periodMs(request.frequency);
      // The scheduler's rule: since the previous digest, but never more than a few periods back.
      const from = request.since === null ? to - period : Math.max(Date.parse(request.since), to - MAX_WINDOW_PERIODS * period);
      const window = { from: new Date(Math.min(from, to)).toISOString(), to: new Date(to).toISOString() };
      const briefing = await composeWindow(briefingDeps, {
        topicId: request.topicId,
        window,
        language: request.language,
        now: request.now,
        timeZone: request.timeZone,
        maxItems: DIGEST_MAX_ITEMS,
      });
      return { briefing: briefing.items.length > 0 ? briefing : null, window };
    },
    explain(article) {
      const bars = new Map(deps.topics.compiled.map((topic) => [topic.id, { minScore: topic.minScore, minCooccurrence: topic.minCooccurrence }]));
      return matchTopics(deps.topics.compiled, article).map((match) => ({ ...match, ...(bars.get(match.topicId) ?? { minScore: 0, minCooccurrence: 0 }) }));
    },
    subscriptionDefaults: SUBSCRIPTION_DEFAULTS,
  };
}
