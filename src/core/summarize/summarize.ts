/**
 * Extractive summaries: the sentences that best cover an article, verbatim and in their
 * original order.
 *
 * Every sentence gets one score from four signals that hold for news and encyclopaedic text:
 * - position: the lead carries the story (the strongest single signal on EASC and in news);
 * - centrality: IDF-weighted similarity to the rest of the article and to the headline;
 * - form: very long sentences, fragments and runs of figures read badly on their own;
 * - redundancy: a sentence that repeats one already chosen is worth less (MMR).
 * Sentences are ranked greedily by that score and the budget is filled down the ranking.
 * The weights are global constants, the same for every document.
 */
import { wordFormsOf, type WordForms } from '../text/normalize.ts';
import { paragraphWords, type ParagraphWords } from '../text/paragraph-words.ts';
import { sentenceSpans, type SentenceSpan } from '../text/sentences.ts';
import { contentTerms, makeRoomForTermNumbers, termNumber, wordTermNumbers, wordTerms } from '../text/stem.ts';
import { articleVectors, centrality, cosine } from './term-vectors.ts';

export interface SummaryInput {
  title?: string;
  paragraphs: readonly string[];
}

export interface SummaryBudget {
  /** At most this many sentences. */
  sentences?: number;
  /** At most this many words in total (one sentence is always returned if there is any). */
  words?: number;
}

export interface Summary {
  /** Selected sentences, verbatim, in document order. */
  sentences: string[];
  /** Their indices in the article's sentence list (see `articleSentences`). */
  indices: number[];
}

export interface ArticleSentence {
  text: string;
  /** Index of the paragraph it came from and its position inside that paragraph. */
  paragraph: number;
  inParagraph: number;
  /** Word count as ROUGE and the word budget count it (normalised word tokens). */
  words: number;
  terms: string[];
  /** Tokens that are figures (2019, 3.5, 70): a sentence made of them summarises badly. */
  figures: number;
}

export interface RankedSentence {
  index: number;
  score: number;
}

/** The weights of the scoring function; see the module comment. */
export const SUMMARY_WEIGHTS = {
  /** Lead prior: position / (index+1)^positionDecay, so the lead dominates but later sentences stay reachable. */
  position: 1,
  positionDecay: 0.5,
  /** IDF-weighted cosine to the rest of the article. */
  centrality: 0.3,
  /** IDF-weighted cosine to the headline, when there is one. */
  title: 0.2,
  /** Sentences longer than this many words are penalised in proportion to the excess. */
  longWords: 50,
  longPenalty: 0.004,
  /** Sentences shorter than this are fragments (captions, labels, list stubs). */
  shortWords: 5,
  shortPenalty: 0.15,
  /** Penalty per unit of numeric density (figures / words): tables of numbers summarise badly. */
  numeric: 0.3,
  /** MMR: weight of the largest similarity to an already chosen sentence. */
  redundancy: 0.3,
} as const;

/** Cosine similarity from which two sentences say the same thing. */
const NEAR_DUPLICATE = 0.8;
const DUPLICATE_PENALTY = 10;

export type SummaryWeights = { [K in keyof typeof SUMMARY_WEIGHTS]: number };

/** Words of display text the way the budget counts them: normalised word tokens. */
export { countWords } from '../text/normalize.ts';

/** Splits every paragraph into sentences, keeping where each came from. */
export function articleSentences(paragraphs: readonly string[]): ArticleSentence[] {
  return collectSentences(paragraphs, undefined);
}

/**
 * `articleSentences`, or, when `numbers` is set, the sentences for ranking alone: their terms
 * go to `numbers`, as term numbers, and `terms` stays empty (`summarize` never shows them).
 */
function collectSentences(paragraphs: readonly string[], numbers: number[][] | undefined): ArticleSentence[] {
  const out: ArticleSentence[] = [];
  const words = paragraphWords(paragraphs);
  for (let p = 0; p < paragraphs.length; p++) {
    const paragraph = words[p]!;
    let next = 0;
    let k = 0;
    for (const span of sentenceSpans(paragraph.text)) {
      const sentence: ArticleSentence = { text: span.text, paragraph: p, inParagraph: k, words: 0, terms: [], figures: 0 };
      const sentenceNumbers = numbers ? [] : undefined;
      next = countSentence(span, paragraph, next, sentence, sentenceNumbers);
      out.push(sentence);
      if (sentenceNumbers) numbers!.push(sentenceNumbers);
      k += 1;
    }
  }
  return out;
}

/**
 * Fills in the word count, figures and content terms of one sentence from the paragraph's words
 * that lie inside its span, and returns the index of the first word after it. The span's display
 * text differs from the slice only in white space, which no word's tokens depend on; a word that
 * straddles two sentences (a full stop glued to the next word, "التاسعة.فجاءت") is read from the
 * sentence's own text instead.
 */
function countSentence(span: SentenceSpan, paragraph: ParagraphWords, from: number, sentence: ArticleSentence, numbers: number[] | undefined): number {
  const { forms, starts, ends } = paragraph;
  let first = from;
  while (first < forms.length && ends[first]! <= span.start) first += 1;
  let last = first;
  while (last < forms.length && ends[last]! <= span.end) last += 1;
  const straddles = (first < forms.length && starts[first]! < span.start) || (last < forms.length && starts[last]! < span.end);
  if (straddles) {
    const own = wordFormsOf(span.text);
    tally(own, 0, own.length, sentence, numbers);
  } else {
    tally(forms, first, last, sentence, numbers);
  }
  // A straddling word stays next in line: the following sentence must see it too.
  return last;
}

