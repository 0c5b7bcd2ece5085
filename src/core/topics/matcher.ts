/**
 * Matching articles to topics and explaining why.
 *
 * An article is tokenised once and every topic scans the same tokens. Each occurrence of a term
 * has a position weight: `titleBoost` in the headline, `leadBoost` in the lead paragraphs, 1
 * further down. A term's score is `weight × √(sum of its position weights)`: the square root
 * gives diminishing returns, so a name repeated ten times does not outweigh three different
 * terms, while a headline mention still beats one in passing. A group's score is the sum of its
 * terms; the topic score is the sum of its groups.
 *
 * A topic about a relation (Iraq AND the United States) also needs its groups to meet: the
 * co-occurrence is, over the headline and each paragraph where every group fires, the position
 * weight times the weakest group's best term weight there. An article that names Iraq at the top
 * and the United States once, ten paragraphs down, has all groups but no co-occurrence.
 *
 * An article matches when every group fired and reached its own minimum, the total reached the
 * topic's minimum, the co-occurrence reached `minCooccurrence` (when the topic sets one) and no
 * exclusion vetoed it.
 */
import type { MatchedTerm, TopicMatch } from '../types.ts';
import { mayStartPattern, type CompiledPattern, type CompiledTopic } from './compile.ts';
import { PREFIX_KEY_LENGTH } from './openings.ts';
import { tokenizeArticle, type ArticleText, type ArticleTokens, type TokenSegment } from './article-tokens.ts';
import { patternMatchesAt } from './term-pattern.ts';

export { compileTopic, type CompiledTopic } from './compile.ts';
export { tokenizeArticle, type ArticleText, type ArticleTokens, type TokenSegment } from './article-tokens.ts';

/** A `TopicMatch` with the figures behind the decision, for explanations (`mowjaz match`). */
export interface TopicMatchDetail extends TopicMatch {
  /** Score of each group by name, in the topic's group order. */
  groupScores: Record<string, number>;
  /** Groups that fired but stayed under their own minimum. */
  weakGroups: string[];
  cooccurrence: number;
}

interface TermTally {
  count: number;
  inTitle: boolean;
  mass: number;
}

interface ScanState {
  tallies: Map<number, TermTally>;
  firedExclusions: Map<number, Set<string>>;
  cooccurrence: number;
}

/** Scores are shown to users and compared with thresholds written in topic files: two decimals. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function matchTopic(topic: CompiledTopic, article: ArticleText): TopicMatchDetail {
  return matchTokenizedTopic(topic, tokenizeArticle(article));
}

/** All topics against one article, tokenised once; best score first. */
export function matchTopics(topics: readonly CompiledTopic[], article: ArticleText): TopicMatchDetail[] {
  const tokens = tokenizeArticle(article);
  return topics
    .map((topic) => matchTokenizedTopic(topic, tokens))
    .sort((a, b) => b.score - a.score || a.topicId.localeCompare(b.topicId));
}

export function matchTokenizedTopic(topic: CompiledTopic, article: ArticleTokens): TopicMatchDetail {
  const scan: ScanState = { tallies: new Map(), firedExclusions: new Map(), cooccurrence: 0 };
  // The article's candidate tokens include every token this topic can start a pattern at,
  // unless the topic was compiled after the article was tokenised.
  const candidatesOnly = topic.openingsVersion <= article.openingsVersion;
  scanSegment(topic, article.title, topic.titleBoost, true, candidatesOnly, scan);
  const paragraphs = article.paragraphs;
  for (let index = 0; index < paragraphs.length; index++) {
    scanSegment(topic, paragraphs[index]!, index < topic.leadParagraphs ? topic.leadBoost : 1, false, candidatesOnly, scan);
  }

  const groupTotals = topic.groups.map(() => 0);
  const terms: MatchedTerm[] = [];
  for (const [ref, tally] of scan.tallies) {
    const term = topic.terms[ref]!;
    const score = round(term.weight * Math.sqrt(tally.mass));
    groupTotals[term.group] = (groupTotals[term.group] ?? 0) + score;
    terms.push({ term: term.term, group: topic.groups[term.group]!.name, count: tally.count, inTitle: tally.inTitle, score });
  }
  terms.sort((a, b) => b.score - a.score || a.term.localeCompare(b.term));

  const groupScores: Record<string, number> = {};
  const missingGroups: string[] = [];
  const weakGroups: string[] = [];
  topic.groups.forEach((group, i) => {
    const value = round(groupTotals[i] ?? 0);
    groupScores[group.name] = value;
    if (value === 0) missingGroups.push(group.name);
    else if (value < group.minScore) weakGroups.push(group.name);
  });
  const score = round(groupTotals.reduce((sum, s) => sum + s, 0));
  const cooccurrence = round(scan.cooccurrence);

  const excludedBy: string[] = [];
  for (const [ref, written] of scan.firedExclusions) {
    const unless = topic.exclusions[ref]?.unlessScore;
    if (unless === undefined || score < unless) excludedBy.push(...written);
  }

  const matched =
    missingGroups.length === 0 &&
    weakGroups.length === 0 &&
    score >= topic.minScore &&
    cooccurrence >= topic.minCooccurrence &&
    excludedBy.length === 0;
  return { topicId: topic.id, matched, score, terms, missingGroups, excludedBy, groupScores, weakGroups, cooccurrence };
}

