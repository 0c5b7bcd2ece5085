/**
 * Boilerplate that only shows across pages: what one outlet prints on many of its pages (a
 * subscription prompt, a footer sentence, a "more news" widget) is not part of any of them.
 *
 * - `BoilerplateFilter` learns, per source, on how many distinct pages each line occurs and
 *   removes the lines seen on at least `minPages` pages.
 * - `removeForeignLeads` removes paragraphs that are the lead of *another* article of the same
 *   source (CNN appends the leads of unrelated stories to its articles), and stand-alone lines
 *   that are another article's headline (BBC's related-story links).
 * - `trailingForeignLeads` finds, in one article, a closing run of stand-alone leads of unrelated
 *   stories when the batch does not hold their articles.
 * - `relatedHeadlineRuns` finds links to related stories left in the text as runs of headlines.
 * Lines are compared in matching form (spelling variants and invisibles folded), never changed.
 * Neither step ever empties an article: if every paragraph would go, the article is left as it was.
 */
import { normalizeForMatch } from '../text/normalize.ts';
import { contentTerms } from '../text/stem.ts';
import { shapeOf } from './line-text.ts';

export interface BoilerplateOptions {
  /** Distinct pages of one source a line must occur on to count as boilerplate. Default 3. */
  minPages?: number;
  /**
   * Tells whether pages are all reports of one story. A line shared only by follow-ups of one
   * story is its background paragraph, not boilerplate; without this callback every repeated
   * line counts.
   */
  isOneStory?: (sourceId: string, pageIds: readonly string[]) => boolean;
}

export const DEFAULT_MIN_PAGES = 3;

function lineKey(line: string): string {
  return normalizeForMatch(line);
}

export class BoilerplateFilter {
  readonly minPages: number;
  private readonly isOneStory: BoilerplateOptions['isOneStory'];
  /** source id → line key → ids of the pages it occurred on. */
  private readonly seen = new Map<string, Map<string, Set<string>>>();

  constructor(options: BoilerplateOptions = {}) {
    const minPages = options.minPages ?? DEFAULT_MIN_PAGES;
    if (!Number.isInteger(minPages) || minPages < 2) {
      throw new RangeError(`minPages must be an integer of at least 2 (got ${String(minPages)})`);
    }
    this.minPages = minPages;
    this.isOneStory = options.isOneStory;
  }

  /** Records the lines of one page. Observing the same page again does not count twice. */
  observe(sourceId: string, pageId: string, lines: readonly string[]): void {
    let bySource = this.seen.get(sourceId);
    if (!bySource) {
      bySource = new Map();
      this.seen.set(sourceId, bySource);
    }
    for (const line of lines) {
      const key = lineKey(line);
      if (key.length === 0) continue;
      let pages = bySource.get(key);
      if (!pages) {
        pages = new Set();
        bySource.set(key, pages);
      }
      pages.add(pageId);
    }
  }

  /** On how many distinct pages of the source the line has been seen. */
  pageCount(sourceId: string, line: string): number {
    return this.seen.get(sourceId)?.get(lineKey(line))?.size ?? 0;
  }

  isBoilerplate(sourceId: string, line: string): boolean {
    const pages = this.seen.get(sourceId)?.get(lineKey(line));
    if (!pages || pages.size < this.minPages) return false;
    return !this.isOneStory?.(sourceId, [...pages]);
  }

  /** Splits a page's lines into kept and boilerplate; keeps them all rather than return an empty page. */
  filter(sourceId: string, lines: readonly string[]): { kept: string[]; dropped: string[] } {
    const kept: string[] = [];
    const dropped: string[] = [];
    for (const line of lines) (this.isBoilerplate(sourceId, line) ? dropped : kept).push(line);
    return kept.length === 0 ? { kept: [...lines], dropped: [] } : { kept, dropped };
  }

  /** Lines of the source seen on at least `minPages` pages, most frequent first (for reports). */
  boilerplateKeys(sourceId: string): { key: string; pages: number }[] {
    const bySource = this.seen.get(sourceId);
    if (!bySource) return [];
    return [...bySource.entries()]
      .map(([key, pages]) => ({ key, pages: pages.size }))
      .filter((entry) => entry.pages >= this.minPages && !this.isOneStory?.(sourceId, [...(bySource.get(entry.key) ?? [])]))
      .sort((a, b) => b.pages - a.pages || (a.key < b.key ? -1 : 1));
  }
}

/** What the cross-article steps need to know of each article of a batch. */
export interface BatchPage {
  id: string;
  sourceId: string;
  title: string;
  paragraphs: string[];
  /** The article's lead as other pages would quote it (its abstract, its first paragraph without dateline). */
  leads: string[];
}

export type ForeignLeadRule = 'more-news' | 'related-headline';

export interface ForeignLeadRemoval {
  pageId: string;
  paragraph: string;
  rule: ForeignLeadRule;
  /** The article whose lead or headline the paragraph is. */
  ownerId: string;
}

/**
 * Removes, from each page, paragraphs (never the first) that equal the lead or the headline of a
 * different article of the same source in the batch. Returns the pages with their paragraphs
 * filtered and the list of removals.
 */
