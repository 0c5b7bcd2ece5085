/**
 * Document frequencies maintained one article at a time, and the sparse TF-IDF vectors that
 * story similarity is computed on.
 *
 * Terms are interned to small integers so that vectors are two parallel typed arrays sorted by
 * term id: a cosine is then one merge of two sorted arrays, with no hashing in the inner loop.
 */

export class TermStats {
  private readonly ids = new Map<string, number>();
  private frequencies = new Int32Array(1024);
  /** IDF per term as last computed, and the document count it was computed at (-1: never). */
  private idfCache = new Float64Array(1024);
  private idfAt = new Int32Array(1024).fill(-1);
  private documentCount = 0;

  get documents(): number {
    return this.documentCount;
  }

  get vocabularySize(): number {
    return this.ids.size;
  }

  /** The id of a term, creating it (with frequency 0) on first sight. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(term, id);
      if (id >= this.frequencies.length) this.grow();
    }
    return id;
  }

  lookup(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** Counts one document containing each of the given (distinct) term ids. */
  addDocument(termIds: ArrayLike<number>): void {
    this.documentCount += 1;
    for (let i = 0; i < termIds.length; i++) {
      const id = termIds[i]!;
      this.frequencies[id] = (this.frequencies[id] ?? 0) + 1;
    }
  }

  documentFrequency(id: number): number {
    return this.frequencies[id] ?? 0;
  }

  /**
   * Smoothed inverse document frequency, ln((N + 1) / (df + 1)) + 1: positive for every term,
   * so a word present everywhere still counts a little, and defined before any document is seen.
   * Every change of a frequency also changes N, so a value computed at the current N is current.
   */
  idf(id: number): number {
    if (this.idfAt[id] === this.documentCount) return this.idfCache[id]!;
    const value = Math.log((this.documentCount + 1) / (this.documentFrequency(id) + 1)) + 1;
    if (id < this.idfCache.length) {
      this.idfCache[id] = value;
      this.idfAt[id] = this.documentCount;
    }
    return value;
  }

  private grow(): void {
    const size = this.frequencies.length * 2;
    const frequencies = new Int32Array(size);
    frequencies.set(this.frequencies);
    this.frequencies = frequencies;
    const cache = new Float64Array(size);
    cache.set(this.idfCache);
    this.idfCache = cache;
    const at = new Int32Array(size).fill(-1);
    at.set(this.idfAt);
    this.idfAt = at;
  }
}

/** A sparse vector of raw term weights (before IDF), sorted by term id. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float32Array;
}

export const EMPTY_VECTOR: SparseVector = { ids: new Int32Array(0), weights: new Float32Array(0) };

/**
 * Builds a vector from (possibly fractional) term counts: sublinear weight 1 + ln(count) from one
 * occurrence up, so repetition saturates; a fractional count below one is used as it is.
 */
export function vectorOf(counts: ReadonlyMap<string, number>, stats: TermStats): SparseVector {
  const entries: [number, number][] = [];
  for (const [term, count] of counts) {
    if (count > 0) entries.push([stats.intern(term), count >= 1 ? 1 + Math.log(count) : count]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  const ids = new Int32Array(entries.length);
  const weights = new Float32Array(entries.length);
  entries.forEach(([id, weight], i) => {
    ids[i] = id;
    weights[i] = weight;
  });
  return { ids, weights };
}

/** A vector of weight 1 for each term: names are present or absent, repetition says little. */
export function binaryVectorOf(terms: Iterable<string>, stats: TermStats): SparseVector {
  const ids = Int32Array.from(new Set([...terms].map((t) => stats.intern(t)))).sort();
  return { ids, weights: new Float32Array(ids.length).fill(1) };
}

/** Euclidean norm of a vector once each weight is multiplied by its term's IDF. */
export function tfidfNorm(vector: SparseVector, stats: TermStats): number {
  let sum = 0;
  for (let i = 0; i < vector.ids.length; i++) {
    const w = vector.weights[i]! * stats.idf(vector.ids[i]!);
    sum += w * w;
  }
  return Math.sqrt(sum);
}

/** Cosine of two vectors under the current IDF, 0 when either is empty. */
export function tfidfCosine(a: SparseVector, b: SparseVector, stats: TermStats, normA = tfidfNorm(a, stats), normB = tfidfNorm(b, stats)): number {
  if (normA === 0 || normB === 0) return 0;
  let dot = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const ia = a.ids[i]!;
    const jb = b.ids[j]!;
    if (ia === jb) {
      const idf = stats.idf(ia);
      dot += a.weights[i]! * b.weights[j]! * idf * idf;
      i++;
      j++;
    } else if (ia < jb) {
      i++;
    } else {
      j++;
    }
  }
  return Math.min(1, dot / (normA * normB));
}

/** Squared norm of a vector's terms (those passing `keep`) taken as present, each weighing its IDF. */
export function binaryNormSquared(vector: SparseVector, stats: TermStats, keep?: (id: number) => boolean): number {
  let sum = 0;
  for (const id of vector.ids) {
    if (keep && !keep(id)) continue;
    const idf = stats.idf(id);
    sum += idf * idf;
  }
  return sum;
}

/** Dot product of two vectors' shared terms (those passing `keep`), taken as present with weight IDF. */
export function binaryDot(a: SparseVector, b: SparseVector, stats: TermStats, keep?: (id: number) => boolean): number {
  let dot = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const ia = a.ids[i]!;
    const jb = b.ids[j]!;
    if (ia === jb) {
      if (!keep || keep(ia)) {
        const idf = stats.idf(ia);
        dot += idf * idf;
      }
      i++;
      j++;
    } else if (ia < jb) {
      i++;
    } else {
      j++;
    }
  }
  return dot;
}
