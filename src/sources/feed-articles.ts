/**
 * Feed entries and fetched pages to mowjaz `Article`s. Display text is kept as the source wrote
 * it; HTML goes through the project's cleaners (scripts, styles and furniture never reach an
 * article). An entry is recognised across polls by its key: guid, else link, else a hash of its
 * title and date.
 */
import { cleanHtml, cleanHtmlFragment } from '../core/clean/html.ts';
import { articleId, shortHash } from '../core/content/article-id.ts';
import type { Article, Language } from '../core/types.ts';
import type { FeedEntry } from './feed-parse.ts';

export interface SourceRef {
  id: string;
  name: string;
  language: Language;
}

/** Below this much body text an entry is a teaser and its page is worth fetching. */
export const TEASER_MAX_CHARS = 400;

export function entryKey(entry: Pick<FeedEntry, 'guid' | 'link' | 'title' | 'published'>): string {
  if (entry.guid) return `guid:${entry.guid}`;
  if (entry.link) return `url:${entry.link}`;
  return `hash:${shortHash(`${entry.title ?? ''}\u0000${entry.published ?? ''}`, 16)}`;
}

/** The entry's link made absolute against the feed, when it is an http(s) address. */
export function entryUrl(link: string | null, base: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function paragraphsOf(content: string | null): string[] {
  if (!content) return [];
  return cleanHtmlFragment(content).paragraphs;
}

/** Feed titles sometimes carry markup or entities; the headline is their text. */
function plainTitle(title: string | null): string {
  if (!title) return '';
  if (!/[<&]/.test(title)) return title.replace(/\s+/g, ' ').trim();
  return cleanHtmlFragment(title).paragraphs.join(' ').trim();
}

export function isTeaser(paragraphs: readonly string[]): boolean {
  return paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0) < TEASER_MAX_CHARS;
}

export interface EntryArticle {
  key: string;
  article: Article;
  /** Only a teaser came with the feed and the entry links to a page that may hold the rest. */
  teaser: boolean;
}

/**
 * The article an entry describes, or null when it has nothing to show (no title and no text).
 * `now` dates an entry that has no usable date of its own.
 */
export function entryToArticle(entry: FeedEntry, source: SourceRef, context: { feedUrl: string; now: string }): EntryArticle | null {
  const url = entryUrl(entry.link, context.feedUrl);
  const full = paragraphsOf(entry.content);
  const summary = paragraphsOf(entry.summary);
  const paragraphs = full.length >= summary.length && full.join('').length >= summary.join('').length ? full : summary;
  let title = plainTitle(entry.title);
  if (!title && paragraphs.length === 0) return null;
  // A headline-less entry (allowed in RSS) is shown by the start of its text.
  if (!title) title = (paragraphs[0] ?? '').slice(0, 140);
  const key = entryKey(entry);
  const article: Article = {
    id: articleId(source.id, url ?? key),
    sourceId: source.id,
    sourceName: source.name,
    title,
    paragraphs,
    language: source.language,
    fetchedAt: context.now,
    origin: { feedUrl: context.feedUrl, ...(entry.guid ? { guid: entry.guid } : {}) },
  };
  if (url) article.url = url;
  const published = entry.published ?? entry.updated;
  if (published) article.publishedAt = published;
  return { key, article, teaser: url !== undefined && isTeaser(paragraphs) };
}

/**
 * The article with its body taken from its fetched page, when the page holds more than the
 * teaser. The feed's title and date stay: the feed states them on purpose, the page may not.
 */
export function withPageBody(article: Article, html: string, pageUrl: string): Article {
  const page = cleanHtml(html, { url: pageUrl });
  const pageText = page.paragraphs.join('').length;
  if (pageText <= article.paragraphs.join('').length) return article;
  const enriched: Article = { ...article, paragraphs: page.paragraphs };
  if (!enriched.title && page.title) enriched.title = page.title;
  if (!enriched.publishedAt && page.publishedTime) {
    const date = new Date(page.publishedTime);
    if (!Number.isNaN(date.getTime())) enriched.publishedAt = date.toISOString();
  }
  return enriched;
}

/** A standalone article page (a `page` source) as an article keyed by its address. */
export function pageToArticle(html: string, pageUrl: string, source: SourceRef, now: string): Article | null {
  const page = cleanHtml(html, { url: pageUrl });
  if (!page.title && page.paragraphs.length === 0) return null;
  const url = page.canonicalUrl ?? pageUrl;
  const article: Article = {
    id: articleId(source.id, url),
    sourceId: source.id,
    sourceName: source.name,
    url,
    title: page.title || (page.paragraphs[0] ?? '').slice(0, 140),
    paragraphs: page.paragraphs,
    language: source.language,
    fetchedAt: now,
    origin: { feedUrl: pageUrl },
  };
  if (page.publishedTime) {
    const date = new Date(page.publishedTime);
    if (!Number.isNaN(date.getTime())) article.publishedAt = date.toISOString();
  }
  return article;
}