/**
 * One pass over a segment. At each position an ignore phrase masks the words it covers; the
 * longest term starting there is counted and its words are not counted again (البيت الأبيض is one
 * term, not also الأبيض); exclusions are looked for everywhere, independently of terms.
 */
function scanSegment(
  topic: CompiledTopic,
  segment: TokenSegment,
  positionWeight: number,
  isTitle: boolean,
  candidatesOnly: boolean,
  scan: ScanState,
): void {
  const { tokens, openings, candidates } = segment;
  let bestWeightByGroup: number[] | undefined;
  let termsFreeFrom = 0;
  const positions = candidatesOnly ? candidates.length : tokens.length;
  for (let p = 0; p < positions; p++) {
    const i = candidatesOnly ? candidates[p]! : p;
    if (!mayStartPattern(topic, openings[i]!)) continue;
    const token = tokens[i]!;
    const exact = topic.byToken.get(token);
    const byPrefix = token.length >= PREFIX_KEY_LENGTH ? topic.byPrefixKey.get(token.slice(0, PREFIX_KEY_LENGTH)) : undefined;
    if (!exact && !byPrefix) continue;

    let ignoreLength = 0;
    let best: CompiledPattern | undefined;
    for (let list = 0; list < 2; list++) {
      const candidates = list === 0 ? exact : byPrefix;
      if (!candidates) continue;
      for (const candidate of candidates) {
        if (!patternMatchesAt(candidate.pattern, tokens, i)) continue;
        const length = candidate.pattern.length;
        if (candidate.kind === 'ignore') ignoreLength = Math.max(ignoreLength, length);
        else if (candidate.kind === 'exclusion') recordExclusion(scan.firedExclusions, candidate);
        else if (!best || length > best.pattern.length) best = candidate;
      }
    }
    if (ignoreLength > 0) termsFreeFrom = Math.max(termsFreeFrom, i + ignoreLength);
    if (!best || i < termsFreeFrom) continue;
    termsFreeFrom = i + best.pattern.length;

    const term = topic.terms[best.ref]!;
    bestWeightByGroup ??= topic.groups.map(() => 0);
    bestWeightByGroup[term.group] = Math.max(bestWeightByGroup[term.group] ?? 0, term.weight);
    const tally = scan.tallies.get(best.ref);
    if (!tally) {
      scan.tallies.set(best.ref, { count: 1, inTitle: isTitle, mass: positionWeight });
      continue;
    }
    tally.count += 1;
    // A headline is one signal however often it repeats a name.
    if (!(isTitle && tally.inTitle)) tally.mass += positionWeight;
    tally.inTitle ||= isTitle;
  }
  if (!bestWeightByGroup) return;
  const weakest = Math.min(...bestWeightByGroup);
  if (weakest > 0) scan.cooccurrence += positionWeight * weakest;
}

function recordExclusion(fired: Map<number, Set<string>>, pattern: CompiledPattern): void {
  const set = fired.get(pattern.ref);
  if (set) set.add(pattern.written);
  else fired.set(pattern.ref, new Set([pattern.written]));
}
