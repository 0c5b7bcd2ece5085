import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTopic, matchTopic, matchTopics } from '../../../src/core/topics/matcher.ts';
import { validateTopic, type TopicDefinition } from '../../../src/core/topics/schema.ts';

/** A small two-group topic whose numbers are easy to follow by hand. */
function topic(overrides: Partial<TopicDefinition> = {}): TopicDefinition {
  const data = {
    id: 'test-relations',
    name: { ar: 'اختبار', en: 'Test' },
    description: { ar: 'موضوع للاختبار', en: 'A topic for tests' },
    titleBoost: 4,
    leadBoost: 2,
    leadParagraphs: 1,
    minScore: 0,
    groups: [
      { name: 'iraq', terms: ['العراق', 'عراقي*', 'بغداد', 'Iraq'] },
      {
        name: 'us',
        terms: [{ term: 'واشنطن', weight: 2 }, 'أمريكي*', 'أميركي*', { term: 'البيت الأبيض', weight: 2 }, 'الأبيض', 'United States'],
      },
    ],
    ...overrides,
  };
  const result = validateTopic(data);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.topic;
}

const body = (...paragraphs: string[]) => ({ title: '', paragraphs });

describe('matchTopic scoring', () => {
  it('given one mention per group, then a lead mention weighs leadBoost and a later one its weight', () => {
    const match = matchTopic(compileTopic(topic()), body('خبر عن العراق', 'وخبر آخر عن واشنطن'));
    expect(match.terms).toEqual([
      { term: 'واشنطن', group: 'us', count: 1, inTitle: false, score: 2 },
      { term: 'العراق', group: 'iraq', count: 1, inTitle: false, score: 1.41 },
    ]);
    expect(match).toMatchObject({ matched: true, score: 3.41, groupScores: { iraq: 1.41, us: 2 } });
  });

  it('given a term in the headline, then it counts titleBoost once however often the headline repeats it', () => {
    const compiled = compileTopic(topic());
    const once = matchTopic(compiled, { title: 'العراق', paragraphs: [] });
    const twice = matchTopic(compiled, { title: 'العراق والعراق', paragraphs: [] });
    expect(once.terms[0]).toMatchObject({ term: 'العراق', inTitle: true, count: 1, score: 2 });
    expect(twice.terms[0]).toMatchObject({ count: 2, score: 2 });
  });

  it('given a name repeated many times, then its score grows with the square root (diminishing returns)', () => {
    const compiled = compileTopic(topic({ leadParagraphs: 0 }));
    const scoreOf = (n: number) => matchTopic(compiled, body(...Array.from({ length: n }, () => 'العراق'))).terms[0]!.score;
    expect([1, 4, 9, 16].map(scoreOf)).toEqual([1, 2, 3, 4]);
  });

  it('given the longest term starts at a position, then its words are not counted again as shorter terms', () => {
    const match = matchTopic(compileTopic(topic()), body('قال البيت الأبيض إن العراق شريك'));
    expect(match.terms.map((t) => t.term).sort()).toEqual(['البيت الأبيض', 'العراق']);
  });

  it('given both spellings and proclitics, then الأمريكية, والأميركيين and بالعراق all fire', () => {
    const match = matchTopic(compileTopic(topic()), body('القوات الأمريكية والأميركيين بالعراق'));
    expect(match.terms.map((t) => t.term).sort()).toEqual(['أمريكي*', 'أميركي*', 'العراق']);
  });

  it('given a group without a term, then it is listed as missing and the article does not match', () => {
    const match = matchTopic(compileTopic(topic()), body('العراق وإيران يوقعان اتفاقاً'));
    expect(match).toMatchObject({ matched: false, missingGroups: ['us'], weakGroups: [] });
  });

  it('given a group under its own minimum, then it is weak and the article does not match', () => {
    const t = topic();
    t.groups[1]!.minScore = 3;
    const compiled = compileTopic(t);
    expect(matchTopic(compiled, body('العراق', 'واشنطن')).weakGroups).toEqual(['us']);
    expect(matchTopic(compiled, body('العراق وواشنطن', 'واشنطن')).matched).toBe(true);
  });

  it('given a total under minScore, then the article does not match', () => {
    const compiled = compileTopic(topic({ minScore: 5 }));
    expect(matchTopic(compiled, body('العراق', 'واشنطن')).matched).toBe(false);
    expect(matchTopic(compiled, { title: 'العراق وواشنطن', paragraphs: ['العراق وواشنطن'] }).matched).toBe(true);
  });
});

