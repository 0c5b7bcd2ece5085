import { describe, expect, it } from 'vitest';
import { urlKey } from '../../../src/core/stories/url-key.ts';

describe('urlKey', () => {
  it.each([
    ['http and https are one page', 'http://www.cnn.com/a/b', 'https://cnn.com/a/b'],
    ['a leading www. is ignored', 'https://www.bbc.com/arabic/1', 'https://bbc.com/arabic/1'],
    ['host case is folded', 'https://WWW.France24.com/ar/x', 'https://france24.com/ar/x'],
    ['a trailing slash is ignored', 'https://skynewsarabia.com/web/article/1/', 'https://skynewsarabia.com/web/article/1'],
    ['the fragment is ignored', 'https://example.org/news/1#comments', 'https://example.org/news/1'],
    ['tracking parameters are ignored', 'https://example.org/n?utm_source=rss&utm_medium=feed&fbclid=x', 'https://example.org/n'],
    ['parameter order is ignored', 'https://example.org/n?b=2&a=1', 'https://example.org/n?a=1&b=2'],
    ['default ports are ignored', 'https://example.org:443/n', 'https://example.org/n'],
    ['surrounding spaces are ignored', '  https://example.org/n  ', 'https://example.org/n'],
  ])('%s', (_name, a, b) => {
    expect(urlKey(a)).toBe(urlKey(b));
  });

  it.each([
    ['different paths', 'https://example.org/news/1', 'https://example.org/news/2'],
    ['path case matters', 'https://example.org/News', 'https://example.org/news'],
    ['a parameter that chooses the page', 'https://example.org/article?id=1', 'https://example.org/article?id=2'],
    ['different hosts', 'https://bbc.com/x', 'https://bbc.co.uk/x'],
  ])('keeps apart %s', (_name, a, b) => {
    expect(urlKey(a)).not.toBe(urlKey(b));
  });

  it('given text that is not a web URL, then it is kept as it is (trimmed) and equals only itself', () => {
    expect(urlKey(' urn:guid:1234 ')).toBe('urn:guid:1234');
    expect(urlKey('not a url')).toBe('not a url');
    expect(urlKey('ftp://example.org/a')).toBe('ftp://example.org/a');
  });
});
