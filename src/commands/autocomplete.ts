/**
 * Suggestions for options marked `autocomplete` (Discord offers them while the user types; other
 * platforms may use them for hints). Platform-neutral: name shown, value sent back.
 */
import { normalizeForMatch } from '../core/text/normalize.ts';
import type { Language } from '../core/types.ts';
import type { TopicCatalog } from './context.ts';
import type { OptionMeta } from './define-command.ts';

/** Discord shows at most 25 suggestions. */
export const MAX_SUGGESTIONS = 25;

export interface Suggestion {
  name: string;
  value: string;
}

let zones: readonly string[] | null = null;
function timeZones(): readonly string[] {
  zones ??= Intl.supportedValuesOf('timeZone');
  return zones;
}

/** Entries whose forms start with the typed text first, then those that merely contain it. */
function rank<T>(entries: readonly T[], typed: string, forms: (entry: T) => string[]): T[] {
  const wanted = normalizeForMatch(typed);
  if (wanted === '') return [...entries];
  const starts: T[] = [];
  const contains: T[] = [];
  for (const entry of entries) {
    const normalized = forms(entry).map((form) => normalizeForMatch(form));
    if (normalized.some((form) => form.startsWith(wanted) || form.split(/[\s/_-]+/).some((word) => word.startsWith(wanted)))) starts.push(entry);
    else if (normalized.some((form) => form.includes(wanted))) contains.push(entry);
  }
  return [...starts, ...contains];
}

export function suggest(kind: NonNullable<OptionMeta['autocomplete']>, typed: string, context: { topics: TopicCatalog; language: Language }): Suggestion[] {
  if (kind === 'topic') {
    return rank(context.topics.list(), typed, (topic) => [topic.id, topic.name.en, topic.name.ar])
      .slice(0, MAX_SUGGESTIONS)
      .map((topic) => ({ name: topic.name[context.language], value: topic.id }));
  }
  return rank(timeZones(), typed, (zone) => [zone])
    .slice(0, MAX_SUGGESTIONS)
    .map((zone) => ({ name: zone, value: zone }));
}
