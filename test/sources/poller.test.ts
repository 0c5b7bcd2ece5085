import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/types.ts';
import { loadTopicsStrict } from '../../src/core/topics/load.ts';
import { silentLogger } from '../../src/logger.ts';
import { ingestArticles } from '../../src/pipeline/ingest.ts';
import { buildTopics, type Topics } from '../../src/pipeline/topic-catalog.ts';
import { Fetcher } from '../../src/sources/fetcher.ts';
import { nextPollDelayMinutes, PAUSE_AFTER_FAILURES, SourcePoller, BACKOFF_CAP_MINUTES } from '../../src/sources/poller.ts';
import { openStore } from '../../src/store/index.ts';
import type { SourceRecord } from '../../src/store/source-records.ts';
import type { Store } from '../../src/store/store.ts';
import { body, startFeedServer, type FeedServer } from '../fakes/feed-server.ts';

const BODY = 'قال مسؤولون عراقيون وأمريكيون إن الحوار الاستراتيجي بين بغداد وواشنطن سيستأنف الشهر المقبل لبحث مستقبل القوات الأمريكية في العراق. ';

function rss(items: Array<{ guid: string; title: string; text?: string }>): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed</title>${items
    .map((item) => `<item><guid>${item.guid}</guid><title>${item.title}</title><link>/articles/${item.guid}</link><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate><description><![CDATA[<p>${item.text ?? BODY.repeat(4)}</p>]]></description></item>`)
    .join('')}</channel></rss>`;
}

describe('SourcePoller', () => {
  let server: FeedServer;
  let topics: Topics;
  let store: Store;
  let fetcher: Fetcher;
  let now: Date;
  const paused: Array<{ id: string; reason: string }> = [];
  const clock = { now: () => now };

  async function ingest(articles: Article[]): Promise<{ inserted: string[] }> {
    await ingestArticles({ store, topics: topics.compiled, clock, logger: silentLogger() }, articles);
    return { inserted: articles.map((article) => article.id) };
  }

  function poller(ingestion: (articles: Article[]) => Promise<{ inserted: string[] }> = ingest): SourcePoller {
    return new SourcePoller({
      store,
      fetcher,
      clock,
      logger: silentLogger(),
      random: () => 0.5,
      ingest: ingestion,
      onSourcePaused: (source, reason) => void paused.push({ id: source.id, reason }),
    });
  }

  async function addSource(id: string, path: string, overrides: Partial<SourceRecord> = {}): Promise<void> {
    await store.upsertSource({ id, name: id, url: server.url(path), kind: 'feed', language: 'ar', pollMinutes: 30, topics: [], addedBy: null, nextPollAt: now.toISOString(), ...overrides });
  }

  beforeAll(async () => {
    server = await startFeedServer();
    topics = buildTopics(await loadTopicsStrict());
    fetcher = new Fetcher({ allowPrivate: true, limits: { totalMs: 2_000 } });
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });
  beforeEach(async () => {
    now = new Date('2026-12-01T09:00:00.000Z');
    paused.length = 0;
    store = await openStore({ kind: 'sqlite', path: ':memory:', clock });
  });
  afterEach(async () => {
    await store.close();
  });

  it('ingests new items once, however often the feed repeats them, and asks conditionally next time', async () => {
    server.route('/repeat.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"r2"') {
        res.writeHead(304);
        res.end();
        return;
      }
      const second = req.headers['if-none-match'] === '"r1"';
      const items = [{ guid: 'a', title: 'الحوار العراقي الأمريكي' }, ...(second ? [{ guid: 'b', title: 'جولة جديدة من الحوار' }] : [])];
      body(rss(items), { etag: second ? '"r2"' : '"r1"' })(req, res);
    });
    await addSource('repeat', '/repeat.xml');
    const p = poller();
    expect(await p.pollDue()).toEqual([expect.objectContaining({ sourceId: 'repeat', ok: true, items: 1, fresh: 1, inserted: 1 })]);
    expect(await p.pollDue()).toEqual([]);
    now = new Date(now.getTime() + 40 * 60_000);
    expect(await p.pollDue()).toEqual([expect.objectContaining({ ok: true, items: 2, fresh: 1, inserted: 1 })]);
    now = new Date(now.getTime() + 40 * 60_000);
    expect(await p.pollDue()).toEqual([expect.objectContaining({ ok: true, notModified: true })]);
    expect(await store.countArticles()).toBe(2);
    expect((await store.getSource('repeat'))?.etag).toBe('"r2"');
    const matched = await store.listArticles({ topicId: 'iraq-us-relations' });
    expect(matched.length).toBe(2);
  });

  it('offers the items of a round again when their ingestion fails, without losing any', async () => {
    server.route('/flaky.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"f1"') {
        res.writeHead(304);
        res.end();
        return;
      }
      body(rss([{ guid: 'x', title: 'الحوار العراقي الأمريكي' }, { guid: 'y', title: 'جولة جديدة من الحوار' }]), { etag: '"f1"' })(req, res);
    });
    await addSource('flaky', '/flaky.xml');
    let failNext = true;
    const failing = poller(async (articles) => {
      if (failNext) {
        failNext = false;
        throw new Error('database is locked');
      }
      return ingest(articles);
    });
    await expect(failing.pollDue()).rejects.toThrow('database is locked');
    expect(await store.countArticles()).toBe(0);
    expect((await store.getSource('flaky'))?.etag).toBeNull();
    now = new Date(now.getTime() + 40 * 60_000);
    expect(await failing.pollDue()).toEqual([expect.objectContaining({ sourceId: 'flaky', ok: true, items: 2, fresh: 2, inserted: 2 })]);
    expect(await store.countArticles()).toBe(2);
    expect((await store.getSource('flaky'))?.etag).toBe('"f1"');
  });

  it('fetches a URL once however many sources share it, and schedules each source on its jittered interval', async () => {
    server.route('/shared.xml', body(rss([{ guid: 's', title: 'خبر مشترك' }])));
    await addSource('one', '/shared.xml');
    await addSource('two', '/shared.xml', { pollMinutes: 60 });
    const before = server.hits('/shared.xml');
    const results = await poller().pollDue();
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(server.hits('/shared.xml') - before).toBe(1);
    expect((await store.getSource('one'))?.nextPollAt).toBe('2026-12-01T09:30:00.000Z');
    expect((await store.getSource('two'))?.nextPollAt).toBe('2026-12-01T10:00:00.000Z');
  });

  it('backs off a failing source, pauses it after a long run of failures and tells admins once', async () => {
    server.route('/broken.xml', body('<html>maintenance</html>', { 'content-type': 'text/html' }));
    await addSource('broken', '/broken.xml', { pollMinutes: 10 });
    const p = poller();
    for (let attempt = 1; attempt <= PAUSE_AFTER_FAILURES; attempt += 1) {
      const source = await store.getSource('broken');
      now = new Date(source?.nextPollAt ?? now);
      const [result] = await p.pollDue();
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not a readable feed/) });
    }
    const source = await store.getSource('broken');
    expect(source).toMatchObject({ status: 'paused', failures: PAUSE_AFTER_FAILURES, pausedReason: expect.stringContaining('failed polls in a row') });
    expect(paused).toHaveLength(1);
    now = new Date(now.getTime() + 48 * 3_600_000);
    expect(await p.pollDue()).toEqual([]);
  });

  it('pauses at once a source whose address is refused, and the reason says why', async () => {
    const guardedPoller = new SourcePoller({ store, fetcher: new Fetcher({ allowPrivate: false }), clock, logger: silentLogger(), ingest: async () => ({ inserted: [] }), onSourcePaused: (s, reason) => void paused.push({ id: s.id, reason }) });
    await store.upsertSource({ id: 'meta', name: 'meta', url: 'http://169.254.169.254/latest/meta-data/', kind: 'feed', language: 'en', pollMinutes: 30, topics: [], addedBy: null, nextPollAt: now.toISOString() });
    await guardedPoller.pollDue();
    expect(await store.getSource('meta')).toMatchObject({ status: 'paused', pausedReason: expect.stringMatching(/metadata address/) });
    expect(paused).toEqual([{ id: 'meta', reason: expect.stringMatching(/not allowed/) }]);
  });

  it('fetches the article page of a teaser and keeps the teaser when the page fails', async () => {
    server.route('/teasers.xml', body(rss([{ guid: 'p1', title: 'تشويقة', text: 'المزيد…' }, { guid: 'missing', title: 'صفحة مفقودة', text: 'المزيد…' }])));
    server.route('/articles/p1', body(`<html><head><title>تشويقة</title></head><body><article><h1>تشويقة</h1><p>${BODY}</p><p>${BODY}</p></article></body></html>`, { 'content-type': 'text/html; charset=utf-8' }));
    await addSource('teasers', '/teasers.xml');
    await poller().pollDue();
    const stored = await store.listArticles({});
    const full = stored.find((article) => article.title === 'تشويقة');
    const teaser = stored.find((article) => article.title === 'صفحة مفقودة');
    expect(full?.paragraphs.join(' ')).toContain('الحوار الاستراتيجي');
    expect(teaser?.paragraphs).toEqual(['المزيد…']);
  });

  it('one failing source does not stop the others', async () => {
    server.route('/good.xml', body(rss([{ guid: 'g', title: 'خبر' }])));
    await addSource('good', '/good.xml');
    await addSource('gone', '/nothing-here.xml');
    const results = await poller().pollDue();
    expect(results.find((r) => r.sourceId === 'good')).toMatchObject({ ok: true, inserted: 1 });
    expect(results.find((r) => r.sourceId === 'gone')).toMatchObject({ ok: false, error: expect.stringMatching(/HTTP 404/) });
  });

  it('doubles the interval per failure after the first, up to a cap', () => {
    expect([0, 1, 2, 3, 4].map((failures) => nextPollDelayMinutes(30, failures))).toEqual([30, 30, 60, 120, 240]);
    expect(nextPollDelayMinutes(30, 40)).toBe(BACKOFF_CAP_MINUTES);
  });
});
