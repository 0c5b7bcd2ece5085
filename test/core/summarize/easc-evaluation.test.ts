import { beforeAll, expect, it } from 'vitest';
import { loadEasc, type EascDocument } from '../../../src/core/summarize/easc.ts';
import { evaluateSummaries, paragraphsOf, resultOf, type Evaluation } from '../../../src/core/summarize/evaluate.ts';
import { describeWithShared, sharedPath } from '../../support/shared.ts';

describeWithShared('easc', 'ROUGE on the Essex Arabic Summaries Corpus', () => {
  let documents: EascDocument[];
  let evaluation: Evaluation;

  // The whole corpus is evaluated once for every assertion below.
  beforeAll(async () => {
    documents = await loadEasc(sharedPath('easc'));
    evaluation = evaluateSummaries(documents);
  }, 60_000);

  it('reads 153 articles with five summaries each, without byte-order marks or carriage returns', () => {
    expect(documents).toHaveLength(153);
    for (const doc of documents) {
      expect(doc.references).toHaveLength(5);
      expect(doc.article.startsWith('\uFEFF')).toBe(false);
      expect(doc.article).not.toContain('\r');
      expect(paragraphsOf(doc.article).length).toBeGreaterThan(0);
    }
  });

  it('reproduces the corpus README reference figures for the baselines within one point', () => {
    const leadLen = resultOf(evaluation, 'Lead-len');
    const lead3 = resultOf(evaluation, 'Lead-3');
    expect(Math.abs(leadLen.rouge1.f * 100 - 53.2)).toBeLessThan(1);
    expect(Math.abs(leadLen.rouge2.f * 100 - 46.5)).toBeLessThan(1);
    expect(Math.abs(lead3.rouge1.f * 100 - 45.5)).toBeLessThan(1);
    expect(Math.abs(lead3.rouge2.f * 100 - 39.7)).toBeLessThan(1);
  });

  it('mowjaz beats Lead-len on ROUGE-1 F and ROUGE-2 F under the same budget rule', () => {
    const mowjaz = resultOf(evaluation, 'mowjaz');
    const leadLen = resultOf(evaluation, 'Lead-len');
    expect(mowjaz.rouge1.f).toBeGreaterThan(leadLen.rouge1.f);
    expect(mowjaz.rouge2.f).toBeGreaterThan(leadLen.rouge2.f);
  });

  it('mowjaz also beats Lead-len cut mid-sentence at exactly N words', () => {
    expect(resultOf(evaluation, 'mowjaz').rouge1.f).toBeGreaterThan(resultOf(evaluation, 'Lead-len (cut at N words)').rouge1.f);
  });

  it('within the budget (summarize contract), mowjaz beats the lead sentences that fit', () => {
    expect(resultOf(evaluation, 'mowjaz (≤ N words)').rouge1.f).toBeGreaterThan(resultOf(evaluation, 'Lead (≤ N words)').rouge1.f);
  });
});
