/**
 * The services command handlers delegate to, wired to the store and the loaded topics.
 */
import type { CommandServices } from '../commands/context.ts';
import { matchTopics } from '../core/topics/matcher.ts';
import type { Store } from '../store/store.ts';
import { composeNews } from './briefings.ts';
import { digestPreview } from './digest-preview.ts';
import type { Topics } from './topic-catalog.ts';

export const SUBSCRIPTION_DEFAULTS = { localTime: '08:00', frequency: 'daily' } as const;

export function createCommandServices(deps: { store: Store; topics: Topics }): CommandServices {
  const briefingDeps = { store: deps.store, topics: deps.topics.catalog };
  return {
    composeNews: (request) => composeNews(briefingDeps, request),
    digestPreview: (request) => digestPreview(briefingDeps, request),
    explain(article) {
      const bars = new Map(deps.topics.compiled.map((topic) => [topic.id, { minScore: topic.minScore, minCooccurrence: topic.minCooccurrence }]));
      return matchTopics(deps.topics.compiled, article).map((match) => ({ ...match, ...(bars.get(match.topicId) ?? { minScore: 0, minCooccurrence: 0 }) }));
    },
    subscriptionDefaults: SUBSCRIPTION_DEFAULTS,
  };
}
