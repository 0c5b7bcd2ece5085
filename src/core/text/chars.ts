/**
 * Character tests as code-unit comparisons, for loops that run over every character of every
 * article (a regular expression per character costs far more than the comparison).
 */

/** What `\s` matches: Unicode white space, line terminators and U+FEFF. */
export function isWhiteSpaceCode(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const PUNCTUATION_OR_SYMBOL = /^[\p{P}\p{S}]$/u;
const UNKNOWN = -1;
/** Whether each BMP code unit is punctuation or a symbol, learnt on first sight. */
const BMP_PUNCTUATION = new Int8Array(0x10000).fill(UNKNOWN);

/** Width (1, or 2 for a surrogate pair) of the punctuation or symbol character at `i`, 0 if it is not one. */
function punctuationWidthAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
    return PUNCTUATION_OR_SYMBOL.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let known = BMP_PUNCTUATION[code]!;
  if (known === UNKNOWN) {
    known = PUNCTUATION_OR_SYMBOL.test(String.fromCharCode(code)) ? 1 : 0;
    BMP_PUNCTUATION[code] = known;
  }
  return known;
}

/** Whether the punctuation or symbol character ending just before `end` (a pair counts whole) is one. */
function punctuationWidthBefore(text: string, end: number): number {
  const code = text.charCodeAt(end - 1);
  if ((code & 0xfc00) === 0xdc00 && end >= 2 && (text.charCodeAt(end - 2) & 0xfc00) === 0xd800) {
    return PUNCTUATION_OR_SYMBOL.test(text.slice(end - 2, end)) ? 2 : 0;
  }
  return punctuationWidthAt(text, end - 1);
}

/** The text without its leading and trailing runs of punctuation and symbols (`/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu`). */
export function stripEdgePunctuation(text: string): string {
  let start = 0;
  let width: number;
  while (start < text.length && (width = punctuationWidthAt(text, start)) > 0) start += width;
  let end = text.length;
  while (end > start && (width = punctuationWidthBefore(text, end)) > 0) end -= width;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
