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
import { extractFeatures, type FeatureOptions } from './features.ts';
import { PostingIndex } from './postings.ts';
import { shortlist } from './shortlist.ts';
import { binaryDot, binaryNormSquared, binaryVectorOf, EMPTY_VECTOR, type SparseVector, TermStats, tfidfCosine, tfidfNorm, vectorOf } from './term-stats.ts';

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
  /** How many of the article's highest-weighted terms look for candidates in the index (default 32). */
  queryTerms?: number;
  /**
   * Postings one article may visit in the index, over all its query terms (default 300), and at
   * most a fifth of that for any one term. Distinctive terms come first and have short lists; the
   * cap only cuts the long lists of common words, which add little to a similarity.
   */
  postingBudget?: number;
  /** How many best candidates get a full similarity computation (default 10). */
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

/**
 * An article reduced to what clustering compares: its vectors (term ids interned in the index's
 * statistics; weights before IDF), duplicate keys and instant. Much smaller than the article.
 */
export interface PreparedArticle {
  id: string;
  content: SparseVector;
  named: SparseVector;
  urlKey?: string;
  textKey?: string;
  time?: number;
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
  /** Norms under the statistics of `normsAt` documents (see `normsOf`). */
  norms: Norms | undefined;
}

interface Norms {
  content: number;
  /** Squared norm of the names plus the rare content terms. */
  namedSquared: number;
  at: number;
}

/**
 * Norms move slowly as statistics grow; they are recomputed once the document count has grown by
 * this share since (never, when the statistics are fixed, as in a batch).
 */
const NORM_STALENESS = 0.02;

interface Member {
  articleId: string;
  ordinal: number;
  time: number | undefined;
  /** Sum of similarities to the other members seen when it joined: the most central one represents the story. */
  centrality: number;
}

interface StoryState {
  id: string;
  /** By ordinal, in the order the members joined. */
  members: Map<number, Member>;
}

interface QueryTerm {
  index: PostingIndex;
  id: number;
  weight: number;
}

interface Candidate {
  ordinal: number;
  similarity: number;
}

export class StoryIndex {
  private readonly windowMs: number;
  private readonly threshold: number;
  private readonly namedWeight: number;
  private readonly rareShare: number;
  private readonly queryTerms: number;
  private readonly postingBudget: number;
  private readonly maxCandidates: number;
  private readonly featureOptions: FeatureOptions;
  private readonly updateStats: boolean;
  readonly stats: StoryStats;

  private readonly docs = new Map<number, IndexedDoc>();
  private readonly contentPostings = new PostingIndex();
  private readonly namedPostings = new PostingIndex();
  /** Ordinals in insertion order, for expiry. */
  private readonly arrivals: number[] = [];
  private arrivalsHead = 0;
  /** Articles indexed before any date was known; they take the first date that arrives. */
  private undatedBeforeClock: { doc: IndexedDoc; member: Member }[] = [];
  private clock: number | undefined;
  private nextOrdinal = 0;

  private readonly storiesById = new Map<string, StoryState>();
  private readonly storyOfArticle = new Map<string, string>();
  private readonly storyOfUrl = new Map<string, string>();
  private readonly storyOfText = new Map<string, string>();

