/**
 * Incremental story clustering, one article at a time, as a live bot receives them.
 *
 * Each new article is compared only with articles that share one of its most distinctive terms
 * (an inverted index) and lie inside the time window; it joins the story of the most similar one
 * when the similarity reaches the threshold, and founds a new story otherwise. Every posting scan
 * is capped, so the cost of one `add` does not depend on how many articles came before: total
 * cost grows linearly with the stream. See docs/stories.md for the method and its figures.
 */
import { createHash } from 'node:crypto';
import type { Article, Story } from '../types.ts';
import { extractFeatures, type FeatureOptions, type StoryFeatures } from './features.ts';
import { binaryVectorOf, EMPTY_VECTOR, type SparseVector, TermStats, tfidfCosine, tfidfNorm, vectorOf } from './term-stats.ts';

export interface StoryIndexOptions extends FeatureOptions {
  /** Two articles can be one story only when published at most this far apart (default 72). */
  windowHours?: number;
  /** Similarity from which an article joins a story (default {@link DEFAULT_THRESHOLD}). */
  threshold?: number;
  /** Share of the similarity that comes from named terms, the rest from content words. */
  namedWeight?: number;
  /**
   * Content terms found in at most this share of articles (and never fewer than two) also count
   * as names: Arabic has no capitals, so rarity is how its unlisted names show (0 turns it off).
   */
  rareShare?: number;
  /** How many of the article's highest-weighted terms look for candidates in the index. */
  queryTerms?: number;
  /** How many of the most recent postings one query term may visit. */
  postingsPerTerm?: number;
  /** How many best candidates get a full similarity computation. */
  candidates?: number;
  /**
   * Document frequencies to start from (and keep updating unless `updateStats` is false): a
   * batch primes them with the whole corpus; a live bot can start from stored statistics.
   */
  stats?: StoryStats;
  updateStats?: boolean;
}

export interface StoryStats {
  content: TermStats;
  named: TermStats;
}

export type AssignmentReason = 'new' | 'similar' | 'same-url' | 'same-text' | 'already-indexed';

export interface StoryAssignment {
  storyId: string;
  isNew: boolean;
  /** Similarity to the closest earlier article (1 for an exact duplicate; below the threshold when new). */
  similarity: number;
  reason: AssignmentReason;
}

export const DEFAULT_WINDOW_HOURS = 72;
export const DEFAULT_THRESHOLD = 0.15;
export const DEFAULT_NAMED_WEIGHT = 0.2;
export const DEFAULT_RARE_SHARE = 0.01;

const HOUR_MS = 3_600_000;

interface IndexedDoc {
  ordinal: number;
  articleId: string;
  storyId: string;
  /** Effective instant: the article's own date, or the index clock when it had none. */
  time: number | undefined;
  content: SparseVector;
  named: SparseVector;
}

interface Member {
  articleId: string;
  ordinal: number;
  time: number | undefined;
  /** Sum of similarities to the other members seen when it joined: the most central one represents the story. */
  centrality: number;
}

interface StoryState {
  id: string;
  members: Member[];
}

/** Posting list in insertion order; entries before `head` are expired. */
interface Postings {
  ordinals: number[];
  head: number;
}

export class StoryIndex {
  private readonly windowMs: number;
  private readonly threshold: number;
  private readonly namedWeight: number;
  private readonly rareShare: number;
  private readonly queryTerms: number;
  private readonly postingsPerTerm: number;
  private readonly maxCandidates: number;
  private readonly featureOptions: FeatureOptions;
  private readonly updateStats: boolean;
  readonly stats: StoryStats;

  private readonly docs = new Map<number, IndexedDoc>();
  private readonly contentPostings = new Map<number, Postings>();
  private readonly namedPostings = new Map<number, Postings>();
  /** Ordinals in insertion order, for expiry. */
  private readonly arrivals: number[] = [];
  private arrivalsHead = 0;
  /** Articles indexed before any date was known; they take the first date that arrives. */
  private undatedBeforeClock: IndexedDoc[] = [];
  private clock: number | undefined;
  private nextOrdinal = 0;

  private readonly storiesById = new Map<string, StoryState>();
  private readonly storyOfArticle = new Map<string, { storyId: string; reason: AssignmentReason }>();
  private readonly storyOfUrl = new Map<string, string>();
  private readonly storyOfText = new Map<string, string>();

