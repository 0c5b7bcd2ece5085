/**
 * Measurements of one line of page text, shared by the furniture rules and the page cleaner.
 *
 * Display text is never normalised: the only change ever made to a kept line is trimming and
 * collapsing runs of spaces (`tidyLine`). Invisible characters stay; the renderers neutralise them.
 */
import { countLetters } from '../text/language.ts';

/** Horizontal white space a scraper leaves around and inside lines (not U+FEFF: it is invisible, not space). */
const SPACE = '[ \\t\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000]';
const EDGE_SPACE = new RegExp(`^${SPACE}+|${SPACE}+$`, 'g');
const SPACE_RUN = new RegExp(`${SPACE}{2,}`, 'g');
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Trims the line and collapses internal runs of spaces to one space; nothing else changes. */
export function tidyLine(line: string): string {
  return line.replace(EDGE_SPACE, '').replace(SPACE_RUN, ' ');
}

/** True when the line has nothing visible (only spaces and invisible characters). */
export function isBlankLine(line: string): boolean {
  return tidyLine(line.replace(INVISIBLE, '')).length === 0;
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

const TRAILING_CLOSERS = /["'”’»›)\]}\s\u200E\u200F*]+$/u;
const SENTENCE_END = /[.!?؟…؛:]$/u;
const PERIOD_END = /[.…]$/u;

export function shapeOf(line: string): LineShape {
  const visibleText = line.replace(INVISIBLE, '');
  const words = visibleText.split(/\s+/u).filter((word) => word.length > 0);
  const counts = countLetters(visibleText);
  const letters = counts.arabic + counts.latin + counts.other;
  const visible = visibleText.replace(/\s+/gu, '').length;
  const core = visibleText.replace(TRAILING_CLOSERS, '');
  return {
    words,
    letters,
    visible,
    endsSentence: SENTENCE_END.test(core),
    endsWithPeriod: PERIOD_END.test(core),
  };
}

/** Letters as a share of visible characters (1 for pure prose, near 0 for "| — | 12:30"). */
export function letterRatio(shape: LineShape): number {
  return shape.visible === 0 ? 0 : shape.letters / shape.visible;
}