export function removeForeignLeads<T extends BatchPage>(pages: readonly T[]): { pages: T[]; removals: ForeignLeadRemoval[] } {
  const leadOwners = new Map<string, Map<string, string>>();
  const titleOwners = new Map<string, Map<string, string>>();
  const remember = (index: Map<string, Map<string, string>>, sourceId: string, text: string, ownerId: string) => {
    const key = lineKey(text);
    if (key.length === 0) return;
    let bySource = index.get(sourceId);
    if (!bySource) {
      bySource = new Map();
      index.set(sourceId, bySource);
    }
    if (!bySource.has(key)) bySource.set(key, ownerId);
  };
  for (const page of pages) {
    for (const lead of page.leads) remember(leadOwners, page.sourceId, lead, page.id);
    remember(titleOwners, page.sourceId, page.title, page.id);
  }

  const removals: ForeignLeadRemoval[] = [];
  const out = pages.map((page) => {
    const own = new Set([...page.leads, page.title].map(lineKey));
    const pageRemovals: ForeignLeadRemoval[] = [];
    const kept = page.paragraphs.filter((paragraph, index) => {
      if (index === 0) return true;
      const key = lineKey(paragraph);
      if (own.has(key)) return true;
      const leadOwner = leadOwners.get(page.sourceId)?.get(key);
      const titleOwner = titleOwners.get(page.sourceId)?.get(key);
      const ownerId = leadOwner ?? titleOwner;
      if (ownerId === undefined || ownerId === page.id) return true;
      pageRemovals.push({ pageId: page.id, paragraph, rule: leadOwner ? 'more-news' : 'related-headline', ownerId });
      return false;
    });
    if (pageRemovals.length === 0 || kept.length === 0) return page;
    removals.push(...pageRemovals);
    return { ...page, paragraphs: kept };
  });
  return { pages: out, removals };
}

/** A trailing run shorter than this is left alone: a widget shows several leads. */
const MIN_TAIL_RUN = 3;
/** Paragraphs that always stay at the top of an article, whatever follows. */
const MIN_KEPT_PARAGRAPHS = 2;
/** Share of a paragraph's content terms shared with the title and lead above which it is on topic. */
const MAX_TAIL_OVERLAP = 0.25;
/** Arabic paragraphs that continue the story open with a conjunction, a quote or a bracket. */
const CONTINUATION = /^(?:[وف]|ثم |كما |لكن|إلا |أما |["«“(\-–—])/u;

/**
 * The index where a closing run of foreign leads starts in an Arabic article, or -1.
 *
 * Some outlets append a "more news" widget to the article text: leads of unrelated stories, each
 * one sentence, with no separator. A paragraph belongs to such a run when it is a single
 * sentence, does not continue the story (Arabic continuation paragraphs open with و / ف, a quote
 * or a bracket) and shares little vocabulary with the title and the lead. Only runs of at least
 * three such paragraphs at the very end count, and the first two paragraphs always stay.
 */
export function trailingForeignLeads(title: string, paragraphs: readonly string[]): number {
  const reference = new Set(contentTerms(`${title}\n${paragraphs[0] ?? ''}`));
  let start = paragraphs.length;
  while (start - 1 >= MIN_KEPT_PARAGRAPHS) {
    const paragraph = paragraphs[start - 1] ?? '';
    const sentences = paragraph.match(/[.!?؟](?:\s|$)/gu)?.length ?? 0;
    if (sentences > 1 || CONTINUATION.test(paragraph.trimStart())) break;
    const terms = contentTerms(paragraph);
    if (terms.length === 0) break;
    const shared = terms.filter((term) => reference.has(term)).length;
    if (shared / terms.length > MAX_TAIL_OVERLAP) break;
    start -= 1;
  }
  return paragraphs.length - start >= MIN_TAIL_RUN ? start : -1;
}

/** Words of a line that reads like another story's headline (sub-headings are shorter). */
const MIN_RELATED_HEADLINE_WORDS = 5;
const MAX_RELATED_HEADLINE_WORDS = 16;
/** List items and continuations are content, whatever their length. */
const LIST_OR_CONTINUATION = /^(?:[وف]|[•·*\-–—]|\d+\s*[-.)])/u;

function isRelatedHeadline(paragraph: string): boolean {
  const shape = shapeOf(paragraph);
  const words = shape.words.length;
  return (
    words >= MIN_RELATED_HEADLINE_WORDS &&
    words <= MAX_RELATED_HEADLINE_WORDS &&
    !shape.endsSentence &&
    !LIST_OR_CONTINUATION.test(paragraph.trimStart())
  );
}

/**
 * Indices of paragraphs that are links to related stories: two or more consecutive lines inside
 * the text (never the first paragraph) that each read like a headline — several words, no
 * sentence punctuation, not a list item or a continuation. A lone unpunctuated line is kept: it
 * is usually a sub-heading.
 */
export function relatedHeadlineRuns(paragraphs: readonly string[]): number[] {
  const out: number[] = [];
  let run: number[] = [];
  const close = () => {
    if (run.length >= 2) out.push(...run);
    run = [];
  };
  paragraphs.forEach((paragraph, index) => {
    if (index > 0 && isRelatedHeadline(paragraph)) run.push(index);
    else close();
  });
  close();
  return out;
}
