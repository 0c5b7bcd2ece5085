/**
 * Topic terms as written by people ("الولايات المتحدة", "أمريكي*", "Pentagon") turned into token
 * patterns that compare with article tokens from `topicTokens`. Both sides go through the same
 * normalisation, so one written form matches every spelling the folding unifies (hamza seats,
 * taa marbuta, diacritics, tatweel, case) and every proclitic the article may carry (والعراق,
 * بالعراق, للعراق).
 */
import { normalizeForMatch, wordsOf } from '../text/normalize.ts';
import { topicTokens } from './article-tokens.ts';

export interface PatternToken {
  text: string;
  /** A prefix token matches any article token that starts with `text`. */
  prefix: boolean;
}

export type TermPattern = readonly PatternToken[];

/** Prefixes shorter than this match far too much (عر* would catch عرب, عرض, عرس…). */
export const MIN_PREFIX_LENGTH = 3;

export type ParsedTerm = { ok: true; pattern: TermPattern } | { ok: false; reason: string };

/**
 * Parses one written term. A word ending in `*` is a prefix: `أمريكي*` matches الأمريكية,
 * الأمريكيين, وأمريكيون. Prefix words are only normalised, not clitic-stripped, because a
 * prefix is a fragment (stripping would turn `وزار*` into `زار*`); a leading ال is dropped since
 * article tokens lose theirs too. Write prefixes without proclitics.
 */
export function parseTerm(written: string): ParsedTerm {
  const words = written.trim().split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return { ok: false, reason: 'term is empty' };
  const pattern: PatternToken[] = [];
  for (const word of words) {
    if (word.endsWith('*')) {
      const stemWords = wordsOf(normalizeForMatch(word.slice(0, -1)));
      if (stemWords.length !== 1 || word.slice(0, -1).includes('*')) {
        return { ok: false, reason: `prefix "${word}" must be one word followed by a single *` };
      }
      const stem = stripArticle(stemWords[0] ?? '');
      if (stem.length < MIN_PREFIX_LENGTH) {
        return { ok: false, reason: `prefix "${word}" is shorter than ${MIN_PREFIX_LENGTH} letters after normalisation` };
      }
      pattern.push({ text: stem, prefix: true });
      continue;
    }
    if (word.includes('*')) return { ok: false, reason: `"*" is only allowed at the end of a word, in "${word}"` };
    const tokens = topicTokens(word);
    if (tokens.length === 0) return { ok: false, reason: `"${word}" has no letters or digits` };
    for (const text of tokens) pattern.push({ text, prefix: false });
  }
  return { ok: true, pattern };
}

function stripArticle(token: string): string {
  return token.startsWith('ال') && token.length > 2 + MIN_PREFIX_LENGTH - 1 ? token.slice(2) : token;
}

export function patternMatchesAt(pattern: TermPattern, tokens: readonly string[], at: number): boolean {
  if (at + pattern.length > tokens.length) return false;
  for (let k = 0; k < pattern.length; k++) {
    const want = pattern[k]!;
    const token = tokens[at + k]!;
    if (want.prefix ? !token.startsWith(want.text) : token !== want.text) return false;
  }
  return true;
}

/** Display of a compiled pattern, for explanations and debugging. */
export function describePattern(pattern: TermPattern): string {
  return pattern.map((t) => (t.prefix ? `${t.text}*` : t.text)).join(' ');
}
