/**
 * Stop words for Arabic and English from stopwords-iso, folded with the same normalisation and
 * clitic stripping as the tokens they are compared with (see matchTokens).
 */
import { createRequire } from 'node:module';
import { normalizeForMatch, stripClitics, wordsOf } from './normalize.ts';

const require = createRequire(import.meta.url);
const lists = require('stopwords-iso') as Record<string, string[]>;

/** Reporting verbs and news fillers that carry no topic information in either language. */
const NEWS_FILLERS = [
  'قال', 'قالت', 'وقال', 'وقالت', 'اضاف', 'اضافت', 'واضاف', 'واضافت', 'اكد', 'اكدت', 'اشار', 'اشارت',
  'اوضح', 'اوضحت', 'تابع', 'تابعت', 'يذكر', 'يشار', 'ذكر', 'ذكرت', 'خلال', 'حيث', 'ايضا', 'الى', 'علي',
  'said', 'says', 'told', 'added', 'according', 'also', 'would', 'could',
];

function fold(words: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const word of words) {
    for (const token of wordsOf(normalizeForMatch(word))) out.add(stripClitics(token));
  }
  return out;
}

const STOPWORDS = fold([...(lists['ar'] ?? []), ...(lists['en'] ?? []), ...NEWS_FILLERS]);

/** True for a match token (normalised, clitics stripped) that carries no content. */
export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

export function stopwordCount(): number {
  return STOPWORDS.size;
}
