/**
 * Compiling a validated topic into an index that scans an article's tokens once: every term,
 * ignore phrase and exclusion is keyed by its first token (or by the first letters of a prefix),
 * so each article token costs one or two map look-ups per topic whatever the number of terms.
 */
import { protectWords } from '../text/normalize.ts';
import type { TopicDefinition, TopicTerm } from './schema.ts';
import { OPENING_BITS, PREFIX_KEY_LENGTH, openingOf, registerOpenings } from './openings.ts';
import { parseTerm, type TermPattern } from './term-pattern.ts';

export type PatternKind = 'term' | 'ignore' | 'exclusion';

export interface CompiledPattern {
  kind: PatternKind;
  /** Index into `terms` (kind term) or `exclusions` (kind exclusion); unused for ignore. */
  ref: number;
  /** The phrase as the topic file writes it, for explanations. */
  written: string;
  pattern: TermPattern;
}

export interface CompiledTerm {
  term: string;
  group: number;
  weight: number;
}

export interface CompiledGroup {
  name: string;
  minScore: number;
}

export interface CompiledExclusion {
  unlessScore?: number;
}

export interface CompiledTopic {
  id: string;
  definition: TopicDefinition;
  groups: CompiledGroup[];
  terms: CompiledTerm[];
  exclusions: CompiledExclusion[];
  titleBoost: number;
  leadBoost: number;
  leadParagraphs: number;
  minScore: number;
  /** 0 when the topic does not require its groups to appear together. */
  minCooccurrence: number;
  /** Patterns whose first token is matched exactly, by that token. */
  byToken: Map<string, CompiledPattern[]>;
  /** Patterns whose first token is a prefix, by the prefix's first PREFIX_KEY_LENGTH letters. */
  byPrefixKey: Map<string, CompiledPattern[]>;
  /**
   * Which openings (first three letters, see `openingOf`) any pattern starts with, one bit each.
   * Almost no article token starts a pattern; this answers that without the two map look-ups.
   */
  openings: Uint32Array;
  /** Version of the known openings (openings.ts) that holds this topic's. */
  openingsVersion: number;
}

/** True when some pattern of the topic starts with this opening (from `openingOf`). */
export function mayStartPattern(topic: CompiledTopic, opening: number): boolean {
  return (topic.openings[opening >>> 5]! & (1 << (opening & 31))) !== 0;
}

const DEFAULT_LEAD_PARAGRAPHS = 1;

export class TopicCompileError extends Error {
  constructor(
    readonly topicId: string,
    readonly term: string,
    reason: string,
  ) {
    super(`topic "${topicId}": term "${term}": ${reason}`);
    this.name = 'TopicCompileError';
  }
}

/**
 * Compiles a topic. Its `protect` names are registered with the normaliser first, so that they
 * survive clitic stripping in the topic's own terms and in every article tokenised afterwards:
 * compile topics before tokenising articles.
 */
export function compileTopic(topic: TopicDefinition): CompiledTopic {
  if (topic.protect) protectWords(topic.protect);
  const compiled: CompiledTopic = {
    id: topic.id,
    definition: topic,
    groups: topic.groups.map((g) => ({ name: g.name, minScore: g.minScore ?? 0 })),
    terms: [],
    exclusions: [],
    titleBoost: topic.titleBoost,
    leadBoost: topic.leadBoost ?? 1,
    leadParagraphs: topic.leadParagraphs ?? DEFAULT_LEAD_PARAGRAPHS,
    minScore: topic.minScore,
    minCooccurrence: topic.minCooccurrence ?? 0,
    byToken: new Map(),
    byPrefixKey: new Map(),
    openings: new Uint32Array(OPENING_BITS / 32),
    openingsVersion: 0,
  };

  topic.groups.forEach((group, groupIndex) => {
    for (const spec of group.terms) {
      const { term, weight } = termOf(spec);
      const ref = compiled.terms.length;
      compiled.terms.push({ term, group: groupIndex, weight });
      addPattern(compiled, 'term', ref, term);
    }
  });
  for (const rule of topic.ignore ?? []) {
    for (const phrase of rule.terms) addPattern(compiled, 'ignore', -1, phrase);
  }
  (topic.exclusions ?? []).forEach((rule, ref) => {
    compiled.exclusions.push(rule.unlessScore === undefined ? {} : { unlessScore: rule.unlessScore });
    for (const phrase of rule.terms) addPattern(compiled, 'exclusion', ref, phrase);
  });
  compiled.openingsVersion = registerOpenings(compiled.openings);
  return compiled;
}

function termOf(spec: TopicTerm): { term: string; weight: number } {
  return typeof spec === 'string' ? { term: spec, weight: 1 } : { term: spec.term, weight: spec.weight ?? 1 };
}

function addPattern(topic: CompiledTopic, kind: PatternKind, ref: number, written: string): void {
  const parsed = parseTerm(written);
  if (!parsed.ok) throw new TopicCompileError(topic.id, written, parsed.reason);
  const first = parsed.pattern[0]!;
  const entry: CompiledPattern = { kind, ref, written, pattern: parsed.pattern };
  // A prefix is at least MIN_PREFIX_LENGTH (= PREFIX_KEY_LENGTH) letters: it shares its opening with every token it matches.
  const opening = openingOf(first.text);
  topic.openings[opening >>> 5]! |= 1 << (opening & 31);
  const [map, key] = first.prefix
    ? [topic.byPrefixKey, first.text.slice(0, PREFIX_KEY_LENGTH)]
    : [topic.byToken, first.text];
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}
