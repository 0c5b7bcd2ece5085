import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleSentences, countWords, fillBudget, rankSentences, summarize } from '../../../src/core/summarize/summarize.ts';
import { cleanPage } from '../../../src/core/clean/page-cleaner.ts';
import { contentTerms } from '../../../src/core/text/stem.ts';
import { describeWithShared, sharedPath } from '../../support/shared.ts';

/** A wire-style report: the lead states the news, later paragraphs add detail and background. */
const REPORT = {
  title: 'Iraq asks the United States for a new round of strategic dialogue',
  paragraphs: [
    'Iraq has asked the United States for a new round of strategic dialogue on the withdrawal of American troops, officials in Baghdad said on Tuesday.',
    'The request comes as Washington reviews its Iraq policy. A senior official said the talks should coincide with the next drawdown of U.S. forces. He did not give a date.',
    'The weather in Baghdad was mild. Traffic was heavy near the Green Zone.',
    'About 2,500 American troops remain in Iraq, down from 5,200 a year ago. Dr. Ali Hassan, a political scientist, said the dialogue would test relations between Baghdad and Washington.',
  ],
};

describe('summarize', () => {
  it('returns verbatim sentences in their original order with their indices', () => {
    const sentences = articleSentences(REPORT.paragraphs).map((s) => s.text);
    const summary = summarize(REPORT, { sentences: 3 });
    expect(summary.sentences).toHaveLength(3);
    expect(summary.indices).toEqual([...summary.indices].sort((a, b) => a - b));
    summary.indices.forEach((index, k) => expect(summary.sentences[k]).toBe(sentences[index]));
    for (const sentence of summary.sentences) expect(REPORT.paragraphs.some((p) => p.includes(sentence))).toBe(true);
  });

  it('given a one-sentence budget, then the lead that states the news is chosen', () => {
    expect(summarize(REPORT, { sentences: 1 }).indices).toEqual([0]);
  });

  it('given a longer budget, then the small talk about the weather is left out', () => {
    const summary = summarize(REPORT, { sentences: 4 });
    expect(summary.sentences.join(' ')).not.toMatch(/weather|Traffic/);
  });

  it('keeps the selected word count within the word budget', () => {
    for (const words of [25, 40, 60, 90]) {
      const summary = summarize(REPORT, { words });
      const total = summary.sentences.reduce((sum, s) => sum + countWords(s), 0);
      expect(total).toBeLessThanOrEqual(words);
      expect(summary.sentences.length).toBeGreaterThan(0);
    }
  });

  it('given a word budget smaller than any sentence, then still returns one sentence', () => {
    const summary = summarize(REPORT, { words: 3 });
    expect(summary.sentences).toHaveLength(1);
  });

  it('applies both budgets at once', () => {
    const summary = summarize(REPORT, { sentences: 2, words: 1000 });
    expect(summary.sentences).toHaveLength(2);
  });

  it('given no budget, then ranks and returns every sentence in order', () => {
    const all = articleSentences(REPORT.paragraphs);
    expect(summarize(REPORT).indices).toEqual(all.map((_, i) => i));
  });

  it('never picks a sentence twice when the article repeats itself', () => {
    const lead = 'Baghdad asked Washington for a new round of strategic dialogue on the withdrawal of troops.';
    const doc = { paragraphs: [lead, lead, 'The dialogue would cover security, energy and trade between the two countries.'] };
    const summary = summarize(doc, { sentences: 2 });
    expect(summary.indices).toEqual([0, 2]);
  });

  it('works on Arabic text and keeps the display text untouched', () => {
    const doc = {
      title: 'العراق يطالب أمريكا بحوار استراتيجي',
      paragraphs: ['طلب العراق من الولايات المتحدة الأميركية إجراء جولة حوار استراتيجي جديدة. وتأتي هذه التطورات في وقت حساس.', 'وقال د. علي حسن إن الحوار سيختبر العلاقات.'],
    };
    const summary = summarize(doc, { sentences: 1 });
    expect(summary.sentences).toEqual(['طلب العراق من الولايات المتحدة الأميركية إجراء جولة حوار استراتيجي جديدة.']);
  });

  it('returns nothing for an article with no text', () => {
    expect(summarize({ paragraphs: [] }, { sentences: 3 })).toEqual({ sentences: [], indices: [] });
    expect(summarize({ title: 'Only a title', paragraphs: ['  ', ''] }, { words: 10 })).toEqual({ sentences: [], indices: [] });
  });

  it.each([
    ['zero sentences', { sentences: 0 }],
    ['negative words', { words: -5 }],
    ['a fraction below one', { words: 0.5 }],
    ['not a number', { sentences: Number.NaN }],
    ['infinity', { words: Number.POSITIVE_INFINITY }],
  ])('refuses a budget of %s', (_name, budget) => {
    expect(() => summarize(REPORT, budget)).toThrow(RangeError);
  });

  it('is deterministic', () => {
    expect(summarize(REPORT, { words: 50 })).toEqual(summarize(REPORT, { words: 50 }));
  });

  it('uses the project content terms for every sentence', () => {
    for (const sentence of articleSentences(REPORT.paragraphs)) expect(sentence.terms).toEqual(contentTerms(sentence.text));
  });

  it('fills the budget down the ranking, the same ranking for every budget', () => {
    const sentences = articleSentences(REPORT.paragraphs);
    const ranking = rankSentences(sentences, REPORT.title);
    for (const words of [20, 45, 80]) {
      const expected = fillBudget(ranking, sentences, { words }).sort((a, b) => a - b);
      expect(summarize(REPORT, { words }).indices).toEqual(expected);
    }
  });

  it('ranks every sentence exactly once', () => {
    const sentences = articleSentences(REPORT.paragraphs);
    const ranking = rankSentences(sentences, REPORT.title).map((r) => r.index);
    expect([...ranking].sort((a, b) => a - b)).toEqual(sentences.map((_, i) => i));
  });

  it('property: for any paragraphs and budget, returns a within-budget ordered subset of the sentences', () => {
    const piece = fc.constantFrom('Iraq', 'العراق', 'talks', 'الحوار', 'U.S.', 'د.', '2019', '.', '؟', '!', ' ', ' ', ' ', '\n', '«', '»', '"');
    fc.assert(
      fc.property(
        fc.array(fc.array(piece, { maxLength: 40 }).map((p) => p.join('')), { maxLength: 5 }),
        fc.integer({ min: 1, max: 60 }),
        (paragraphs, words) => {
          const all = articleSentences(paragraphs);
          const summary = summarize({ paragraphs }, { words });
          expect(summary.indices).toEqual([...new Set(summary.indices)].sort((a, b) => a - b));
          summary.indices.forEach((index, k) => expect(summary.sentences[k]).toBe(all[index]?.text));
          if (summary.sentences.length > 1) expect(summary.sentences.reduce((n, s) => n + countWords(s), 0)).toBeLessThanOrEqual(words);
          expect(summary.sentences.length > 0).toBe(all.length > 0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describeWithShared('seed', 'summarize on the seed article (Al-Madina, Iraq–US dialogue)', () => {
  it('given the cleaned page, then the two-sentence summary opens with the lead about the dialogue request', () => {
    const page = cleanPage(readFileSync(sharedPath('seed', 'al-madina-iraq-us-dialogue.txt'), 'utf8'));
    const summary = summarize(page, { sentences: 2 });
    expect(summary.sentences).toHaveLength(2);
    expect(summary.indices[0]).toBe(0);
    expect(summary.sentences[0]).toContain('حوار استراتيجي');
    expect(summary.sentences.join(' ')).not.toMatch(/A A|Logo/);
  });
});
