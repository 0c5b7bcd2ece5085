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

/** Scripts a character is counted under (plain numbers: they fill a typed table). */
const UNKNOWN = -1;
const NONE = 0;
const ARABIC = 1;
const LATIN = 2;
const OTHER = 3;
type Script = number;

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

function scriptOfChar(char: string, code: number): Script {
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) ? LATIN : NONE;
  if (isArabicLetter(code)) return ARABIC;
  if (!LETTER.test(char)) return NONE;
  return LATIN_LETTER.test(char) ? LATIN : OTHER;
}

/** Script of each BMP code unit, learnt on first sight (the Unicode property tests are the slow part). */
const BMP_SCRIPTS = new Int8Array(0x10000).fill(UNKNOWN);

/** Whether a BMP code unit that is not a surrogate is a letter of any script. */
export function isBmpLetter(code: number): boolean {
  let script = BMP_SCRIPTS[code]!;
  if (script === UNKNOWN) {
    script = scriptOfChar(String.fromCharCode(code), code);
    BMP_SCRIPTS[code] = script;
  }
  return script !== NONE;
}

/** Counts letters by script in one pass (articles are long; this runs on every one of them). */
export function countLetters(text: string): LetterCounts {
  let arabic = 0;
  let latin = 0;
  let other = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    let script: Script;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const point = text.codePointAt(i) ?? code;
      script = scriptOfChar(String.fromCodePoint(point), point);
      i += 1;
    } else {
      script = BMP_SCRIPTS[code]!;
      if (script === UNKNOWN) {
        script = scriptOfChar(String.fromCharCode(code), code);
        BMP_SCRIPTS[code] = script;
      }
    }
    if (script === ARABIC) arabic += 1;
    else if (script === LATIN) latin += 1;
    else if (script === OTHER) other += 1;
  }
  return { arabic, latin, other };
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
