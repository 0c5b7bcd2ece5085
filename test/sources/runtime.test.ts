import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTopicsStrict } from '../../src/core/topics/load.ts';
import { silentLogger } from '../../src/logger.ts';
import { buildTopics } from '../../src/pipeline/topic-catalog.ts';
import { seedDefaultSources, startSources } from '../../src/sources/runtime.ts';
import { loadSourcesFile } from '../../src/sources/source-config.ts';
import { openStore } from '../../src/store/index.ts';
import { repoRoot } from '../support/shared.ts';
import { body, startFeedServer, type FeedServer } from '../fakes/feed-server.ts';

describe('sources at run time', () => {
  let server: FeedServer;
  let dir: string;
  beforeAll(async () => {
    server = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), 'mowjaz-runtime-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the shipped content/sources.json is valid', async () => {
    const sources = await loadSourcesFile(join(repoRoot, 'content', 'sources.json'));
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((source) => source.url.startsWith('https://'))).toBe(true);
  });

  it('seeds default sources once without overwriting an admin\'s changes, then polls and ingests them', async () => {
    server.route('/default.xml', body(`<rss version="2.0"><channel><title>d</title><item><guid>1</guid><title>الحوار العراقي الأمريكي</title><link>https://news.example/1</link><description>${'قال مسؤولون إن الحوار بين بغداد وواشنطن سيستأنف. '.repeat(12)}</description></item></channel></rss>`));
    writeFileSync(join(dir, 'sources.json'), JSON.stringify({ sources: [{ id: 'local-default', name: 'Local', url: server.url('/default.xml'), kind: 'feed', language: 'ar' }] }));
    const store = await openStore({ kind: 'sqlite', path: ':memory:' });
    try {
      expect(await seedDefaultSources(store, dir, silentLogger())).toBe(1);
      await store.updateSourceState('local-default', { status: 'paused', pausedReason: 'admin' });
      expect(await seedDefaultSources(store, dir, silentLogger())).toBe(0);
      expect((await store.getSource('local-default'))?.status).toBe('paused');
      await store.updateSourceState('local-default', { status: 'active', pausedReason: null });

      const topics = buildTopics(await loadTopicsStrict());
      const runtime = await startSources({ contentDir: dir, allowPrivate: true, store, topics: topics.compiled, topicNames: () => undefined, clock: { now: () => new Date() }, logger: silentLogger(), onEnqueued: () => undefined }, 3_600_000);
      await runtime.poller.pollDue();
      await runtime.stop();
      expect(await store.countArticles()).toBe(1);
      expect(server.hits('/default.xml')).toBe(1);
    } finally {
      await store.close();
    }
  });
});
