/**
 * The platform-neutral data model shared by every stage of the pipeline.
 *
 * Display text (titles, paragraphs, sentences) is always kept exactly as the source wrote it;
 * normalised forms are derived on demand for matching and never shown to users.
 */

export type Language = 'ar' | 'en';
export type Direction = 'rtl' | 'ltr';

export const LANGUAGES: readonly Language[] = ['ar', 'en'];

export function directionOf(language: Language): Direction {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/** An article after cleaning: what the rest of the pipeline works on. */
export interface Article {
  /** Stable identifier: derived from the source and its URL or guid (or the file path). */
  id: string;
  /** Identifier of the outlet or feed, e.g. `al-madina` or `skynews`. */
  sourceId: string;
  /** Human name of the outlet, shown in briefings. */
  sourceName: string;
  /** The outlet's name per UI language when known (e.g. { ar: 'المدينة', en: 'Al-Madina' }); `sourceName` is the fallback. */
  sourceNames?: Partial<Record<Language, string>>;
  /** Canonical URL of the article page, when known. */
  url?: string;
  /** Headline exactly as published (may be empty when the source had none). */
  title: string;
  /** Body paragraphs in reading order, furniture removed, display text untouched. */
  paragraphs: string[];
  language: Language;
  /** ISO-8601 instant the source gives for publication, when known. */
  publishedAt?: string;
  /** ISO-8601 instant mowjaz first saw the article. */
  fetchedAt?: string;
  /** Where the article came from on disk or on the web, for provenance and debugging. */
  origin?: { path?: string; feedUrl?: string; guid?: string };
}

/** One topic term that fired on an article, so users can be told why something matched. */
export interface MatchedTerm {
  /** The term as written in the topic file (display form). */
  term: string;
  /** The topic group it belongs to, e.g. `iraq` or `us`. */
  group: string;
  /** Occurrences in the title plus the body. */
  count: number;
  inTitle: boolean;
  /** Contribution of this term to the score. */
  score: number;
}

export interface TopicMatch {
  topicId: string;
  /** True when every required group fired, nothing excluded it and the score reached the minimum. */
  matched: boolean;
  score: number;
  terms: MatchedTerm[];
  /** Groups that found no term: the reason an article near the topic was left out. */
  missingGroups: string[];
  /** Exclusion terms that fired, if any. */
  excludedBy: string[];
}

/** Several articles reporting the same event. */
export interface Story {
  id: string;
  /** Article ids, the representative first. */
  articleIds: string[];
  /** ISO instants of the earliest and latest article. */
  firstSeen: string;
  lastSeen: string;
}

export interface BriefingSource {
  name: string;
  url?: string;
  publishedAt?: string;
}

export interface BriefingItem {
  /** Story id (or article id for a story of one). */
  id: string;
  headline: string;
  /** One to three extractive sentences, verbatim from the article. */
  summary: string[];
  sources: BriefingSource[];
  /** Terms that made the item match the topic. */
  matchedTerms: string[];
  score: number;
  /** Latest publication instant across the item's sources. */
  publishedAt?: string;
  language: Language;
}

export interface Briefing {
  language: Language;
  direction: Direction;
  /** Topic name and period, e.g. "Iraq–US relations — 28 Nov 2026". */
  title: string;
  topicId?: string;
  period: { from: string; to: string };
  items: BriefingItem[];
}