  constructor(options: StoryIndexOptions = {}) {
    this.windowMs = (options.windowHours ?? DEFAULT_WINDOW_HOURS) * HOUR_MS;
    this.threshold = options.threshold ?? DEFAULT_THRESHOLD;
    this.namedWeight = options.namedWeight ?? DEFAULT_NAMED_WEIGHT;
    this.rareShare = options.rareShare ?? DEFAULT_RARE_SHARE;
    this.queryTerms = options.queryTerms ?? 24;
    this.postingsPerTerm = options.postingsPerTerm ?? 200;
    this.maxCandidates = options.candidates ?? 40;
    this.featureOptions = { titleWeight: options.titleWeight, leadParagraphs: options.leadParagraphs, leadWords: options.leadWords, tailWeight: options.tailWeight };
    this.stats = options.stats ?? { content: new TermStats(), named: new TermStats() };
    this.updateStats = options.updateStats ?? true;
  }

  /** Articles indexed so far. */
  get size(): number {
    return this.storyOfArticle.size;
  }

  /** Articles still inside the window of the newest one: those a new article can be compared with. */
  get activeArticles(): number {
    return this.docs.size;
  }

  /**
   * Places one article in a story. Adding an article id a second time changes nothing and
   * reports its story. `features` may be passed when already extracted (a batch does so).
   */
  add(article: Article, features: StoryFeatures = extractFeatures(article, this.featureOptions)): StoryAssignment {
    const known = this.storyOfArticle.get(article.id);
    if (known) return { storyId: known.storyId, isNew: false, similarity: 1, reason: 'already-indexed' };

    const content = features.terms.size > 0 ? vectorOf(features.terms, this.stats.content) : EMPTY_VECTOR;
    const named = features.named.size > 0 ? binaryVectorOf(features.named, this.stats.named) : EMPTY_VECTOR;
    if (this.updateStats) {
      this.stats.content.addDocument(content.ids);
      this.stats.named.addDocument(named.ids);
    }
    if (features.time !== undefined) this.advanceClock(features.time);

    const doc: IndexedDoc = {
      ordinal: this.nextOrdinal++,
      articleId: article.id,
      storyId: '',
      time: features.time ?? this.clock,
      content,
      named,
    };

    const duplicateOf =
      (features.urlKey !== undefined ? this.storyOfUrl.get(features.urlKey) : undefined) ??
      (features.textKey !== undefined ? this.storyOfText.get(features.textKey) : undefined);
    let assignment: StoryAssignment;
    let links: { ordinal: number; similarity: number }[] = [];
    if (duplicateOf !== undefined) {
      const sameUrl = features.urlKey !== undefined && this.storyOfUrl.get(features.urlKey) === duplicateOf;
      assignment = { storyId: duplicateOf, isNew: false, similarity: 1, reason: sameUrl ? 'same-url' : 'same-text' };
    } else {
      const scored = this.scoreCandidates(doc);
      const best = scored[0];
      if (best && best.similarity >= this.threshold) {
        const storyId = this.docs.get(best.ordinal)!.storyId;
        links = scored.filter((c) => this.docs.get(c.ordinal)?.storyId === storyId);
        assignment = { storyId, isNew: false, similarity: best.similarity, reason: 'similar' };
      } else {
        assignment = { storyId: this.newStoryId(article.id), isNew: true, similarity: best?.similarity ?? 0, reason: 'new' };
      }
    }

    doc.storyId = assignment.storyId;
    this.remember(doc, features.time, links);
    this.storyOfArticle.set(article.id, { storyId: assignment.storyId, reason: assignment.reason });
    if (features.urlKey !== undefined && !this.storyOfUrl.has(features.urlKey)) this.storyOfUrl.set(features.urlKey, assignment.storyId);
    if (features.textKey !== undefined && !this.storyOfText.has(features.textKey)) this.storyOfText.set(features.textKey, assignment.storyId);
    return assignment;
  }

  storyIdOf(articleId: string): string | undefined {
    return this.storyOfArticle.get(articleId)?.storyId;
  }

  story(id: string): Story | undefined {
    const state = this.storiesById.get(id);
    return state ? toStory(state) : undefined;
  }

  /** Every story so far, in the order they were founded. */
  stories(): Story[] {
    return [...this.storiesById.values()].map(toStory);
  }

