/**
 * Fetched bytes to articles: decode, parse, convert each entry. Pure: the poller does the I/O.
 */
import { decodeBytes } from './decode.ts';
import { entryToArticle, type EntryArticle, type SourceRef } from './feed-articles.ts';
import { parseFeedText, type ParsedFeed } from './feed-parse.ts';

export interface FeedRead {
  feed: ParsedFeed;
  items: EntryArticle[];
  /** Entries with neither a title nor any text. */
  empty: number;
  encoding: string;
}

/** Throws `FeedParseError` when the bytes hold no readable feed. */
export function readFeed(bytes: Uint8Array, contentType: string | null, source: SourceRef, context: { feedUrl: string; now: string }): FeedRead {
  const decoded = decodeBytes(bytes, contentType);
  const feed = parseFeedText(decoded.text);
  const items: EntryArticle[] = [];
  let empty = 0;
  for (const entry of feed.entries) {
    const item = entryToArticle(entry, source, context);
    if (item) items.push(item);
    else empty += 1;
  }
  return { feed, items, empty, encoding: decoded.encoding };
}
