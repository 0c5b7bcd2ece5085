/**
 * Story clustering at scale: 10,000 and 100,000 synthetic articles over 60 days, clustered in
 * one batch (`clusterStories`, feature extraction included) and, for the smaller set, one at a
 * time through the live `StoryIndex`. Linear growth means a time ratio near 10.
 *
 * The articles recombine real sentences from ../shared/news-sample and ../shared/easc: each
 * event is a handful of sentences, mostly reworded with words of its own, reported by one to
 * four outlets within hours (each outlet keeps most sentences, adds background and rewords the
 * headline), and a fifth of all articles are near-duplicates (a feed re-publishing a report
 * under another URL with one paragraph dropped or a word changed).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTrecDocument } from '../src/core/content/trec.ts';
import { clusterStories } from '../src/core/stories/cluster.ts';
import { evaluateClustering } from '../src/core/stories/evaluation.ts';
import { StoryIndex } from '../src/core/stories/story-index.ts';
import { splitSentences } from '../src/core/text/sentences.ts';
import type { Article } from '../src/core/types.ts';
import type { BenchSuite } from './run.ts';

const SHARED = process.env['MOWJAZ_SHARED_DIR'] ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared');
const DAYS = 60;
const START = Date.parse('2018-03-01T00:00:00Z');
const HOUR = 3_600_000;
const NEAR_DUPLICATE_SHARE = 0.2;
const OUTLETS = ['skynews', 'bbc', 'cnn', 'france24', 'alarabiya', 'aljazeera', 'rudaw', 'alsumaria', 'asharq', 'independent', 'dw', 'rt'];

export interface Pool {
  sentences: string[];
  titles: string[];
}

/** Deterministic PRNG (mulberry32), so every run clusters the same articles. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function loadPool(): Promise<Pool> {
  const sentences: string[] = [];
  const titles: string[] = [];
  const sample = join(SHARED, 'news-sample');
  const labels = await readFile(join(sample, 'labels.csv'), 'utf8');
  for (const path of labels.split('\n').slice(1).filter(Boolean).map((line) => line.split(',')[0]!)) {
    const doc = parseTrecDocument(await readFile(join(sample, path), 'utf8'));
    titles.push(doc.title);
    for (const paragraph of doc.text) sentences.push(...splitSentences(paragraph));
  }
  const easc = join(SHARED, 'easc', 'EASC', 'EASC-UTF-8', 'Articles');
  if (existsSync(easc)) {
    for (const topic of await readdir(easc)) {
      for (const file of await readdir(join(easc, topic))) {
        const text = (await readFile(join(easc, topic, file), 'utf8')).replace(/^\uFEFF/, '').replace(/\r/g, '');
        const [first, ...rest] = splitSentences(text.replace(/\n(?!\n)/g, ' '));
        if (first) titles.push(first.split(/\s+/).slice(0, 10).join(' '));
        sentences.push(...rest);
      }
    }
  }
  return { sentences: sentences.filter((s) => s.length >= 30), titles: titles.filter((t) => t.length > 0) };
}

/** Share of the words of an event's sentences that are reworded for that event. */
const EVENT_WORD_SHARE = 0.7;
/** Words of its own (names, places) an event draws its rewording from, besides one figure. */
const EVENT_WORDS = 10;

/**
 * `count` articles over DAYS days: events covered by 1–4 outlets, then a fifth near-duplicates.
 *
 * Each event takes a few pool sentences and puts, in 70 % of their word positions, one of ten
 * words of its own drawn from the pool's whole vocabulary (so mostly rare ones, as names, places
 * and figures are) or a figure. Without that, 100,000 articles drawn from a few thousand
 * sentences would share whole sentences across unrelated events, which real news does not.
 */
