/**
 * The topics the bot serves, loaded once at start-up: what users see (`TopicCatalog`: ids, names
 * and descriptions in both languages) and what the matcher runs (compiled topics).
 */
import { compileTopic, type CompiledTopic } from '../core/topics/matcher.ts';
import type { TopicDefinition } from '../core/topics/schema.ts';
import type { TopicCatalog, TopicInfo } from '../commands/context.ts';

export interface Topics {
  catalog: TopicCatalog;
  compiled: readonly CompiledTopic[];
}

export function buildTopics(definitions: readonly TopicDefinition[]): Topics {
  const infos: TopicInfo[] = definitions.map((topic) => ({ id: topic.id, name: topic.name, description: topic.description }));
  const byId = new Map(infos.map((info) => [info.id, info]));
  return {
    catalog: { list: () => infos, get: (id) => byId.get(id) },
    compiled: definitions.map((topic) => compileTopic(topic)),
  };
}
