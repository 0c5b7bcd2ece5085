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

export interface LetterCounts {
  arabic: number;
  latin: number;
  /** Letters of any other script (Cyrillic, Hebrew, CJK, …). */
  other: number;
}

const LETTER = /\p{L}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

function isArabicLetter(code: number): boolean {
  return (
    (code >= 0x0620 && code <= 0x064a) ||
    (code >= 0x066e && code <= 0x06d3) ||
    (code >= 0x06fa && code <= 0x06ff) ||
    (code >= 0x0750 && code <= 0x077f) ||
    (code >= 0xfb50 && code <= 0xfdfb) ||
    (code >= 0xfe70 && code <= 0xfefc)
  );
}

/** Counts letters by script in one pass (articles are long; this runs on every one of them). */
export function countLetters(text: string): LetterCounts {
  const counts: LetterCounts = { arabic: 0, latin: 0, other: 0 };
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) counts.latin += 1;
    } else if (isArabicLetter(code)) counts.arabic += 1;
    else if (LETTER.test(char)) {
      if (LATIN_LETTER.test(char)) counts.latin += 1;
      else counts.other += 1;
    }
  }
  return counts;
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
