/**
 * Live sources: (1) reading and ingesting one 1,000-item feed (decode, parse, clean each item,
 * match topics, cluster, save); (2) one polling round over 1,000 sources served by a local HTTP
 * server (fetch, conditional-GET bookkeeping, dedupe, ingest), with peak resident memory.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchSuite } from './run.ts';
import { loadTopicsStrict } from '../src/core/topics/load.ts';
import { silentLogger } from '../src/logger.ts';
import { ingestArticles } from '../src/pipeline/ingest.ts';
import { buildTopics } from '../src/pipeline/topic-catalog.ts';
import { Fetcher } from '../src/sources/fetcher.ts';
import { SourcePoller } from '../src/sources/poller.ts';
import { readFeed } from '../src/sources/read-feed.ts';
import { openStore } from '../src/store/index.ts';

const SENTENCES = [
  'قال مسؤولون عراقيون وأمريكيون إن جولة جديدة من الحوار الاستراتيجي بين بغداد وواشنطن ستعقد الشهر المقبل.',
  'وأضاف المتحدث أن المحادثات ستتناول مستقبل القوات الأمريكية في العراق والتعاون الاقتصادي.',
  'Officials said the talks would also cover energy exports and the reconstruction of liberated provinces.',
  'ودعت الحكومة إلى تعزيز التنسيق الأمني على الحدود مع سوريا.',
];

const PLACES = ['بغداد', 'البصرة', 'أربيل', 'الموصل', 'كركوك', 'النجف', 'واشنطن', 'طهران', 'دمشق', 'الرياض', 'عمّان', 'بيروت', 'القاهرة', 'الدوحة', 'أنقرة', 'الكويت'];
const SUBJECTS = ['النفط', 'الكهرباء', 'الانتخابات', 'الموازنة', 'المياه', 'الحدود', 'الاستثمار', 'الزراعة', 'التعليم', 'الصحة', 'النقل', 'الاتصالات'];

/** Items that differ in place and subject, so they form many small stories as real news does. */
function feedXml(items: number, prefix: string): string {
  const entries = Array.from({ length: items }, (_, i) => {
    const place = PLACES[i % PLACES.length] ?? '';
    const subject = SUBJECTS[Math.floor(i / PLACES.length) % SUBJECTS.length] ?? '';
    const text = Array.from({ length: 6 }, (_, j) => `<p>${SENTENCES[(i + j) % SENTENCES.length]} وفي ${place} ناقش المسؤولون ملف ${subject} رقم ${i * 7 + j}.</p>`).join('');
    return `<item><guid>${prefix}-${i}</guid><title>${subject} في ${PLACES[i % PLACES.length]}: تطورات جديدة ${prefix} ${i}</title><link>https://news.example/${prefix}/${i}</link><pubDate>Tue, 01 Dec 2026 ${String(i % 24).padStart(2, '0')}:00:00 GMT</pubDate><description><![CDATA[${text}]]></description></item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${prefix}</title>${entries.join('')}</channel></rss>`;
}

export const sourcesBench: BenchSuite = {
  name: 'sources',
  async run() {
    const topics = buildTopics(await loadTopicsStrict());
    const clock = { now: () => new Date('2026-12-01T09:00:00.000Z') };
    const logger = silentLogger();

    // 1. One feed of 1,000 items.
    {
      const bytes = new Uint8Array(Buffer.from(feedXml(1_000, 'big'), 'utf8'));
      const store = await openStore({ kind: 'sqlite', path: ':memory:', clock });
      const t0 = performance.now();
      const read = readFeed(bytes, 'application/rss+xml', { id: 'big', name: 'Big', language: 'ar' }, { feedUrl: 'https://news.example/feed.xml', now: clock.now().toISOString() });
      const t1 = performance.now();
      const report = await ingestArticles({ store, topics: topics.compiled, clock, logger }, read.items.map((item) => item.article));
      const t2 = performance.now();
      await store.close();
      const total = (t2 - t0) / 1000;
      console.log(`1,000-item feed (${(bytes.byteLength / 1024).toFixed(0)} KB): parse+clean ${(t1 - t0).toFixed(0)} ms, ingest ${(t2 - t1).toFixed(0)} ms, total ${(total * 1000).toFixed(0)} ms → ${(report.inserted / total).toFixed(0)} articles/s (${report.inserted} inserted)`);
    }

    // 2. 1,000 sources on a local server, 5 items each.
    {
      const SOURCES = 1_000;
      const bodies = new Map<string, Buffer>();
      for (let i = 0; i < SOURCES; i += 1) bodies.set(`/feed/${i}.xml`, Buffer.from(feedXml(5, `s${i}`), 'utf8'));
      const server = createServer((req, res) => {
        const found = bodies.get(req.url ?? '');
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/rss+xml', etag: '"b1"' });
        res.end(found ?? 'missing');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const store = await openStore({ kind: 'sqlite', path: ':memory:', clock });
      for (let i = 0; i < SOURCES; i += 1) {
        await store.upsertSource({ id: `s${i}`, name: `S${i}`, url: `http://127.0.0.1:${port}/feed/${i}.xml`, kind: 'feed', language: 'ar', pollMinutes: 30, topics: [], addedBy: null, nextPollAt: '2026-12-01T08:00:00.000Z' });
      }
      const fetcher = new Fetcher({ allowPrivate: true });
      const poller = new SourcePoller({
        store,
        fetcher,
        clock,
        logger,
        // Every source is on one host here; real sources spread over many, so the per-host cap is lifted to measure the pipeline.
        perHost: 16,
        concurrency: 16,
        ingest: async (articles) => {
          await ingestArticles({ store, topics: topics.compiled, clock, logger }, articles);
          return { inserted: articles.map((article) => article.id) };
        },
      });
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
      const t0 = performance.now();
      const results = await poller.pollDue(SOURCES);
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      const ok = results.filter((result) => result.ok).length;
      console.log(`polling 1,000 sources (local server, 5 items each): ${(seconds * 1000).toFixed(0)} ms, ${(SOURCES / seconds).toFixed(0)} sources/s, ${ok} ok, ${await store.countArticles()} articles stored, peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB`);
      await fetcher.close();
      await store.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  },
};
