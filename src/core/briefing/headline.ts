/**
 * The headline of a briefing item: the article's own title, or, when the source published none,
 * the first sentence of its body, shortened at a word boundary if it runs long.
 */
import { splitSentences } from '../text/sentences.ts';
import type { Article } from '../types.ts';

/** A first sentence standing in for a title is cut to about this many characters. */
export const MAX_DERIVED_HEADLINE = 160;

export function headlineOf(article: Pick<Article, 'title' | 'paragraphs'>): string {
  const title = article.title.replace(/\s+/g, ' ').trim();
  if (title !== '') return title;
  for (const paragraph of article.paragraphs) {
    const first = splitSentences(paragraph)[0];
    if (first) return shorten(first, MAX_DERIVED_HEADLINE);
  }
  return '';
}

/** Cuts text to at most `max` characters at a word boundary, marking the cut with an ellipsis. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const boundary = cut.search(/\s\S*$/);
  const kept = boundary > max / 2 ? cut.slice(0, boundary) : cut;
  return `${kept.replace(/[\s،,;:؛.\-–—]+$/u, '')}…`;
}
