import { describe, expect, it } from 'vitest';
import { BoilerplateFilter, relatedHeadlineRuns, removeForeignLeads, trailingForeignLeads, type BatchPage } from '../../../src/core/clean/boilerplate.ts';

const promo = 'Get our app for breaking news alerts on your phone.';

describe('BoilerplateFilter', () => {
  it('given a line on three pages of one source, then it is boilerplate by default', () => {
    const filter = new BoilerplateFilter();
    filter.observe('example', 'a', ['Story A opens here.', promo]);
    filter.observe('example', 'b', ['Story B opens here.', promo]);
    expect(filter.isBoilerplate('example', promo)).toBe(false);
    filter.observe('example', 'c', ['Story C opens here.', promo]);
    expect(filter.isBoilerplate('example', promo)).toBe(true);
    expect(filter.filter('example', ['Story D opens here.', promo])).toEqual({ kept: ['Story D opens here.'], dropped: [promo] });
  });

  it('counts distinct pages, not occurrences', () => {
    const filter = new BoilerplateFilter({ minPages: 2 });
    filter.observe('example', 'a', [promo, promo, promo]);
    filter.observe('example', 'a', [promo]);
    expect(filter.pageCount('example', promo)).toBe(1);
    expect(filter.isBoilerplate('example', promo)).toBe(false);
  });

  it('keeps sources apart', () => {
    const filter = new BoilerplateFilter({ minPages: 2 });
    filter.observe('one', 'a', [promo]);
    filter.observe('two', 'b', [promo]);
    expect(filter.isBoilerplate('one', promo)).toBe(false);
  });

  it('compares lines in matching form (spelling variants and invisible characters)', () => {
    const filter = new BoilerplateFilter({ minPages: 2 });
    filter.observe('x', 'a', ['حمّل تطبيق الأخبار الآن']);
    filter.observe('x', 'b', ['حمل تطبيق الاخبار الان\u200B']);
    expect(filter.isBoilerplate('x', 'حمل تطبيق الأخبار الآن')).toBe(true);
  });

  it('given a line shared only by follow-ups of one story, then it is background, not boilerplate', () => {
    const filter = new BoilerplateFilter({ minPages: 2, isOneStory: (_source, pages) => pages.every((page) => page.startsWith('story-')) });
    filter.observe('x', 'story-1', ['Background paragraph.']);
    filter.observe('x', 'story-2', ['Background paragraph.']);
    expect(filter.isBoilerplate('x', 'Background paragraph.')).toBe(false);
    filter.observe('x', 'other', ['Background paragraph.']);
    expect(filter.isBoilerplate('x', 'Background paragraph.')).toBe(true);
  });

  it('never empties a page', () => {
    const filter = new BoilerplateFilter({ minPages: 2 });
    filter.observe('x', 'a', [promo]);
    filter.observe('x', 'b', [promo]);
    expect(filter.filter('x', [promo])).toEqual({ kept: [promo], dropped: [] });
  });

  it.each([1, 0, 2.5, Number.NaN])('refuses minPages = %s', (minPages) => {
    expect(() => new BoilerplateFilter({ minPages })).toThrow(RangeError);
  });
});

describe('removeForeignLeads', () => {
  const page = (id: string, title: string, paragraphs: string[], sourceId = 'cnn'): BatchPage => ({
    id,
    sourceId,
    title,
    paragraphs,
    leads: paragraphs.slice(0, 1),
  });

  it('given a paragraph that is the lead of another article of the same source, then it is removed as "more news"', () => {
    const warning = page('warning', 'US warns Iran', ['The White House warned Iran against attacking the consulate in Basra.', 'More on the warning.']);
    const advice = page('advice', 'Advice column', ['A psychiatrist answered readers.', 'He gave advice.', 'The White House warned Iran against attacking the consulate in Basra.']);
    const { pages, removals } = removeForeignLeads([warning, advice]);
    expect(pages[1]?.paragraphs).toEqual(['A psychiatrist answered readers.', 'He gave advice.']);
    expect(pages[0]).toBe(warning);
    expect(removals).toEqual([{ pageId: 'advice', paragraph: 'The White House warned Iran against attacking the consulate in Basra.', rule: 'more-news', ownerId: 'warning' }]);
  });

  it("given a stand-alone line that is another article's headline, then it is removed as a related headline", () => {
    const a = page('a', 'Turkey threatens strikes in northern Iraq', ['Turkey said it may strike camps.']);
    const b = page('b', 'Angelina Jolie visits Mosul', ['The envoy visited the old city.', 'Turkey threatens strikes in northern Iraq', 'She called for help.'], 'cnn');
    expect(removeForeignLeads([a, b]).pages[1]?.paragraphs).toEqual(['The envoy visited the old city.', 'She called for help.']);
  });

  it('leaves other sources, the first paragraph and the article\'s own lead alone', () => {
    const lead = 'Shared sentence that opens two stories.';
    const a = page('a', 'A', [lead, 'a2']);
    const b = page('b', 'B', [lead, 'b2']);
    const c = page('c', 'C', ['c1', lead], 'bbc');
    const { pages, removals } = removeForeignLeads([a, b, c]);
    expect(pages.map((p) => p.paragraphs)).toEqual([[lead, 'a2'], [lead, 'b2'], ['c1', lead]]);
    expect(removals).toEqual([]);
  });
});

