import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlankLine, shapeOf, tidyLine, type LineShape } from '../../../src/core/clean/line-text.ts';
import { countLetters } from '../../../src/core/text/language.ts';

// The measurements as regular expressions: the specification the one-pass versions must meet.
const SPACE = '[ \\t\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000]';
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const specTidy = (line: string) => line.replace(new RegExp(`^${SPACE}+|${SPACE}+$`, 'g'), '').replace(new RegExp(`${SPACE}{2,}`, 'g'), ' ');
const specBlank = (line: string) => specTidy(line.replace(INVISIBLE, '')).length === 0;
function specShape(line: string): LineShape {
  const visibleText = line.replace(INVISIBLE, '');
  const counts = countLetters(visibleText);
  const core = visibleText.replace(/["'”’»›)\]}\s\u200E\u200F*]+$/u, '');
  return {
    words: visibleText.split(/\s+/u).filter((word) => word.length > 0),
    letters: counts.arabic + counts.latin + counts.other,
    visible: visibleText.replace(/\s+/gu, '').length,
    endsSentence: /[.!?؟…؛:]$/u.test(core),
    endsWithPeriod: /[.…]$/u.test(core),
  };
}
const specLetters = (text: string) => {
  const counts = { arabic: 0, latin: 0, other: 0 };
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (/[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFB\uFE70-\uFEFC]/u.test(char)) counts.arabic += 1;
    else if (code < 0x80 ? /[A-Za-z]/.test(char) : /\p{L}/u.test(char) && /\p{Script=Latin}/u.test(char)) counts.latin += 1;
    else if (code >= 0x80 && /\p{L}/u.test(char)) counts.other += 1;
  }
  return counts;
};

/** Characters that matter to the measurements: every kind of space, invisibles, closers, terminators, letters of several scripts, surrogates. */
const alphabet = fc.constantFrom(
  ...' \t\u00A0\u1680\u2003\u202F\u205F\u3000\n\r\u2028\uFEFF\u200B\u200F\u202B\u00AD\u061C\u180E',
  ...'"\'”’»›)]}*.!?؟…؛:،-#',
  ...'abcXYZéßЖ字العراقأمريكاﺍﻟ0٣',
  '𝐀', '😀', '\uD800', '\uDC00',
);
const lines = fc.array(alphabet, { maxLength: 30 }).map((chars) => chars.join(''));

describe('line measurements equal their regular-expression definitions', () => {
  it('tidyLine', () => {
    fc.assert(
      fc.property(lines, (line) => {
        expect(tidyLine(line)).toBe(specTidy(line));
      }),
      { numRuns: 3000 },
    );
  });
  it('isBlankLine', () => {
    fc.assert(
      fc.property(lines, (line) => {
        expect(isBlankLine(line)).toBe(specBlank(line));
      }),
      { numRuns: 3000 },
    );
  });
  it('shapeOf', () => {
    fc.assert(
      fc.property(lines, (line) => {
        expect(shapeOf(line)).toEqual(specShape(line));
      }),
      { numRuns: 3000 },
    );
  });
  it('countLetters', () => {
    fc.assert(
      fc.property(lines, (line) => {
        expect(countLetters(line)).toEqual(specLetters(line));
      }),
      { numRuns: 3000 },
    );
  });
  it('given a tidy line, then tidyLine returns it unchanged', () => {
    expect(tidyLine('العراق يطالب أمريكا بحوار استراتيجي')).toBe('العراق يطالب أمريكا بحوار استراتيجي');
    expect(tidyLine('\u00A0 A  A\t')).toBe('A A');
  });
});
