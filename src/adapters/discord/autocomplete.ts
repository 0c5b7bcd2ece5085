/**
 * Suggestions while a user types an option Discord autocompletes: topics (by id or by their
 * name in either language, folded the way topic matching folds Arabic and Latin text) and IANA
 * timezones. At most 25, as Discord allows; names in the user's language.
 */
import type { TopicInfo } from '../../commands/context.ts';
import { normalizeForMatch } from '../../core/text/normalize.ts';
import type { Language } from '../../core/types.ts';
import { cutAtCodePoint } from '../../core/render/truncate.ts';

export const MAX_SUGGESTIONS = 25;
const CHOICE_NAME_LIMIT = 100;

export interface Suggestion {
  name: string;
  value: string;
}

/** 0 = starts with what was typed, 1 = contains it, null = unrelated. */
function rank(forms: readonly string[], typed: string): number | null {
  let best: number | null = null;
  for (const form of forms) {
    const at = form.indexOf(typed);
    if (at === 0) return 0;
    if (at > 0) best = 1;
  }
  return best;
}

export function topicSuggestions(topics: readonly TopicInfo[], typed: string, language: Language): Suggestion[] {
  const wanted = normalizeForMatch(typed);
  const ranked: Array<{ topic: TopicInfo; rank: number; order: number }> = [];
  topics.forEach((topic, order) => {
    const forms = [topic.id.toLowerCase(), normalizeForMatch(topic.name.en), normalizeForMatch(topic.name.ar)];
    const score = wanted === '' ? 0 : rank(forms, wanted);
    if (score !== null) ranked.push({ topic, rank: score, order });
  });
  // Catalogue order within a rank: the operator's order is meaningful (flagship topic first).
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return ranked.slice(0, MAX_SUGGESTIONS).map(({ topic }) => ({ name: cutAtCodePoint(topic.name[language] || topic.id, CHOICE_NAME_LIMIT), value: topic.id }));
}

let zones: readonly string[] | null = null;

/** Every zone the runtime knows, plus UTC (not always listed by `supportedValuesOf`). */
export function knownTimeZones(): readonly string[] {
  zones ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
  return zones;
}

function foldZone(text: string): string {
  return text.toLowerCase().replace(/[\s_]+/g, ' ').trim();
}

export function timezoneSuggestions(typed: string, available: readonly string[] = knownTimeZones()): Suggestion[] {
  const wanted = foldZone(typed);
  const ranked: Array<{ zone: string; rank: number }> = [];
  for (const zone of available) {
    const folded = foldZone(zone);
    // "baghdad" should find Asia/Baghdad as readily as "asia/bag" does.
    const score = wanted === '' ? 0 : rank([folded, folded.slice(folded.lastIndexOf('/') + 1)], wanted);
    if (score !== null) ranked.push({ zone, rank: score });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.zone.localeCompare(b.zone));
  return ranked.slice(0, MAX_SUGGESTIONS).map(({ zone }) => ({ name: zone, value: zone }));
}
