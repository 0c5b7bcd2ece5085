/**
 * An article tokenised once for every topic: the headline and each paragraph become match tokens
 * (normalised, proclitics stripped). Topic patterns never span two paragraphs, so segments are kept
 * apart rather than concatenated.
 */
import { matchTokens } from '../text/normalize.ts';
import { paragraphWords, type ParagraphWords } from '../text/paragraph-words.ts';

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

/** English possessives ('s or ’s at the end): "Iraq's" and "Iraq’s" must match the term "Iraq". */
function isPossessive(token: string): boolean {
  const n = token.length;
  if (n < 2 || token.charCodeAt(n - 1) !== 0x73) return false;
  const mark = token.charCodeAt(n - 2);
  return mark === 0x27 || mark === 0x2019;
}

/** Match tokens as topics compare them: `matchTokens` plus English possessives dropped. */
export function topicTokens(text: string): string[] {
  return dropPossessives(matchTokens(text));
}

function dropPossessives(tokens: string[]): string[] {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (isPossessive(token)) tokens[i] = token.slice(0, -2);
  }
  return tokens;
}

function segmentOf(tokens: string[]): TokenSegment {
  return { tokens, keys: tokens.map((t) => (t.length >= PREFIX_KEY_LENGTH ? t.slice(0, PREFIX_KEY_LENGTH) : '')) };
}

/** A paragraph's match tokens from its words, shared with the summary (see paragraph-words.ts). */
function paragraphTokens(words: ParagraphWords): string[] {
  const tokens: string[] = [];
  for (const forms of words.forms) for (const token of forms.tokens) tokens.push(token);
  return dropPossessives(tokens);
}

export function tokenizeArticle(article: ArticleText): ArticleTokens {
  return {
    title: segmentOf(topicTokens(article.title)),
    paragraphs: paragraphWords(article.paragraphs).map((words) => segmentOf(paragraphTokens(words))),
  };
}
