import { describe, expect, it } from 'vitest';
import { ContentError } from '../../../src/core/content/content-error.ts';
import { parseFrontMatter } from '../../../src/core/content/front-matter.ts';
import { parseMarkdownArticle } from '../../../src/core/content/markdown.ts';

describe('parseFrontMatter', () => {
  it('reads every supported key, unquoting values and converting the date to an ISO instant', () => {
    const text = [
      '---',
      'title: "العراق يطالب أمريكا: حوار استراتيجي"',
      'source: Al-Madina',
      'source_id: al-madina',
      "source_ar: 'المدينة'",
      'url: https://www.al-madina.example/article/1',
      'language: ar',
      'published: 2026-03-04T09:15:00+03:00',
      '# a comment line is ignored',
      '',
      '---',
      'Body.',
    ].join('\n');
    expect(parseFrontMatter(text)).toEqual({
      meta: {
        title: 'العراق يطالب أمريكا: حوار استراتيجي',
        source: 'Al-Madina',
        source_id: 'al-madina',
        source_ar: 'المدينة',
        url: 'https://www.al-madina.example/article/1',
        language: 'ar',
        published: '2026-03-04T06:15:00.000Z',
      },
      body: 'Body.',
      bodyLine: 12,
    });
  });

  it('reads a bare date as that calendar day in UTC', () => {
    expect(parseFrontMatter('---\npublished: 2018-03-15\n---\n').meta.published).toBe('2018-03-15T00:00:00.000Z');
  });

  it('given no front matter, then the whole text is the body', () => {
    expect(parseFrontMatter('Just text.\n---\n')).toEqual({ meta: {}, body: 'Just text.\n---\n', bodyLine: 1 });
  });

  it.each([
    ['no closing fence', '---\ntitle: x\n', 'no closing ---'],
    ['a line without a colon', '---\ntitle x\n---\n', 'line 2: expected "key: value"'],
    ['a repeated key', '---\ntitle: a\ntitle: b\n---\n', 'line 3: "title" is given twice'],
    ['an unknown key', '---\nauthor: someone\n---\n', 'unknown key "author"'],
    ['an unsupported language', '---\nlanguage: fr\n---\n', '"language" must be ar or en'],
    ['a non-http URL', '---\nurl: ftp://example.com/a\n---\n', '"url" must be an http(s) URL'],
    ['an impossible date', '---\npublished: 2026-02-30\n---\n', '"published" must be a date'],
    ['a source id with spaces', '---\nsource_id: Al Madina\n---\n', '"source_id" must be lower-case'],
    ['an empty title', '---\ntitle: ""\n---\n', '"title" must not be empty'],
  ])('given %s, then it fails with a message naming the problem', (_name, text, message) => {
    expect(() => parseFrontMatter(text)).toThrow(ContentError);
    expect(() => parseFrontMatter(text)).toThrow(message);
  });
});

describe('parseMarkdownArticle', () => {
  it('joins wrapped lines into paragraphs, takes the first heading as title and keeps later headings', () => {
    const article = parseMarkdownArticle(['---', 'language: en', '---', '', '# Budget talks resume', '', 'The minister said', 'talks would go on.', '', '## Next steps', '', 'A vote is due.'].join('\n'));
    expect(article.title).toBe('Budget talks resume');
    expect(article.paragraphs).toEqual(['The minister said talks would go on.', 'Next steps', 'A vote is due.']);
  });

  it('prefers the front-matter title and keeps every heading then', () => {
    const article = parseMarkdownArticle('---\ntitle: Given title\n---\n# Heading\n\nText.');
    expect(article.title).toBe('Given title');
    expect(article.paragraphs).toEqual(['Heading', 'Text.']);
  });
});
