/**
 * ROUGE evaluation of mowjaz's summaries and of lead baselines on a corpus with several human
 * summaries per article (EASC). Pure: the corpus is read elsewhere.
 *
 * Protocol (the one EASC's reference figures use): tokens normalised without stemming, words
 * that a reference glued together split back, a budget of the mean reference length in words,
 * ROUGE averaged over the references of a document and then over the documents.
 *
 * The budget is applied in two ways, each to every system alike:
 * - "reach": whole sentences are taken down the system's ranking until the budget is reached
 *   (the last one may cross it). This is how the reference Lead-len figure is produced.
 * - "within": whole sentences that fit under the budget, the contract of `summarize`.
 */
import { meanScore, rougeNAverage, rougeTokens, splitGluedWords, type RougeScore } from './rouge.ts';
import { articleSentences, fillBudget, rankSentences, type ArticleSentence } from './summarize.ts';

export interface EvaluationDocument {
  id: string;
  article: string;
  references: readonly string[];
  title?: string;
}

export interface SystemResult {
  name: string;
  rouge1: RougeScore;
  rouge2: RougeScore;
}

export interface Evaluation {
  documents: number;
  /** Mean budget in words over the documents. */
  meanBudget: number;
  systems: SystemResult[];
}

/** Paragraphs of a plain-text article: blocks separated by blank lines. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0);
}

interface Prepared {
  doc: EvaluationDocument;
  paragraphs: string[];
  sentences: ArticleSentence[];
  /** mowjaz's ranking of the sentences, computed once; `summarize` fills its budget down it. */
  ranking: number[];
  articleTokens: string[];
  references: string[][];
  budget: number;
}

function prepare(doc: EvaluationDocument): Prepared {
  const paragraphs = paragraphsOf(doc.article);
  const articleTokens = rougeTokens(doc.article);
  const vocabulary = new Set(articleTokens);
  const references = doc.references.map((reference) => splitGluedWords(rougeTokens(reference), vocabulary));
  const meanLength = references.reduce((sum, r) => sum + r.length, 0) / Math.max(1, references.length);
  const sentences = articleSentences(paragraphs);
  return {
    doc,
    paragraphs,
    sentences,
    ranking: rankSentences(sentences, doc.title).map((r) => r.index),
    articleTokens,
    references,
    budget: Math.max(1, Math.round(meanLength)),
  };
}

/** Number of sentences, taken in `order`, needed to reach `budget` words. */
function sentencesToReach(order: readonly number[], sentences: readonly ArticleSentence[], budget: number): number {
  let words = 0;
  let count = 0;
  for (const index of order) {
    if (words >= budget) break;
    words += sentences[index]?.words ?? 0;
    count += 1;
  }
  return Math.max(1, count);
}

function leadWithin(sentences: readonly ArticleSentence[], budget: number): string[] {
  const out: string[] = [];
  let words = 0;
  for (const s of sentences) {
    if (out.length > 0 && words + s.words > budget) continue;
    out.push(s.text);
    words += s.words;
  }
  return out;
}

type System = (p: Prepared) => string[];

function inOrder(p: Prepared, indices: readonly number[]): string[] {
  return [...indices].sort((a, b) => a - b).map((i) => p.sentences[i]?.text ?? '');
}

/** The systems compared, in the order they are printed. */
export const SYSTEMS: readonly { name: string; run: System }[] = [
  { name: 'Lead-3', run: (p) => p.sentences.slice(0, 3).map((s) => s.text) },
  {
    name: 'Lead-len',
    run: (p) => p.sentences.slice(0, sentencesToReach(p.sentences.map((_, i) => i), p.sentences, p.budget)).map((s) => s.text),
  },
  { name: 'Lead-len (cut at N words)', run: (p) => [p.articleTokens.slice(0, p.budget).join(' ')] },
  {
    name: 'mowjaz',
    run: (p) => inOrder(p, p.ranking.slice(0, sentencesToReach(p.ranking, p.sentences, p.budget))),
  },
  { name: 'Lead (≤ N words)', run: (p) => leadWithin(p.sentences, p.budget) },
  {
    name: 'mowjaz (≤ N words)',
    // Exactly what summarize(doc, { words: N }) returns, without ranking the article again.
    run: (p) => inOrder(p, fillBudget(p.ranking.map((index) => ({ index, score: 0 })), p.sentences, { words: p.budget })),
  },
];

export function evaluateSummaries(documents: readonly EvaluationDocument[], systems = SYSTEMS): Evaluation {
  const prepared = documents.map(prepare);
  const results = systems.map((system) => {
    const r1: RougeScore[] = [];
    const r2: RougeScore[] = [];
    for (const p of prepared) {
      const candidate = rougeTokens(system.run(p).join(' '));
      r1.push(rougeNAverage(candidate, p.references, 1));
      r2.push(rougeNAverage(candidate, p.references, 2));
    }
    return { name: system.name, rouge1: meanScore(r1), rouge2: meanScore(r2) };
  });
  const meanBudget = prepared.reduce((sum, p) => sum + p.budget, 0) / Math.max(1, prepared.length);
  return { documents: prepared.length, meanBudget, systems: results };
}

export function resultOf(evaluation: Evaluation, name: string): SystemResult {
  const found = evaluation.systems.find((s) => s.name === name);
  if (!found) throw new Error(`no system named "${name}" in the evaluation`);
  return found;
}
