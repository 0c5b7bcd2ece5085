/**
 * IDF-weighted term vectors for the sentences of one article. Terms come numbered (see
 * `termNumber`) and are numbered again per article, densely and in order of first use, so a
 * vector is two parallel arrays sorted by term number: similarities are a merge of two short
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
  /** Vector of the extra text (the headline) in the same term numbering, when one was given. */
  extra: SparseVector | undefined;
}

/**
 * Weights are term frequency × log(1 + n / sentence frequency): a term in every sentence still
 * counts a little, a term in one sentence counts most. `extra` (the headline's terms) is weighed
 * with the same IDF; its terms that no sentence uses still lengthen its vector.
 */
export function articleVectors(sentenceTerms: readonly (readonly number[])[], extra?: readonly number[]): ArticleVectors {
  const numbering = startArticle();
  // Each vector holds its term counts in `weights` until the IDF is known.
  const sentences = sentenceTerms.map((terms) => countIds(terms, numbering, true).vector);
  const vocabulary = numbering.size;
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

  let extraVector: SparseVector | undefined;
  if (extra) {
    const { vector, unknown } = countIds(extra, numbering, false);
    // Terms the article never uses cannot match a sentence but still lengthen the vector,
    // each with the weight of a term found in every sentence.
    const unknownWeight = Math.log(2);
    extraVector = weigh(vector, idf, unknown * unknownWeight * unknownWeight);
  }
  return { sentences, total, totalSquares, extra: extraVector };
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

/**
 * The article numbering of global term numbers: `local[g]` is valid while `owner[g]` is the
 * current article's mark. Reused from article to article (marking replaces clearing); nothing
 * outlives one `articleVectors` call.
 */
let local = new Int32Array(4096);
let owner = new Int32Array(4096);
let mark = 0;

interface Numbering {
  size: number;
}

function startArticle(): Numbering {
  mark += 1;
  if (mark === 0x7fffffff) {
    owner.fill(0);
    mark = 1;
  }
  return { size: 0 };
}

function makeRoomFor(term: number): void {
  if (term < local.length) return;
  const size = Math.max(2 * local.length, term + 1);
  const grownLocal = new Int32Array(size);
  const grownOwner = new Int32Array(size);
  grownLocal.set(local);
  grownOwner.set(owner);
  local = grownLocal;
  owner = grownOwner;
}

/** Term numbers of one text, reused between calls (sentences are short; the buffer grows when one is not). */
let scratch = new Int32Array(256);
/** Up to this many terms are sorted in place; longer lists use the typed-array sort. */
const INSERTION_SORT_MAX = 64;

/**
 * The distinct article numbers of `terms`, ascending, with their counts in `weights`. Terms
 * the article has not numbered yet are numbered when `add` is set, else only counted in `unknown`.
 */
function countIds(terms: readonly number[], numbering: Numbering, add: boolean): { vector: SparseVector; unknown: number } {
  if (scratch.length < terms.length) scratch = new Int32Array(terms.length * 2);
  const raw = scratch;
  let size = 0;
  let unknown = 0;
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t]!;
    makeRoomFor(term);
    let id: number;
    if (owner[term] === mark) id = local[term]!;
    else if (add) {
      id = numbering.size++;
      local[term] = id;
      owner[term] = mark;
    } else {
      unknown += 1;
      continue;
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
