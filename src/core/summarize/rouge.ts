/**
 * ROUGE-N (Lin 2004): n-gram overlap between a candidate summary and reference summaries, with
 * clipped counts. Tokens are the project's normalised words without stemming, so الأمريكية and
 * الامريكيه count as the same word but كتب and كتاب do not.
 */
import { normalizeForMatch, wordsOf } from '../text/normalize.ts';

export interface RougeScore {
  recall: number;
  precision: number;
  f: number;
}

/** Normalised word tokens of a text, the unit ROUGE counts. */
export function rougeTokens(text: string): string[] {
  return wordsOf(normalizeForMatch(text));
}

export function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = n === 1 ? (tokens[i] ?? '') : tokens.slice(i, i + n).join('\u0001');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N of one candidate against one reference, both given as tokens. */
export function rougeN(candidate: readonly string[], reference: readonly string[], n: number): RougeScore {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`ROUGE order must be a positive integer, got ${n}`);
  const candidateCounts = ngramCounts(candidate, n);
  const referenceCounts = ngramCounts(reference, n);
  let overlap = 0;
  for (const [gram, count] of candidateCounts) {
    const inReference = referenceCounts.get(gram);
    if (inReference) overlap += Math.min(count, inReference);
  }
  const candidateTotal = Math.max(0, candidate.length - n + 1);
  const referenceTotal = Math.max(0, reference.length - n + 1);
  const recall = referenceTotal === 0 ? 0 : overlap / referenceTotal;
  const precision = candidateTotal === 0 ? 0 : overlap / candidateTotal;
  const f = recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision);
  return { recall, precision, f };
}

/**
 * ROUGE-N against several references: each of recall, precision and F is computed per
 * reference and then averaged, so every reference weighs the same whatever its length.
 */
export function rougeNAverage(candidate: readonly string[], references: readonly (readonly string[])[], n: number): RougeScore {
  return meanScore(references.map((reference) => rougeN(candidate, reference, n)));
}

export function meanScore(scores: readonly RougeScore[]): RougeScore {
  if (scores.length === 0) return { recall: 0, precision: 0, f: 0 };
  const sum = scores.reduce(
    (acc, s) => ({ recall: acc.recall + s.recall, precision: acc.precision + s.precision, f: acc.f + s.f }),
    { recall: 0, precision: 0, f: 0 },
  );
  return { recall: sum.recall / scores.length, precision: sum.precision / scores.length, f: sum.f / scores.length };
}

/**
 * Splits words that a reference glued together back into the source's words. EASC's newspaper
 * summaries join the last word of one wrapped line to the first word of the next
 * ("الموسلينوالحرير" for "الموسلين والحرير"); a token unknown to the source that splits into two
 * known words is split, at the cut that leaves the longest first word.
 */
export function splitGluedWords(tokens: readonly string[], vocabulary: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    if (vocabulary.has(token) || token.length < 4) {
      out.push(token);
      continue;
    }
    let split: [string, string] | undefined;
    for (let cut = token.length - 2; cut >= 2; cut--) {
      const left = token.slice(0, cut);
      const right = token.slice(cut);
      if (vocabulary.has(left) && vocabulary.has(right)) {
        split = [left, right];
        break;
      }
    }
    if (split) out.push(split[0], split[1]);
    else out.push(token);
  }
  return out;
}
