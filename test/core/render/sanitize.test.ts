import { describe, expect, it } from 'vitest';
import { sanitizeDisplayField, sanitizeDisplayText } from '../../../src/core/render/sanitize.ts';

const FEED_BIDI_AND_INVISIBLES: Array<[string, string]> = [
  ['LEFT-TO-RIGHT EMBEDDING', '\u202A'],
  ['RIGHT-TO-LEFT EMBEDDING', '\u202B'],
  ['POP DIRECTIONAL FORMATTING', '\u202C'],
  ['LEFT-TO-RIGHT OVERRIDE', '\u202D'],
  ['RIGHT-TO-LEFT OVERRIDE', '\u202E'],
  ['LEFT-TO-RIGHT ISOLATE', '\u2066'],
  ['RIGHT-TO-LEFT ISOLATE', '\u2067'],
  ['FIRST STRONG ISOLATE', '\u2068'],
  ['POP DIRECTIONAL ISOLATE', '\u2069'],
  ['LEFT-TO-RIGHT MARK', '\u200E'],
  ['RIGHT-TO-LEFT MARK', '\u200F'],
  ['ARABIC LETTER MARK', '\u061C'],
  ['ZERO WIDTH SPACE', '\u200B'],
  ['WORD JOINER', '\u2060'],
  ['ZERO WIDTH NO-BREAK SPACE (BOM)', '\uFEFF'],
  ['SOFT HYPHEN', '\u00AD'],
  ['MONGOLIAN VOWEL SEPARATOR', '\u180E'],
  ['HANGUL FILLER', '\u3164'],
  ['TAG LATIN SMALL LETTER A', '\u{E0061}'],
];

describe('sanitizeDisplayText', () => {
  it.each(FEED_BIDI_AND_INVISIBLES)('given a feed string containing %s, then the character is removed', (_, char) => {
    expect(sanitizeDisplayText(`abc${char}def ${char}العراق${char}`)).toBe('abcdef العراق');
  });

  it.each([
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['ESC (terminal escape)', '\u001B'],
    ['DEL', '\u007F'],
    ['C1 CSI', '\u009B'],
  ])('given the control character %s, then it is removed', (_, char) => {
    expect(sanitizeDisplayText(`red${char}[31m text`)).toBe('red[31m text');
  });

  it('given tabs, line breaks and runs of spaces in a single-line field, then they collapse to single spaces', () => {
    expect(sanitizeDisplayText('  Iraq\t\tand\n\nthe\u2028US\u00A0 \u3000talk  ')).toBe('Iraq and the US talk');
  });

  it('given a multiline field, then paragraphs survive with at most one blank line between them', () => {
    expect(sanitizeDisplayText('one  \r\n two\n\n\n\nthree', { multiline: true })).toBe('one\ntwo\n\nthree');
  });

  it('given a ZWJ emoji sequence, then the joiners inside it are kept', () => {
    const family = '👨\u200D👩\u200D👧';
    expect(sanitizeDisplayText(`family ${family} emoji`)).toBe(`family ${family} emoji`);
  });

  it('given a ZWNJ inside a Persian word, then it is kept; stray joiners at word edges are removed', () => {
    expect(sanitizeDisplayText('می\u200Cخواهم')).toBe('می\u200Cخواهم');
    expect(sanitizeDisplayText('\u200Dstart \u200C\u200D middle end\u200D')).toBe('start middle end');
  });

  it('given more than four combining marks on one letter, then the stack is capped and Arabic harakat stay intact', () => {
    expect(sanitizeDisplayText(`Z${'\u0301'.repeat(40)}algo`)).toBe(`Z${'\u0301'.repeat(4)}algo`);
    expect(sanitizeDisplayText('مُحَمَّدٌ')).toBe('مُحَمَّدٌ');
  });

  it('given a lone surrogate, then it becomes U+FFFD so the payload is valid JSON text', () => {
    expect(sanitizeDisplayText('a\uD83Db \uDC4Dc')).toBe('a\uFFFDb \uFFFDc');
  });

  it.each([undefined, null, 42, {}, ['text']])('given a non-string (%s), then the result is empty', (value) => {
    expect(sanitizeDisplayText(value)).toBe('');
  });
});

describe('sanitizeDisplayField caps', () => {
  it('given text longer than the cap, then it is cut, flagged as truncated, and no surrogate pair is split', () => {
    const result = sanitizeDisplayField('😀'.repeat(100), { maxLength: 51 });
    expect(result.truncated).toBe(true);
    expect(result.text).toBe('😀'.repeat(25));
  });

  it('given a flag sequence at the cap, then the pair of regional indicators is not separated', () => {
    const result = sanitizeDisplayField(`ab${'🇮🇶'.repeat(10)}`, { maxLength: 8 });
    expect(result.text).toBe('ab🇮🇶');
  });

  it('given a megabyte of text, then the work is bounded and the result is capped', () => {
    const started = performance.now();
    const result = sanitizeDisplayField('كلمة '.repeat(200_000), { maxLength: 1000 });
    expect(performance.now() - started).toBeLessThan(200);
    expect(result.text.length).toBeLessThanOrEqual(1000);
    expect(result.truncated).toBe(true);
  });

  it('given text within the cap, then it is not flagged', () => {
    expect(sanitizeDisplayField('short', { maxLength: 10 })).toEqual({ text: 'short', truncated: false });
  });
});
