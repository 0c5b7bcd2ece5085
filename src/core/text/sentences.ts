/**
 * Sentence splitting for Arabic and English display text.
 *
 * Sentences are verbatim slices of the input: trimmed, with the line breaks of hard-wrapped text
 * (a newspaper column wrapped mid-sentence) replaced by one space, and nothing else changed.
 * `Intl.Segmenter` is not used because it ends a sentence at every line break and knows no
 * abbreviations (د. Dr. U.S.), which are the two cases news text needs most.
 */
import { isWhiteSpaceCode } from './chars.ts';

export interface SentenceSpan {
  /** The sentence as displayed: the slice trimmed, inner line breaks turned into one space. */
  text: string;
  /** Offsets of the untrimmed slice in the input (end exclusive). */
  start: number;
  end: number;
  /** Index of the paragraph (blocks separated by blank lines) the sentence belongs to. */
  paragraph: number;
}

const TERMINATORS = new Set(['.', '!', '?', '؟', '…', '۔', '؛']);
/** Characters that stay with the sentence they close: `He said "yes."`, `قال «نعم».` */
const CLOSERS = new Set(['"', '»', '”', "'", '’', ')', ']', '}', '›']);
const PAIRS: Record<string, string> = { '«': '»', '“': '”', '(': ')', '[': ']', '{': '}', '‹': '›' };
const CLOSING_OF = new Set(Object.values(PAIRS));
/** A quotation longer than this is not kept whole: one sentence should not swallow a page. */
const MAX_PROTECTED_SPAN = 600;

const ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LOWERCASE = /^\p{Ll}/u;
const UPPERCASE = /^\p{Lu}/u;
const DIGIT = /^[\p{Nd}]/u;
const NUMBER = /^[\p{Nd}][\p{Nd}.,٫٬]*$/u;
/** A line that starts a list item or an interview turn begins a new sentence even without a blank line. */
const LIST_ITEM = /^[ \t]*(?:[*•·▪◦‣–—ـ-]|\p{Nd}{1,3}[.)])[ \t]+\S/u;

/** Titles and Latin abbreviations that precede a name or a phrase: never a sentence end. */
const NEVER_END = new Set([
  'dr', 'mr', 'mrs', 'ms', 'prof', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'capt', 'sgt', 'rev', 'hon',
  'pres', 'adm', 'maj', 'cmdr', 'messrs', 'mt', 'ft', 'vs', 'cf', 'e.g', 'i.e', 'viz', 'approx',
]);
/** Abbreviations that precede a number: `No. 5`, `Jan. 12`, `p. 45`, `ص. 45`. */
const BEFORE_NUMBER = new Set([
  'no', 'nos', 'vol', 'p', 'pp', 'fig', 'art', 'sec', 'ch', 'ca', 'op', 'jan', 'feb', 'mar', 'apr', 'jun',
  'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'st',
]);
/** Abbreviations that may also close a sentence: they end it only before a capitalised word. */
const MAY_END = new Set(['etc', 'inc', 'ltd', 'co', 'corp', 'bros', 'jr', 'sr', 'a.m', 'p.m', 'st']);
/** After `U.S.` a capitalised word usually continues the name (U.S. Army) unless it opens a sentence. */
const SENTENCE_STARTERS = new Set([
  'The', 'A', 'An', 'He', 'She', 'It', 'They', 'We', 'I', 'You', 'This', 'That', 'These', 'Those', 'There',
  'But', 'And', 'Yet', 'So', 'In', 'On', 'At', 'As', 'His', 'Her', 'Its', 'Their', 'Our', 'My', 'If', 'When',
  'While', 'After', 'Before', 'However', 'Meanwhile', 'Some', 'Many', 'No',
]);
/**
 * One-letter Arabic abbreviations: د. (doctor), م. (engineer; also ميلادي after a year),
 * ص. (page; صباحا after a time), ق. (قبل), هـ. (هجري), أ. (أستاذ), ج. (جزء), ت. (هاتف), ش. (شارع).
 */
const ARABIC_ABBREVIATIONS = new Set(['د', 'م', 'ص', 'ق', 'ه', 'هـ', 'أ', 'ا', 'ج', 'ت', 'ش', 'س']);
/** Words that continue a sentence after an era or time marker: `عام 1770 م. في مدينة بون`. */
const CONTINUATIONS = new Set(['في', 'من', 'إلى', 'الى', 'على', 'عن', 'حتى', 'مع', 'منذ', 'وفي', 'حين', 'حيث']);

export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map((span) => span.text);
}

/** Sentences with their offsets and paragraph index, for callers that need provenance. */
export function sentenceSpans(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  for (const block of blocksOf(text)) splitBlock(text, block, spans);
  return spans;
}

interface Block {
  start: number;
  end: number;
  paragraph: number;
}

