/**
 * What story clustering looks at in an article: its content words, its named terms, the keys
 * that identify exact duplicates, and the instant it belongs to.
 *
 * Everything is derived from the display text through the shared normalisation and stemming
 * (src/core/text), so spelling variants such as الأمريكية / الأميركية compare equal.
 */
import { createHash } from 'node:crypto';
import { contentTermsOf } from '../text/stem.ts';
import { isStopword } from '../text/stopwords.ts';
import { isProtectedWord, matchTokens, normalizeForMatch, stripInvisible } from '../text/normalize.ts';
import type { Article } from '../types.ts';
import { urlKey } from './url-key.ts';

export interface StoryFeatures {
  /** Stemmed content words with their counts; title words count `titleWeight` times. */
  terms: Map<string, number>;
  /** Names, places and numbers, normalised (not stemmed). */
  named: Set<string>;
  /** Comparison key of the URL, when the article has one. */
  urlKey?: string;
  /** Digest of the body (invisible characters and spacing ignored), when long enough to identify it. */
  textKey?: string;
  /** Milliseconds since the epoch from `publishedAt`, else `fetchedAt`; absent when neither parses. */
  time?: number;
}

export interface FeatureOptions {
  /** How many times a title word counts: headlines are the densest statement of the event. */
  titleWeight?: number;
  /**
   * The lead counts in full: this many first paragraphs, extended until `leadWords` words have
   * been read when they are short. News states the event first; later paragraphs carry the
   * background that related but different events share.
   */
  leadParagraphs?: number;
  leadWords?: number;
  /** Weight of each word after the lead (0: the rest of the body is not read). */
  tailWeight?: number;
}

/** Bodies shorter than this (characters) are too generic to prove two articles equal. */
export const MIN_TEXT_KEY_LENGTH = 100;

const DEFAULT_TITLE_WEIGHT = 2;
const DEFAULT_LEAD_PARAGRAPHS = 3;
const DEFAULT_LEAD_WORDS = 40;
const DEFAULT_TAIL_WEIGHT = 0;

export function articleTime(article: Pick<Article, 'publishedAt' | 'fetchedAt'>): number | undefined {
  for (const value of [article.publishedAt, article.fetchedAt]) {
    if (!value) continue;
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  return undefined;
}

export function extractFeatures(article: Article, options: FeatureOptions = {}): StoryFeatures {
  const titleWeight = options.titleWeight ?? DEFAULT_TITLE_WEIGHT;
  const leadParagraphs = options.leadParagraphs ?? DEFAULT_LEAD_PARAGRAPHS;
  const leadWords = options.leadWords ?? DEFAULT_LEAD_WORDS;
  const tailWeight = options.tailWeight ?? DEFAULT_TAIL_WEIGHT;
  const terms = new Map<string, number>();
  const named = new Set<string>();
  const add = (text: string, weight: number): number => {
    const tokens = matchTokens(text);
    for (const term of contentTermsOf(tokens)) terms.set(term, (terms.get(term) ?? 0) + weight);
    if (weight >= 1) addNamedTerms(named, text, tokens);
    return tokens.length;
  };
  add(article.title, titleWeight);
  let words = 0;
  for (const [i, paragraph] of article.paragraphs.entries()) {
    if (i < leadParagraphs || words < leadWords) words += add(paragraph, 1);
    else if (tailWeight > 0) add(paragraph, tailWeight);
    else break;
  }

  const features: StoryFeatures = { terms, named };
  if (article.url && article.url.trim() !== '') features.urlKey = urlKey(article.url);
  const body = article.paragraphs.map(tidyForKey).filter((p) => p !== '').join('\n');
  if (body.length >= MIN_TEXT_KEY_LENGTH) features.textKey = createHash('sha1').update(body).digest('base64');
  const time = articleTime(article);
  if (time !== undefined) features.time = time;
  return features;
}

/** Invisible characters dropped and runs of white space made one space (skipped when already so). */
function tidyForKey(paragraph: string): string {
  const visible = stripInvisible(paragraph);
  return (IRREGULAR_SPACE.test(visible) ? visible.replace(/\s+/g, ' ') : visible).trim();
}

const IRREGULAR_SPACE = /\s\s|[^\S ]/;

/** A capitalised word in Latin script (names, acronyms such as CNN or S&P). */
const CAPITALISED = /\p{Lu}[\p{Script=Latin}\p{N}'’&.\-]*/gu;
const HAS_LATIN_CAPITAL = /\p{Lu}/u;
/** What may precede a word that starts a sentence, where capitals say nothing about names. */
const SENTENCE_START = /(?:^|[.!?؟:;"“«]\s*)$/u;
const LETTER_BEFORE = /[\p{L}\p{N}]$/u;
const NUMBER = /\d+(?:[.,]\d+)*/g;

/**
 * Named terms: Latin words written with a capital other than at the start of a sentence,
 * Arabic tokens on the protected-name list, and numbers of two or more digits. Arabic has no
 * capitals, so its remaining names are found later by rarity across the corpus (see StoryIndex).
 */
export function namedTerms(texts: readonly string[]): Set<string> {
  const named = new Set<string>();
  for (const text of texts) addNamedTerms(named, text, matchTokens(text));
  return named;
}

function addNamedTerms(named: Set<string>, raw: string, tokens: readonly string[]): void {
  if (HAS_LATIN_CAPITAL.test(raw)) {
    const text = stripInvisible(raw);
    for (const match of text.matchAll(CAPITALISED)) {
      const before = text.slice(Math.max(0, match.index - 3), match.index);
      // Inside a word (iPhone, McCain) the capital is not where the name starts; take it whole.
      if (LETTER_BEFORE.test(before) && /\p{Script=Latin}$/u.test(before)) continue;
      // A capital at the start of a sentence says nothing; the same word elsewhere will count.
      if (SENTENCE_START.test(before)) continue;
      const key = normalizeForMatch(match[0]).replace(/[.'’\-]+$/, '');
      if (key.length >= 2 && !isStopword(key)) named.add(key);
    }
  }
  for (const token of tokens) {
    if (isProtectedWord(token)) {
      if (!isStopword(token)) named.add(token);
    } else if (/\d/.test(token)) {
      for (const match of token.matchAll(NUMBER)) if (match[0].replace(/\D/g, '').length >= 2) named.add(match[0]);
    }
  }
}
