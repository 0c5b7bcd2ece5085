import { describe, expect, it } from 'vitest';
import { buildBriefing, type BriefingInput, type BriefingTopic } from '../../../src/core/briefing/build.ts';
import { itemScore } from '../../../src/core/briefing/score.ts';
import { clusterStories } from '../../../src/core/stories/cluster.ts';
import type { Article, TopicMatch } from '../../../src/core/types.ts';
import { ALL_FIXTURES, article, HELICOPTER_CRASH, NOBEL, TARIFFS, UNRELATED } from '../stories/fixtures.ts';

const stories = clusterStories(ALL_FIXTURES);
const march = { from: '2018-03-15T00:00:00Z', to: '2018-03-18T00:00:00Z' };

function input(overrides: Partial<BriefingInput> = {}): BriefingInput {
  return { articles: ALL_FIXTURES, stories, language: 'ar', period: march, maxItems: 10, now: '2018-03-17T12:00:00Z', ...overrides };
}

function match(score: number, terms: [string, string, number][], matched = true): TopicMatch {
  return {
    topicId: 'iraq-us',
    matched,
    score,
    terms: terms.map(([term, group, termScore]) => ({ term, group, count: 1, inTitle: false, score: termScore })),
    missingGroups: [],
    excludedBy: [],
  };
}

const iraqUs: BriefingTopic = {
  id: 'iraq-us',
  names: { en: 'Iraq–US relations', ar: 'العلاقات العراقية الأمريكية' },
  matches: new Map([
    ['sky-crash', match(3, [['العراق', 'iraq', 1], ['أميركية', 'us', 2]])],
    ['bbc-crash', match(2.5, [['العراق', 'iraq', 1], ['أمريكية', 'us', 1.5]])],
    ['cnn-crash', match(2, [['العراق', 'iraq', 1], ['وزارة الدفاع الأمريكية', 'us', 1]])],
    ['sky-election', match(0.8, [['العراق', 'iraq', 0.8]], false)],
  ]),
};

