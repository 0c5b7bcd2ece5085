/**
 * `npm run eval:clustering`: story clustering on the labelled news sample (../shared/news-sample),
 * scored pairwise against its event groups. Prints precision, recall, F1, the number of stories,
 * the worst false merges and splits with titles, and whether the "related but kept apart" pairs
 * stayed apart. One setting (the defaults) for every document.
 *
 * Options: --dir <news-sample folder>, --window <hours>, --threshold <similarity>, --top <n>.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadArticles } from '../src/core/content/load.ts';
import { clusterStories, type ClusterOptions } from '../src/core/stories/cluster.ts';
import { evaluateClustering, type ClusteringReport } from '../src/core/stories/evaluation.ts';
import type { Article, Story } from '../src/core/types.ts';

export interface LabelledArticle {
  /** The corpus DOCNO (file name without .txt): the row's identity in labels.csv. */
  docno: string;
  /** The article as the bot reads it; the two files of an exact duplicate share one article. */
  article: Article;
  label: string;
  /** Event group slug, empty when the article belongs to none. */
  group: string;
}

/**
 * Pairs of different events on the same thread (the sample's README): each must end up in two
 * different stories. The second item of each pair stands for its whole event group.
 */
export const RELATED_BUT_APART: readonly (readonly [string, string])[] = [
  ['BB-middleEast-1011-20180928', 'pompeo-iran-threat-to-americans-in-iraq-2018-10'],
  ['SK-internationalNews-1586-20180515', 'SK-economy-1168-20180812'],
  ['SK-internationalNews-3109-20180901', 'israel-threatens-iran-missiles-in-iraq-2018-09'],
];

export const DEFAULT_SAMPLE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'news-sample');

/** Parses labels.csv (RFC 4180: quoted fields, doubled inner quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Loads every labelled file through `loadArticles`, as the bot reads articles: other stories'
 * leads removed (CNN), furniture dropped, exact duplicates collapsed. A collapsed file shares its
 * original's article, so it lands in the same story: that is what ingest does with it.
 */
