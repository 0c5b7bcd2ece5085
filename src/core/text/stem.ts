/**
 * Light stemming on top of clitic stripping, through the Snowball Arabic and English stemmers.
 *
 * Snowball's Arabic stemmer is aggressive with names (بغداد → غداد, واشنطن → واشنط), so protected
 * words (see normalize.ts) are never stemmed. Stems are for comparing words, never for display.
 */
import { createRequire } from 'node:module';
import { forgetWordForms, isArabicWord, isProtectedWord, wordFormsOf, type WordForms } from './normalize.ts';
import { isStopword } from './stopwords.ts';

interface SnowballStemmer {
  stem(word: string): string;
}
const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers') as { newStemmer(language: string): SnowballStemmer };
const arabicStemmer = snowball.newStemmer('arabic');
const englishStemmer = snowball.newStemmer('english');

const LATIN_WORD = /^[a-z][a-z'’.\-]*$/;

/**
 * Snowball costs tens of microseconds per word while news reuses a small vocabulary, so stems
 * are remembered. The cache holds only Snowball's output (a pure function of the token); the
 * protected-word check stays outside it because topic files may protect words at run time.
 */
const STEM_CACHE_LIMIT = 200_000;
const stemCache = new Map<string, string>();

function snowballStem(stemmer: SnowballStemmer, token: string): string {
  let stem = stemCache.get(token);
  if (stem === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stem = stemmer.stem(token);
    stemCache.set(token, stem);
  }
  return stem;
}

/** Stems one match token (already normalised and clitic-stripped). */
export function stemToken(token: string): string {
  if (isProtectedWord(token)) return token;
  if (isArabicWord(token)) {
    const stem = snowballStem(arabicStemmer, token);
    // Very short stems from long words are usually over-stemming; the token itself is safer.
    return stem.length >= 2 ? stem : token;
  }
  if (LATIN_WORD.test(token)) return snowballStem(englishStemmer, token);
  return token;
}

/**
 * Content terms of a text: normalised match tokens without stop words, one-letter tokens or
 * bare punctuation, each stemmed. This is the vocabulary of summaries, stories and ROUGE-style
 * comparisons.
 */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const forms of wordFormsOf(text)) {
    const terms = wordTerms(forms);
    if (terms.length === 1) out.push(terms[0]!);
    else for (const term of terms) out.push(term);
  }
  return out;
}

/** Content terms of one raw word's tokens, remembered with the word. */
export function wordTerms(forms: WordForms): readonly string[] {
  forms.terms ??= contentTermsOf(forms.tokens);
  return forms.terms;
}

/**
 * Every distinct content term gets a number, in order of first sight, so that the terms of an
 * article are compared as numbers (summaries number each article's terms again, densely, from
 * these). The numbering starts over, with every remembered word form, once it holds
 * TERM_NUMBER_LIMIT terms; callers check for that between articles (`makeRoomForTermNumbers`),
 * never in the middle of one, so that the numbers of one article always come from one numbering.
 */
const TERM_NUMBER_LIMIT = 1_000_000;
const termNumbers = new Map<string, number>();

export function termNumber(term: string): number {
  let number = termNumbers.get(term);
  if (number === undefined) {
    number = termNumbers.size;
    termNumbers.set(term, number);
  }
  return number;
}

/** Starts the numbering over when it is full; call before numbering the terms of an article. */
export function makeRoomForTermNumbers(): void {
  if (termNumbers.size < TERM_NUMBER_LIMIT) return;
  termNumbers.clear();
  forgetWordForms();
}

/** The numbers of `wordTerms(forms)`, remembered with the word. */
export function wordTermNumbers(forms: WordForms): readonly number[] {
  if (forms.termNumbers === undefined) {
    const terms = wordTerms(forms);
    const numbers = new Array<number>(terms.length);
    for (let i = 0; i < terms.length; i++) numbers[i] = termNumber(terms[i]!);
    forms.termNumbers = numbers;
  }
  return forms.termNumbers;
}

/** `contentTerms` for text already split by `matchTokens`, when the caller needs the tokens too. */
export function contentTermsOf(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    if (token.length < 2 || isStopword(token)) continue;
    out.push(stemToken(token));
  }
  return out;
}
