/**
 * Topic matching on the labelled news sample (../shared/news-sample): precision, recall and F1 of
 * `iraq-us-relations` (label `iraq_us` positive; `near_miss` and `other` negative), on all 140
 * articles and on the high-confidence labels only, with the articles it gets wrong.
 *
 * Articles are read through `loadArticles`, as the bot reads them: exact duplicates collapsed,
 * datelines and other articles' appended leads removed. One topic file for every document.
 *
 * Run: `npx tsx scripts/eval-topics.ts [--dir <news-sample folder>] [--topic <id>]`.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadArticles } from '../src/core/content/load.ts';
import type { Article } from '../src/core/types.ts';
import { scoreDecisions, type TopicScores } from '../src/core/topics/evaluation.ts';
import { loadTopicsStrict } from '../src/core/topics/load.ts';
import { compileTopic, matchTopic, type TopicMatchDetail } from '../src/core/topics/matcher.ts';

export const DEFAULT_SAMPLE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'news-sample');

export interface SampleRow {
  path: string;
  label: 'iraq_us' | 'near_miss' | 'other';
  confidence: 'high' | 'medium';
  title: string;
}

/**
 * The columns we need from labels.csv. The title is the only field that may be quoted (it can hold
 * commas), and it sits between five plain fields and the confidence, so both ends are read as is.
 */
export function parseLabels(csv: string): SampleRow[] {
  const lines = csv.split('\n').filter((line) => line.trim().length > 0);
  return lines.slice(1).map((line) => {
    const fields = line.split(',');
    const title = fields.slice(5, -1).join(',').replace(/^"|"$/g, '').replace(/""/g, '"');
    return {
      path: fields[0]!,
      label: fields[3] as SampleRow['label'],
      confidence: fields.at(-1)!.trim() as SampleRow['confidence'],
      title,
    };
  });
}

export interface SampleArticle extends SampleRow {
  id: string;
  article: Article;
}

/** Loads every labelled article as the bot would; a duplicate file shares its original's article. */
export async function loadSample(dir: string = DEFAULT_SAMPLE_DIR): Promise<SampleArticle[]> {
  const rows = parseLabels(await readFile(join(dir, 'labels.csv'), 'utf8'));
  const paths = rows.map((row) => join(dir, row.path));
  const { articles, errors, report } = await loadArticles(paths);
  if (errors.length > 0) throw new Error(`news sample: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const byPath = new Map(articles.map((a) => [a.origin?.path ?? '', a]));
  for (const { path, duplicateOf } of report.duplicates) {
    const original = byPath.get(duplicateOf);
    if (original) byPath.set(path, original);
  }
  return rows.map((row, i) => {
    const article = byPath.get(paths[i]!);
    if (!article) throw new Error(`news sample: ${row.path} was not loaded`);
    return { ...row, id: basename(row.path, '.txt'), article };
  });
}

export interface TopicEvaluation {
  all: TopicScores;
  high: TopicScores;
  matches: Map<string, TopicMatchDetail>;
}

export async function evaluateIraqUs(sample: readonly SampleArticle[], topicId = 'iraq-us-relations'): Promise<TopicEvaluation> {
  const topic = (await loadTopicsStrict()).find((t) => t.id === topicId);
  if (!topic) throw new Error(`no topic "${topicId}"`);
  const compiled = compileTopic(topic);
  const matches = new Map<string, TopicMatchDetail>();
  const decisions = sample.map((item) => {
    const match = matchTopic(compiled, item.article);
    matches.set(item.id, match);
    return { id: item.id, positive: item.label === 'iraq_us', matched: match.matched, high: item.confidence === 'high' };
  });
  return { all: scoreDecisions(decisions), high: scoreDecisions(decisions.filter((d) => d.high)), matches };
}

function line(name: string, s: TopicScores): string {
  const pct = (x: number) => x.toFixed(3);
  return `${name.padEnd(16)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   (TP ${s.truePositives}, FP ${s.falsePositives}, FN ${s.falseNegatives}, TN ${s.trueNegatives})`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, topic: { type: 'string' } } });
  const sample = await loadSample(values.dir ?? DEFAULT_SAMPLE_DIR);
  const evaluation = await evaluateIraqUs(sample, values.topic);
  const byId = new Map(sample.map((s) => [s.id, s]));
  console.log(`${values.topic ?? 'iraq-us-relations'} on the news sample (${sample.length} articles)`);
  console.log(line('all labels', evaluation.all));
  console.log(line('high confidence', evaluation.high));
  for (const [kind, ids] of [['false positives', evaluation.all.falsePositiveIds], ['false negatives', evaluation.all.falseNegativeIds]] as const) {
    console.log(`\n${kind}:`);
    for (const id of ids) {
      const item = byId.get(id)!;
      const m = evaluation.matches.get(id)!;
      console.log(`  ${id} [${item.label}, ${item.confidence}] score ${m.score}, co-occurrence ${m.cooccurrence} — ${item.title}`);
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await main();
}
