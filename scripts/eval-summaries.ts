/**
 * `npm run eval:summaries [-- <easc-dir>]`: ROUGE-1 and ROUGE-2 of mowjaz's extractive summaries
 * and of lead baselines on the Essex Arabic Summaries Corpus (153 articles, 5 human summaries
 * each). The corpus is read from `../shared/easc` (or MOWJAZ_SHARED_DIR/easc, or the argument).
 * Exits with status 1 when mowjaz's ROUGE-1 F does not beat Lead-len's.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEasc } from '../src/core/summarize/easc.ts';
import { evaluateSummaries, resultOf, type Evaluation } from '../src/core/summarize/evaluate.ts';
import type { RougeScore } from '../src/core/summarize/rouge.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function eascDir(): string {
  const fromArgs = process.argv[2];
  if (fromArgs) return resolve(fromArgs);
  const shared = process.env['MOWJAZ_SHARED_DIR'] ?? resolve(repoRoot, '..', 'shared');
  return resolve(shared, 'easc');
}

function percent(value: number): string {
  return (value * 100).toFixed(2).padStart(6);
}

function cells(score: RougeScore): string {
  return `${percent(score.recall)} ${percent(score.precision)} ${percent(score.f)}`;
}

export function formatEvaluation(evaluation: Evaluation): string {
  const width = Math.max(...evaluation.systems.map((s) => s.name.length), 6);
  const lines = [
    `EASC: ${evaluation.documents} documents, budget = mean reference length (${evaluation.meanBudget.toFixed(1)} words on average)`,
    `${''.padEnd(width)}  ${'ROUGE-1'.padEnd(20)}   ROUGE-2`,
    `${'system'.padEnd(width)}  ${'R'.padStart(6)} ${'P'.padStart(6)} ${'F'.padStart(6)}   ${'R'.padStart(6)} ${'P'.padStart(6)} ${'F'.padStart(6)}`,
  ];
  for (const system of evaluation.systems) {
    lines.push(`${system.name.padEnd(width)}  ${cells(system.rouge1)}   ${cells(system.rouge2)}`);
  }
  return lines.join('\n');
}

/** Signed difference in ROUGE points, e.g. "+0.91". */
function points(a: number, b: number): string {
  const diff = (a - b) * 100;
  return `${diff >= 0 ? '+' : ''}${diff.toFixed(2)}`;
}

async function main(): Promise<number> {
  const dir = eascDir();
  if (!existsSync(dir)) {
    console.error(`eval:summaries: no EASC corpus at ${dir}; pass its folder as an argument or set MOWJAZ_SHARED_DIR`);
    return 2;
  }
  const started = performance.now();
  const documents = await loadEasc(dir);
  const evaluation = evaluateSummaries(documents);
  console.log(formatEvaluation(evaluation));

  const mowjaz = resultOf(evaluation, 'mowjaz');
  const leadLen = resultOf(evaluation, 'Lead-len');
  const leadCut = resultOf(evaluation, 'Lead-len (cut at N words)');
  const within = resultOf(evaluation, 'mowjaz (≤ N words)');
  const leadWithin = resultOf(evaluation, 'Lead (≤ N words)');
  console.log('');
  console.log(`mowjaz vs Lead-len, ROUGE-1 F: ${points(mowjaz.rouge1.f, leadLen.rouge1.f)} points (ROUGE-2 F ${points(mowjaz.rouge2.f, leadLen.rouge2.f)})`);
  console.log(`mowjaz vs Lead-len cut mid-sentence at N words, ROUGE-1 F: ${points(mowjaz.rouge1.f, leadCut.rouge1.f)} points`);
  console.log(`within the budget (summarize's contract), mowjaz vs lead sentences, ROUGE-1 F: ${points(within.rouge1.f, leadWithin.rouge1.f)} points`);
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return mowjaz.rouge1.f > leadLen.rouge1.f ? 0 : 1;
}

const invokedDirectly = process.argv[1] !== undefined && /eval-summaries\.ts$/.test(process.argv[1]);
if (invokedDirectly) process.exitCode = await main();
