/**
 * Live sources in the running application: default sources from `content/sources.json` are
 * added to the store when absent (an admin's pause or edit is never overwritten), and the poller
 * runs every minute, ingesting through the same pipeline as local content and raising breaking
 * alerts for what it inserted.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledTopic } from '../core/topics/matcher.ts';
import type { Logger } from '../logger.ts';
import { ingestArticles } from '../pipeline/ingest.ts';
import type { Clock } from '../scheduler/clock.ts';
import type { Platform } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { sendBreakingAlerts } from './alerts.ts';
import { Fetcher } from './fetcher.ts';
import { SourcePoller } from './poller.ts';
import { loadSourcesFile } from './source-config.ts';

export interface SourcesRuntimeDeps {
  contentDir: string;
  allowPrivate: boolean;
  store: Store;
  topics: readonly CompiledTopic[];
  topicNames(topicId: string): Partial<Record<'ar' | 'en', string>> | undefined;
  clock: Clock;
  logger: Logger;
  onEnqueued(platforms: Platform[]): void;
}

export interface SourcesRuntime {
  poller: SourcePoller;
  stop(): Promise<void>;
}

/** Adds the default sources the store does not have yet; returns how many were added. */
export async function seedDefaultSources(store: Store, contentDir: string, logger: Logger): Promise<number> {
  const path = join(contentDir, 'sources.json');
  if (!existsSync(path)) return 0;
  const defaults = await loadSourcesFile(path);
  const known = new Set((await store.listSources()).map((source) => source.id));
  let added = 0;
  for (const source of defaults) {
    if (known.has(source.id)) continue;
    await store.upsertSource({ ...source, url: source.kind === 'folder' ? join(contentDir, source.url) : source.url, addedBy: null });
    added += 1;
  }
  if (added > 0) logger.info({ event: 'sources_seeded', added }, 'default sources added');
  return added;
}

export async function startSources(deps: SourcesRuntimeDeps, everyMs = 60_000): Promise<SourcesRuntime> {
  await seedDefaultSources(deps.store, deps.contentDir, deps.logger);
  const fetcher = new Fetcher({ allowPrivate: deps.allowPrivate });
  const ingestDeps = { store: deps.store, topics: deps.topics, clock: deps.clock, logger: deps.logger };
  const poller = new SourcePoller({
    store: deps.store,
    fetcher,
    clock: deps.clock,
    logger: deps.logger,
    async ingest(articles) {
      const before = new Set((await deps.store.getArticles(articles.map((article) => article.id))).map((article) => article.id));
      await ingestArticles(ingestDeps, articles);
      return { inserted: articles.map((article) => article.id).filter((id) => !before.has(id)) };
    },
    onIngested: async (ids) => {
      await sendBreakingAlerts({ store: deps.store, clock: deps.clock, logger: deps.logger, topicNames: deps.topicNames, onEnqueued: deps.onEnqueued }, ids);
    },
    onSourcePaused: (source, reason) =>
      deps.logger.warn({ event: 'source_paused_notice', sourceId: source.id, reason }, `source ${source.id} paused: ${reason} (resume with /sources resume ${source.id})`),
  });
  poller.start(everyMs);
  return {
    poller,
    async stop() {
      await poller.stop();
      await fetcher.close();
    },
  };
}
