/**
 * Feed text to a neutral list of entries. RSS 0.9x/1.0/2.0, RDF and Atom go through
 * `@rowanmanning/feed-parser` (lenient with real-world feeds); JSON Feed 1.0/1.1 is read with a
 * zod schema. Whatever cannot be read at all gives a `FeedParseError` with a reason an admin can
 * act on; odd items (no title, no link, a date that is not a date) are kept with the field empty.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { z } from 'zod';

export type FeedFormat = 'rss' | 'atom' | 'json';

export interface FeedEntry {
  guid: string | null;
  title: string | null;
  link: string | null;
  /** ISO instants; null when absent or not a real date. */
  published: string | null;
  updated: string | null;
  /** Full content (HTML or text), when the feed carries it. */
  content: string | null;
  /** Description or summary: often a teaser. */
  summary: string | null;
  author: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  description: string | null;
  language: string | null;
  entries: FeedEntry[];
}

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

function isoOrNull(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  const time = date.getTime();
  // Years outside four digits are typos or epoch errors ("0001", "20266"), not publication dates.
  if (Number.isNaN(time) || date.getUTCFullYear() < 1970 || date.getUTCFullYear() > 9999) return null;
  return date.toISOString();
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

const looseString = z.union([z.string(), z.number()]).transform(String);
const author = z.object({ name: z.string().optional() }).loose();

const jsonFeedSchema = z
  .object({
    version: z.string().refine((value) => /jsonfeed\.org\/version\/1(\.1)?\/?$/.test(value), 'version must be https://jsonfeed.org/version/1 or 1.1'),
    title: z.string().optional(),
    home_page_url: z.string().optional(),
    description: z.string().optional(),
    language: z.string().optional(),
    items: z.array(
      z
        .object({
          id: looseString.optional(),
          url: z.string().optional(),
          external_url: z.string().optional(),
          title: z.string().optional(),
          content_html: z.string().optional(),
          content_text: z.string().optional(),
          summary: z.string().optional(),
          date_published: z.string().optional(),
          date_modified: z.string().optional(),
          author: author.optional(),
          authors: z.array(author).optional(),
        })
        .loose(),
    ),
  })
  .loose();

function parseJsonFeed(source: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    throw new FeedParseError(`not valid JSON: ${(error as Error).message}`);
  }
  const parsed = jsonFeedSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FeedParseError(`not a JSON Feed: ${issue ? `${issue.path.join('.') || 'document'}: ${issue.message}` : 'unexpected shape'}`);
  }
  const feed = parsed.data;
  return {
    format: 'json',
    title: text(feed.title),
    link: text(feed.home_page_url),
    description: text(feed.description),
    language: text(feed.language),
    entries: feed.items.map((item) => ({
      guid: text(item.id),
      title: text(item.title),
      link: text(item.url) ?? text(item.external_url),
      published: isoOrNull(item.date_published),
      updated: isoOrNull(item.date_modified),
      content: text(item.content_html) ?? text(item.content_text),
      summary: text(item.summary),
      author: text(item.authors?.[0]?.name ?? item.author?.name),
    })),
  };
}

function parseXmlFeed(source: string): ParsedFeed {
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(source);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = code === 'INVALID_FEED' ? 'no RSS, RDF or Atom feed found in it' : (error as Error).message;
    throw new FeedParseError(`not a readable feed: ${reason}`);
  }
  const format: FeedFormat = feed.meta.type === 'atom' ? 'atom' : 'rss';
  return {
    format,
    title: text(feed.title),
    link: text(feed.url),
    description: text(feed.description),
    language: text(feed.language),
    entries: feed.items.map((item) => ({
      guid: text(item.id),
      title: text(item.title),
      link: text(item.url),
      published: isoOrNull(item.published),
      updated: isoOrNull(item.updated),
      content: text(item.content),
      summary: text(item.description),
      // Authors are not read from XML feeds: mowjaz shows none, and the parser's author lookup is its slowest getter.
      author: null,
    })),
  };
}

/** Parses feed text of any supported format. Throws `FeedParseError` only. */
export function parseFeedText(source: string): ParsedFeed {
  const trimmed = source.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.length === 0) throw new FeedParseError('the response is empty');
  if (trimmed.startsWith('{')) return parseJsonFeed(trimmed);
  if (!trimmed.startsWith('<')) throw new FeedParseError('neither XML nor JSON');
  try {
    return parseXmlFeed(trimmed);
  } catch (error) {
    // A body cut off mid-tag (a dropped connection, a full disk at the publisher) still holds
    // every entry before the cut: read it again up to the last complete tag.
    const lastTag = trimmed.lastIndexOf('>');
    if (lastTag > 0 && lastTag < trimmed.trimEnd().length - 1) {
      try {
        return parseXmlFeed(trimmed.slice(0, lastTag + 1));
      } catch {
        // Fall through to the original error, which describes the document as it came.
      }
    }
    if (error instanceof FeedParseError) throw error;
    // The parser is lenient but not total: anything it throws is a broken document, not a mowjaz fault.
    throw new FeedParseError(`not a readable feed: ${(error as Error).message}`);
  }
}
