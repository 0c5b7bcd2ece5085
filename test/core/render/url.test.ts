import { describe, expect, it } from 'vitest';
import { safeHttpUrl } from '../../../src/core/render/url.ts';

describe('safeHttpUrl', () => {
  it.each([
    ['https', 'https://www.al-madina.com/article/1', 'https://www.al-madina.com/article/1'],
    ['http', 'http://www.bbc.co.uk/arabic/middleeast-43425227', 'http://www.bbc.co.uk/arabic/middleeast-43425227'],
    ['upper-case scheme, surrounding spaces', '  HTTPS://Example.com/a  ', 'https://example.com/a'],
    ['quotes and angle brackets in the query are percent-encoded', 'https://example.com/?q="<x>"', 'https://example.com/?q=%22%3Cx%3E%22'],
    ['an Arabic path is percent-encoded', 'https://example.com/العراق', 'https://example.com/%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82'],
    ['an internationalised host becomes punycode', 'https://مثال.com/', 'https://xn--mgbh0fb.com/'],
  ])('given %s, then it is linkable', (_, raw, expected) => {
    expect(safeHttpUrl(raw)).toBe(expected);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['JavaScript with odd case', 'JaVaScRiPt:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['ftp:', 'ftp://example.com/file'],
    ['tg: deep link', 'tg://user?id=1'],
    ['relative', '/articles/1'],
    ['protocol-relative', '//example.com/a'],
    ['credentials that disguise the host', 'https://trusted.example@evil.example/'],
    ['white space inside', 'https://example.com/a b'],
    ['a bidi override inside', 'https://example.com/\u202Egpj.exe'],
    ['a zero-width space inside', 'https://exa\u200Bmple.com/'],
    ['longer than 2048 characters', `https://example.com/${'a'.repeat(2100)}`],
    ['empty', ''],
    ['not a string', 42],
  ])('given %s, then it is not linked', (_, raw) => {
    expect(safeHttpUrl(raw)).toBeNull();
  });
});
