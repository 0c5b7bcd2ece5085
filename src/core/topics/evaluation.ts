/**
 * Precision, recall and F1 of a topic against labelled articles. Pure: the caller decides what
 * counts as positive (for the news sample: `iraq_us`) and which subset to score (all, or only the
 * labels given with high confidence).
 */

export interface LabelledDecision {
  id: string;
  /** True when the label says the article belongs to the topic. */
  positive: boolean;
  /** True when the matcher matched it. */
  matched: boolean;
}

export interface TopicScores {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Ids the topic matched but the labels reject. */
  falsePositiveIds: string[];
  /** Ids the labels want but the topic missed. */
  falseNegativeIds: string[];
}

export function scoreDecisions(decisions: readonly LabelledDecision[]): TopicScores {
  const falsePositiveIds: string[] = [];
  const falseNegativeIds: string[] = [];
  let truePositives = 0;
  let trueNegatives = 0;
  for (const d of decisions) {
    if (d.positive && d.matched) truePositives++;
    else if (!d.positive && !d.matched) trueNegatives++;
    else if (d.matched) falsePositiveIds.push(d.id);
    else falseNegativeIds.push(d.id);
  }
  const falsePositives = falsePositiveIds.length;
  const falseNegatives = falseNegativeIds.length;
  // An empty denominator means nothing was claimed (or nothing was wanted): no error was made.
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, trueNegatives, precision, recall, f1, falsePositiveIds, falseNegativeIds };
}