describe('trailingForeignLeads', () => {
  const title = 'كيف تتصرف إن اكتشفت خيانة زوجتك؟ مستشار سعودي بالطب النفسي يجيب';
  const body = [
    'قال طارق الحبيب، المستشار السعودي بالطب النفسي، إنه لا يحق للزوج أو الزوجة ضرب الآخر في حال وجدت منه خيانة.',
    'جاء ذلك في مقابلة للحبيب على قناة روتانا خليجية، حيث تحدث عن الخيانة الزوجية وطرق التعامل معها.',
    'وتابع قائلا إن الحالة الأولى لا تبيح الاعتداء شرعا وقانونا ونظاما.',
  ];
  const widget = [
    'قال وليد المعلم، وزير الخارجية السوري، إن وجود معارضة في سوريا ليست مشكلة.',
    'قال حزب الله اللبناني، إن التصريحات التي أدلى بها جون بولتن تظهر حقيقة السياسة الأمريكية.',
    'حذرت سارة ساندرز، المتحدثة باسم البيت الأبيض، إيران من مغبة مهاجمة القنصلية الأمريكية في البصرة.',
  ];

  it('given three unrelated one-sentence leads at the end, then the run starts after the body', () => {
    expect(trailingForeignLeads(title, [...body, ...widget])).toBe(body.length);
  });

  it('given only two such leads, then nothing is cut', () => {
    expect(trailingForeignLeads(title, [...body, ...widget.slice(0, 2)])).toBe(-1);
  });

  it('given closing paragraphs that continue the story (و…), then nothing is cut', () => {
    const continuing = widget.map((line) => `و${line}`);
    expect(trailingForeignLeads(title, [...body, ...continuing])).toBe(-1);
  });

  it('always keeps the first two paragraphs', () => {
    expect(trailingForeignLeads(title, [body[0] ?? '', ...widget])).toBe(-1);
    expect(trailingForeignLeads(title, [body[0] ?? '', body[1] ?? '', ...widget])).toBe(2);
  });
});

describe('relatedHeadlineRuns', () => {
  const sentence = 'وقال البيان إن الجانبين اتفقا على مواصلة الحوار خلال الأشهر المقبلة.';
  it.each([
    [
      'two consecutive headlines inside the text',
      [sentence, 'بالصور: مواجهات عنيفة بين متظاهرين وقوات الأمن في البصرة', 'الشرطة العراقية تفرق محتجين قرب حقل نفطي مع تصاعد احتجاجات البصرة', sentence],
      [1, 2],
    ],
    ['a lone sub-heading', [sentence, 'المناصب الحكومية التي شغلها الرئيس الجديد في الإقليم', sentence], []],
    ['short sub-headings in a row', [sentence, 'حالة الطوارئ', 'قهوة مثلجة', sentence], []],
    ['list items and continuations', [sentence, '• بطل أفريقيا ضد الفائز من مواجهة (العين – ويلينجتون)', 'والفائز سيواجه بطل كوبا ليبرتادوريس', sentence], []],
    ['headlines at the very top', ['عنوان أول يشبه عناوين الأخبار في الصفحة', 'عنوان ثان يشبه عناوين الأخبار في الصفحة', sentence], []],
  ])('given %s, then the run indices are %j', (_name, paragraphs, expected) => {
    expect(relatedHeadlineRuns(paragraphs)).toEqual(expected);
  });
});
