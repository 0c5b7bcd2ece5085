/**
 * Measurements of one line of page text, shared by the furniture rules and the page cleaner.
 *
 * Display text is never normalised: the only change ever made to a kept line is trimming and
 * collapsing runs of spaces (`tidyLine`). Invisible characters stay; the renderers neutralise them.
 */
import { isWhiteSpaceCode } from '../text/chars.ts';
import { countLetters, isBmpLetter } from '../text/language.ts';

/**
 * Horizontal white space a scraper leaves around and inside lines (not U+FEFF: it is invisible,
 * not space): tab, space, U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000.
 */
function isLineSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || code === 0x09;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000;
}

/** Invisible format characters: soft hyphen, ALM, Mongolian vowel separator, zero-widths, bidi controls, BOM. */
function isInvisible(code: number): boolean {
  if (code < 0xad) return false;
  return (
    code === 0xad ||
    code === 0x061c ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

const EDGE_SPACE = /^[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+|[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+$/g;
const SPACE_RUN = /[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]{2,}/g;
/** A space at either end or two in a row: what `tidyLine` changes. */
const UNTIDY = /^[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]|[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]$|[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]{2}/;
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Trims the line and collapses internal runs of spaces to one space; nothing else changes. */
export function tidyLine(line: string): string {
  // Most lines are already tidy: look (one native scan) before building new strings.
  return UNTIDY.test(line) ? line.replace(EDGE_SPACE, '').replace(SPACE_RUN, ' ') : line;
}

/** True when the line has nothing visible (only spaces and invisible characters). */
export function isBlankLine(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (!isLineSpace(code) && !isInvisible(code)) return false;
  }
  return true;
}

/** Splits page text into lines (any line-ending convention). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n|\u2028|\u2029/);
}

export interface LineShape {
  /** White-space separated tokens, invisibles removed. */
  words: string[];
  /** Letters (any script) among the visible, non-space characters. */
  letters: number;
  visible: number;
  /** Ends with sentence punctuation (after closing quotes and brackets). */
  endsSentence: boolean;
  /** Ends with a full stop or ellipsis (a headline does not). */
  endsWithPeriod: boolean;
}

/** Quotes, brackets and asterisks that may follow the final punctuation of a line. */
function isTrailingCloser(code: number): boolean {
  return (
    code === 0x22 || code === 0x27 || code === 0x201d || code === 0x2019 || code === 0xbb || code === 0x203a ||
    code === 0x29 || code === 0x5d || code === 0x7d || code === 0x2a || code === 0x200e || code === 0x200f
  );
}

/** . ! ? ؟ … ؛ : */
function isSentenceEnd(code: number): boolean {
  return code === 0x2e || code === 0x21 || code === 0x3f || code === 0x061f || code === 0x2026 || code === 0x061b || code === 0x3a;
}

/** What `shapeOf` needs to know of a BMP code unit, one table look-up per character. */
const KNOWN = 1;
const SPACE_BIT = 2;
const LETTER_BIT = 4;
/** Invisibles and surrogates: the line takes the general route. */
const SPECIAL_BIT = 8;
const LINE_CHARS = new Uint8Array(0x10000);

function learnLineChar(code: number): number {
  let kind = KNOWN;
  if (isInvisible(code) || (code >= 0xd800 && code <= 0xdfff)) kind |= SPECIAL_BIT;
  else if (isWhiteSpaceCode(code)) kind |= SPACE_BIT;
  else if (isBmpLetter(code)) kind |= LETTER_BIT;
  LINE_CHARS[code] = kind;
  return kind;
}

/** One pass over the line (this runs on every line of every page). */
export function shapeOf(line: string): LineShape {
  const words: string[] = [];
  const n = line.length;
  let visible = 0;
  let letters = 0;
  let wordStart = -1;
  for (let i = 0; i < n; i++) {
    const code = line.charCodeAt(i);
    let kind = LINE_CHARS[code]!;
    if (kind === 0) kind = learnLineChar(code);
    // Invisibles are removed before anything is measured, and surrogate pairs are letters or
    // not as a whole: both are rare enough to take the general route.
    if ((kind & SPECIAL_BIT) !== 0) return shapeOfText(line.replace(INVISIBLE, ''));
    if ((kind & SPACE_BIT) !== 0) {
      if (wordStart >= 0) words.push(line.slice(wordStart, i));
      wordStart = -1;
      continue;
    }
    visible += 1;
    if ((kind & LETTER_BIT) !== 0) letters += 1;
    if (wordStart < 0) wordStart = i;
  }
  if (wordStart >= 0) words.push(line.slice(wordStart));
  const last = lastMark(line);
  return { words, letters, visible, endsSentence: isSentenceEnd(last), endsWithPeriod: last === 0x2e || last === 0x2026 };
}

/** `shapeOf` for text without invisible characters, in separate passes. */
function shapeOfText(text: string): LineShape {
  const words: string[] = [];
  const n = text.length;
  let visible = 0;
  let wordStart = -1;
  for (let i = 0; i < n; i++) {
    if (isWhiteSpaceCode(text.charCodeAt(i))) {
      if (wordStart >= 0) words.push(text.slice(wordStart, i));
      wordStart = -1;
    } else {
      visible += 1;
      if (wordStart < 0) wordStart = i;
    }
  }
  if (wordStart >= 0) words.push(text.slice(wordStart));
  const counts = countLetters(text);
  const last = lastMark(text);
  return { words, letters: counts.arabic + counts.latin + counts.other, visible, endsSentence: isSentenceEnd(last), endsWithPeriod: last === 0x2e || last === 0x2026 };
}

/** The last character before trailing closers and spaces (-1 when there is none). */
function lastMark(text: string): number {
  let end = text.length;
  while (end > 0) {
    const code = text.charCodeAt(end - 1);
    if (!isTrailingCloser(code) && !isWhiteSpaceCode(code)) break;
    end -= 1;
  }
  return end > 0 ? text.charCodeAt(end - 1) : -1;
}

/** Letters as a share of visible characters (1 for pure prose, near 0 for "| — | 12:30"). */
export function letterRatio(shape: LineShape): number {
  return shape.visible === 0 ? 0 : shape.letters / shape.visible;
}
