/**
 * Display sanitation shared by every renderer.
 *
 * Feed text is hostile until proven otherwise: it may carry bidi overrides that reorder a whole
 * message, zero-width characters that hide words, terminal control codes, lone surrogates that
 * make JSON bodies invalid, "Zalgo" stacks of combining marks, and megabytes of text. This runs
 * before any renderer touches a string; the renderers then add their own direction marks, so the
 * only invisible characters in a payload are ones mowjaz put there on purpose.
 */
import { cutAtCodePoint, cutAtGrapheme } from './truncate.ts';

export interface SanitizeOptions {
  /** Longest result in UTF-16 code units; longer text is cut at a character boundary. */
  maxLength?: number;
  /** Keep single line breaks (paragraphs); otherwise every line break becomes a space. */
  multiline?: boolean;
}

export interface SanitizedText {
  text: string;
  /** True when the cap removed text, so the caller can say the item was shortened. */
  truncated: boolean;
}

export const DEFAULT_SANITIZE_MAX_LENGTH = 8000;

/**
 * Bidi embeddings/overrides/isolates and marks, the Arabic letter mark, zero-width space, word
 * joiner and invisible operators, deprecated format controls, BOM, Mongolian vowel separator,
 * soft hyphen, interlinear annotations, Hangul fillers (used as "blank" names) and tag characters.
 */
const INVISIBLE_OR_REORDERING =
  /[\u00AD\u061C\u115F\u1160\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;

/** C0 controls except tab and line feed, DEL, and C1 controls. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * ZWJ and ZWNJ carry meaning only between two visible characters (emoji sequences, Persian and
 * Indic spelling); anywhere else they are invisible padding and are removed.
 */
const JOINABLE = '[\\p{L}\\p{M}\\p{N}\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\uFE0F]';
const STRAY_JOINERS = new RegExp(`(?<!${JOINABLE})[\\u200C\\u200D]+|[\\u200C\\u200D]+(?!${JOINABLE})`, 'gu');
const JOINER_RUN = /[\u200C\u200D]{2,}/g;

/** More combining marks on one base than any script needs: the rest only stacks glyphs. */
const MAX_MARKS_PER_BASE = 4;
const MARK = /\p{M}/u;
/** Whether each BMP code unit is a combining mark, filled on first sight (see bidi.ts for why). */
const markTable = new Int8Array(0x10000).fill(-1);

function isMark(code: number): boolean {
  let value = markTable[code]!;
  if (value < 0) {
    value = code >= 0xd800 && code <= 0xdfff ? 0 : MARK.test(String.fromCharCode(code)) ? 1 : 0;
    markTable[code] = value;
  }
  return value === 1;
}

function capMarkStacks(text: string): string {
  let out = '';
  let copied = 0;
  let run = 0;
  for (let i = 0; i < text.length; i += 1) {
    run = isMark(text.charCodeAt(i)) ? run + 1 : 0;
    if (run > MAX_MARKS_PER_BASE) {
      out += text.slice(copied, i);
      copied = i + 1;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Pre-cap factor: text this much longer than the cap is cut before the regular expressions run. */
const PRE_CAP_FACTOR = 2;

export function sanitizeDisplayText(input: unknown, options: SanitizeOptions = {}): string {
  return sanitizeDisplayField(input, options).text;
}

export function sanitizeDisplayField(input: unknown, options: SanitizeOptions = {}): SanitizedText {
  if (typeof input !== 'string' || input.length === 0) return { text: '', truncated: false };
  const maxLength = Math.max(0, Math.floor(options.maxLength ?? DEFAULT_SANITIZE_MAX_LENGTH));
  let text = input;
  let truncated = false;
  const preCap = maxLength * PRE_CAP_FACTOR + 256;
  if (text.length > preCap) {
    text = cutAtCodePoint(text, preCap);
    truncated = true;
  }
  if (/[\uD800-\uDFFF]/.test(text)) text = text.replace(LONE_SURROGATE, '\uFFFD');
  text = text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(CONTROL, (c) => (c === '\t' ? ' ' : ''))
    .replace(INVISIBLE_OR_REORDERING, '')
    .replace(STRAY_JOINERS, '')
    .replace(JOINER_RUN, (run) => run.charAt(run.length - 1));
  text = capMarkStacks(text);
  text = options.multiline ? collapseMultiline(text) : text.replace(/\s+/g, ' ').trim();
  if (text.length > maxLength) {
    text = cutAtGrapheme(text, maxLength).trimEnd();
    truncated = true;
  }
  return { text, truncated };
}

function collapseMultiline(text: string): string {
  return text
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