function tally(forms: readonly WordForms[], from: number, to: number, sentence: ArticleSentence, numbers: number[] | undefined): void {
  let words = 0;
  let figures = 0;
  const terms = sentence.terms;
  for (let i = from; i < to; i++) {
    const word = forms[i]!;
    words += word.tokenCount;
    figures += word.figures;
    if (numbers) {
      const wordNumbers = wordTermNumbers(word);
      for (let t = 0; t < wordNumbers.length; t++) numbers.push(wordNumbers[t]!);
    } else {
      const wordTermList = wordTerms(word);
      for (let t = 0; t < wordTermList.length; t++) terms.push(wordTermList[t]!);
    }
  }
  sentence.words = words;
  sentence.figures = figures;
}

/** Term numbers of the content terms of a text (see `contentTerms`). */
function termNumbersOf(text: string): number[] {
  const out: number[] = [];
  for (const forms of wordFormsOf(text)) for (const number of wordTermNumbers(forms)) out.push(number);
  return out;
}

export function summarize(doc: SummaryInput, budget: SummaryBudget = {}): Summary {
  validateBudget(budget);
  makeRoomForTermNumbers();
  const numbers: number[][] = [];
  const sentences = collectSentences(doc.paragraphs, numbers);
  // With a sentence budget alone, the summary is the head of the ranking: rank no further.
  const needed = budget.words === undefined ? (budget.sentences ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  const titleNumbers = doc.title ? termNumbersOf(doc.title) : undefined;
  const ranking = rankByTermNumbers(sentences, numbers, titleNumbers, SUMMARY_WEIGHTS, needed);
  const chosen = fillBudget(ranking, sentences, budget);
  chosen.sort((a, b) => a - b);
  return { sentences: chosen.map((i) => sentences[i]?.text ?? ''), indices: chosen };
}

/** Goes down the ranking, taking every sentence that still fits; the first is always taken. */
export function fillBudget(ranking: readonly RankedSentence[], sentences: readonly ArticleSentence[], budget: SummaryBudget): number[] {
  const maxSentences = budget.sentences ?? Number.POSITIVE_INFINITY;
  const maxWords = budget.words ?? Number.POSITIVE_INFINITY;
  const chosen: number[] = [];
  let words = 0;
  for (const { index } of ranking) {
    if (chosen.length >= maxSentences) break;
    const length = sentences[index]?.words ?? 0;
    if (chosen.length > 0 && words + length > maxWords) continue;
    chosen.push(index);
    words += length;
  }
  return chosen;
}

function validateBudget(budget: SummaryBudget): void {
  for (const key of ['sentences', 'words'] as const) {
    const value = budget[key];
    if (value !== undefined && !(Number.isFinite(value) && value >= 1)) {
      throw new RangeError(`summary budget "${key}" must be a positive number, got ${String(value)}`);
    }
  }
}

/**
 * Orders all sentences by greedy MMR selection: at each step the sentence with the best
 * score minus redundancy with what is already chosen. The order does not depend on the
 * budget, so a longer summary always extends a shorter one; `limit` stops after that many
 * (the head of the full ranking).
 */
export function rankSentences(
  sentences: readonly ArticleSentence[],
  title?: string,
  weights: SummaryWeights = SUMMARY_WEIGHTS,
  limit = Number.POSITIVE_INFINITY,
): RankedSentence[] {
  makeRoomForTermNumbers();
  const numbers = sentences.map((sentence) => sentence.terms.map(termNumber));
  const titleNumbers = title ? contentTerms(title).map(termNumber) : undefined;
  return rankByTermNumbers(sentences, numbers, titleNumbers, weights, limit);
}

/** `rankSentences` for sentences whose terms, and the headline's, are already numbered. */
function rankByTermNumbers(
  sentences: readonly ArticleSentence[],
  numbers: readonly (readonly number[])[],
  titleNumbers: readonly number[] | undefined,
  weights: SummaryWeights,
  limit: number,
): RankedSentence[] {
  const n = sentences.length;
  if (n === 0) return [];
  const vectors = articleVectors(numbers, titleNumbers);
  const titleVector = vectors.extra;

  const base = sentences.map((s, i) => {
    const vector = vectors.sentences[i];
    let score = weights.position / Math.pow(i + 1, weights.positionDecay);
    if (vector) {
      score += weights.centrality * centrality(vector, vectors);
      if (titleVector) score += weights.title * cosine(vector, titleVector);
    }
    if (s.words > weights.longWords) score -= weights.longPenalty * (s.words - weights.longWords);
    if (s.words < weights.shortWords) score -= weights.shortPenalty;
    if (s.words > 0) score -= (weights.numeric * s.figures) / s.words;
    return score;
  });

  const ranking: RankedSentence[] = [];
  const maxSimilarity = new Float64Array(n);
  const taken = new Uint8Array(n);
  const steps = Math.min(n, Math.ceil(limit));
  for (let step = 0; step < steps; step++) {
    let best = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      const similarity = maxSimilarity[i] ?? 0;
      // A near-copy of a chosen sentence (a repeated lead, a caption) comes after everything else.
      const value = (base[i] ?? 0) - weights.redundancy * similarity - (similarity >= NEAR_DUPLICATE ? DUPLICATE_PENALTY : 0);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    taken[best] = 1;
    ranking.push({ index: best, score: bestValue });
    const chosen = vectors.sentences[best];
    if (!chosen || step + 1 === steps) continue;
    for (let i = 0; i < n; i++) {
      const vector = vectors.sentences[i];
      if (taken[i] || !vector) continue;
      const similarity = cosine(vector, chosen);
      if (similarity > (maxSimilarity[i] ?? 0)) maxSimilarity[i] = similarity;
    }
  }
  return ranking;
}
