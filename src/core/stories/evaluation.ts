/**
 * Pairwise evaluation of a clustering against labelled event groups: every pair of articles is
 * a decision (same story or not); a pair is truly positive when both articles carry the same
 * non-empty group label.
 */

export interface PairwiseScores {
  precision: number;
  recall: number;
  f1: number;
  /** Pairs in the same gold group. */
  goldPairs: number;
  /** Pairs in the same predicted story. */
  predictedPairs: number;
  /** Pairs in both. */
  correctPairs: number;
}

/** A predicted story that mixes articles of different groups (or of none). */
export interface FalseMerge {
  storyId: string;
  /** Wrong pairs the story creates. */
  wrongPairs: number;
  articleIds: string[];
}

/** A gold group whose articles ended up in several stories. */
export interface Split {
  group: string;
  /** Gold pairs the clustering missed. */
  missedPairs: number;
  /** The stories holding the group's articles, each with its share of the group. */
  parts: { storyId: string; articleIds: string[] }[];
}

export interface ClusteringReport {
  scores: PairwiseScores;
  falseMerges: FalseMerge[];
  splits: Split[];
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * @param storyOf predicted story id per article
 * @param groupOf gold event group per article; empty or absent means "no group"
 */
export function evaluateClustering(storyOf: ReadonlyMap<string, string>, groupOf: ReadonlyMap<string, string | undefined>): ClusteringReport {
  const byStory = groupBy([...storyOf.keys()], (id) => storyOf.get(id)!);
  const byGroup = groupBy(
    [...storyOf.keys()].filter((id) => groupOf.get(id)),
    (id) => groupOf.get(id)!,
  );

  let predictedPairs = 0;
  let correctPairs = 0;
  const falseMerges: FalseMerge[] = [];
  for (const [storyId, members] of byStory) {
    const all = pairs(members.length);
    const inGroups = groupBy(members.filter((id) => groupOf.get(id)), (id) => groupOf.get(id)!);
    let correct = 0;
    for (const same of inGroups.values()) correct += pairs(same.length);
    predictedPairs += all;
    correctPairs += correct;
    if (all > correct) falseMerges.push({ storyId, wrongPairs: all - correct, articleIds: members });
  }

  let goldPairs = 0;
  const splits: Split[] = [];
  for (const [group, members] of byGroup) {
    goldPairs += pairs(members.length);
    const parts = groupBy(members, (id) => storyOf.get(id)!);
    if (parts.size < 2) continue;
    let found = 0;
    for (const part of parts.values()) found += pairs(part.length);
    splits.push({
      group,
      missedPairs: pairs(members.length) - found,
      parts: [...parts].map(([storyId, articleIds]) => ({ storyId, articleIds })),
    });
  }

  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = goldPairs === 0 ? 1 : correctPairs / goldPairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  falseMerges.sort((a, b) => b.wrongPairs - a.wrongPairs || compare(a.storyId, b.storyId));
  splits.sort((a, b) => b.missedPairs - a.missedPairs || compare(a.group, b.group));
  return { scores: { precision, recall, f1, goldPairs, predictedPairs, correctPairs }, falseMerges, splits };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
