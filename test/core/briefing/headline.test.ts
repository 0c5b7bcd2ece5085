import { describe, expect, it } from 'vitest';
import { headlineOf, MAX_DERIVED_HEADLINE, shorten } from '../../../src/core/briefing/headline.ts';

describe('headlineOf', () => {
  it('given a title, then it is the headline with its spacing tidied', () => {
    expect(headlineOf({ title: '  تحطم مروحية\nأمريكية  ', paragraphs: ['نص.'] })).toBe('تحطم مروحية أمريكية');
  });

  it('given no title, then the first sentence of the body stands in for it', () => {
    expect(headlineOf({ title: '', paragraphs: ['', 'سقطت مروحية في الأنبار. وكان على متنها سبعة جنود.'] })).toBe('سقطت مروحية في الأنبار.');
  });

  it('given no title and a very long first sentence, then it is cut at a word boundary with an ellipsis', () => {
    const sentence = `${'كلمة '.repeat(60)}نهاية.`;
    const headline = headlineOf({ title: '', paragraphs: [sentence] });
    expect([...headline].length).toBeLessThanOrEqual(MAX_DERIVED_HEADLINE);
    expect(headline.endsWith('كلمة…')).toBe(true);
  });

  it('given neither title nor body, then the headline is empty for the renderer to name', () => {
    expect(headlineOf({ title: ' ', paragraphs: [' '] })).toBe('');
  });
});

describe('shorten', () => {
  it('keeps text within the limit unchanged', () => {
    expect(shorten('short text', 20)).toBe('short text');
  });

  it('cuts a single long word where it must', () => {
    expect(shorten('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('drops punctuation left dangling at the cut', () => {
    expect(shorten('one two, three four five six', 12)).toBe('one two…');
  });
});
