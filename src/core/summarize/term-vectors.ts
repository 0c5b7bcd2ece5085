/**
 * IDF-weighted term vectors for the sentences of one article. Terms are numbered per article so
 * a vector is two parallel arrays sorted by term number: similarities are a merge of two short
 * arrays instead of string-keyed map look-ups (ranking runs for every ingested article).
 */

export interface SparseVector {
  /** Term numbers, ascending. */
  ids: Int32Array;
  weights: Float64Array;
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
  const counted = sentenceTerms.map((terms) => countIds(terms, numbers, true));
  const vocabulary = numbers.size;
  const frequency = new Int32Array(vocabulary);
  for (const { ids } of counted) for (const id of ids) frequency[id] = (frequency[id] ?? 0) + 1;
  const n = sentenceTerms.length;
  const idf = new Float64Array(vocabulary);
  for (let id = 0; id < vocabulary; id++) idf[id] = Math.log(1 + n / Math.max(1, frequency[id] ?? 1));

  const weigh = ({ ids, counts }: CountedIds, unknown: number): SparseVector => {
    const weights = new Float64Array(ids.length);
    let squares = unknown;
    for (let k = 0; k < ids.length; k++) {
      const w = (counts[k] ?? 0) * (idf[ids[k] ?? 0] ?? 0);
      weights[k] = w;
      squares += w * w;
    }
    return { ids, weights, norm: Math.sqrt(squares) };
  };

  const sentences = counted.map((c) => weigh(c, 0));
  const total = new Float64Array(vocabulary);
  for (const v of sentences) for (let k = 0; k < v.ids.length; k++) total[v.ids[k] ?? 0] = (total[v.ids[k] ?? 0] ?? 0) + (v.weights[k] ?? 0);
  let totalSquares = 0;
  for (const w of total) totalSquares += w * w;

  return {
    sentences,
    total,
    totalSquares,
    vectorOf(terms) {
      const counts = countIds(terms, numbers, false);
      // Terms the article never uses cannot match a sentence but still lengthen the vector,
      // each with the weight of a term found in every sentence.
      const unknownWeight = Math.log(2);
      return weigh(counts, counts.unknown * unknownWeight * unknownWeight);
    },
  };
}

interface CountedIds {
  ids: Int32Array;
  counts: Int32Array;
  /** Occurrences of terms outside the numbering (only when not adding). */
  unknown: number;
}

function countIds(terms: readonly string[], numbers: Map<string, number>, add: boolean): CountedIds {
  const raw = new Int32Array(terms.length);
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
  const sorted = raw.subarray(0, size).sort();
  let distinct = 0;
  for (let k = 0; k < size; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct += 1;
  const ids = new Int32Array(distinct);
  const counts = new Int32Array(distinct);
  let at = -1;
  for (let k = 0; k < size; k++) {
    if (k === 0 || sorted[k] !== sorted[k - 1]) {
      at += 1;
      ids[at] = sorted[k] ?? 0;
    }
    counts[at] = (counts[at] ?? 0) + 1;
  }
  return { ids, counts, unknown };
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
