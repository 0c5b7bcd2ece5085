/**
 * Normalisation for matching, never for display.
 *
 * Arabic news spells the same word many ways: الأمريكية and الأميركية, with or without hamza
 * seats, diacritics, tatweel, Persian letter forms or Arabic-Indic digits. Everything that
 * compares text (topics, stories, summaries, ROUGE) goes through these functions so that both
 * sides of a comparison are folded identically.
 */
import { createFastFold } from './fast-fold.ts';
import { rawWordSpans } from './raw-words.ts';
import { WordTable } from './word-table.ts';

/** Zero-width characters, bidi controls and other invisibles that feeds smuggle into words. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Harakat, Quranic marks, superscript alef and small high letters. */
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;
const LATIN_COMBINING = /[\u0300-\u036F]/g;

const LETTER_FOLDS: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
  'ى': 'ي', 'ی': 'ي', 'ې': 'ي', 'ۍ': 'ي',
  'ة': 'ه', 'ۀ': 'ه', 'ہ': 'ه', 'ھ': 'ه',
  'ؤ': 'و',
  'ئ': 'ي',
  'ک': 'ك', 'ڪ': 'ك',
};
const LETTER_FOLD_PATTERN = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

/** Removes characters that are invisible but change how text compares or renders. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Arabic-Indic (٠-٩) and extended Persian (۰-۹) digits to ASCII. */
export function foldDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** Folds Arabic spelling variants: marks, tatweel, alef, yaa, taa marbuta and hamza seats. */
export function foldArabic(text: string): string {
  return text.replace(ARABIC_MARKS, '').replace(TATWEEL, '').replace(LETTER_FOLD_PATTERN, (c) => LETTER_FOLDS[c] ?? c);
}

/** Case- and accent-folds Latin script (Arabic letters have no combining marks in NFD). */
export function foldLatin(text: string): string {
  return text.normalize('NFD').replace(LATIN_COMBINING, '').toLowerCase();
}

/**
 * The definition of the matching form, step by step: compatibility forms (Arabic presentation
 * forms, full-width Latin) are unified by NFKC, invisibles dropped, Arabic and Latin folded,
 * digits made ASCII and runs of white space collapsed. `normalizeForMatch` gives the same result
 * faster; this stays as the reference it is built from and tested against.
 */
export function normalizeForMatchReference(text: string): string {
  const compat = stripInvisible(text.normalize('NFKC'));
  return foldLatin(foldDigits(foldArabic(compat))).normalize('NFC').replace(/\s+/g, ' ').trim();
}

const fastFold = createFastFold(normalizeForMatchReference);

/** The single normalisation used for matching (see `normalizeForMatchReference`). */
export function normalizeForMatch(text: string): string {
  return fastFold(text) ?? normalizeForMatchReference(text);
}

/** Arabic script letters (after folding) — used to tell Arabic tokens from Latin ones. */
const ARABIC_LETTER = /[\u0620-\u064A\u0671-\u06D3]/;

export function isArabicWord(token: string): boolean {
  return ARABIC_LETTER.test(token);
}

/**
 * Words that begin with a letter that is also a clitic (ب ل ك و ف) or with ال as part of the
 * word itself. Stripping would break them (بغداد → غداد, لبنان → بنان, واشنطن → اشنطن), so
 * they are protected in normalised form, with or without their own article.
 */
const PROTECTED_WORDS = new Set(
  [
    'بغداد', 'بيروت', 'بريطانيا', 'بريطاني', 'بلجيكا', 'باكستان', 'بنغازي', 'بومبيو', 'بايدن', 'بوتين',
    'بوش', 'بارزاني', 'بصره', 'بابل', 'بعقوبه', 'بيجي', 'بنتاغون', 'بنتاجون', 'بحرين', 'برلمان',
    'بترول', 'بنك', 'بلد', 'بيت', 'بين', 'بعد', 'بعض', 'بشار', 'بشمركه', 'برنت',
    'لبنان', 'ليبيا', 'لندن', 'لاريجاني', 'لجنه', 'لقاء', 'لكن', 'لعب', 'لاعب',
    'كركوك', 'كردستان', 'كربلاء', 'كربلا', 'كويت', 'كوريا', 'كندا', 'كاظمي', 'كل', 'كان', 'كلينتون',
    'واشنطن', 'وزير', 'وزاره', 'وزراء', 'وكاله', 'ولايات', 'ولايه', 'وفد', 'وقت', 'وضع', 'واحد',
    'فرنسا', 'فنزويلا', 'فلسطين', 'فلسطيني', 'فصائل', 'فيلق', 'فيروس', 'فريق',
    'الله', 'الاول', 'الا', 'التي', 'الذي', 'الذين',
  ].map((w) => foldArabic(w)),
);

/** Adds to the protected list (topic files can protect their own names). */
export function protectWords(words: Iterable<string>): void {
  for (const w of words) PROTECTED_WORDS.add(normalizeForMatch(w));
  forgetWordForms();
}

/** Drops every remembered word form (and what other modules keep with them). */
export function forgetWordForms(): void {
  wordTable.clear();
  generation += 1;
}

/** Changes whenever the protected list does: word forms worked out before then are stale. */
export function formsGeneration(): number {
  return generation;
}

export function isProtectedWord(token: string): boolean {
  return PROTECTED_WORDS.has(token);
}

const MIN_STEM = 2;
/** Article forms, longest first: after a preposition the alef of ال stays (بال) except after ل (لل). */
const ARTICLES = ['بال', 'كال', 'لل', 'ال'];
const PREPOSITIONS = new Set(['ب', 'ك', 'ل']);