  constructor(options: StoryIndexOptions = {}) {
    this.windowMs = (options.windowHours ?? DEFAULT_WINDOW_HOURS) * HOUR_MS;
    this.threshold = options.threshold ?? DEFAULT_THRESHOLD;
    this.namedWeight = options.namedWeight ?? DEFAULT_NAMED_WEIGHT;
    this.rareShare = options.rareShare ?? DEFAULT_RARE_SHARE;
    this.queryTerms = options.queryTerms ?? 32;
    this.postingBudget = options.postingBudget ?? 300;
    this.maxCandidates = options.candidates ?? 10;
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

  /** Reduces an article to its vectors and keys, interning its terms in this index's statistics. */
  prepare(article: Article): PreparedArticle {
    const features = extractFeatures(article, this.featureOptions);
    const prepared: PreparedArticle = {
      id: article.id,
      content: features.terms.size > 0 ? vectorOf(features.terms, this.stats.content) : EMPTY_VECTOR,
      named: features.named.size > 0 ? binaryVectorOf(features.named, this.stats.named) : EMPTY_VECTOR,
    };
    if (features.urlKey !== undefined) prepared.urlKey = features.urlKey;
    if (features.textKey !== undefined) prepared.textKey = features.textKey;
    if (features.time !== undefined) prepared.time = features.time;
    return prepared;
  }

  /**
   * Places one article in a story. Adding an article id a second time changes nothing and
   * reports its story. A batch passes articles already prepared by this index.
   */
  add(article: Article | PreparedArticle): StoryAssignment {
    const known = this.storyOfArticle.get(article.id);
    if (known !== undefined) return { storyId: known, isNew: false, similarity: 1, reason: 'already-indexed' };

    const features = 'content' in article ? article : this.prepare(article);
    const { content, named } = features;
    if (this.updateStats) {
      this.stats.content.addDocument(content.ids);
      this.stats.named.addDocument(named.ids);
    }
    if (features.time !== undefined) this.advanceClock(features.time);
    const doc: IndexedDoc = { ordinal: this.nextOrdinal++, articleId: features.id, storyId: '', time: features.time ?? this.clock, content, named, norms: undefined };

    const byUrl = features.urlKey !== undefined ? this.storyOfUrl.get(features.urlKey) : undefined;
    const byText = features.textKey !== undefined ? this.storyOfText.get(features.textKey) : undefined;
    let assignment: StoryAssignment;
    let links: Candidate[] = [];
    if (byUrl !== undefined || byText !== undefined) {
      // An exact copy joins its original whatever the window; it does not vote for the representative.
      assignment = byUrl !== undefined
        ? { storyId: byUrl, isNew: false, similarity: 1, reason: 'same-url' }
        : { storyId: byText!, isNew: false, similarity: 1, reason: 'same-text' };
    } else {
      const scored = this.scoreCandidates(doc);
      const best = scored[0];
      if (best && best.similarity >= this.threshold) {
        const storyId = this.docs.get(best.ordinal)!.storyId;
        links = scored.filter((c) => this.docs.get(c.ordinal)?.storyId === storyId);
        assignment = { storyId, isNew: false, similarity: best.similarity, reason: 'similar' };
      } else {
        assignment = { storyId: this.newStoryId(features.id), isNew: true, similarity: best?.similarity ?? 0, reason: 'new' };
      }
    }

    doc.storyId = assignment.storyId;
    this.remember(doc, features.time, links);
    this.storyOfArticle.set(features.id, assignment.storyId);
    if (features.urlKey !== undefined && byUrl === undefined) this.storyOfUrl.set(features.urlKey, assignment.storyId);
    if (features.textKey !== undefined && byText === undefined) this.storyOfText.set(features.textKey, assignment.storyId);
    return assignment;
  }

  storyIdOf(articleId: string): string | undefined {
    return this.storyOfArticle.get(articleId);
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
    const digest = createHash('sha1').update(foundingArticleId).digest('hex').slice(0, 12);
    let id = `story-${digest}`;
    for (let n = 2; this.storiesById.has(id); n++) id = `story-${digest}-${n}`;
    return id;
  }

  private remember(doc: IndexedDoc, ownTime: number | undefined, links: readonly Candidate[]): void {
    let state = this.storiesById.get(doc.storyId);
    if (!state) {
      state = { id: doc.storyId, members: new Map() };
      this.storiesById.set(doc.storyId, state);
    }
    let centrality = 0;
    for (const link of links) {
      centrality += link.similarity;
      const member = state.members.get(link.ordinal);
      if (member) member.centrality += link.similarity;
    }
    const member: Member = { articleId: doc.articleId, ordinal: doc.ordinal, time: ownTime ?? doc.time, centrality };
    state.members.set(doc.ordinal, member);

    this.docs.set(doc.ordinal, doc);
    this.arrivals.push(doc.ordinal);
    if (doc.time === undefined) this.undatedBeforeClock.push({ doc, member });
    for (const id of doc.content.ids) this.contentPostings.add(id, doc.ordinal, doc.time);
    for (const id of doc.named.ids) this.namedPostings.add(id, doc.ordinal, doc.time);
  }

  private advanceClock(time: number): void {
    if (this.clock !== undefined && time <= this.clock) return;
    this.clock = time;
    for (const { doc, member } of this.undatedBeforeClock) {
      doc.time = time;
      member.time = time;
    }
    this.undatedBeforeClock = [];
    this.expire(time - this.windowMs);
  }

  /** Forgets articles older than the cutoff: they can no longer share a window with new ones. */
  private expire(cutoff: number): void {
    const isLive = (ordinal: number) => this.docs.has(ordinal);
    while (this.arrivalsHead < this.arrivals.length) {
      const ordinal = this.arrivals[this.arrivalsHead]!;
      const doc = this.docs.get(ordinal);
      if (doc && doc.time !== undefined && doc.time >= cutoff) break;
      this.arrivalsHead++;
      if (!doc) continue;
      this.docs.delete(ordinal);
      for (const id of doc.content.ids) this.contentPostings.trim(id, isLive);
      for (const id of doc.named.ids) this.namedPostings.trim(id, isLive);
    }
    if (this.arrivalsHead > 1024 && this.arrivalsHead * 2 > this.arrivals.length) {
      this.arrivals.splice(0, this.arrivalsHead);
      this.arrivalsHead = 0;
    }
  }

  /** Candidates from the inverted index, ranked by full similarity, best first. */
  private scoreCandidates(doc: IndexedDoc): Candidate[] {
    const accumulated = new Map<number, number>();
    let budget = this.postingBudget;
    const perTerm = Math.max(1, Math.floor(this.postingBudget / 5));
    for (const term of this.queryOf(doc)) {
      if (budget <= 0) break;
      budget -= term.index.visitRecent(term.id, Math.min(budget, perTerm), (ordinal, time) => {
        if (this.inWindow(doc.time, time)) accumulated.set(ordinal, (accumulated.get(ordinal) ?? 0) + term.weight);
      });
    }
    if (accumulated.size === 0) return [];

    const norms = this.normsOf(doc);
    const scored: Candidate[] = [];
    for (const ordinal of shortlist(accumulated, this.maxCandidates)) {
      // An article can have left the window after it was indexed without the entry being trimmed yet.
      const other = this.docs.get(ordinal);
      if (other && this.inWindow(doc.time, other.time)) scored.push({ ordinal, similarity: this.similarity(doc, norms, other) });
    }
    return scored.sort((a, b) => b.similarity - a.similarity || a.ordinal - b.ordinal);
  }

  private normsOf(doc: IndexedDoc): Norms {
    const { content, named } = this.stats;
    const n = content.documents;
    if (doc.norms && n - doc.norms.at <= NORM_STALENESS * n) return doc.norms;
    const rare = this.rareTerms();
    doc.norms = {
      content: tfidfNorm(doc.content, content),
      namedSquared: binaryNormSquared(doc.named, named) + binaryNormSquared(doc.content, content, rare),
      at: n,
    };
    return doc.norms;
  }

  /** Content terms rare enough to count as names (see `rareShare`). */
  private rareTerms(): (id: number) => boolean {
    if (this.rareShare <= 0) return () => false;
    const { content } = this.stats;
    const maxDf = Math.max(2, this.rareShare * content.documents);
    return (id) => content.documentFrequency(id) <= maxDf;
  }

  /** The article's most distinctive terms, content words and names together, heaviest first. */
  private queryOf(doc: IndexedDoc): QueryTerm[] {
    const terms: QueryTerm[] = [];
    const { content, named } = this.stats;
    for (let i = 0; i < doc.content.ids.length; i++) {
      const id = doc.content.ids[i]!;
      const idf = content.idf(id);
      terms.push({ index: this.contentPostings, id, weight: doc.content.weights[i]! * idf * idf });
    }
    for (const id of doc.named.ids) {
      const idf = named.idf(id);
      terms.push({ index: this.namedPostings, id, weight: idf * idf });
    }
    return terms.sort((a, b) => b.weight - a.weight || a.id - b.id).slice(0, this.queryTerms);
  }

  /** Unknown instants (undefined or NaN) are in every window. */
  private inWindow(a: number | undefined, b: number | undefined): boolean {
    return !(Math.abs((a ?? Number.NaN) - (b ?? Number.NaN)) > this.windowMs);
  }

  /** Weighted mix of content-word and named-term cosines; content alone when either side has no names. */
  private similarity(a: IndexedDoc, normsA: Norms, b: IndexedDoc): number {
    const { content, named } = this.stats;
    const normsB = this.normsOf(b);
    const contentSim = tfidfCosine(a.content, b.content, content, normsA.content, normsB.content);
    // Cosine over names: named terms and rare content terms, each present or absent, weighted by IDF.
    if (this.namedWeight === 0 || normsA.namedSquared === 0 || normsB.namedSquared === 0) return contentSim;
    const dot = binaryDot(a.named, b.named, named) + binaryDot(a.content, b.content, content, this.rareTerms());
    const namedSim = Math.min(1, dot / Math.sqrt(normsA.namedSquared * normsB.namedSquared));
    return (1 - this.namedWeight) * contentSim + this.namedWeight * namedSim;
  }
}

function toStory(state: StoryState): Story {
  const byTime = [...state.members.values()].sort((a, b) => (a.time ?? Infinity) - (b.time ?? Infinity) || a.ordinal - b.ordinal);
  let representative = byTime[0]!;
  for (const member of byTime) if (member.centrality > representative.centrality) representative = member;
  let first = Infinity;
  let last = -Infinity;
  for (const member of byTime) {
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