export function generate(pool: Pool, count: number, seed: number): { articles: Article[]; eventOf: Map<string, string> } {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const vocabulary = [...new Set(pool.sentences.flatMap((s) => s.split(/\s+/)).filter((w) => w.length >= 3))];
  const articles: Article[] = [];
  const eventOf = new Map<string, string>();
  const originals = Math.round(count * (1 - NEAR_DUPLICATE_SHARE));
  let event = 0;
  while (articles.length < originals) {
    event += 1;
    const eventId = `e${event}`;
    const own = [...Array.from({ length: EVENT_WORDS }, () => pick(vocabulary)), String(Math.floor(rnd() * 100_000))];
    const personalise = (text: string) => text.split(/\s+/).map((word) => (rnd() < EVENT_WORD_SHARE ? pick(own) : word)).join(' ');
    const core = Array.from({ length: 5 + Math.floor(rnd() * 5) }, () => personalise(pick(pool.sentences)));
    // Headlines restate the lead: its opening words, with one of the pool's headline words.
    const title = `${core[0]!.split(/\s+/).slice(0, 6 + Math.floor(rnd() * 5)).join(' ')} ${pick(pick(pool.titles).split(/\s+/))}`;
    // Daytime-heavy publication: most news appears between 06:00 and 22:00.
    const day = Math.floor(rnd() * DAYS);
    const at = START + day * 24 * HOUR + (6 + rnd() * 16) * HOUR;
    const r = rnd();
    const outlets = r < 0.5 ? 1 : r < 0.75 ? 2 : r < 0.9 ? 3 : 4;
    for (let o = 0; o < outlets && articles.length < originals; o++) {
      // Each outlet keeps the lead and most other sentences, adds background and rewords the headline.
      const kept = core.filter((_, i) => i === 0 || rnd() < 0.75);
      const background = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(pool.sentences));
      const words = title.split(/\s+/);
      words[Math.floor(rnd() * words.length)] = pick(vocabulary);
      const id = `${eventId}-${o}`;
      articles.push(toArticle(id, OUTLETS[(event + o) % OUTLETS.length]!, words.join(' '), [...kept, ...background], at + rnd() * 12 * HOUR));
      eventOf.set(id, eventId);
    }
  }
  for (let n = 0; articles.length < count; n++) {
    const source = articles[Math.floor(rnd() * originals)]!;
    const paragraphs = [...source.paragraphs];
    const edit = rnd();
    if (edit < 0.4 && paragraphs.length > 2) paragraphs.splice(1 + Math.floor(rnd() * (paragraphs.length - 1)), 1);
    else if (edit < 0.8) paragraphs[0] = paragraphs[0]!.replace(/\S+$/, pick(vocabulary));
    const id = `${source.id}-copy${n}`;
    articles.push(toArticle(id, pick(OUTLETS), source.title, paragraphs, Date.parse(source.publishedAt!) + rnd() * 6 * HOUR));
    eventOf.set(id, eventOf.get(source.id)!);
  }
  return { articles, eventOf };
}

/** One sentence per paragraph, as several outlets publish; the strings are shared with the pool. */
function toArticle(id: string, outlet: string, title: string, paragraphs: string[], at: number): Article {
  return {
    id,
    sourceId: outlet,
    sourceName: outlet,
    url: `https://${outlet}.example/news/${id}`,
    title,
    paragraphs,
    language: 'ar',
    publishedAt: new Date(at).toISOString(),
  };
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function timed<T>(body: () => T): { result: T; timing: Timing } {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const result = body();
  const used = process.cpuUsage(cpu);
  return { result, timing: { wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 } };
}

const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export const clusteringBench: BenchSuite = {
  name: 'clustering',
  async run() {
    if (!existsSync(join(SHARED, 'news-sample'))) {
      console.log(`skipped: ${join(SHARED, 'news-sample')} not found`);
      return;
    }
    const pool = await loadPool();
    console.log(`sentence pool: ${pool.sentences.length} sentences, ${pool.titles.length} titles; ${DAYS} days; ${NEAR_DUPLICATE_SHARE * 100} % near-duplicates`);
    // Warm-up: JIT and the stem cache, so neither size pays for them alone.
    clusterStories(generate(pool, 2_000, 7).articles);

    const batch: Timing[] = [];
    // MOWJAZ_BENCH_CLUSTERING_SIZES=10000 runs one size only (profiling).
    const sizes = (process.env['MOWJAZ_BENCH_CLUSTERING_SIZES'] ?? '10000,100000').split(',').map(Number);
    for (const size of sizes) {
      const { articles, eventOf } = generate(pool, size, size);
      const { result: stories, timing } = timed(() => clusterStories(articles));
      batch.push(timing);
      const storyOf = new Map<string, string>();
      for (const story of stories) for (const id of story.articleIds) storyOf.set(id, story.id);
      const { scores } = evaluateClustering(storyOf, eventOf);
      const events = new Set(eventOf.values()).size;
      console.log(
        `batch ${size.toLocaleString('en')} articles: ${seconds(timing.wallMs)} wall, ${seconds(timing.cpuMs)} CPU ` +
          `(${Math.round(size / (timing.cpuMs / 1000)).toLocaleString('en')} articles/s CPU); ${stories.length.toLocaleString('en')} stories for ${events.toLocaleString('en')} events; ` +
          `pairwise P ${scores.precision.toFixed(3)} R ${scores.recall.toFixed(3)} F1 ${scores.f1.toFixed(3)}; peak RSS so far ${mb(process.resourceUsage().maxRSS)}`,
      );
      if (size === 10_000) {
        const ordered = [...articles].sort((a, b) => a.publishedAt!.localeCompare(b.publishedAt!));
        const index = new StoryIndex();
        const live = timed(() => {
          for (const article of ordered) index.add(article);
        });
        console.log(`live  ${size.toLocaleString('en')} articles one at a time: ${seconds(live.timing.wallMs)} wall, ${seconds(live.timing.cpuMs)} CPU; ${index.activeArticles} articles left in the 72 h window`);
      }
    }
    const [small, large] = batch;
    if (small && large) console.log(`100k / 10k: ${(large.wallMs / small.wallMs).toFixed(1)}× wall, ${(large.cpuMs / small.cpuMs).toFixed(1)}× CPU (linear growth ≈ 10×)`);
    console.log(`peak RSS: ${mb(process.resourceUsage().maxRSS)}`);
  },
};
