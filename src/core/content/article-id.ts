/**
 * Article identifiers: `<sourceId>-<first 10 hex digits of sha1(key)>`, where the key is the
 * article's URL when known, else a source-specific stable key (a TREC DOCNO, a file name).
 * The same input always gives the same id, on any machine and from any working directory.
 */
import { createHash } from 'node:crypto';

export function shortHash(text: string, length = 10): string {
  return createHash('sha1').update(text, 'utf8').digest('hex').slice(0, length);
}

export function articleId(sourceId: string, key: string): string {
  return `${sourceId}-${shortHash(key)}`;
}

/**
 * A source id from a display name: ASCII lower-case words joined by hyphens ("Sky News Arabia" →
 * `sky-news-arabia`). Names with no Latin letters (e.g. "المدينة") get a short hash instead.
 */
export function sourceIdFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
  return slug.length > 0 ? slug : `source-${shortHash(name, 8)}`;
}
