import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toIsoInstant } from '../../../src/core/content/dates.ts';
import { abstractRepeatsText, articleFromTrec, convertTrec, withoutDateline } from '../../../src/core/content/trec-article.ts';
import { parseTrecDocument } from '../../../src/core/content/trec.ts';
import { repoRoot } from '../../support/shared.ts';

function bundled(source: string, docno: string) {
  return parseTrecDocument(readFileSync(join(repoRoot, 'content', 'articles', 'news-sample', source, `${docno}.txt`), 'utf8'));
}

describe('articleFromTrec', () => {
  it('maps the TREC fields of a Sky News Arabia article', () => {
    const doc = bundled('SkyNews', 'SK-middleEast-317-20180315');
    const article = articleFromTrec(doc, { path: 'content/articles/news-sample/SkyNews/SK-middleEast-317-20180315.txt' });
    const sha1 = createHash('sha1').update('https://www.skynewsarabia.com/middle-east/1030673').digest('hex');
    expect(article).toMatchObject({
      id: `skynews-arabia-${sha1.slice(0, 10)}`,
      sourceId: 'skynews-arabia',
      sourceName: 'Sky News Arabia',
      sourceNames: { en: 'Sky News Arabia', ar: 'سكاي نيوز عربية' },
      url: 'https://www.skynewsarabia.com/middle-east/1030673',
      title: 'سقوط طائرة عسكرية أميركية وعلى متنها جنود غرب العراق',
      language: 'ar',
      publishedAt: '2018-03-15T22:42:55.000Z',
      origin: { path: 'content/articles/news-sample/SkyNews/SK-middleEast-317-20180315.txt', guid: 'SK-middleEast-317-20180315' },
    });
    // The abstract repeats the first paragraph: it is not added a second time.
    expect(article.paragraphs).toEqual(doc.text);
  });

  it('gives the same id for the same document, every time', () => {
    const doc = bundled('CNN', 'CN-middleEast-1357-20180912');
    expect(articleFromTrec(doc).id).toBe(articleFromTrec(doc).id);
    expect(articleFromTrec(doc).id).toMatch(/^cnn-arabic-[0-9a-f]{10}$/u);
  });

  it.each([
    ['alarabia', 'alarabiya', 'Al Arabiya'],
    ['BBC', 'bbc-arabic', 'BBC Arabic'],
    ['CNN', 'cnn-arabic', 'CNN Arabic'],
    ['france24', 'france24', 'France 24'],
    ['skynews', 'skynews-arabia', 'Sky News Arabia'],
    ['Example Wire', 'example-wire', 'Example Wire'],
  ])('maps SRC %s to source %s (%s)', (src, id, name) => {
    const doc = parseTrecDocument(`<DOC>\n<DOCNO>X-1</DOCNO>\n<SRC>${src}</SRC>\n<TITLE>عنوان</TITLE>\n<TEXT>\nنص الخبر هنا.\n</TEXT>\n</DOC>\n`);
    expect(articleFromTrec(doc)).toMatchObject({ sourceId: id, sourceName: name, title: 'عنوان', paragraphs: ['نص الخبر هنا.'] });
  });

  it('uses the DOCNO for the id when there is no URL', () => {
    const doc = parseTrecDocument('<DOC>\n<DOCNO>X-1</DOCNO>\n<SRC>CNN</SRC>\n<TITLE>t</TITLE>\n<TEXT>\nنص.\n</TEXT>\n</DOC>\n');
    expect(articleFromTrec(doc).id).toBe(`cnn-arabic-${createHash('sha1').update('X-1').digest('hex').slice(0, 10)}`);
  });

  it('removes the France 24 credit line', () => {
    const { article, dropped } = convertTrec(bundled('France24', 'FR-culture-4-20180212'));
    expect(article.paragraphs).not.toContain('فرانس24/ أ ف ب');
    expect(dropped).toContainEqual({ text: 'فرانس24/ أ ف ب', reason: 'agency-credit' });
  });

  it('cuts the leads of unrelated CNN stories appended to the text, including the Basra consulate warning', () => {
    const { article, removed } = convertTrec(bundled('CNN', 'CN-middleEast-1359-20180912'));
    expect(article.paragraphs).toHaveLength(3);
    expect(article.paragraphs.join('\n')).not.toContain('القنصلية الأمريكية في البصرة');
    expect(removed['lead-tail']).toBe(5);
  });

  it("keeps BBC's own summary as the first paragraph when the text does not repeat it", () => {
    const doc = bundled('BBC', 'BB-middleEast-1051-20181002');
    const { article, removed } = convertTrec(doc);
    expect(article.paragraphs[0]).toBe(doc.abstract.join(' '));
    expect(article.paragraphs.filter((p) => p === article.paragraphs[0])).toHaveLength(1);
    expect(removed['abstract-repeat']).toBeUndefined();
  });

  it('keeps invisible characters in display text', () => {
    const { article } = convertTrec(bundled('Alarabia', 'AL-sport-1597-20180518'));
    expect(article.paragraphs[0]).toContain('\u202D');
  });
});

describe('abstractRepeatsText', () => {
  it.each([
    ['an exact repeat', 'Iraq asked for talks.', ['Iraq asked for talks.', 'More.'], true],
    ['a repeat behind a dateline', 'Iraq asked for talks.', ['BAGHDAD (CNN)— Iraq asked for talks.'], true],
    ['a repeat with hashtags and reordered words', 'حذرت الولايات المتحدة #إيران من الهجمات في العراق', ['الولايات المتحدة حذرت إيران من الهجمات في العراق.'], true],
    ['a separate summary', 'Rescue teams reached the site within an hour.', ['Seven soldiers died when their helicopter crashed.'], false],
  ])('given %s, then %s', (_name, abstract, paragraphs, expected) => {
    expect(abstractRepeatsText(abstract, paragraphs)).toBe(expected);
  });
});

describe('dates and datelines', () => {
  it.each([
    ['Fri, 23 Feb 2018 11:30:14 GMT', '2018-02-23T11:30:14.000Z'],
    ['Wed, 12 Sep 2018 06:48:30 +0000', '2018-09-12T06:48:30.000Z'],
    ['Sat, 03 Mar 2018 16:34:17 +0400', '2018-03-03T12:34:17.000Z'],
    ['2026-03-04', '2026-03-04T00:00:00.000Z'],
    ['not a date', undefined],
    ['', undefined],
  ])('toIsoInstant(%j) is %s', (input, expected) => {
    expect(toIsoInstant(input)).toBe(expected);
  });

  it('strips a wire dateline for comparison', () => {
    expect(withoutDateline('دبي، الإمارات العربية المتحدة (CNN)—قال طارق الحبيب')).toBe('قال طارق الحبيب');
    expect(withoutDateline('قال طارق الحبيب (المستشار) إن')).toBe('قال طارق الحبيب (المستشار) إن');
  });
});