/**
 * Removes Arabic proclitics from a normalised token, in the order Arabic writes them: the
 * conjunction و (or ف before an article), then a preposition fused with the article (بال كال لل)
 * or the article alone. A lone preposition is removed only when what remains is a protected
 * name (ببغداد → بغداد), because most words that start with ب ك ل are not prefixed at all.
 * A protected word stops the stripping as soon as it appears, so وبغداد → بغداد, never غداد.
 * Latin tokens pass through.
 */
export function stripClitics(token: string): string {
  if (!isArabicWord(token) || PROTECTED_WORDS.has(token)) return token;
  let rest = token;

  const first = rest[0];
  if (first === 'و' && rest.length - 1 >= 3) {
    rest = rest.slice(1);
  } else if (first === 'ف' && (rest.startsWith('فال') || rest.startsWith('فلل') || PROTECTED_WORDS.has(rest.slice(1)))) {
    rest = rest.slice(1);
  }
  if (PROTECTED_WORDS.has(rest)) return rest;

  for (const article of ARTICLES) {
    if (rest.startsWith(article) && rest.length - article.length >= MIN_STEM) {
      const stem = rest.slice(article.length);
      // "الله" and relative pronouns keep their ال; a protected remainder is always fine.
      return PROTECTED_WORDS.has(rest) ? rest : stem;
    }
  }
  const prep = rest[0];
  if (prep && PREPOSITIONS.has(prep) && PROTECTED_WORDS.has(rest.slice(1))) return rest.slice(1);
  return rest;
}

/** Word pattern: letters and digits of any script, with inner apostrophes, dots in acronyms and hyphens. */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’.\-][\p{L}\p{N}\p{M}]+)*/gu;

/** Splits already normalised text into word tokens. */
export function wordsOf(normalized: string): string[] {
  return normalized.match(WORD) ?? [];
}

/**
 * What matching needs of one raw word, worked out once per distinct word: news reuses a small
 * vocabulary, and normalising, clitic-stripping and stemming every occurrence again was most of
 * the pipeline's time.
 */
export interface WordForms {
  /** Match tokens (normalised, proclitics removed): usually one, none for a word of invisibles. */
  readonly tokens: readonly string[];
  /** Tokens that are figures (start with a digit; normalised tokens carry ASCII digits only). */
  readonly figures: number;
  /** Content terms of the tokens, filled in by `wordTerms` (stem.ts) the first time they are asked for. */
  terms: readonly string[] | undefined;
  /** The numbers of those terms (see `termNumber` in stem.ts), filled in with them. */
  termNumbers: readonly number[] | undefined;
  /** `tokens.length`, kept with the rest so that counting words reads only this object. */
  readonly tokenCount: number;
  /**
   * The tokens as topics compare them, with their openings, filled in by article-tokens.ts on
   * first use: a word of one token (nearly all) keeps it in `topicToken`, others in `topicTokens`.
   */
  topicOpening: number;
  topicToken: string;
  topicTokens: { readonly tokens: readonly string[]; readonly openings: readonly number[] } | undefined;
}

/** `topicOpening` of a word whose topic tokens are not worked out yet. */
export const TOPIC_FORMS_UNKNOWN = -1;

/** The cache is cleared when the protected list changes, since that changes stripping and stemming. */
const TOKEN_CACHE_LIMIT = 200_000;
const wordTable = new WordTable<WordForms>(TOKEN_CACHE_LIMIT);
let generation = 0;

function formsOfNewWord(word: string): WordForms {
  const tokens = wordsOf(normalizeForMatch(word)).map(stripClitics);
  let figures = 0;
  for (const token of tokens) if (isDigit(token.charCodeAt(0))) figures += 1;
  return { tokens, tokenCount: tokens.length, figures, terms: undefined, termNumbers: undefined, topicOpening: TOPIC_FORMS_UNKNOWN, topicToken: '', topicTokens: undefined };
}

/** The forms of the raw word text[start, end), without building the word when it is known. */
export function formsOfRawWordAt(text: string, start: number, end: number): WordForms {
  return wordTable.get(text, start, end, formsOfNewWord);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** The forms of each raw word of a text, in order (see raw-words.ts for what a raw word is). */
export function wordFormsOf(text: string): WordForms[] {
  const spans: number[] = [];
  rawWordSpans(text, spans);
  const out = new Array<WordForms>(spans.length / 2);
  for (let k = 0; k < out.length; k++) out[k] = wordTable.get(text, spans[2 * k]!, spans[2 * k + 1]!, formsOfNewWord);
  return out;
}

/**
 * Tokens for matching: normalised, split into words, proclitics removed.
 * `matchTokens('والأميركية')` → `['اميركيه']`.
 */
export function matchTokens(text: string): string[] {
  const spans: number[] = [];
  rawWordSpans(text, spans);
  const out: string[] = [];
  for (let k = 0; k < spans.length; k += 2) {
    const tokens = wordTable.get(text, spans[k]!, spans[k + 1]!, formsOfNewWord).tokens;
    if (tokens.length === 1) out.push(tokens[0]!);
    else for (const token of tokens) out.push(token);
  }
  return out;
}

/** Number of normalised words in a text (what word budgets and ROUGE count), without building them. */
export function countWords(text: string): number {
  const spans: number[] = [];
  rawWordSpans(text, spans);
  let count = 0;
  for (let k = 0; k < spans.length; k += 2) count += wordTable.get(text, spans[k]!, spans[k + 1]!, formsOfNewWord).tokenCount;
  return count;
}
