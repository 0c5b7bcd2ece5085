/**
 * Finding what a user named: topics by id or by their name in either language, so
 * `/news iraq-us-relations`, `/news "Iraq–US relations"` and the Arabic name all work.
 */
import { normalizeForMatch } from '../core/text/normalize.ts';
import type { CommandContext, TopicInfo } from './context.ts';
import { UserError } from './user-error.ts';

export function findTopic(ctx: Pick<CommandContext, 'topics'>, text: string): TopicInfo | undefined {
  const exact = ctx.topics.get(text) ?? ctx.topics.get(text.toLowerCase());
  if (exact) return exact;
  const wanted = normalizeForMatch(text);
  return ctx.topics.list().find((topic) => [topic.id, topic.name.en, topic.name.ar].some((form) => normalizeForMatch(form) === wanted));
}

/** The topic, or a UserError listing the ones that exist. */
export function requireTopic(ctx: Pick<CommandContext, 'topics'>, text: string): TopicInfo {
  const topic = findTopic(ctx, text);
  if (topic) return topic;
  const known = ctx.topics.list().map((candidate) => candidate.id);
  throw new UserError('unknown_topic', { topic: text, topics: known.length > 0 ? known.join(', ') : '—' });
}

export function topicName(ctx: Pick<CommandContext, 'topics' | 'language'>, topicId: string): string {
  return ctx.topics.get(topicId)?.name[ctx.language] ?? topicId;
}
