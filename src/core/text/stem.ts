/**
 * Light stemming on top of clitic stripping, through the Snowball Arabic and English stemmers.
 *
 * Snowball's Arabic stemmer is aggressive with names (بغداد → غداد, واشنطن → واشنط), so protected
 * words (see normalize.ts) are never stemmed. Stems are for comparing words, never for display.
 */
import { createRequire } from 'node:module';
import { isArabicWord, isProtectedWord, matchTokens } from './normalize.ts';
import { isStopword } from './stopwords.ts';

interface SnowballStemmer {
  stem(word: string): string;
}
const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers') as { newStemmer(language: string): SnowballStemmer };
const arabicStemmer = snowball.newStemmer('arabic');
const englishStemmer = snowball.newStemmer('english');

const LATIN_WORD = /^[a-z][a-z'’.\-]*$/;

/** Stems one match token (already normalised and clitic-stripped). */
export function stemToken(token: string): string {
  if (isProtectedWord(token)) return token;
  if (isArabicWord(token)) {
    const stem = arabicStemmer.stem(token);
    // Very short stems from long words are usually over-stemming; the token itself is safer.
    return stem.length >= 2 ? stem : token;
  }
  if (LATIN_WORD.test(token)) return englishStemmer.stem(token);
  return token;
}

/**
 * Content terms of a text: normalised match tokens without stop words, one-letter tokens or
 * bare punctuation, each stemmed. This is the vocabulary of summaries, stories and ROUGE-style
 * comparisons.
 */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const token of matchTokens(text)) {
    if (token.length < 2 || isStopword(token)) continue;
    out.push(stemToken(token));
  }
  return out;
}