export async function loadNewsSample(dir = DEFAULT_SAMPLE_DIR): Promise<LabelledArticle[]> {
  const [header, ...rows] = parseCsv(await readFile(join(dir, 'labels.csv'), 'utf8'));
  const column = (name: string) => {
    const index = header?.indexOf(name) ?? -1;
    if (index < 0) throw new Error(`labels.csv has no "${name}" column`);
    return index;
  };
  const [pathCol, labelCol, groupCol] = ['path', 'label', 'event_group'].map(column) as [number, number, number];
  const labelled = rows.filter((row) => row.length > 1);
  const paths = labelled.map((row) => join(dir, row[pathCol]!));
  const { articles, errors, report } = await loadArticles(paths);
  if (errors.length > 0) throw new Error(`news sample: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const byPath = new Map(articles.map((article) => [article.origin?.path ?? '', article]));
  for (const { path, duplicateOf } of report.duplicates) {
    const original = byPath.get(duplicateOf);
    if (original) byPath.set(path, original);
  }
  return labelled.map((row, i) => {
    const article = byPath.get(paths[i]!);
    if (!article) throw new Error(`news sample: ${row[pathCol]} was not loaded`);
    return { docno: basename(row[pathCol]!, '.txt'), article, label: row[labelCol]!, group: row[groupCol] ?? '' };
  });
}

export interface SampleEvaluation {
  stories: Story[];
  /** Story of each labelled file, by DOCNO. */
  storyOf: Map<string, string>;
  report: ClusteringReport;
  /** For each related-but-apart pair: whether its two sides landed in different stories. */
  apart: { pair: readonly [string, string]; apart: boolean }[];
}

export function evaluateOnSample(sample: readonly LabelledArticle[], options: ClusterOptions = {}): SampleEvaluation {
  const stories = clusterStories(sample.map((s) => s.article), options);
  const storyOfArticle = new Map<string, string>();
  for (const story of stories) for (const id of story.articleIds) storyOfArticle.set(id, story.id);
  const storyOf = new Map(sample.map((s) => [s.docno, storyOfArticle.get(s.article.id)!]));
  const groupOf = new Map(sample.map((s) => [s.docno, s.group]));
  const report = evaluateClustering(storyOf, groupOf);

  const storiesOfSide = (side: string) => {
    const docnos = sample.filter((s) => s.docno === side || s.group === side).map((s) => s.docno);
    if (docnos.length === 0) throw new Error(`"${side}" names no article or event group of the sample`);
    return new Set(docnos.map((docno) => storyOf.get(docno)));
  };
  const apart = RELATED_BUT_APART.map((pair) => {
    const left = storiesOfSide(pair[0]);
    return { pair, apart: ![...storiesOfSide(pair[1])].some((story) => left.has(story)) };
  });
  return { stories, storyOf, report, apart };
}

function formatReport(sample: readonly LabelledArticle[], evaluation: SampleEvaluation, top: number): string {
  const byDocno = new Map(sample.map((s) => [s.docno, s]));
  const describe = (docno: string) => {
    const s = byDocno.get(docno);
    return `${docno} [${s?.group || '-'}] ${s?.article.title ?? ''}`;
  };
  const { scores, falseMerges, splits } = evaluation.report;
  const grouped = new Set(sample.filter((s) => s.group).map((s) => s.group));
  const lines = [
    `news-sample: ${sample.length} files (${new Set(sample.map((s) => s.article.id)).size} articles after ingest), ${grouped.size} event groups`,
    `stories: ${new Set(evaluation.storyOf.values()).size} (${evaluation.stories.filter((s) => s.articleIds.length > 1).length} with more than one article)`,
    `pairwise precision ${scores.precision.toFixed(3)}  recall ${scores.recall.toFixed(3)}  F1 ${scores.f1.toFixed(3)}`,
    `pairs: gold ${scores.goldPairs}, predicted ${scores.predictedPairs}, correct ${scores.correctPairs}`,
    '',
    'related but kept apart:',
    ...evaluation.apart.map(({ pair, apart }) => `  ${apart ? 'apart ' : 'MERGED'} ${pair[0]} / ${pair[1]}`),
    '',
    `worst false merges (${falseMerges.length}):`,
  ];
  for (const merge of falseMerges.slice(0, top)) {
    lines.push(`  ${merge.storyId}: ${merge.wrongPairs} wrong pair(s)`);
    for (const id of merge.articleIds) lines.push(`    ${describe(id)}`);
  }
  lines.push('', `worst splits (${splits.length}):`);
  for (const split of splits.slice(0, top)) {
    lines.push(`  ${split.group}: ${split.missedPairs} missed pair(s) across ${split.parts.length} stories`);
    for (const part of split.parts) {
      lines.push(`    ${part.storyId}:`);
      for (const id of part.articleIds) lines.push(`      ${describe(id)}`);
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      window: { type: 'string' },
      threshold: { type: 'string' },
      top: { type: 'string', default: '5' },
    },
  });
  const options: ClusterOptions = {};
  if (values.window !== undefined) options.windowHours = positiveNumber(values.window, '--window');
  if (values.threshold !== undefined) options.threshold = positiveNumber(values.threshold, '--threshold');
  const sample = await loadNewsSample(values.dir ?? DEFAULT_SAMPLE_DIR);
  const started = performance.now();
  const evaluation = evaluateOnSample(sample, options);
  const elapsed = performance.now() - started;
  console.log(formatReport(sample, evaluation, positiveNumber(values.top, '--top')));
  console.log(`\nclustered in ${elapsed.toFixed(0)} ms`);
}

function positiveNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} must be a positive number, not "${text}"`);
  return value;
}

const invokedDirectly = process.argv[1] !== undefined && /eval-clustering\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  main().catch((error: unknown) => {
    console.error(`eval:clustering: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
