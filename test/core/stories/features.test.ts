import { describe, expect, it } from 'vitest';
import { articleTime, extractFeatures, namedTerms } from '../../../src/core/stories/features.ts';
import { contentTerms } from '../../../src/core/text/stem.ts';
import { article } from './fixtures.ts';

describe('namedTerms', () => {
  it('given English text, then capitalised words inside sentences are names and sentence-initial capitals are not', () => {
    const named = namedTerms(['Officials said Nadia Murad met the Norwegian Nobel Committee. Yesterday it rained.']);
    expect([...named].sort()).toEqual(['committee', 'murad', 'nadia', 'nobel', 'norwegian']);
  });

  it('given Arabic text with Latin acronyms, then the acronyms count as names', () => {
    expect(namedTerms(['قال المتحدث لـCNN إن منظومة S-400 لم تصل']).has('cnn')).toBe(true);
  });

  it('given Arabic names from the protected list with clitics, then they are names in their bare form', () => {
    const named = namedTerms(['عاد الرئيس إلى بغداد قادما من واشنطن عبر بيروت']);
    expect(named).toEqual(new Set(['بغداد', 'واشنطن', 'بيروت']));
  });

  it('given numbers, then those of two or more digits are names, in ASCII digits', () => {
    const named = namedTerms(['قتل ٧ جنود وأصيب 12 في هجوم عام 2018 على بعد 3.5 كلم']);
    expect([...named].sort()).toEqual(['12', '2018', '3.5']);
  });
});

describe('extractFeatures', () => {
  const report = article('x-1', {
    title: 'تحطم مروحية أمريكية غرب العراق',
    paragraphs: [
      'أعلن مسؤولون عسكريون سقوط مروحية من طراز بلاك هوك في محافظة الأنبار غربي العراق مساء الخميس أثناء مهمة نقل روتينية.',
      'وكان على متن المروحية سبعة جنود، ولم تعرف حتى الآن أسباب الحادث، بحسب بيان صدر صباح الجمعة.',
      'وقال البيان إن فرق الإنقاذ وصلت إلى موقع التحطم وإن تحقيقا فتح لمعرفة ملابسات الحادث.',
      'خلفية: التحالف يقاتل داعش منذ 2014.',
    ],
    url: 'https://example.org/a',
    publishedAt: '2018-03-16T06:30:00Z',
  });

  it('given an article, then title words count twice and only the first three paragraphs are read', () => {
    const { terms } = extractFeatures(report);
    for (const term of contentTerms(report.title)) expect(terms.get(term)).toBeGreaterThanOrEqual(2);
    for (const term of contentTerms(report.paragraphs[0]!)) expect(terms.has(term)).toBe(true);
    expect(terms.has(contentTerms('داعش')[0]!)).toBe(false);
  });

  it('given short one-line paragraphs, then the lead is extended until forty words are read', () => {
    const short = { ...report, paragraphs: ['سقطت.', 'المروحية.', 'في الأنبار.', 'التحالف يقاتل داعش.'] };
    expect(extractFeatures(short).terms.has(contentTerms('داعش')[0]!)).toBe(true);
  });

  it('given an explicit tail weight, then later paragraphs count with that weight', () => {
    const { terms } = extractFeatures(report, { tailWeight: 0.5 });
    expect(terms.get(contentTerms('داعش')[0]!)).toBe(0.5);
  });

  it('given spelling variants of the same words, then they are the same content terms', () => {
    const a = extractFeatures(article('a', { title: 'الحكومة العراقية تُعلن', paragraphs: [] })).terms;
    const b = extractFeatures(article('b', { title: 'والحكومه العراقيـه تعلن', paragraphs: [] })).terms;
    expect([...a.keys()]).toEqual([...b.keys()]);
  });

  it('given bodies that differ only by invisible characters and spacing, then their text keys are equal', () => {
    const twin = { ...report, paragraphs: report.paragraphs.map((p) => `\u200B${p}  `) };
    expect(extractFeatures(twin).textKey).toBe(extractFeatures(report).textKey);
    expect(extractFeatures(report).textKey).toBeDefined();
  });

  it('given a body too short to identify an article, then there is no text key', () => {
    expect(extractFeatures(article('s', { title: 'عاجل', paragraphs: ['فيديو'] })).textKey).toBeUndefined();
  });
});

describe('articleTime', () => {
  it.each([
    ['publishedAt first', { publishedAt: '2018-03-16T06:30:00Z', fetchedAt: '2018-03-17T00:00:00Z' }, Date.parse('2018-03-16T06:30:00Z')],
    ['fetchedAt when publishedAt is absent', { fetchedAt: '2018-03-17T00:00:00Z' }, Date.parse('2018-03-17T00:00:00Z')],
    ['fetchedAt when publishedAt does not parse', { publishedAt: 'yesterday', fetchedAt: '2018-03-17T00:00:00Z' }, Date.parse('2018-03-17T00:00:00Z')],
    ['nothing when neither parses', { publishedAt: '', fetchedAt: 'soon' }, undefined],
  ])('%s', (_name, fields, expected) => {
    expect(articleTime(fields)).toBe(expected);
  });
});
