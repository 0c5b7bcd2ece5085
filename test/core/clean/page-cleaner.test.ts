import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanPage, explainPage, filterFurniture } from '../../../src/core/clean/page-cleaner.ts';
import { describeWithShared, sharedPath } from '../../support/shared.ts';

describeWithShared('seed', 'cleaning the Al-Madina seed page', () => {
  const page = readFileSync(sharedPath('seed', 'al-madina-iraq-us-dialogue.txt'), 'utf8');
  const title = 'العراق يطالب أمريكا بحوار استراتيجي';
  const furniture = [
    'Logo',
    'صحيفة يومية تصدر عن مؤسسة المدينة للصحافة والنشر',
    'A A',
    'contact us',
    'Nabd',
    'App Store Play Store Huawei Store',
  ];
  // The body is every other non-blank line of the page, exactly as written there.
  const bodyLines = page
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .filter((line) => line !== title && !furniture.includes(line));
  const cleaned = cleanPage(page);

  it('keeps the headline as the title', () => {
    expect(cleaned.title).toBe(title);
  });

  it('keeps every body paragraph verbatim and in order', () => {
    expect(bodyLines).toHaveLength(4);
    expect(cleaned.paragraphs).toEqual(bodyLines);
  });

  it('keeps both spellings of "American" untouched (display text is never normalised)', () => {
    const body = cleaned.paragraphs.join('\n');
    expect(body).toContain('الأمريكية');
    expect(body).toContain('الأميركية');
  });

  it('drops every furniture line and nothing else', () => {
    expect(cleaned.dropped).toEqual(furniture);
  });

  it('says which rule dropped each furniture line', () => {
    const reasons = explainPage(page)
      .filter((line) => line.role === 'dropped')
      .map((line) => [line.text, line.reason]);
    expect(reasons).toEqual([
      ['Logo', 'logo'],
      ['صحيفة يومية تصدر عن مؤسسة المدينة للصحافة والنشر', 'tagline'],
      ['A A', 'buttons'],
      ['contact us', 'site-links'],
      ['Nabd', 'aggregator'],
      ['App Store Play Store Huawei Store', 'app-store'],
    ]);
  });
});

describe('cleanPage', () => {
  const senate = 'The Senate passed the budget bill on Tuesday after a night of negotiations.';
  const senate2 = 'The bill now goes to the House, where a vote is expected next week.';

  it.each([
    {
      name: 'an English page with menus, byline, share bar and footer',
      page: [
        'Logo',
        'Home | World | Politics | Business',
        'Senate passes the budget bill',
        'By Jane Doe',
        'March 4, 2026',
        'Share Tweet Email',
        senate,
        senate2,
        'Read more: What the budget means for you',
        '© 2026 Example News. All rights reserved.',
        'Privacy Policy | Terms of Use',
      ].join('\n'),
      title: 'Senate passes the budget bill',
      paragraphs: [senate, senate2],
    },
    {
      name: 'a standfirst between the title and the body',
      page: [
        'Senate passes the budget bill',
        'Lawmakers agreed on spending for the next two years after weeks of talks',
        senate,
      ].join('\n'),
      title: 'Senate passes the budget bill',
      paragraphs: ['Lawmakers agreed on spending for the next two years after weeks of talks', senate],
    },
    {
      name: 'a sub-heading inside the body',
      page: ['Senate passes the budget bill', senate, 'What happens next', senate2].join('\n'),
      title: 'Senate passes the budget bill',
      paragraphs: [senate, 'What happens next', senate2],
    },
    {
      name: 'a "read also" link and an agency credit inside the body',
      page: ['العراق يطالب بحوار', 'قالت الحكومة العراقية اليوم إنها طلبت جولة جديدة من الحوار مع واشنطن.', 'اقرأ أيضاً: البرلمان يناقش الموازنة', 'وأضاف المتحدث أن الجولة ستعقد في بغداد خلال الشهر المقبل.', 'فرانس24/ أ ف ب'].join('\n'),
      title: 'العراق يطالب بحوار',
      paragraphs: ['قالت الحكومة العراقية اليوم إنها طلبت جولة جديدة من الحوار مع واشنطن.', 'وأضاف المتحدث أن الجولة ستعقد في بغداد خلال الشهر المقبل.'],
    },
    {
      name: 'a long unpunctuated paragraph (a scrape that lost its full stops)',
      page: ['Budget talks', Array.from({ length: 24 }, (_, i) => `word${i}`).join(' ')].join('\n'),
      title: 'Budget talks',
      paragraphs: [Array.from({ length: 24 }, (_, i) => `word${i}`).join(' ')],
    },
    {
      name: 'a page without any prose line',
      page: ['Logo', 'Budget talks resume', 'Ministers meet again'].join('\n'),
      title: 'Ministers meet again',
      paragraphs: [],
    },
    { name: 'an empty page', page: '', title: '', paragraphs: [] },
    { name: 'a page of blank and invisible lines', page: '\n  \n\u200B\n\t\n', title: '', paragraphs: [] },
  ])('given $name, then the title and paragraphs are found', ({ page, title, paragraphs }) => {
    const cleaned = cleanPage(page);
    expect(cleaned.title).toBe(title);
    expect(cleaned.paragraphs).toEqual(paragraphs);
  });

  it('only trims and collapses runs of spaces; invisible characters and line endings are handled, not removed', () => {
    const cleaned = cleanPage('  Budget   talks\u00A0\u00A0resume \r\n\r\n  The minister said the  talks were going well and would continue next week.  \r\nقال الوزير إن العراق\u200Bية ملتزمة بالحوار مع الولايات المتحدة.');
    expect(cleaned.title).toBe('Budget talks resume');
    expect(cleaned.paragraphs).toEqual([
      'The minister said the talks were going well and would continue next week.',
      'قال الوزير إن العراق\u200Bية ملتزمة بالحوار مع الولايات المتحدة.',
    ]);
  });

  it('given a title above a masthead menu, then the headline nearest the body wins', () => {
    const cleaned = cleanPage(['Example Times online edition', 'Home | World', 'Budget talks resume', senate].join('\n'));
    expect(cleaned.title).toBe('Budget talks resume');
    expect(cleaned.dropped).toEqual(['Example Times online edition', 'Home | World']);
  });
});

