import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanHtml } from '../../../src/core/clean/html.ts';

const fixture = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'arabic-article-page.html'), 'utf8');
const url = 'https://news.example/iraq/2026/03/04/foreign-minister-washington';

describe('cleanHtml on an Arabic article page', () => {
  const page = cleanHtml(fixture, { url });

  it('takes the headline without the site name', () => {
    expect(page.title).toBe('وزير الخارجية العراقي يبحث في واشنطن ملف القوات الأجنبية');
  });

  it('keeps the article paragraphs and its sub-heading, in order, with HTML white space collapsed', () => {
    expect(page.paragraphs).toEqual([
      'بحث وزير الخارجية العراقي، الثلاثاء، مع نظيره الأمريكي في واشنطن جدولاً زمنياً لخفض عدد القوات الأجنبية في العراق، وفق بيان صادر عن الوزارة.',
      'وقال البيان إن الجانبين اتفقا على مواصلة الحوار الاستراتيجي، وعلى تشكيل لجنة فنية مشتركة تعقد أول اجتماعاتها في بغداد خلال الشهر المقبل.',
      'وأضاف الوزير في مؤتمر صحفي أن العلاقات بين البلدين "تقوم على الاحترام المتبادل والمصالح المشتركة"، مشيراً إلى أن العراق يسعى إلى شراكة اقتصادية أوسع مع الولايات المتحدة.',
      'ملف الطاقة',
      'وتناول الاجتماع كذلك ملف الطاقة والكهرباء، إذ تعهد الجانب الأمريكي بدعم مشاريع الربط الكهربائي مع دول الجوار وتقليل اعتماد العراق على الغاز المستورد.',
    ]);
  });

  it('drops the furniture Readability kept: the repeated headline, byline, "read also" link and copyright', () => {
    expect(page.dropped).toEqual([
      'وزير الخارجية العراقي يبحث في واشنطن ملف القوات الأجنبية',
      'بقلم: سارة أحمد 4 مارس 2026',
      'اقرأ أيضاً: البرلمان العراقي يناقش قانون الانتخابات',
      '© جميع الحقوق محفوظة لصحيفة المثال 2026',
    ]);
  });

  it('never lets scripts, styles, navigation or the footer into the text', () => {
    const all = [page.title, ...page.paragraphs, ...page.dropped].join('\n');
    for (const leak of ['سكربت', 'analyticsQueue', 'إعلان مدسوس', 'نهاية الصفحة', 'لا تظهر', 'color', 'الرئيسية', 'اتصل بنا', 'App Store', 'فيسبوك']) {
      expect(all).not.toContain(leak);
    }
  });

  it('reads the page metadata', () => {
    expect(page.siteName).toBe('صحيفة المثال');
    expect(page.publishedTime).toBe('2026-03-04T09:15:00+03:00');
    expect(page.lang).toBe('ar');
  });

  it('gives the same text without a page address', () => {
    const withoutUrl = cleanHtml(fixture);
    expect(withoutUrl.title).toBe(page.title);
    expect(withoutUrl.paragraphs).toEqual(page.paragraphs);
  });
});

describe('cleanHtml on other input', () => {
  it('resolves a relative canonical link against the page address', () => {
    const html = '<html><head><link rel="canonical" href="/a/1"><title>t</title></head><body><p>Text of the article goes here.</p></body></html>';
    expect(cleanHtml(html, { url: 'https://news.example/x/y' }).canonicalUrl).toBe('https://news.example/a/1');
    expect(cleanHtml(html).canonicalUrl).toBeUndefined();
  });

  it.each([
    ['a bare fragment', '<p>The minister said the talks would continue next week.</p>', ['The minister said the talks would continue next week.']],
    ['an empty string', '', []],
    ['markup without text', '<div><script>var a = 1;</script><style>p{}</style></div>', []],
    ['broken markup', '<<p>>unclosed <b>bold text that never ends', ['>unclosed bold text that never ends']],
  ])('given %s, then it returns what text there is without throwing', (_name, html, paragraphs) => {
    expect(cleanHtml(html).paragraphs).toEqual(paragraphs);
  });

  it('given pathologically deep nesting, then the text is still found (without Readability)', () => {
    const depth = 5000;
    const html = `${'<div>'.repeat(depth)}<p>The minister said the talks would resume next week.</p>${'</div>'.repeat(depth)}`;
    expect(cleanHtml(html).paragraphs).toEqual(['The minister said the talks would resume next week.']);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const page = cleanHtml(text);
        expect(Array.isArray(page.paragraphs)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
