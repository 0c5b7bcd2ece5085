/**
 * An article tokenised once for every topic: the headline and each paragraph become match tokens
 * (normalised, proclitics stripped). Topic patterns never span two paragraphs, so segments are kept
 * apart rather than concatenated.
 */
import { matchTokens } from '../text/normalize.ts';
import { openingOf } from './openings.ts';
import { paragraphWords, type ParagraphWords } from '../text/paragraph-words.ts';

export interface ArticleText {
  title: string;
  paragraphs: readonly string[];
}

/** One headline or paragraph: its tokens and, computed once for every topic, their openings. */
export interface TokenSegment {
  tokens: readonly string[];
  /** `openingOf` each token: a topic skips the tokens whose opening none of its patterns has. */
  openings: Uint16Array;
}

export interface ArticleTokens {
  title: TokenSegment;
  paragraphs: readonly TokenSegment[];
}

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
  const openings = new Uint16Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) openings[i] = openingOf(tokens[i]!);
  return { tokens, openings };
}

/** A paragraph's match tokens from its words, shared with the summary (see paragraph-words.ts). */
function paragraphTokens(words: ParagraphWords): string[] {
  const tokens: string[] = [];
  for (const forms of words.forms) for (const token of forms.tokens) tokens.push(token);
  return dropPossessives(tokens);
}

export function tokenizeArticle(article: ArticleText): ArticleTokens {
  const words = paragraphWords(article.paragraphs);
  const paragraphs = new Array<TokenSegment>(words.length);
  for (let i = 0; i < words.length; i++) paragraphs[i] = segmentOf(paragraphTokens(words[i]!));
  return { title: segmentOf(topicTokens(article.title)), paragraphs };
}
