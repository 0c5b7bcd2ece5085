/**
 * How briefing items are ranked:
 *
 *   score = topicScore × 2^(−ageHours / halfLifeHours) × (1 + log2(outlets))
 *
 * - topicScore: the best topic score among the story's matching articles (1 for top stories);
 * - age: from the story's latest article in the period to `now` (never negative);
 * - outlets: distinct sources reporting the story, so an event covered by four outlets outranks
 *   one outlet's scoop of the same topic score and age (×3 against ×1), with diminishing returns.
 */

export const DEFAULT_HALF_LIFE_HOURS = 24;

export interface ItemScoreInput {
  topicScore: number;
  ageHours: number;
  outlets: number;
  halfLifeHours?: number;
}

export function itemScore(input: ItemScoreInput): number {
  const halfLife = input.halfLifeHours ?? DEFAULT_HALF_LIFE_HOURS;
  const recency = Math.pow(2, -Math.max(0, input.ageHours) / halfLife);
  const coverage = 1 + Math.log2(Math.max(1, input.outlets));
  return input.topicScore * recency * coverage;
}
