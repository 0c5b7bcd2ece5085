/**
 * The display model: a `Briefing` after sanitation, de-duplication and date formatting, shared by
 * every renderer. Whatever the input looks like (missing fields, wrong types, hostile text), the
 * result is well-formed; anything removed for length is flagged so the renderers can say so.
 */
import type { Briefing, BriefingItem, Direction, Language } from '../types.ts';
import { directionOf } from '../types.ts';
import { translate } from '../../i18n/index.ts';
import { DEFAULT_TIME_ZONE, formatInstant, parseInstant } from './dates.ts';
import {
  MAX_HEADLINE_CHARS,
  MAX_NAME_CHARS,
  MAX_SENTENCE_CHARS,
  MAX_SOURCES_LISTED,
  MAX_TERMS_LISTED,
  MAX_TERM_CHARS,
} from './limits.ts';
import { sanitizeDisplayField, sanitizeDisplayText, type SanitizedText } from './sanitize.ts';
import { ELLIPSIS } from './truncate.ts';
import { safeHttpUrl } from './url.ts';

export interface DisplaySource {
  name: string;
  /** Safe http(s) URL, or null when the source had none or an unsafe one. */
  url: string | null;
}

export interface DisplayItem {
  /** 1-based position in the briefing. */
  number: number;
  headline: string;
  sentences: string[];
  sources: DisplaySource[];
  /** Sources beyond the listed ones, shown as a count. */
  moreSources: number;
  terms: string[];
  moreTerms: number;
  /** Formatted publication time, or null when unknown. */
  date: string | null;
  /** ISO instant for platforms that show their own localised time (Discord embeds). */
  timestamp: string | null;
  /** First safe source URL: where "shortened" links point. */
  primaryUrl: string | null;
  language: Language;
  /** True when sanitation already removed text (absurd lengths). */
  cut: boolean;
}

export interface DisplayBriefing {
  language: Language;
  direction: Direction;
  /** Names the topic and the period (see `Briefing.title`). */
  title: string;
  items: DisplayItem[];
  /** Items left out by `maxItems`; a count is shown so nothing disappears silently. */
  omittedItems: number;
}

export interface DisplayOptions {
  /** IANA time zone for dates; invalid zones fall back to UTC. */
  timeZone?: string;
  /** Render at most this many items. */
  maxItems?: number;
}

export function toDisplayBriefing(briefing: Briefing, options: DisplayOptions = {}): DisplayBriefing {
  const language: Language = briefing?.language === 'ar' ? 'ar' : 'en';
  const direction: Direction = briefing?.direction === 'rtl' || briefing?.direction === 'ltr' ? briefing.direction : directionOf(language);
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const rawItems: unknown[] = Array.isArray(briefing?.items) ? briefing.items : [];
  const maxItems = options.maxItems === undefined ? rawItems.length : Math.max(0, Math.floor(options.maxItems));
  const items = rawItems
    .slice(0, maxItems)
    .map((item, index) => toDisplayItem(isObject(item) ? (item as Partial<BriefingItem>) : {}, index + 1, language, timeZone));
  const title = sanitizeDisplayText(briefing?.title, { maxLength: MAX_HEADLINE_CHARS }) || translate(language, 'render.untitledBriefing');
  return {
    language,
    direction,
    title,
    items,
    omittedItems: rawItems.length - items.length,
  };
}

function toDisplayItem(item: Partial<BriefingItem>, number: number, briefingLanguage: Language, timeZone: string): DisplayItem {
  let cut = false;
  const headlineField = marked(sanitizeDisplayField(item.headline, { maxLength: MAX_HEADLINE_CHARS }));
  cut ||= headlineField.truncated;
  const sentences: string[] = [];
  for (const raw of Array.isArray(item.summary) ? item.summary : []) {
    const field = marked(sanitizeDisplayField(raw, { maxLength: MAX_SENTENCE_CHARS }));
    cut ||= field.truncated;
    if (field.text.length > 0) sentences.push(field.text);
  }
  const language: Language = item.language === 'ar' || item.language === 'en' ? item.language : briefingLanguage;
  const sources = uniqueSources(Array.isArray(item.sources) ? item.sources : [], language);
  const terms = uniqueStrings(Array.isArray(item.matchedTerms) ? item.matchedTerms : [], MAX_TERM_CHARS);
  const listedSources = sources.slice(0, MAX_SOURCES_LISTED);
  const listedTerms = terms.slice(0, MAX_TERMS_LISTED);
  const published = parseInstant(item.publishedAt);
  return {
    number,
    headline: headlineField.text || translate(briefingLanguage, 'render.untitled'),
    sentences,
    sources: listedSources,
    moreSources: sources.length - listedSources.length,
    terms: listedTerms,
    moreTerms: terms.length - listedTerms.length,
    date: formatInstant(item.publishedAt, briefingLanguage, timeZone),
    timestamp: published ? published.toISOString() : null,
    primaryUrl: sources.find((source) => source.url !== null)?.url ?? null,
    language,
    cut,
  };
}

/** Text cut by the sanitation cap ends with an ellipsis, like every other cut. */
function marked(field: SanitizedText): SanitizedText {
  return field.truncated ? { text: `${field.text}${ELLIPSIS}`, truncated: true } : field;
}

function uniqueSources(raw: readonly unknown[], language: Language): DisplaySource[] {
  const seen = new Set<string>();
  const result: DisplaySource[] = [];
  for (const entry of raw) {
    if (!isObject(entry)) continue;
    const record = entry as { name?: unknown; url?: unknown };
    const url = safeHttpUrl(record.url);
    const name = sanitizeDisplayText(record.name, { maxLength: MAX_NAME_CHARS }) || hostOf(url) || translate(language, 'render.unnamedSource');
    const key = url ?? `name:${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ name, url });
  }
  return result;
}

function uniqueStrings(raw: readonly unknown[], maxLength: number): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const entry of raw) {
    const text = sanitizeDisplayText(entry, { maxLength });
    if (text.length === 0 || seen.has(text)) continue;
    seen.add(text);
    result.push(text);
  }
  return result;
}

function hostOf(url: string | null): string {
  return url ? new URL(url).hostname.replace(/^www\./, '') : '';
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
