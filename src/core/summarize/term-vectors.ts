/**
 * IDF-weighted term vectors for the sentences of one article. Terms are numbered per article so
 * a vector is two parallel arrays sorted by term number: similarities are a merge of two short
 * arrays instead of string-keyed map look-ups (ranking runs for every ingested article).
 */

export interface SparseVector {
  /** Term numbers, ascending (plain arrays: a typed array costs more to make than a sentence's few terms). */
  ids: number[];
  weights: number[];
  norm: number;
}

export interface ArticleVectors {
  sentences: SparseVector[];
  /** Sum of the sentence vectors, indexed by term number. */
  total: Float64Array;
  totalSquares: number;
  /** Vector of an extra text (the headline) in the same term numbering. */
  vectorOf(terms: readonly string[]): SparseVector;
}

/**
 * Weights are term frequency × log(1 + n / sentence frequency): a term in every sentence still
 * counts a little, a term in one sentence counts most.
 */
export function articleVectors(sentenceTerms: readonly (readonly string[])[]): ArticleVectors {
  const numbers = new Map<string, number>();
  // Each vector holds its term counts in `weights` until the IDF is known.
  const sentences = sentenceTerms.map((terms) => countIds(terms, numbers, true).vector);
  const vocabulary = numbers.size;
  const frequency = new Int32Array(vocabulary);
  for (const { ids } of sentences) for (let k = 0; k < ids.length; k++) frequency[ids[k]!]! += 1;
  const n = sentenceTerms.length;
  const idf = new Float64Array(vocabulary);
  for (let id = 0; id < vocabulary; id++) idf[id] = Math.log(1 + n / Math.max(1, frequency[id] ?? 1));

  const total = new Float64Array(vocabulary);
  for (const vector of sentences) {
    weigh(vector, idf, 0);
    const { ids, weights } = vector;
    for (let k = 0; k < ids.length; k++) total[ids[k]!]! += weights[k]!;
  }
  let totalSquares = 0;
  for (const w of total) totalSquares += w * w;

  return {
    sentences,
    total,
    totalSquares,
    vectorOf(terms) {
      const { vector, unknown } = countIds(terms, numbers, false);
      // Terms the article never uses cannot match a sentence but still lengthen the vector,
      // each with the weight of a term found in every sentence.
      const unknownWeight = Math.log(2);
      return weigh(vector, idf, unknown * unknownWeight * unknownWeight);
    },
  };
}

/** Turns the counts in `vector.weights` into weights and sets the norm; `extraSquares` lengthens it. */
function weigh(vector: SparseVector, idf: Float64Array, extraSquares: number): SparseVector {
  const { ids, weights } = vector;
  let squares = extraSquares;
  for (let k = 0; k < ids.length; k++) {
    const w = weights[k]! * idf[ids[k]!]!;
    weights[k] = w;
    squares += w * w;
  }
  vector.norm = Math.sqrt(squares);
  return vector;
}

/** Term numbers of one text, reused between calls (sentences are short; the buffer grows when one is not). */
let scratch = new Int32Array(256);
/** Up to this many terms are sorted in place; longer lists use the typed-array sort. */
const INSERTION_SORT_MAX = 64;

/**
 * The distinct term numbers of `terms`, ascending, with their counts in `weights`. Terms
 * outside the numbering are numbered when `add` is set, else only counted in `unknown`.
 */
function countIds(terms: readonly string[], numbers: Map<string, number>, add: boolean): { vector: SparseVector; unknown: number } {
  if (scratch.length < terms.length) scratch = new Int32Array(terms.length * 2);
  const raw = scratch;
  let size = 0;
  let unknown = 0;
  for (const term of terms) {
    let id = numbers.get(term);
    if (id === undefined) {
      if (!add) {
        unknown += 1;
        continue;
      }
      id = numbers.size;
      numbers.set(term, id);
    }
    raw[size++] = id;
  }
  if (size > INSERTION_SORT_MAX) raw.subarray(0, size).sort();
  else {
    for (let k = 1; k < size; k++) {
      const id = raw[k]!;
      let j = k - 1;
      while (j >= 0 && raw[j]! > id) {
        raw[j + 1] = raw[j]!;
        j -= 1;
      }
      raw[j + 1] = id;
    }
  }
  const ids: number[] = [];
  const counts: number[] = [];
  for (let k = 0; k < size; k++) {
    if (k === 0 || raw[k] !== raw[k - 1]) {
      ids.push(raw[k]!);
      counts.push(1);
    } else {
      counts[counts.length - 1]! += 1;
    }
  }
  return { vector: { ids, weights: counts, norm: 0 }, unknown };
}

export function cosine(a: SparseVector, b: SparseVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i] ?? 0;
    const y = b.ids[j] ?? 0;
    if (x === y) {
      dot += (a.weights[i] ?? 0) * (b.weights[j] ?? 0);
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return dot / (a.norm * b.norm);
}

/** Cosine between a sentence and the rest of the article (the total without that sentence). */
export function centrality(vector: SparseVector, vectors: ArticleVectors): number {
  if (vector.norm === 0) return 0;
  let dot = 0;
  let restSquares = vectors.totalSquares;
  for (let k = 0; k < vector.ids.length; k++) {
    const w = vector.weights[k] ?? 0;
    const all = vectors.total[vector.ids[k] ?? 0] ?? 0;
    const rest = all - w;
    dot += w * rest;
    restSquares += rest * rest - all * all;
  }
  const restNorm = Math.sqrt(Math.max(0, restSquares));
  return restNorm === 0 ? 0 : dot / (vector.norm * restNorm);
}
