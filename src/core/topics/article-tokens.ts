/**
 * An article tokenised once for every topic: the headline and each paragraph become match tokens
 * (normalised, proclitics stripped). Topic patterns never span two paragraphs, so segments are kept
 * apart rather than concatenated.
 */
import { matchTokens } from '../text/normalize.ts';

export interface ArticleText {
  title: string;
  paragraphs: readonly string[];
}

/** One headline or paragraph: its tokens and, computed once for every topic, their prefix keys. */
export interface TokenSegment {
  tokens: readonly string[];
  /** The first PREFIX_KEY_LENGTH letters of each token ('' for shorter tokens), for prefix terms. */
  keys: readonly string[];
}

export interface ArticleTokens {
  title: TokenSegment;
  paragraphs: readonly TokenSegment[];
}

/** Every prefix is at least this long (MIN_PREFIX_LENGTH), so its first letters are a safe key. */
export const PREFIX_KEY_LENGTH = 3;

/** English possessives: "Iraq's" and "Iraq’s" must match the term "Iraq". */
const POSSESSIVE = /['’]s$/;

/** Match tokens as topics compare them: `matchTokens` plus English possessives dropped. */
export function topicTokens(text: string): string[] {
  const tokens = matchTokens(text);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (POSSESSIVE.test(token)) tokens[i] = token.slice(0, -2);
  }
  return tokens;
}

function segment(text: string): TokenSegment {
  const tokens = topicTokens(text);
  return { tokens, keys: tokens.map((t) => (t.length >= PREFIX_KEY_LENGTH ? t.slice(0, PREFIX_KEY_LENGTH) : '')) };
}

export function tokenizeArticle(article: ArticleText): ArticleTokens {
  return { title: segment(article.title), paragraphs: article.paragraphs.map(segment) };
}
