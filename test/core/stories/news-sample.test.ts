/**
 * Story clustering on the labelled news sample (ANT Corpus extract: A. Chouigui, O. Ben Khiroun
 * and B. Elayeb, "An Arabic Multi-source News Corpus: Experimenting on Single-document Extractive
 * Summarization", Arabian Journal for Science and Engineering 46(8), 2021; https://antcorpus.github.io).
 * Floors sit slightly under the measured figures (docs/stories.md); one setting for every document.
 */
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { loadArticleFile } from '../../../src/core/content/load.ts';
import { StoryIndex } from '../../../src/core/stories/story-index.ts';
import { evaluateClustering } from '../../../src/core/stories/evaluation.ts';
import { evaluateOnSample, loadNewsSample, type LabelledArticle, type SampleEvaluation } from '../../../scripts/eval-clustering.ts';
import { describeWithShared, sharedPath } from '../../support/shared.ts';

describeWithShared('news-sample', 'story clustering on the news sample', () => {
  let sample: LabelledArticle[];
  let evaluation: SampleEvaluation;

  beforeAll(async () => {
    sample = await loadNewsSample(sharedPath('news-sample'));
    evaluation = evaluateOnSample(sample);
  });

  it('given all 140 articles, then pairwise F1 is at least 0.85 with precision at least 0.95', () => {
    expect(sample).toHaveLength(140);
    const { precision, recall, f1 } = evaluation.report.scores;
    expect(f1).toBeGreaterThanOrEqual(0.85);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.78);
  });

  it('given the related-but-different events named in the sample README, then each pair stays apart', () => {
    expect(evaluation.apart).toHaveLength(3);
    for (const { pair, apart } of evaluation.apart) expect(apart, `${pair[0]} / ${pair[1]}`).toBe(true);
  });

  it('given the exact duplicate pair (one URL filed under two feeds), then both files are in one story', () => {
    const story = evaluation.storyOf.get('FR-internationalNews-1897-20180619');
    expect(story).toBeDefined();
    expect(evaluation.storyOf.get('FR-middleEast-645-20180619')).toBe(story);
  });

  it('given the two duplicate files read separately, then the index joins the second to the first by its URL', async () => {
    const dir = sharedPath('news-sample', 'articles', 'France24');
    const first = await loadArticleFile(join(dir, 'FR-internationalNews-1897-20180619.txt'));
    const second = await loadArticleFile(join(dir, 'FR-middleEast-645-20180619.txt'));
    const index = new StoryIndex();
    const founded = index.add(first);
    expect(index.add({ ...second, id: `${second.id}-copy` })).toEqual({ storyId: founded.storyId, isNew: false, similarity: 1, reason: 'same-url' });
  });

  it('given the articles one at a time in time order, with statistics learnt on the way, then the live index does as well', () => {
    const index = new StoryIndex();
    const articles = [...new Map(sample.map((s) => [s.article.id, s.article])).values()];
    articles.sort((a, b) => a.publishedAt!.localeCompare(b.publishedAt!) || a.id.localeCompare(b.id));
    const storyOfArticle = new Map(articles.map((article) => [article.id, index.add(article).storyId]));
    const storyOf = new Map(sample.map((s) => [s.docno, storyOfArticle.get(s.article.id)!]));
    const { scores } = evaluateClustering(storyOf, new Map(sample.map((s) => [s.docno, s.group])));
    expect(scores.f1).toBeGreaterThanOrEqual(0.85);
  });
});
