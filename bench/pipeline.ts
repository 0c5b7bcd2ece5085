/**
 * The text pipeline end to end on one core: clean → normalise → match topics → summarise, over
 * the EASC articles and the sample content in `content/articles`, repeated to at least 10,000
 * articles. Files are read before timing starts; everything after that is the work the ingester
 * does per article. Prints articles per second (first pass over the distinct articles, then the
 * steady state), where the time goes, and the peak resident memory.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSuite } from './run.ts';
import { cleanDocument, formatOf, sniffFormat } from '../src/core/content/document.ts';
import { loadEasc } from '../src/core/summarize/easc.ts';
import { summarize } from '../src/core/summarize/summarize.ts';
import { detectLanguage } from '../src/core/text/language.ts';
import { loadTopics } from '../src/core/topics/load.ts';
import { compileTopic, matchTokenizedTopic, tokenizeArticle } from '../src/core/topics/matcher.ts';

const TARGET_ARTICLES = Number(process.env["MOWJAZ_BENCH_ARTICLES"] ?? 10_000);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Source {
  name: string;
  text: string;
  format: ReturnType<typeof sniffFormat>;
}

async function contentFiles(dir: string): Promise<Source[]> {
  const out: Source[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    const format = formatOf(path, text);
    if (format) out.push({ name: path, text, format });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

async function sources(): Promise<Source[]> {
  const shared = process.env['MOWJAZ_SHARED_DIR'] ?? resolve(repoRoot, '..', 'shared');
  const out = await contentFiles(join(repoRoot, 'content', 'articles'));
  try {
    for (const doc of await loadEasc(join(shared, 'easc'))) out.push({ name: `easc/${doc.id}`, text: doc.article, format: 'scraped-page' });
  } catch {
    console.log(`(EASC not found under ${shared}; running on content/articles only)`);
  }
  return out;
}

interface StageTimes {
  clean: number;
  normalise: number;
  match: number;
  summarise: number;
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export const pipelineBench: BenchSuite = {
  name: 'pipeline: clean → normalise → match → summarise',
  async run() {
    const inputs = await sources();
    const { topics: definitions, errors } = await loadTopics();
    if (errors.length > 0) console.log(`(${errors.length} topic file(s) did not load and are left out)`);
    const topics = definitions.map(compileTopic);
    const rounds = Math.ceil(TARGET_ARTICLES / inputs.length);
    const times: StageTimes = { clean: 0, normalise: 0, match: 0, summarise: 0 };
    let matched = 0;
    let sentences = 0;
    let arabic = 0;

    // Stages are timed with the wall clock (reading CPU time costs a system call, too much per
    // stage); their shares are then applied to the CPU time of the whole run.
    const runOne = (source: Source): void => {
      const t0 = performance.now();
      const doc = cleanDocument(source.text, source.format);
      const t1 = performance.now();
      const tokens = tokenizeArticle(doc);
      const language = doc.meta.language ?? detectLanguage(`${doc.title}\n${doc.paragraphs[0] ?? ''}`);
      if (language === 'ar') arabic += 1;
      const t2 = performance.now();
      for (const topic of topics) if (matchTokenizedTopic(topic, tokens).matched) matched += 1;
      const t3 = performance.now();
      const summary = summarize({ title: doc.title, paragraphs: doc.paragraphs }, { sentences: 3 });
      sentences += summary.sentences.length;
      const t4 = performance.now();
      times.clean += t1 - t0;
      times.normalise += t2 - t1;
      times.match += t3 - t2;
      times.summarise += t4 - t3;
    };

    const firstWall = performance.now();
    const firstCpuStart = cpuMs();
    for (const source of inputs) runOne(source);
    const firstMs = performance.now() - firstWall;
    const firstCpu = cpuMs() - firstCpuStart;

    const wall = performance.now();
    const cpu = cpuMs();
    for (let round = 1; round < rounds; round++) for (const source of inputs) runOne(source);
    const steadyMs = performance.now() - wall;
    const steadyCpu = cpuMs() - cpu;
    const total = inputs.length * rounds;
    const steadyArticles = total - inputs.length;
    const allMs = firstMs + steadyMs;
    const allCpu = firstCpu + steadyCpu;

    const perSecond = (articles: number, ms: number) => ((articles / ms) * 1000).toFixed(0);
    console.log(`${inputs.length} distinct articles × ${rounds} rounds = ${total} articles, ${topics.length} topics`);
    const rate = (articles: number, wallMs: number, cpu: number) => `${perSecond(articles, cpu)} articles/s of CPU time (${perSecond(articles, wallMs)} wall)`;
    console.log(`first pass over the distinct articles (cold caches): ${rate(inputs.length, firstMs, firstCpu)}`);
    console.log(`steady state: ${rate(steadyArticles, steadyMs, steadyCpu)}`);
    console.log(`overall: ${total} articles in ${(allCpu / 1000).toFixed(2)} s of CPU = ${rate(total, allMs, allCpu)}, target ≥ 1000`);
    const staged = times.clean + times.normalise + times.match + times.summarise;
    const share = (ms: number) => `${((ms / staged) * 100).toFixed(0)}% (${(((ms / staged) * allCpu * 1000) / total).toFixed(0)} µs)`;
    console.log(`CPU per article and stage: clean ${share(times.clean)}, normalise ${share(times.normalise)}, match ${share(times.match)}, summarise ${share(times.summarise)}`);
    console.log(`topic matches: ${matched}, summary sentences: ${sentences}, Arabic: ${arabic} of ${total}`);
    console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  },
};
