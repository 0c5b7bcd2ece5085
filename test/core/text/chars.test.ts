import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWhiteSpaceCode, stripEdgePunctuation } from '../../../src/core/text/chars.ts';

describe('character tests', () => {
  it('given every BMP code unit, then isWhiteSpaceCode agrees with \\s', () => {
    const disagreements: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (isWhiteSpaceCode(code) !== /\s/u.test(String.fromCharCode(code))) disagreements.push(code);
    }
    expect(disagreements).toEqual([]);
  });

  it('given any text, then stripEdgePunctuation equals the regular expression it replaces', () => {
    const alphabet = fc.constantFrom(...'.,!?؟،؛:«»"\'()-–—…#@$+=<>|/ ab العراق1٣', '😀', '𝐀', '\uD800', '\uDC00', '\u200B');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 20 }), (chars) => {
        const text = chars.join('');
        expect(stripEdgePunctuation(text)).toBe(text.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, ''));
      }),
      { numRuns: 3000 },
    );
  });
});