  private newStoryId(foundingArticleId: string): string {
    const digest = createHash('sha1').update(foundingArticleId).digest('hex');
    let id = `story-${digest.slice(0, 12)}`;
    for (let n = 2; this.storiesById.has(id); n++) id = `story-${digest.slice(0, 12)}-${n}`;
    return id;
  }

  private remember(doc: IndexedDoc, ownTime: number | undefined, links: { ordinal: number; similarity: number }[]): void {
    let state = this.storiesById.get(doc.storyId);
    if (!state) {
      state = { id: doc.storyId, members: [] };
      this.storiesById.set(doc.storyId, state);
    }
    let centrality = 0;
    for (const link of links) {
      centrality += link.similarity;
      const member = state.members.find((m) => m.ordinal === link.ordinal);
      if (member) member.centrality += link.similarity;
    }
    state.members.push({ articleId: doc.articleId, ordinal: doc.ordinal, time: ownTime ?? doc.time, centrality });

    this.docs.set(doc.ordinal, doc);
    this.arrivals.push(doc.ordinal);
    if (doc.time === undefined) this.undatedBeforeClock.push(doc);
    for (const id of doc.content.ids) post(this.contentPostings, id, doc.ordinal);
    for (const id of doc.named.ids) post(this.namedPostings, id, doc.ordinal);
  }

  private advanceClock(time: number): void {
    if (this.clock !== undefined && time <= this.clock) return;
    this.clock = time;
    if (this.undatedBeforeClock.length > 0) {
      for (const doc of this.undatedBeforeClock) doc.time = time;
      for (const state of this.storiesById.values()) {
        for (const member of state.members) if (member.time === undefined) member.time = time;
      }
      this.undatedBeforeClock = [];
    }
    this.expire(time - this.windowMs);
  }

  /** Forgets articles older than the cutoff: they can no longer share a window with new ones. */
  private expire(cutoff: number): void {
    while (this.arrivalsHead < this.arrivals.length) {
      const ordinal = this.arrivals[this.arrivalsHead]!;
      const doc = this.docs.get(ordinal);
      if (doc && doc.time !== undefined && doc.time >= cutoff) break;
      this.arrivalsHead++;
      if (!doc) continue;
      this.docs.delete(ordinal);
      for (const id of doc.content.ids) this.trim(this.contentPostings, id);
      for (const id of doc.named.ids) this.trim(this.namedPostings, id);
    }
    if (this.arrivalsHead > 1024 && this.arrivalsHead * 2 > this.arrivals.length) {
      this.arrivals.splice(0, this.arrivalsHead);
      this.arrivalsHead = 0;
    }
  }

  private trim(index: Map<number, Postings>, termId: number): void {
    const postings = index.get(termId);
    if (!postings) return;
    while (postings.head < postings.ordinals.length && !this.docs.has(postings.ordinals[postings.head]!)) postings.head++;
    if (postings.head === postings.ordinals.length) {
      index.delete(termId);
    } else if (postings.head > 64 && postings.head * 2 > postings.ordinals.length) {
      postings.ordinals.splice(0, postings.head);
      postings.head = 0;
    }
  }

  /** Candidates from the inverted index, ranked by full similarity, best first. */
  private scoreCandidates(doc: IndexedDoc): { ordinal: number; similarity: number }[] {
    const accumulated = new Map<number, number>();
    const { content, named } = this.stats;
    this.collect(accumulated, doc, this.contentPostings, topTerms(doc.content, content, this.queryTerms), content);
    this.collect(accumulated, doc, this.namedPostings, topTerms(doc.named, named, this.queryTerms), named);
    if (accumulated.size === 0) return [];

    const shortlist = [...accumulated.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, this.maxCandidates);
    const contentNorm = tfidfNorm(doc.content, content);
    const scored = shortlist.map(([ordinal]) => ({ ordinal, similarity: this.similarity(doc, this.docs.get(ordinal)!, contentNorm) }));
    return scored.sort((a, b) => b.similarity - a.similarity || a.ordinal - b.ordinal);
  }

