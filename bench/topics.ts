/**
 * Topic matching speed on the news sample (../shared/news-sample, 140 Arabic articles of about
 * 2,000 characters): tokenising an article once, matching one topic over those tokens, and the
 * two together for every shipped topic. The pipeline target is 1,000 articles/s on one core, so
 * matching should stay well under 0.3 ms per article per topic.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTrecDocument } from '../src/core/content/trec.ts';
import { loadTopicsStrict } from '../src/core/topics/load.ts';
import { compileTopic, matchTokenizedTopic, matchTopics, tokenizeArticle, type ArticleText } from '../src/core/topics/matcher.ts';
import type { BenchSuite } from './run.ts';

const SAMPLE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'news-sample');
const ROUNDS = 30;

/**
 * CPU milliseconds per call of `body` over `items`, after one warm-up round. CPU time rather than
 * wall time: on a shared machine the wall clock also counts other processes' turns on the core.
 */
function timePerItem<T>(items: readonly T[], body: (item: T) => unknown): number {
  for (const item of items) body(item);
  const start = process.cpuUsage();
  for (let round = 0; round < ROUNDS; round++) for (const item of items) body(item);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / (ROUNDS * items.length);
}

export const topicsBench: BenchSuite = {
  name: 'topics',
  async run() {
    if (!existsSync(SAMPLE_DIR)) {
      console.log(`skipped: ${SAMPLE_DIR} not found`);
      return;
    }
    const labels = await readFile(join(SAMPLE_DIR, 'labels.csv'), 'utf8');
    const paths = labels.split('\n').slice(1).filter(Boolean).map((line) => line.split(',')[0]!);
    const articles: ArticleText[] = await Promise.all(
      paths.map(async (path) => {
        const doc = parseTrecDocument(await readFile(join(SAMPLE_DIR, path), 'utf8'));
        return { title: doc.title, paragraphs: doc.text };
      }),
    );
    const topics = (await loadTopicsStrict()).map(compileTopic);
    const tokenised = articles.map(tokenizeArticle);
    const chars = articles.reduce((sum, a) => sum + a.title.length + a.paragraphs.join('\n').length, 0) / articles.length;

    // A fresh paragraph list per call: an article's words are remembered with its paragraph list
    // (paragraph-words.ts), and timing the remembered answer would hide the tokenising.
    const fresh = (article: ArticleText): ArticleText => ({ title: article.title, paragraphs: article.paragraphs.slice() });
    const tokenise = timePerItem(articles, (article) => tokenizeArticle(fresh(article)));
    const perTopic = timePerItem(tokenised, (tokens) => {
      for (const topic of topics) matchTokenizedTopic(topic, tokens);
    }) / topics.length;
    const all = timePerItem(articles, (article) => matchTopics(topics, fresh(article)));

    console.log(`${articles.length} articles, ${Math.round(chars)} characters on average, ${topics.length} topics, ${ROUNDS} rounds, CPU time`);
    console.log(`tokenise one article:             ${tokenise.toFixed(3)} ms`);
    console.log(`match one topic over its tokens:  ${perTopic.toFixed(4)} ms  (target < 0.3 ms)`);
    console.log(`tokenise + all ${topics.length} topics:          ${all.toFixed(3)} ms = ${Math.round(1000 / all)} articles/s`);
    console.log(`matching share of that:           ${((perTopic * topics.length) / all * 100).toFixed(0)} %`);
  },
};
