/**
 * An article tokenised once for every topic: the headline and each paragraph become match tokens
 * (normalised, proclitics stripped). Topic patterns never span two paragraphs, so segments are kept
 * apart rather than concatenated.
 */
import { matchTokens } from '../text/normalize.ts';
import { isKnownOpening, knownOpeningsVersion, openingOf } from './openings.ts';
import { TOPIC_FORMS_UNKNOWN, type WordForms } from '../text/normalize.ts';
import { paragraphWords, type ParagraphWords } from '../text/paragraph-words.ts';

export interface ArticleText {
  title: string;
  paragraphs: readonly string[];
}

/** One headline or paragraph: its tokens and, computed once for every topic, their openings. */
export interface TokenSegment {
  tokens: readonly string[];
  /** `openingOf` each token: a topic skips the tokens whose opening none of its patterns has. */
  openings: readonly number[];
  /** Indices of the tokens whose opening some compiled topic knows (see openings.ts), ascending. */
  candidates: readonly number[];
}

export interface ArticleTokens {
  title: TokenSegment;
  paragraphs: readonly TokenSegment[];
  /** Version of the known openings the candidates were listed with. */
  openingsVersion: number;
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
  const openings = tokens.map(openingOf);
  return { tokens, openings, candidates: candidatesOf(openings) };
}

function candidatesOf(openings: readonly number[]): number[] {
  const candidates: number[] = [];
  for (let i = 0; i < openings.length; i++) if (isKnownOpening(openings[i]!)) candidates.push(i);
  return candidates;
}

/** Works out a word's tokens as topics compare them and their openings, once per distinct word. */
function fillTopicForms(word: WordForms): void {
  const tokens = dropPossessives([...word.tokens]);
  const openings = tokens.map(openingOf);
  if (tokens.length === 1) {
    word.topicToken = tokens[0]!;
    word.topicOpening = openings[0]!;
  } else {
    word.topicTokens = { tokens, openings };
    word.topicOpening = MULTIPLE_TOKENS;
  }
}

/** `topicOpening` of a word with no or several tokens (they are in `topicTokens`). */
const MULTIPLE_TOKENS = -2;

/** A paragraph's match tokens from its words, shared with the summary (see paragraph-words.ts). */
function paragraphSegment(words: ParagraphWords): TokenSegment {
  const tokens: string[] = [];
  const openings: number[] = [];
  for (const word of words.forms) {
    if (word.topicOpening === TOPIC_FORMS_UNKNOWN) fillTopicForms(word);
    if (word.topicOpening !== MULTIPLE_TOKENS) {
      tokens.push(word.topicToken);
      openings.push(word.topicOpening);
      continue;
    }
    const several = word.topicTokens!;
    for (let k = 0; k < several.tokens.length; k++) {
      tokens.push(several.tokens[k]!);
      openings.push(several.openings[k]!);
    }
  }
  return { tokens, openings, candidates: candidatesOf(openings) };
}

export function tokenizeArticle(article: ArticleText): ArticleTokens {
  const openingsVersion = knownOpeningsVersion();
  const words = paragraphWords(article.paragraphs);
  const paragraphs = new Array<TokenSegment>(words.length);
  for (let i = 0; i < words.length; i++) paragraphs[i] = paragraphSegment(words[i]!);
  return { title: segmentOf(topicTokens(article.title)), paragraphs, openingsVersion };
}
