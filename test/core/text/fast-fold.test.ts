import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForMatch, normalizeForMatchReference } from '../../../src/core/text/normalize.ts';
import { describeWithShared, sharedPath } from '../../support/shared.ts';

/** Every character the one-pass fold may handle, and neighbours from outside that set. */
const CANDIDATES = [
  ...range(0x0000, 0x00ff),
  ...range(0x0600, 0x06ff),
  ...range(0x2000, 0x206f),
  0x1680, 0x180e, 0x3000, 0xfeff,
  // Outside: presentation forms, accents, Cyrillic, Hangul, full-width Latin.
  0xfe8d, 0xfedf, 0xfb8e, 0x0301, 0x0308, 0x0416, 0xac00, 0x1161, 0xff21,
].map((code) => String.fromCharCode(code));

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

/** Letters that compose with a following hamza or madda, the marks themselves, and what separates them. */
const COMPOSING = ['ا', 'و', 'ي', 'ہ', 'ے', 'ە', 'ب', 'a', 'A', '\u0653', '\u0654', '\u0655', '\u064E', '\u0651', '\u0670', '\u0640', '\u200D', '\u200B', '\uFEFF', ' ', '\u00A0', '\n', '…', 'é'];

describe('normalizeForMatch equals its reference definition', () => {
  it('given any two characters of the handled set or next to it, then both give the same form', () => {
    const mismatches: string[] = [];
    for (const a of CANDIDATES) {
      for (const b of CANDIDATES) {
        const text = a + b;
        if (normalizeForMatch(text) !== normalizeForMatchReference(text)) mismatches.push(escape(text));
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('given any three letters, marks and separators that compose, then both give the same form', () => {
    const mismatches: string[] = [];
    for (const a of COMPOSING) for (const b of COMPOSING) for (const c of COMPOSING) {
      const text = a + b + c;
      if (normalizeForMatch(text) !== normalizeForMatchReference(text)) mismatches.push(escape(text));
    }
    expect(mismatches).toEqual([]);
  });

  it('given random text over those characters, then both give the same form', () => {
    const alphabet = fc.constantFrom(...CANDIDATES, ...COMPOSING, ...'العراق والأميركية Iraq U.S. ٢٠١٩');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(normalizeForMatch(text)).toBe(normalizeForMatchReference(text));
      }),
      { numRuns: 3000 },
    );
  });
});

function escape(text: string): string {
  return [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).padStart(4, '0')}`).join(' ');
}

describeWithShared('easc', 'normalizeForMatch on the EASC articles', () => {
  it('given every line of every article, then it equals the reference form', () => {
    const dir = sharedPath('easc');
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith('.txt'));
    let lines = 0;
    for (const entry of files) {
      for (const line of readFileSync(`${entry.parentPath}/${entry.name}`, 'utf8').split('\n')) {
        lines += 1;
        expect(normalizeForMatch(line)).toBe(normalizeForMatchReference(line));
      }
    }
    expect(lines).toBeGreaterThan(1000);
  });
});
