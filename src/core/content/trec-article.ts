/**
 * A TREC news document (ANT corpus format) as an Article.
 *
 * The outlets' quirks handled here, one document at a time:
 * - the ABSTRACT repeats the first paragraph in most outlets: it is never duplicated; an abstract
 *   that is not part of the text (BBC's own summaries) becomes the first paragraph;
 * - furniture lines inside TEXT (app promotions, agency credit lines, "للمزيد:" links, opinion
 *   disclaimers, "*نقلاً عن" lines, lines of dashes) are removed by the furniture rules.
 * - runs of related-story headlines left inside the text (BBC) are removed;
 * - a closing run of unrelated stories' leads (CNN's "more news" widget) is cut from Arabic text;
 * Quirks that need the other articles of the batch (CNN's "more news" leads, lines repeated across
 * pages) are handled by the loader.
 */
import { relatedHeadlineRuns, trailingForeignLeads } from '../clean/boilerplate.ts';
import { furnitureReason } from '../clean/furniture.ts';
import { isBlankLine, tidyLine } from '../clean/line-text.ts';
import { detectLanguage } from '../text/language.ts';
import { matchTokens, normalizeForMatch } from '../text/normalize.ts';
import type { Article } from '../types.ts';
import { articleId, sourceIdFromName } from './article-id.ts';
import { toIsoInstant } from './dates.ts';
import { knownSource, type SourceInfo } from './sources.ts';
import type { TrecDocument } from './trec.ts';

/** Removal counts by rule name (furniture reasons, `abstract-repeat`, …). */
export type RemovalCounts = Record<string, number>;

export function addCount(counts: RemovalCounts, rule: string, by = 1): void {
  counts[rule] = (counts[rule] ?? 0) + by;
}

/** A line removed from an article's text, and the rule that removed it. */
export interface DroppedLine {
  text: string;
  reason: string;
}

export interface TrecConversion {
  article: Article;
  dropped: DroppedLine[];
  /** The article's lead as other pages may quote it (abstract, first paragraph without dateline). */
  leads: string[];
  removed: RemovalCounts;
}

/** "دبي، الإمارات العربية المتحدة (CNN)—" and similar datelines that open a wire lead. */
const DATELINE = /^[^()\n]{0,80}\(\s*[\p{L} .]{2,30}\s*\)\s*[-–—:]+\s*/u;

export function withoutDateline(paragraph: string): string {
  return paragraph.replace(DATELINE, '');
}

/** Share of the abstract's words an opening must contain for the abstract to count as its repeat. */
const ABSTRACT_REPEAT_COVERAGE = 0.7;
const OPENING_PARAGRAPHS = 3;

/**
 * True when the abstract restates the opening of the text. Outlets edit the repeat slightly
 * (hashtags added, words reordered, two paragraphs merged), so besides exact containment the
 * test is word coverage against the first paragraphs.
 */
export function abstractRepeatsText(abstract: string, paragraphs: readonly string[]): boolean {
  const key = normalizeForMatch(abstract);
  if (paragraphs.some((paragraph) => normalizeForMatch(paragraph).includes(key))) return true;
  const words = new Set(matchTokens(abstract));
  if (words.size === 0) return true;
  const opening = new Set(matchTokens(paragraphs.slice(0, OPENING_PARAGRAPHS).join('\n')));
  let covered = 0;
  for (const word of words) if (opening.has(word)) covered += 1;
  return covered / words.size >= ABSTRACT_REPEAT_COVERAGE;
}

function sourceOf(doc: TrecDocument): SourceInfo {
  const src = doc.source ?? '';
  const known = knownSource(src);
  if (known) return known;
  const name = src.trim() || 'Unknown source';
  return { id: sourceIdFromName(name), name, names: {} };
}

/** Converts a parsed TREC document, reporting what its cleaning removed. */
export function convertTrec(doc: TrecDocument, origin: { path?: string } = {}): TrecConversion {
  const removed: RemovalCounts = {};
  const dropped: DroppedLine[] = [];
  const drop = (text: string, reason: string) => {
    dropped.push({ text, reason });
    addCount(removed, reason);
  };
  const source = sourceOf(doc);
  const paragraphs: string[] = [];
  for (const line of doc.text) {
    if (isBlankLine(line)) continue;
    const tidy = tidyLine(line);
    const reason = furnitureReason(tidy);
    if (reason) drop(tidy, reason);
    else paragraphs.push(tidy);
  }

  const related = new Set(relatedHeadlineRuns(paragraphs));
  if (related.size > 0) {
    const kept = paragraphs.filter((paragraph, index) => {
      if (related.has(index)) drop(paragraph, 'related-headlines');
      return !related.has(index);
    });
    paragraphs.splice(0, paragraphs.length, ...kept);
  }

  const title = tidyLine(doc.title);
  const tail = detectLanguage(paragraphs.join('\n')) === 'ar' ? trailingForeignLeads(title, paragraphs) : -1;
  if (tail >= 0) for (const line of paragraphs.splice(tail)) drop(line, 'lead-tail');

  const abstract = tidyLine(doc.abstract.join(' '));
  const leads: string[] = [];
  if (!isBlankLine(abstract) && !furnitureReason(abstract)) {
    leads.push(abstract);
    if (abstractRepeatsText(abstract, paragraphs)) addCount(removed, 'abstract-repeat');
    else paragraphs.unshift(abstract);
  }
  const first = paragraphs[0];
  if (first !== undefined) leads.push(withoutDateline(first));

  const article: Article = {
    id: articleId(source.id, doc.url ?? doc.docno),
    sourceId: source.id,
    sourceName: source.name,
    title,
    paragraphs,
    language: detectLanguage(`${title}\n${paragraphs.join('\n')}`),
  };
  if (Object.keys(source.names).length > 0) article.sourceNames = source.names;
  if (doc.url) article.url = doc.url;
  const publishedAt = doc.time ? toIsoInstant(doc.time) : undefined;
  if (publishedAt) article.publishedAt = publishedAt;
  article.origin = { ...(origin.path ? { path: origin.path } : {}), ...(doc.docno ? { guid: doc.docno } : {}) };
  return { article, dropped, leads, removed };
}

/** A TREC document as an Article (TIME → ISO `publishedAt`, SRC → source id and display name). */
export function articleFromTrec(doc: TrecDocument, origin: { path?: string } = {}): Article {
  return convertTrec(doc, origin).article;
}