describe('filterFurniture', () => {
  it('keeps paragraphs and drops furniture, tidying both', () => {
    expect(filterFurniture(['  first  paragraph of text. ', 'Share on Facebook', '', 'second paragraph.'])).toEqual({
      kept: ['first paragraph of text.', 'second paragraph.'],
      dropped: ['Share on Facebook'],
    });
  });
});

describe('cleanPage properties', () => {
  const furnitureLines = [
    'Logo',
    'A A',
    'A+ A-',
    'contact us',
    'Nabd',
    'App Store Play Store Huawei Store',
    'صحيفة يومية تصدر عن مؤسسة المدينة للصحافة والنشر',
    'شارك عبر فيسبوك تويتر واتساب',
    'Share on Facebook Twitter Email',
    'طباعة',
    'اقرأ أيضاً: البرلمان يناقش الموازنة',
    'للمزيد: الحكومة تعلن خطة جديدة',
    '© 2026 جميع الحقوق محفوظة',
    'اشترك في النشرة البريدية',
    'Subscribe to our newsletter',
    'تابعونا على تويتر',
    'الرئيسية | أخبار | رياضة | اقتصاد',
    'Home › World › Middle East',
    'فرانس24/ أ ف ب',
    '--------------',
    '12 مارس 2021 - 10:30 ص',
    'منذ 3 ساعات',
    'Advertisement',
    'بقلم: سارة أحمد',
    'مصدر الصورة Getty Images',
    'Privacy Policy | Terms of Use',
    '** جميع المقالات المنشورة تمثل رأي كتابها فقط.',
    '*نقلاً عن الشرق الأوسط',
    'يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول.',
  ];
  const words = [
    'الحكومة', 'أعلنت', 'اليوم', 'عن', 'خطة', 'جديدة', 'لدعم', 'المزارعين', 'في', 'المناطق', 'الريفية', 'وقال',
    'المسؤول', 'إن', 'المشروع', 'سيبدأ', 'خلال', 'الأسابيع', 'المقبلة', 'بتمويل', 'من', 'البنك', 'الدولي', '2019',
    'the', 'ministry', 'said', 'that', 'programme', 'would', 'start', 'next', 'month', 'with', 'funding', 'partners',
  ];
  const sentence = fc
    .tuple(fc.array(fc.constantFrom(...words), { minLength: 6, maxLength: 40 }), fc.constantFrom('.', '؟', '!', '.»', '."'))
    .map(([chosen, end]) => `${chosen.join(' ')}${end}`);
  const body = fc.array(fc.array(sentence, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' ')), { minLength: 1, maxLength: 8 });
  const furniture = fc.array(fc.constantFrom(...furnitureLines), { maxLength: 6 });

  it('never throws and never invents text, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const cleaned = cleanPage(text);
        const squeeze = (value: string) => value.replace(/\s+/gu, '');
        const source = squeeze(text);
        for (const kept of [cleaned.title, ...cleaned.paragraphs, ...cleaned.dropped]) expect(source).toContain(squeeze(kept));
      }),
      { numRuns: 300 },
    );
  });

  it('given a page of furniture and body paragraphs, then every body paragraph survives and every furniture line is dropped', () => {
    fc.assert(
      fc.property(furniture, body, furniture, fc.array(fc.nat(), { maxLength: 4 }), (header, paragraphs, footer, inserts) => {
        const lines = [...paragraphs];
        // Furniture can also sit between paragraphs (share bars, "read also" links).
        inserts.forEach((at, index) => lines.splice(1 + (at % lines.length), 0, furnitureLines[index % furnitureLines.length] ?? 'Logo'));
        const page = [...header, 'عنوان الخبر الرئيسي اليوم', '', ...lines, '', ...footer].join('\n');
        const cleaned = cleanPage(page);
        expect(cleaned.paragraphs).toEqual(paragraphs);
        expect(cleaned.title).toBe('عنوان الخبر الرئيسي اليوم');
        expect(cleaned.dropped).toHaveLength(header.length + inserts.length + footer.length);
      }),
      { numRuns: 200 },
    );
  });
});