describe('buildBriefing, top stories', () => {
  const briefing = buildBriefing(input());

  it('given three days of March, then each story of the period is one item and the three-outlet story leads', () => {
    expect(briefing.items.map((i) => i.id)).toHaveLength(3);
    const [first] = briefing.items;
    expect(first!.sources.map((s) => s.name)).toEqual(['sky', 'bbc', 'cnn']);
    expect(briefing.items.slice(1).map((i) => i.sources.length)).toEqual([1, 1]);
  });

  it('given an Arabic briefing, then it reads right to left and is titled "top stories" with the period', () => {
    expect(briefing).toMatchObject({ language: 'ar', direction: 'rtl', title: 'أبرز الأخبار — 15–17 مارس 2018', period: march });
    expect(briefing.topicId).toBeUndefined();
  });

  it('given a story, then its item shows the representative headline, verbatim summary sentences and sources in time order', () => {
    const item = briefing.items[0]!;
    const story = stories.find((s) => s.articleIds.includes('sky-crash'))!;
    const representative = HELICOPTER_CRASH.find((a) => a.id === story.articleIds[0])!;
    expect(item.id).toBe(story.id);
    expect(item.headline).toBe(representative.title);
    expect(item.summary.length).toBeGreaterThanOrEqual(1);
    expect(item.summary.length).toBeLessThanOrEqual(2);
    for (const sentence of item.summary) expect(representative.paragraphs.join(' ')).toContain(sentence);
    expect(item.sources).toEqual(
      [...HELICOPTER_CRASH].sort((a, b) => a.publishedAt!.localeCompare(b.publishedAt!)).map((a) => ({ name: a.sourceName, url: a.url, publishedAt: new Date(a.publishedAt!).toISOString() })),
    );
    expect(item.publishedAt).toBe('2018-03-17T09:00:00.000Z');
    expect(item.matchedTerms).toEqual([]);
    expect(item.language).toBe('ar');
  });

  it('ranks by topic score × recency × coverage, exactly as documented', () => {
    const item = briefing.items[0]!;
    expect(item.score).toBeCloseTo(itemScore({ topicScore: 1, ageHours: 3, outlets: 3 }), 12);
    const scores = briefing.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('given the same input twice, then the briefing is the same and the input is left untouched', () => {
    const before = structuredClone(ALL_FIXTURES);
    expect(buildBriefing(input())).toEqual(briefing);
    expect(ALL_FIXTURES).toEqual(before);
  });
});

describe('buildBriefing, a topic', () => {
  const briefing = buildBriefing(input({ topic: iraqUs, language: 'en' }));

  it('given matches, then only stories with a matching article appear, under the topic name', () => {
    expect(briefing.title).toBe('Iraq–US relations — 15 – 17 Mar 2018');
    expect(briefing.topicId).toBe('iraq-us');
    expect(briefing.items).toHaveLength(1);
  });

  it('given the matched terms of several articles, then each display form appears once, strongest first', () => {
    expect(briefing.items[0]!.matchedTerms).toEqual(['العراق', 'أميركية', 'أمريكية', 'وزارة الدفاع الأمريكية']);
  });

  it('given a prefix term, then it is shown as the word without the matching syntax', () => {
    const prefixed: BriefingTopic = {
      ...iraqUs,
      matches: new Map([['sky-crash', match(3, [['عراقي*', 'iraq', 1], ['أميركي*', 'us', 2]])]]),
    };
    const terms = buildBriefing(input({ topic: prefixed, language: 'en' })).items[0]!.matchedTerms;
    expect(terms).toEqual(['أميركي', 'عراقي']);
  });

  it('given topic scores, then the item carries the best of them', () => {
    expect(briefing.items[0]!.score).toBeCloseTo(itemScore({ topicScore: 3, ageHours: 3, outlets: 3 }), 12);
  });

  it('given an English briefing and only Arabic reports, then the item keeps its own language', () => {
    expect(briefing).toMatchObject({ language: 'en', direction: 'ltr' });
    expect(briefing.items[0]!.language).toBe('ar');
  });

  it('given a story whose representative does not match, then a matching article gives the headline', () => {
    const representative = stories.find((s) => s.articleIds.includes('sky-crash'))!.articleIds[0]!;
    const matches = new Map(iraqUs.matches);
    matches.set(representative, match(1, [], false));
    const onlyOthers = buildBriefing(input({ topic: { ...iraqUs, matches } }));
    const headline = onlyOthers.items[0]!.headline;
    expect(headline).not.toBe(HELICOPTER_CRASH.find((a) => a.id === representative)!.title);
    expect(onlyOthers.items[0]!.sources).toHaveLength(3);
  });
});

describe('buildBriefing, selection and edge cases', () => {
  it('given a period, then articles outside it are left out, even from a story that continues', () => {
    const briefing = buildBriefing(input({ period: { from: '2018-03-15T00:00:00Z', to: '2018-03-17T00:00:00Z' } }));
    const crash = briefing.items.find((i) => i.sources.some((s) => s.name === 'sky'))!;
    expect(crash.sources.map((s) => s.name)).toEqual(['sky', 'bbc']);
  });

  it('given maxItems, then only that many items are kept, the best first', () => {
    const all = buildBriefing(input());
    expect(buildBriefing(input({ maxItems: 1 })).items).toEqual(all.items.slice(0, 1));
    expect(buildBriefing(input({ maxItems: 0 })).items).toEqual([]);
  });

  it('given an English and an Arabic report of one story, then an Arabic briefing takes its headline from the Arabic one', () => {
    const arabicNobel = article('aljazeera-nobel', {
      title: 'نادية مراد ودينيس موكويغي يفوزان بجائزة نوبل للسلام',
      paragraphs: ['منحت لجنة نوبل النرويجية جائزة نوبل للسلام للناشطة الإيزيدية نادية مراد والطبيب الكونغولي دينيس موكويغي.'],
      publishedAt: '2018-10-05T11:30:00Z',
    });
    const articles = [...NOBEL, arabicNobel];
    const story = { id: 'story-nobel', articleIds: ['reuters-nobel', 'guardian-nobel', 'aljazeera-nobel'], firstSeen: '2018-10-05T09:20:00Z', lastSeen: '2018-10-05T11:30:00Z' };
    const period = { from: '2018-10-05T00:00:00Z', to: '2018-10-06T00:00:00Z' };
    const ar = buildBriefing(input({ articles, stories: [story], period, now: '2018-10-05T12:00:00Z' }));
    expect(ar.items[0]).toMatchObject({ headline: arabicNobel.title, language: 'ar' });
    const en = buildBriefing(input({ articles, stories: [story], period, now: '2018-10-05T12:00:00Z', language: 'en' }));
    expect(en.items[0]).toMatchObject({ headline: NOBEL[0]!.title, language: 'en' });
  });

  it('given one article under two URLs spellings, then the sources list it once, the earliest copy', () => {
    const copy: Article = { ...TARIFFS[0]!, id: 'alarabiya-tariffs-copy', url: 'http://alarabiya.net/aswaq/economy/2018/07/06/tariffs/', publishedAt: '2018-07-06T06:00:00Z' };
    const story = { id: 'story-tariffs', articleIds: [...TARIFFS.map((a) => a.id), copy.id], firstSeen: '', lastSeen: '' };
    const briefing = buildBriefing(input({ articles: [...TARIFFS, copy], stories: [story], period: { from: '2018-07-06T00:00:00Z', to: '2018-07-07T00:00:00Z' }, now: '2018-07-06T12:00:00Z' }));
    expect(briefing.items[0]!.sources.map((s) => s.url)).toEqual([TARIFFS[0]!.url, TARIFFS[1]!.url]);
  });

  it('given articles in no story, then each is an item of its own under its article id', () => {
    const briefing = buildBriefing(input({ stories: [] }));
    expect(briefing.items.map((i) => i.id).sort()).toEqual([...HELICOPTER_CRASH, UNRELATED[0]!, UNRELATED[1]!].map((a) => a.id).sort());
  });

  it('given an article without a title, then its first sentence is the headline and is not repeated in the summary', () => {
    const untitled = article('wire-1', {
      title: '',
      paragraphs: ['Baghdad airport reopened on Friday after a storm closed it overnight. Flights to Erbil and Basra resumed by noon. Airlines said delays would clear by evening.'],
      publishedAt: '2018-03-16T08:00:00Z',
      language: 'en',
    });
    const briefing = buildBriefing(input({ articles: [untitled], stories: [], summarySentences: 3 }));
    const item = briefing.items[0]!;
    expect(item.headline).toBe('Baghdad airport reopened on Friday after a storm closed it overnight.');
    expect(item.summary).not.toContain(item.headline);
    expect(item.summary.length).toBeGreaterThanOrEqual(1);
  });

  it('given an article without any date, then it cannot be placed in the period and is left out', () => {
    const undated = { ...UNRELATED[0]!, id: 'undated', publishedAt: undefined, fetchedAt: undefined };
    expect(buildBriefing(input({ articles: [undated], stories: [] })).items).toEqual([]);
  });

  it('given an article with only fetchedAt, then that instant places it and no publication time is claimed', () => {
    const fetched = { ...UNRELATED[0]!, id: 'fetched', publishedAt: undefined, fetchedAt: '2018-03-16T13:00:00Z' };
    const item = buildBriefing(input({ articles: [fetched], stories: [] })).items[0]!;
    expect(item.sources).toEqual([{ name: fetched.sourceName, url: fetched.url }]);
    expect(item.publishedAt).toBe('2018-03-16T13:00:00.000Z');
  });

  it('given a summary length out of range, then it is held between one and three sentences', () => {
    const long = buildBriefing(input({ summarySentences: 9 })).items.map((i) => i.summary.length);
    const short = buildBriefing(input({ summarySentences: 0 })).items.map((i) => i.summary.length);
    expect(Math.max(...long)).toBeLessThanOrEqual(3);
    expect(short.every((n) => n === 1)).toBe(true);
  });

  it('given a period or clock that does not parse, then a RangeError says which', () => {
    expect(() => buildBriefing(input({ period: { from: 'last week', to: march.to } }))).toThrow(/period\.from/);
    expect(() => buildBriefing(input({ now: 'now' }))).toThrow(/now/);
    expect(() => buildBriefing(input({ now: new Date(Number.NaN) }))).toThrow(/now/);
  });

  it('given a Date for now, then it is the same as its ISO string', () => {
    expect(buildBriefing(input({ now: new Date('2018-03-17T12:00:00Z') }))).toEqual(buildBriefing(input()));
  });

  it('given a summary memo, then summaries are the same, made once per lead article, and editing one item leaves the memo alone', () => {
    const summaryMemo = new Map<string, readonly string[]>();
    const plain = buildBriefing(input());
    const first = buildBriefing(input({ summaryMemo }));
    expect(first).toEqual(plain);
    expect(summaryMemo.size).toBe(plain.items.length);
    first.items[0]!.summary.push('edited');
    expect(buildBriefing(input({ summaryMemo, language: 'en' })).items.map((i) => i.summary)).toEqual(buildBriefing(input({ language: 'en' })).items.map((i) => i.summary));
  });
});