/** Paragraphs are separated by blank lines; a list-item line also opens a new block. */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph = 0;
  let blockStart = -1;
  let sawBlank = false;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim().length === 0) {
      if (blockStart >= 0) blocks.push({ start: blockStart, end: lineStart, paragraph });
      if (blockStart >= 0) sawBlank = true;
      blockStart = -1;
    } else {
      if (blockStart >= 0 && LIST_ITEM.test(line)) {
        blocks.push({ start: blockStart, end: lineStart, paragraph });
        blockStart = -1;
      }
      if (blockStart < 0) {
        if (sawBlank) paragraph += 1;
        sawBlank = false;
        blockStart = lineStart;
      }
    }
    lineStart = lineEnd + 1;
  }
  if (blockStart >= 0) blocks.push({ start: blockStart, end: text.length, paragraph });
  return blocks;
}

/** Positions of the terminators, quotation marks and brackets in text[from, to): the only characters the splitter looks at. */
function markedPositions(text: string, from: number, to: number): number[] {
  // A native scan from mark to mark: marks are a few per sentence.
  const marks: number[] = [];
  MARKED.lastIndex = from;
  while (MARKED.test(text)) {
    const at = MARKED.lastIndex - 1;
    if (at >= to) break;
    marks.push(at);
  }
  return marks;
}

/** The characters CHAR_KINDS does not call plain. */
const MARKED = /[.!?\u061f\u2026\u06d4\u061b"()[\]{}\u00ab\u00bb\u2018-\u203a]/g;

function splitBlock(text: string, block: Block, out: SentenceSpan[]): void {
  const marks = markedPositions(text, block.start, block.end);
  const inside = quotedPositions(text, block.start, block.end, marks);
  const firstOfBlock = out.length;
  let start = block.start;
  let next = block.start;
  for (let m = 0; m < marks.length; m++) {
    const i = marks[m]!;
    if (i < next || !isTerminatorCode(text.charCodeAt(i))) continue;
    let j = i + 1;
    while (j < block.end && (TERMINATORS.has(text[j] ?? '') || CLOSERS.has(text[j] ?? ''))) j++;
    if (!inside?.[j - block.start] && hasLetterOrDigit(text, start, i) && endsSentence(text, start, i, j, block.end)) {
      out.push(span(text, start, j, block.paragraph));
      start = j;
    }
    next = j;
  }
  if (text.slice(start, block.end).trim().length === 0) return;
  const last = out[out.length - 1];
  if (!LETTER_OR_DIGIT.test(text.slice(start, block.end)) && last && out.length > firstOfBlock) {
    // Stray punctuation after the last sentence belongs to it; no character of the input is lost.
    out[out.length - 1] = span(text, last.start, block.end, block.paragraph);
    return;
  }
  out.push(span(text, start, block.end, block.paragraph));
}

/** What each BMP code unit is to the splitter: most characters are nothing, and one table look-up says so. */
const PLAIN = 0;
const TERMINATOR = 1;
const QUOTE_OR_BRACKET = 2;
const CHAR_KINDS = new Uint8Array(0x10000);
for (const code of [0x2e, 0x21, 0x3f, 0x61f, 0x2026, 0x6d4, 0x61b]) CHAR_KINDS[code] = TERMINATOR;
for (const code of [0x22, 0x28, 0x29, 0x5b, 0x5d, 0x7b, 0x7d, 0xab, 0xbb]) CHAR_KINDS[code] = QUOTE_OR_BRACKET;
for (let code = 0x2018; code <= 0x203a; code++) if (CHAR_KINDS[code] === PLAIN) CHAR_KINDS[code] = QUOTE_OR_BRACKET;

function isTerminatorCode(code: number): boolean {
  return CHAR_KINDS[code] === TERMINATOR;
}

function span(text: string, start: number, end: number, paragraph: number): SentenceSpan {
  const slice = text.slice(start, end).trim();
  return { text: slice.includes('\n') ? slice.replace(/\s*\n\s*/g, ' ') : slice, start, end, paragraph };
}

/**
 * Marks boundary positions that fall inside a matched quotation or bracket, so
 * `قال: «العلاقات جيدة. ونعمل على تطويرها».` stays one sentence. Unmatched or very long pairs
 * protect nothing. Position p means "a boundary just before character p". Undefined: no position is inside.
 */
function quotedPositions(text: string, from: number, to: number, marks: readonly number[]): Uint8Array | undefined {
  // Most blocks hold no complete quotation: the tables are only built for those that do.
  let depth: Int32Array | undefined;
  const stack: { close: string; at: number }[] = [];
  for (let m = 0; m < marks.length; m++) {
    const i = marks[m]!;
    // Only quotation marks and brackets matter here.
    if (CHAR_KINDS[text.charCodeAt(i)] !== QUOTE_OR_BRACKET) continue;
    const c = text[i] ?? '';
    const straight = c === '"';
    const opening = PAIRS[c];
    if (straight || CLOSING_OF.has(c)) {
      let k = stack.length - 1;
      while (k >= 0 && stack[k]?.close !== c) k--;
      if (k >= 0) {
        const open = stack[k]?.at ?? i;
        stack.length = k;
        if (i - open <= MAX_PROTECTED_SPAN) {
          depth ??= new Int32Array(to - from + 2);
          depth[open + 1 - from] = (depth[open + 1 - from] ?? 0) + 1;
          depth[i + 1 - from] = (depth[i + 1 - from] ?? 0) - 1;
        }
        continue;
      }
      if (!straight) continue;
    }
    if (straight) stack.push({ close: '"', at: i });
    else if (opening) stack.push({ close: opening, at: i });
  }
  if (depth === undefined) return undefined;
  const inside = new Uint8Array(depth.length);
  let running = 0;
  for (let p = 0; p < depth.length; p++) {
    running += depth[p] ?? 0;
    // The position right after a closing mark is outside again; the closer itself is inside.
    inside[p] = running > 0 ? 1 : 0;
  }
  return inside;
}

/**
 * Decides whether the terminator run text[i..j) ends the sentence that began at `start`.
 */
function endsSentence(text: string, start: number, i: number, j: number, blockEnd: number): boolean {
  const after = text[j];
  const glued = after !== undefined && !/\s/.test(after);
  // Arabic sometimes omits the space after a full stop ("التاسعة.فجاءت", "عام 1959.أتم",
  // "للإنسان .وللناي"); Latin never does (3.5, U.S., example.com).
  if (glued && !(ARABIC_LETTER.test(after) && j === i + 1)) return false;
  const next = nextWord(text, j, blockEnd);
  if (next === '') return true;
  if (LOWERCASE.test(next)) return false;
  const run = text.slice(i, j).replace(/[^.!?؟…۔؛]/g, '');
  if (run !== '.') return true;

  const wordStart = tokenStart(text, start, i);
  const word = text.slice(wordStart, i);
  if (word === '') return true;
  const previousEnd = skipSpaceBack(text, start, wordStart);
  // A numbered list item ("1. …") is not a sentence of its own.
  if (previousEnd === start && /^\p{Nd}{1,3}$/u.test(word)) return false;
  const previous = text.slice(tokenStart(text, start, previousEnd), previousEnd);
  return !isAbbreviation(word, previous, next);
}

function hasLetterOrDigit(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const code = text.charCodeAt(k);
    if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return true;
    if (code > 0x7f && LETTER_OR_DIGIT.test(text[k] ?? '')) return true;
  }
  return false;
}

