/**
 * Words of raw (not yet normalised) text: runs of letters, digits, marks and format characters,
 * joined across single inner apostrophes, dots and hyphens ("U.S.", "al-Sudani", "Iraq's").
 * Format characters (zero-width spaces, bidi marks) count as part of a word, because feeds put
 * them inside words ("العراق<ZWSP>ية") and normalisation removes them; splitting on them would
 * cut the word in two.
 *
 * The scan is a character loop with a learnt table. It gives exactly what the regular expression
 * `[\p{L}\p{N}\p{M}\p{Cf}]+(?:['’.\-][\p{L}\p{N}\p{M}\p{Cf}]+)*` (flags g and u) matches, in well
 * under half the time, and every article passes through it several times.
 */

const WORD_CHAR = /^[\p{L}\p{N}\p{M}\p{Cf}]$/u;
const UNKNOWN = -1;

/** Whether each BMP code unit is a word character, learnt on first sight (lone surrogates are not). */
const BMP_WORD = new Int8Array(0x10000).fill(UNKNOWN);

/** Width in code units of the word character at `i` (1, or 2 for a surrogate pair), 0 when it is not one. */
function wordCharWidth(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
    return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let known = BMP_WORD[code]!;
  if (known === UNKNOWN) {
    known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0;
    BMP_WORD[code] = known;
  }
  return known;
}

/** ' ’ . - */
function isJoiner(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2e || code === 0x2d;
}

/**
 * Where the raw words of a text are, without building them: appends each word's start and the
 * offset just after it to `spans`.
 */
export function rawWordSpans(text: string, spans: number[]): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let width = wordCharWidth(text, i);
    if (width === 0) {
      i += 1;
      continue;
    }
    const start = i;
    i += width;
    for (;;) {
      while (i < n && (width = wordCharWidth(text, i)) > 0) i += width;
      // A joiner continues the word only when a word character follows it.
      if (i + 1 < n && isJoiner(text.charCodeAt(i)) && (width = wordCharWidth(text, i + 1)) > 0) {
        i += 1 + width;
        continue;
      }
      break;
    }
    spans.push(start, i);
  }
}