  private collect(accumulated: Map<number, number>, doc: IndexedDoc, index: Map<number, Postings>, terms: { id: number; weight: number }[], stats: TermStats): void {
    for (const { id, weight } of terms) {
      const postings = index.get(id);
      if (!postings) continue;
      const score = weight * stats.idf(id);
      const stop = Math.max(postings.head, postings.ordinals.length - this.postingsPerTerm);
      for (let i = postings.ordinals.length - 1; i >= stop; i--) {
        const ordinal = postings.ordinals[i]!;
        const other = this.docs.get(ordinal);
        if (!other || !this.inWindow(doc.time, other.time)) continue;
        accumulated.set(ordinal, (accumulated.get(ordinal) ?? 0) + score);
      }
    }
  }

  private inWindow(a: number | undefined, b: number | undefined): boolean {
    return a === undefined || b === undefined || Math.abs(a - b) <= this.windowMs;
  }

  /** Weighted mix of content-word and named-term cosines; content alone when either side has no names. */
  private similarity(a: IndexedDoc, b: IndexedDoc, contentNormA?: number): number {
    const { content } = this.stats;
    const contentSim = tfidfCosine(a.content, b.content, content, contentNormA);
    if (this.namedWeight === 0) return contentSim;
    const namedSim = this.namedCosine(a, b);
    if (namedSim === undefined) return contentSim;
    return (1 - this.namedWeight) * contentSim + this.namedWeight * namedSim;
  }

  /**
   * Cosine over names: the named terms (each weighted by its IDF, present or absent) plus the
   * rare content terms. Undefined when either side has none.
   */
  private namedCosine(a: IndexedDoc, b: IndexedDoc): number | undefined {
    const { content, named } = this.stats;
    const maxDf = Math.max(2, this.rareShare * content.documents);
    const rare = (id: number) => this.rareShare > 0 && content.documentFrequency(id) <= maxDf;
    const normA = binaryNorm(a.named, named) + binaryNorm(a.content, content, rare);
    const normB = binaryNorm(b.named, named) + binaryNorm(b.content, content, rare);
    if (normA === 0 || normB === 0) return undefined;
    const dot = binaryDot(a.named, b.named, named) + binaryDot(a.content, b.content, content, rare);
    return Math.min(1, dot / Math.sqrt(normA * normB));
  }
}

/** Squared norm of a vector's terms (those passing `keep`) taken as present with weight IDF. */
function binaryNorm(vector: SparseVector, stats: TermStats, keep?: (id: number) => boolean): number {
  let sum = 0;
  for (const id of vector.ids) {
    if (keep && !keep(id)) continue;
    const idf = stats.idf(id);
    sum += idf * idf;
  }
  return sum;
}

function binaryDot(a: SparseVector, b: SparseVector, stats: TermStats, keep?: (id: number) => boolean): number {
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

function post(index: Map<number, Postings>, termId: number, ordinal: number): void {
  const postings = index.get(termId);
  if (postings) postings.ordinals.push(ordinal);
  else index.set(termId, { ordinals: [ordinal], head: 0 });
}

/** The vector's terms with the highest TF-IDF weight: the ones that say what the article is about. */
function topTerms(vector: SparseVector, stats: TermStats, limit: number): { id: number; weight: number }[] {
  const terms: { id: number; weight: number }[] = [];
  for (let i = 0; i < vector.ids.length; i++) {
    const id = vector.ids[i]!;
    terms.push({ id, weight: vector.weights[i]! * stats.idf(id) });
  }
  return terms.sort((a, b) => b.weight - a.weight || a.id - b.id).slice(0, limit);
}

function toStory(state: StoryState): Story {
  const byTime = [...state.members].sort(
    (a, b) => (a.time ?? Infinity) - (b.time ?? Infinity) || a.ordinal - b.ordinal,
  );
  let representative = byTime[0]!;
  for (const member of byTime) if (member.centrality > representative.centrality) representative = member;
  let first = Infinity;
  let last = -Infinity;
  for (const member of state.members) {
    if (member.time === undefined) continue;
    first = Math.min(first, member.time);
    last = Math.max(last, member.time);
  }
  // A story none of whose articles carries any date reports the epoch rather than inventing a time.
  if (first === Infinity) first = last = 0;
  return {
    id: state.id,
    articleIds: [representative.articleId, ...byTime.filter((m) => m !== representative).map((m) => m.articleId)],
    firstSeen: new Date(first).toISOString(),
    lastSeen: new Date(last).toISOString(),
  };
}