describe('co-occurrence', () => {
  const compiled = compileTopic(topic({ minCooccurrence: 2 }));

  it('given both groups in the headline, then co-occurrence is titleBoost × the weakest group weight', () => {
    expect(matchTopic(compiled, { title: 'العراق وواشنطن', paragraphs: [] }).cooccurrence).toBe(4);
  });

  it('given both groups only in different paragraphs, then co-occurrence is 0 and the article does not match', () => {
    const match = matchTopic(compiled, body('العراق', 'لا شيء', 'واشنطن'));
    expect(match).toMatchObject({ cooccurrence: 0, matched: false, missingGroups: [] });
  });

  it('given both groups together in body paragraphs, then each such paragraph adds its weight', () => {
    expect(matchTopic(compiled, body('تمهيد', 'العراق وواشنطن', 'بغداد والأمريكيون')).cooccurrence).toBe(2);
    expect(matchTopic(compiled, body('تمهيد', 'العراق وواشنطن', 'بغداد والأمريكيون')).matched).toBe(true);
  });
});

describe('ignore rules and exclusions', () => {
  it('given an ignore phrase, then its words never count as terms', () => {
    const compiled = compileTopic(
      topic({ ignore: [{ terms: ['أمريكا اللاتينية', 'الجامعة الأمريكية'], why: 'not the United States' }] }),
    );
    const match = matchTopic(compiled, body('العراق يستورد السكر من أمريكا اللاتينية', 'وتخرج في الجامعة الأمريكية في بغداد'));
    expect(match.missingGroups).toEqual(['us']);
  });

  it('given an exclusion without unlessScore, then it always vetoes and names the term', () => {
    const compiled = compileTopic(topic({ exclusions: [{ terms: ['مباراة'], why: 'sport' }] }));
    const match = matchTopic(compiled, { title: 'العراق وواشنطن', paragraphs: ['مباراة ودية بين العراق والمنتخب الأمريكي'] });
    expect(match).toMatchObject({ matched: false, excludedBy: ['مباراة'] });
  });

  it('given an exclusion with unlessScore, then a strong enough article stays in', () => {
    const compiled = compileTopic(topic({ exclusions: [{ terms: ['مباراة'], unlessScore: 10, why: 'sport' }] }));
    const weak = matchTopic(compiled, body('مباراة في العراق حضرها مسؤول أمريكي'));
    const strong = matchTopic(compiled, {
      title: 'واشنطن وبغداد والبيت الأبيض',
      paragraphs: ['العراق وواشنطن', 'العراقيون والأمريكيون', 'مباراة', 'البيت الأبيض', 'بغداد'],
    });
    expect(weak).toMatchObject({ matched: false, excludedBy: ['مباراة'] });
    expect(strong.score).toBeGreaterThanOrEqual(10);
    expect(strong).toMatchObject({ matched: true, excludedBy: [] });
  });
});

describe('matchTopics', () => {
  it('given several topics, then every topic is scored once and the best score comes first', () => {
    const a = compileTopic(topic());
    const b = compileTopic({ ...topic(), id: 'only-iraq', groups: [{ name: 'iraq', terms: ['العراق'] }] });
    const matches = matchTopics([b, a], body('العراق وواشنطن'));
    expect(matches.map((m) => m.topicId)).toEqual(['test-relations', 'only-iraq']);
    expect(matches[0]!.score).toBeGreaterThan(matches[1]!.score);
  });
});

describe('properties', () => {
  const compiled = compileTopic(topic({ minCooccurrence: 1, exclusions: [{ terms: ['مباراة'], why: 'sport' }] }));
  const words = ['العراق', 'واشنطن', 'الأمريكية', 'بغداد', 'مباراة', 'قال', 'الحكومة', 'البيت', 'الأبيض', 'اليوم', 'Iraq', 'United', 'States'];
  const paragraph = fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 12 }).map((ws) => ws.join(' '));
  const article = fc.record({ title: paragraph, paragraphs: fc.array(paragraph, { maxLength: 6 }) });

  it('diacritics, tatweel and invisible characters never change a decision or a score', () => {
    const decorate = (text: string) => text.replace(/ا/g, 'اَ').replace(/ي/g, 'ـي').replace(/ /g, ' \u200B');
    fc.assert(
      fc.property(article, (a) => {
        const plain = matchTopic(compiled, a);
        const decorated = matchTopic(compiled, { title: decorate(a.title), paragraphs: a.paragraphs.map(decorate) });
        expect(decorated.score).toBe(plain.score);
        expect(decorated.matched).toBe(plain.matched);
      }),
    );
  });

  it('adding a paragraph never lowers the score or the co-occurrence', () => {
    fc.assert(
      fc.property(article, paragraph, (a, extra) => {
        const before = matchTopic(compiled, a);
        const after = matchTopic(compiled, { title: a.title, paragraphs: [...a.paragraphs, extra] });
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(after.cooccurrence).toBeGreaterThanOrEqual(before.cooccurrence);
      }),
    );
  });

  it('a match always has every group and no veto', () => {
    fc.assert(
      fc.property(article, (a) => {
        const m = matchTopic(compiled, a);
        if (m.matched) expect({ missing: m.missingGroups, weak: m.weakGroups, vetoes: m.excludedBy }).toEqual({ missing: [], weak: [], vetoes: [] });
      }),
    );
  });
});