/** Start of the token that ends at `end`, e.g. "U.S" in "the U.S." or "د" in "د.". */
function tokenStart(text: string, from: number, end: number): number {
  let k = end;
  while (k > from && !isTokenEdge(text.charCodeAt(k - 1))) k--;
  return k;
}

function skipSpaceBack(text: string, from: number, end: number): number {
  let k = end;
  while (k > from && isWhiteSpaceCode(text.charCodeAt(k - 1))) k--;
  return k;
}

/** Characters that end a token when scanning back from a full stop: white space and « “ " ' ‘ ( [ { ‹. */
function isTokenEdge(code: number): boolean {
  return (
    isWhiteSpaceCode(code) ||
    code === 0xab || code === 0x201c || code === 0x22 || code === 0x27 || code === 0x2018 || code === 0x28 || code === 0x5b || code === 0x7b || code === 0x2039
  );
}


function isAbbreviation(word: string, previous: string, next: string): boolean {
  const lower = word.toLowerCase();
  if (ARABIC_LETTER.test(word)) return isArabicAbbreviation(word, previous, next);
  if (NEVER_END.has(lower)) return true;
  if (BEFORE_NUMBER.has(lower) && DIGIT.test(next)) return true;
  // An initial: "George W. Bush", "J. K. Rowling".
  if (/^\p{Lu}$/u.test(word)) return true;
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) {
    // Dotted acronyms: U.S., U.K., a.m.
    if (MAY_END.has(lower)) return !UPPERCASE.test(next);
    return !SENTENCE_STARTERS.has(next);
  }
  if (MAY_END.has(lower)) return !UPPERCASE.test(next);
  return false;
}

function isArabicAbbreviation(word: string, previous: string, next: string): boolean {
  const parts = word.split('.');
  if (!parts.every((part) => ARABIC_ABBREVIATIONS.has(part))) return false;
  if (DIGIT.test(next)) return true;
  // After a year or a time the letter is an era or clock marker (1783 م. / 10 ص.), which
  // usually closes the sentence; before a name it is a title (د. محمد) and never does.
  if (NUMBER.test(previous)) return CONTINUATIONS.has(next);
  return true;
}

/** The word that follows position `from`, without opening quotes or brackets. */
function nextWord(text: string, from: number, to: number): string {
  let k = from;
  while (k < to && isWhiteSpaceCode(text.charCodeAt(k))) k++;
  let end = k;
  while (end < to && end - k < 64 && !isWhiteSpaceCode(text.charCodeAt(end))) end++;
  return text.slice(k, end).replace(/^[«“"'‘(\[{‹*•\-–—ـ]+/u, '');
}
