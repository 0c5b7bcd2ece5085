/**
 * Keeping mixed Arabic/Latin text readable in both directions.
 *
 * Two problems, two tools:
 * - A line's direction is guessed by clients from its first strong character, so an Arabic line
 *   that starts with "CNN" or "Reuters" would be laid out left to right. Every line of a
 *   right-to-left briefing therefore starts with RLM; a left-to-right line that contains Arabic
 *   starts with LRM.
 * - Inside a line, a Latin run followed by punctuation and a number ("زار Biden، 3 مدن") captures
 *   the number and scrambles the order. The run is wrapped so its neighbours resolve against the
 *   line's direction: with isolates (LRI … PDI / RLI … PDI) where the client implements Unicode 6.3
 *   isolates properly, or with a trailing direction mark (RLM / LRM) where it does not.
 *   Text that is mostly in the other script (an English headline in an Arabic briefing) is
 *   isolated as a whole so its own punctuation stays with it.
 *
 * Callers run this after `sanitizeDisplayText`, which removes every bidi control coming from feeds;
 * the marks added here are the only ones in a rendered payload.
 */
import type { Direction } from '../types.ts';

export type BidiStyle = 'isolates' | 'marks' | 'none';

export const LRM = '\u200E';
export const RLM = '\u200F';
export const LRI = '\u2066';
export const RLI = '\u2067';
export const PDI = '\u2069';

// Script_Extensions, not Script: the tatweel (ـ) is Script=Common but written only in these scripts.
const RTL_SCRIPT = /[\p{scx=Arabic}\p{scx=Hebrew}\p{scx=Syriac}\p{scx=Thaana}\p{scx=Nko}\p{scx=Adlam}\p{scx=Mandaic}\p{scx=Samaritan}]/u;
const LETTER = /\p{L}/u;

const OTHER = 0;
const LTR = 1;
const RTL = 2;

/**
 * Strong direction of each BMP code unit, computed on first sight: the scans below run over
 * every piece of every message, and per-character Unicode property regexes were their cost.
 * Astral characters (emoji, rare scripts) count as neutral.
 */
const strength = new Int8Array(0x10000).fill(-1);

function strengthOf(code: number): number {
  let value = strength[code]!;
  if (value < 0) {
    const char = String.fromCharCode(code);
    value = code >= 0xd800 && code <= 0xdfff ? OTHER : LETTER.test(char) ? (RTL_SCRIPT.test(char) ? RTL : LTR) : OTHER;
    strength[code] = value;
  }
  return value;
}

const IN_RUN = new Set([...' -.,:/\'’&+_%#()'].map((c) => c.charCodeAt(0)));
/** Leading digits may open a run only if a letter of the run's script follows within this many units. */
const LEADING_DIGITS_WINDOW = 25;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function markFor(direction: Direction): string {
  return direction === 'rtl' ? RLM : LRM;
}

function isolateFor(direction: Direction): string {
  return direction === 'rtl' ? RLI : LRI;
}

/**
 * URLs written in text. They are atoms: never split by a direction mark (a mark inside would end
 * the link where clients detect it), and they do not count when judging a text's direction.
 */
export const TEXT_URL = /https?:\/\/[^\s<>[\]()]*[^\s<>[\]().,:;"']/g;

interface Part {
  text: string;
  atom: boolean;
}

function splitAtoms(text: string, atom: RegExp): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(atom)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), atom: false });
    parts.push({ text: match[0], atom: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), atom: false });
  return parts;
}

/** The direction most of the text's letters are written in, or null when it has no letters. */
export function dominantDirection(text: string, atom: RegExp = TEXT_URL): Direction | null {
  let rtl = 0;
  let ltr = 0;
  for (const part of splitAtoms(text, atom)) {
    if (part.atom) continue;
    for (let i = 0; i < part.text.length; i += 1) {
      const value = strengthOf(part.text.charCodeAt(i));
      if (value === RTL) rtl += 1;
      else if (value === LTR) ltr += 1;
    }
  }
  if (rtl === 0 && ltr === 0) return null;
  return rtl > ltr ? 'rtl' : 'ltr';
}

function hasRtlLetter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (strengthOf(text.charCodeAt(i)) === RTL) return true;
  return false;
}

/**
 * Wraps every run written in the opposite direction of `base`. A run starts at a letter of the
 * other script (or at digits directly before one), continues over letters, digits and the
 * punctuation that joins words ("U.S.", "F-16", "Joe Biden", "(CNN)") and ends on a letter or digit.
 */
export function wrapForeignRuns(text: string, base: Direction, style: BidiStyle, atom: RegExp = TEXT_URL): string {
  if (style === 'none') return text;
  const foreign: Direction = base === 'rtl' ? 'ltr' : 'rtl';
  const wrap = (run: string): string => (style === 'isolates' ? `${isolateFor(foreign)}${run}${PDI}` : `${run}${markFor(base)}`);
  // URLs are left-to-right: whole atoms are wrapped like any Latin run in a right-to-left line.
  return splitAtoms(text, atom)
    .map((part) => (part.atom ? (base === 'rtl' ? wrap(part.text) : part.text) : wrapRuns(part.text, foreign, wrap)))
    .join('');
}

function wrapRuns(text: string, foreign: Direction, wrap: (run: string) => string): string {
  const wanted = foreign === 'ltr' ? LTR : RTL;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (strengthOf(code) !== wanted) {
      if (!isDigit(code)) {
        i += 1;
        continue;
      }
      let j = i;
      while (j < text.length && j - i < LEADING_DIGITS_WINDOW && (isDigit(text.charCodeAt(j)) || IN_RUN.has(text.charCodeAt(j)))) j += 1;
      if (j >= text.length || strengthOf(text.charCodeAt(j)) !== wanted) {
        i = Math.max(j, i + 1);
        continue;
      }
    }
    let end = i + 1;
    for (let k = i + 1; k < text.length; k += 1) {
      const next = text.charCodeAt(k);
      if (strengthOf(next) === wanted || isDigit(next)) end = k + 1;
      else if (!IN_RUN.has(next)) break;
    }
    out += text.slice(copied, i) + wrap(text.slice(i, end));
    copied = end;
    i = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Prepares one piece of display text (a headline, a sentence, a source name) for a line whose
 * direction is `base`.
 */
export function bidiPiece(text: string, base: Direction, style: BidiStyle, atom: RegExp = TEXT_URL): string {
  if (style === 'none' || text.length === 0) return text;
  const own = dominantDirection(text, atom);
  if (own === null || own === base) return wrapForeignRuns(text, base, style, atom);
  const inner = wrapForeignRuns(text, own, style, atom);
  return style === 'isolates'
    ? `${isolateFor(own)}${inner}${PDI}`
    : `${markFor(own)}${inner}${markFor(own)}${markFor(base)}`;
}

/** Prefixes a rendered line so clients lay it out in the briefing's direction. */
export function bidiLine(line: string, base: Direction, style: BidiStyle): string {
  if (style === 'none') return line;
  if (base === 'rtl') return `${RLM}${line}`;
  return hasRtlLetter(line) || line.includes(RLM) || line.includes(RLI) ? `${LRM}${line}` : line;
}
