/**
 * Cutting display text to a length without breaking what users see: never inside a surrogate
 * pair, not inside a grapheme cluster (emoji with modifiers, flags, letters with marks),
 * preferably at a sentence end, else at a word boundary.
 */

/**
 * Characters that never start a grapheme cluster: combining marks (including spacing marks),
 * ZWJ, variation selectors, emoji skin-tone modifiers, the keycap mark and tag characters.
 */
const EXTENDS = /^[\p{M}\u200D\uFE00-\uFE0F\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}\u{E0100}-\u{E01EF}]$/u;
/** Prepended concatenation marks (Arabic number signs and the like) bind to what follows. */
const PREPEND = /^[\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u{110BD}\u{110CD}]$/u;
const REGIONAL_INDICATOR = /^[\u{1F1E6}-\u{1F1FF}]$/u;

type Hangul = 'L' | 'V' | 'T' | 'LV' | 'LVT' | null;

function hangulType(char: string): Hangul {
  const code = char.charCodeAt(0);
  if ((code >= 0x1100 && code <= 0x115f) || (code >= 0xa960 && code <= 0xa97c)) return 'L';
  if ((code >= 0x1160 && code <= 0x11a7) || (code >= 0xd7b0 && code <= 0xd7c6)) return 'V';
  if ((code >= 0x11a8 && code <= 0x11ff) || (code >= 0xd7cb && code <= 0xd7fb)) return 'T';
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28 === 0 ? 'LV' : 'LVT';
  return null;
}

/** UAX #29 rules GB6–GB8: Hangul jamo that compose one syllable stay together. */
function joinsHangul(previous: Hangul, next: Hangul): boolean {
  if (previous === 'L') return next === 'L' || next === 'V' || next === 'LV' || next === 'LVT';
  if (previous === 'LV' || previous === 'V') return next === 'V' || next === 'T';
  if (previous === 'LVT' || previous === 'T') return next === 'T';
  return false;
}

/**
 * Longest prefix of `text` of at most `max` UTF-16 units that ends on a grapheme boundary.
 *
 * Walks back from the cut over the extended grapheme cluster rules that occur in news text
 * (UAX #29: extenders, ZWJ sequences, prepend, regional-indicator pairs, Hangul jamo) instead of
 * segmenting the whole prefix with Intl.Segmenter, which costs tens of milliseconds per cut on
 * long text. A single cluster longer than the whole budget (thousands of ZWJ-joined emoji) falls
 * back to a code point boundary: never a split surrogate pair.
 */
export function cutAtGrapheme(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  let end = boundaryBefore(text, max);
  while (end > 0 && !isGraphemeBoundary(text, end)) end = boundaryBefore(text, end - 1);
  return end > 0 ? text.slice(0, end) : cutAtCodePoint(text, max);
}

/** The largest code point boundary at or before `index`. */
function boundaryBefore(text: string, index: number): number {
  const code = text.charCodeAt(index);
  const previous = text.charCodeAt(index - 1);
  return code >= 0xdc00 && code <= 0xdfff && previous >= 0xd800 && previous <= 0xdbff ? index - 1 : index;
}

function codePointBefore(text: string, index: number): string {
  const low = text.charCodeAt(index - 1);
  if (index >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index);
  }
  return text.slice(index - 1, index);
}

function isGraphemeBoundary(text: string, index: number): boolean {
  const next = String.fromCodePoint(text.codePointAt(index) ?? 0);
  const previous = codePointBefore(text, index);
  if (EXTENDS.test(next) || previous === '\u200D' || PREPEND.test(previous)) return false;
  if (joinsHangul(hangulType(previous), hangulType(next))) return false;
  if (REGIONAL_INDICATOR.test(previous) && REGIONAL_INDICATOR.test(next)) {
    let run = 0;
    for (let i = index; i > 0 && REGIONAL_INDICATOR.test(codePointBefore(text, i)); i -= 2) run += 1;
    return run % 2 === 0;
  }
  return true;
}

/** Cuts to at most `max` code units without splitting a surrogate pair. */
export function cutAtCodePoint(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** Cut at the last white space that keeps at least half the budget, else at a grapheme boundary. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const prefix = cutAtGrapheme(text, max);
  if (/\s/.test(text.charAt(prefix.length))) return prefix.trimEnd();
  const space = prefix.search(/\s\S*$/);
  if (space >= max / 2) return prefix.slice(0, space).trimEnd();
  return prefix;
}

const SENTENCE_END = /[.!?؟؛…。](?:["'»”’)\]]*)\s/g;

/** Cut after the last sentence end that keeps at least 40% of the budget, else at a word. */
export function cutAtSentence(text: string, max: number): { text: string; atSentenceEnd: boolean } {
  if (text.length <= max) return { text, atSentenceEnd: true };
  const window = text.slice(0, max + 1);
  let best = -1;
  for (const match of window.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length - 1;
    if (end <= max) best = end;
  }
  if (best >= max * 0.4) return { text: text.slice(0, best).trimEnd(), atSentenceEnd: true };
  return { text: cutAtWord(text, max), atSentenceEnd: false };
}

export const ELLIPSIS = '…';

/**
 * Shortens `text` to at most `max` units, adding an ellipsis when the cut falls mid-sentence.
 * `cut` is true whenever anything was removed.
 */
export function shortenText(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  if (max <= ELLIPSIS.length) return { text: max >= ELLIPSIS.length ? ELLIPSIS : '', cut: true };
  const cut = cutAtSentence(text, max - ELLIPSIS.length);
  return { text: cut.atSentenceEnd ? cut.text : `${cut.text}${ELLIPSIS}`, cut: true };
}

/**
 * Keeps whole sentences while they fit in `max` units (joined by one space); the first sentence
 * that does not fit is cut at a word boundary when enough room is left for it to be useful.
 */
export function shortenSentences(sentences: readonly string[], max: number): { sentences: string[]; cut: boolean } {
  const kept: string[] = [];
  let used = 0;
  for (const sentence of sentences) {
    const cost = (kept.length > 0 ? 1 : 0) + sentence.length;
    if (used + cost <= max) {
      kept.push(sentence);
      used += cost;
      continue;
    }
    const room = max - used - (kept.length > 0 ? 1 : 0);
    if (room >= MIN_USEFUL_FRAGMENT || (kept.length === 0 && room > ELLIPSIS.length)) {
      const shortened = shortenText(sentence, room).text;
      if (shortened.length > 0 && shortened !== ELLIPSIS) kept.push(shortened);
    }
    return { sentences: kept, cut: true };
  }
  return { sentences: kept, cut: false };
}

const MIN_USEFUL_FRAGMENT = 40;

/**
 * Largest integer k in [0, max] for which `fits(k)` holds, assuming `fits` is monotone
 * (true up to some k, false after). Returns -1 when even `fits(0)` is false.
 */
export function largestFitting(max: number, fits: (k: number) => boolean): number {
  if (fits(max)) return max;
  if (!fits(0)) return -1;
  let low = 0;
  let high = max;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return low;
}
