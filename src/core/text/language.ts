/**
 * Which language an article is written in, from its letters alone.
 *
 * Arabic news routinely carries Latin runs (names, "CNN", "S&P 500"), so a plain majority vote
 * would misfile an Arabic piece that quotes English at length. Arabic wins from a modest share
 * of Arabic letters; only text that is clearly Latin-script is called English.
 */
import type { Language } from '../types.ts';

/** Share of Arabic letters among all letters from which text counts as Arabic. */
export const ARABIC_SHARE_THRESHOLD = 0.3;

const ARABIC_LETTERS = /[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFC]/gu;
const LATIN_LETTERS = /\p{Script=Latin}/gu;
const LETTERS = /\p{L}/gu;

export interface LetterCounts {
  arabic: number;
  latin: number;
  /** Letters of any other script (Cyrillic, Hebrew, CJK, …). */
  other: number;
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

export function countLetters(text: string): LetterCounts {
  const arabic = count(text, ARABIC_LETTERS);
  const latin = count(text, LATIN_LETTERS);
  return { arabic, latin, other: Math.max(0, count(text, LETTERS) - arabic - latin) };
}

/** Share of Arabic letters among all letters (0 when there are no letters). */
export function arabicShare(text: string): number {
  const { arabic, latin, other } = countLetters(text);
  const total = arabic + latin + other;
  return total === 0 ? 0 : arabic / total;
}

/**
 * 'ar' when at least {@link ARABIC_SHARE_THRESHOLD} of the letters are Arabic, 'en' when the text
 * is mostly Latin. Text without letters (numbers, punctuation, nothing) defaults to 'ar', the
 * product's first language.
 */
export function detectLanguage(text: string): Language {
  const { arabic, latin, other } = countLetters(text);
  const total = arabic + latin + other;
  if (total === 0) return 'ar';
  return arabic / total >= ARABIC_SHARE_THRESHOLD ? 'ar' : 'en';
}
