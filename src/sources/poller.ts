/**
 * Polling live sources. Each source is due on its own interval (jittered so sources added
 * together do not stay in step); sources sharing an address are fetched once per round; hosts are
 * never asked more than `perHost` things at a time. New items (by guid, else URL, else title and
 * date) go through ingestion once. A failing source backs off (its interval doubles per failure
 * after the first, up to a cap) and after a long run of failures is paused with the reason, which
 * admins see in `/sources`; they are told once, not on every failure.
 */
import { loadArticles } from '../core/content/load.ts';
import type { Article } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../scheduler/clock.ts';
import type { SourceRecord, SourceState } from '../store/source-records.ts';
import type { Store } from '../store/store.ts';
import { FetchError } from './fetch-error.ts';
import { pageToArticle, withPageBody, type SourceRef } from './feed-articles.ts';
import { FeedParseError } from './feed-parse.ts';
import type { Fetcher, FetchResponse } from './fetcher.ts';
import { HostLimiter, hostOf } from './host-limiter.ts';
import { decodeBytes } from './decode.ts';
import { readFeed } from './read-feed.ts';

export const BACKOFF_CAP_MINUTES = 24 * 60;
export const PAUSE_AFTER_FAILURES = 12;
export const JITTER = 0.1;
/** Teaser pages fetched per source per poll: a feed of 100 teasers must not become 100 requests. */
export const MAX_PAGE_FETCHES = 10;

export interface IngestOutcome {
  inserted: readonly string[];
}

export interface PollerDeps {
  store: Pick<Store, 'listDueSources' | 'updateSourceState' | 'markItemsSeen' | 'forgetItems'>;
  fetcher: Pick<Fetcher, 'fetch'>;
  /** The pipeline: clean, match topics, cluster, save. Returns the ids actually inserted. */
  ingest(articles: Article[]): Promise<IngestOutcome>;
  clock: Clock;
  logger: Logger;
  /** Told once when a source is paused after repeated failures. */
  onSourcePaused?(source: SourceRecord, reason: string): Promise<void> | void;
  /** Called with the ids of newly inserted articles (breaking alerts). */
  onIngested?(articleIds: readonly string[]): Promise<void>;
  random?: () => number;
  perHost?: number;
  concurrency?: number;
}

export interface PollResult {
  sourceId: string;
  ok: boolean;
  notModified?: boolean;
  items?: number;
  fresh?: number;
  inserted?: number;
  error?: string;
}

type Fetched = { response: FetchResponse } | { error: unknown };

export function nextPollDelayMinutes(pollMinutes: number, failures: number): number {
  if (failures <= 1) return pollMinutes;
  return Math.min(BACKOFF_CAP_MINUTES, pollMinutes * 2 ** (failures - 1));
}

function describeError(error: unknown): string {
  if (error instanceof FetchError || error instanceof FeedParseError) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** New items of one source: the articles and the keys this poll marked seen for them. */
interface Unseen {
  articles: Article[];
  seenKeys: string[];
  items: number;
  fresh: number;
}

interface Collected {
  result: PollResult;
  articles: Article[];
  seenKeys: string[];
}

export class SourcePoller {
  readonly #deps: PollerDeps;
  readonly #limiter: HostLimiter;
  #timer: NodeJS.Timeout | null = null;
  #round: Promise<PollResult[]> | null = null;

  constructor(deps: PollerDeps) {
    this.#deps = deps;
    this.#limiter = new HostLimiter(deps.perHost ?? 2, deps.concurrency ?? 16);
  }

  #nextPoll(source: SourceRecord, failures: number): string {
    const random = this.#deps.random ?? Math.random;
    const minutes = nextPollDelayMinutes(source.pollMinutes, failures) * (1 + (random() * 2 - 1) * JITTER);
    return new Date(this.#deps.clock.now().getTime() + minutes * 60_000).toISOString();
  }

  /** Polls every due source once. Concurrent calls share the round in progress. */
  pollDue(limit = 1_000): Promise<PollResult[]> {
    this.#round ??= this.#pollDue(limit).finally(() => {
      this.#round = null;
    });
    return this.#round;
  }

  async #pollDue(limit: number): Promise<PollResult[]> {
    const now = this.#deps.clock.now().toISOString();
    const due = await this.#deps.store.listDueSources(now, limit);
    const byUrl = new Map<string, SourceRecord[]>();
    for (const source of due) byUrl.set(`${source.kind} ${source.url}`, [...(byUrl.get(`${source.kind} ${source.url}`) ?? []), source]);
    const collected: Collected[] = [];
    await Promise.all(
      [...byUrl.values()].map(async (sources) => {
        const first = sources[0];
        if (!first) return;
        const fetched = first.kind === 'folder' ? null : await this.#fetch(first);
        for (const source of sources) collected.push(await this.#apply(source, fetched));
      }),
    );
    // One ingestion per round: the story index is rebuilt once, not once per source.
    const articles = collected.flatMap((entry) => entry.articles);
    let inserted: Set<string>;
    try {
      inserted = new Set(articles.length > 0 ? (await this.#deps.ingest(articles)).inserted : []);
    } catch (error) {
      await this.#offerAgain(collected, error);
      throw error;
    }
    if (inserted.size > 0) await this.#deps.onIngested?.([...inserted]);
    return collected
      .map(({ result, articles: mine }) => (result.ok ? { ...result, inserted: mine.filter((article) => inserted.has(article.id)).length } : result))
      .sort((a, b) => a.sourceId.localeCompare(b.sourceId));
  }

  async #fetch(source: SourceRecord): Promise<Fetched> {
    try {
      const response = await this.#limiter.run(hostOf(source.url), () =>
        this.#deps.fetcher.fetch({ url: source.url, etag: source.etag, lastModified: source.lastModified }),
      );
      return { response };
    } catch (error) {
      return { error };
    }
  }

  /**
   * Ingestion failed after the round marked its items seen and stored the feeds' validators:
   * undo both, so the next poll fetches the whole feed again and offers the same items instead
   * of losing them.
   */
  async #offerAgain(collected: readonly Collected[], error: unknown): Promise<void> {
    const affected = collected.filter((entry) => entry.seenKeys.length > 0);
    for (const entry of affected) {
      await this.#deps.store.forgetItems(entry.result.sourceId, entry.seenKeys);
      await this.#deps.store.updateSourceState(entry.result.sourceId, { etag: null, lastModified: null });
    }
    this.#deps.logger.error(
      { event: 'source_ingest_failed', sources: affected.map((entry) => entry.result.sourceId), items: affected.reduce((sum, entry) => sum + entry.seenKeys.length, 0), error: describeError(error) },
      'ingestion of polled items failed; they will be offered again on the next poll',
    );
  }

  async #apply(source: SourceRecord, fetched: Fetched | null): Promise<Collected> {
    const now = this.#deps.clock.now().toISOString();
    try {
      if (fetched && 'error' in fetched) throw fetched.error;
      const { articles, seenKeys, ...counts } = await this.#collect(source, fetched?.response ?? null, now);
      const state: Partial<SourceState> = { failures: 0, lastError: null, failureNotified: false, lastPolledAt: now, nextPollAt: this.#nextPoll(source, 0) };
      if (fetched?.response && !fetched.response.notModified) {
        state.etag = fetched.response.etag;
        state.lastModified = fetched.response.lastModified;
      }
      await this.#deps.store.updateSourceState(source.id, state);
      return { result: { sourceId: source.id, ok: true, ...counts }, articles, seenKeys };
    } catch (error) {
      return { result: await this.#fail(source, error, now), articles: [], seenKeys: [] };
    }
  }

  async #fail(source: SourceRecord, error: unknown, now: string): Promise<PollResult> {
    const failures = source.failures + 1;
    const reason = describeError(error);
    const permanent = error instanceof FetchError && !error.transient && (error.kind === 'blocked' || error.kind === 'scheme' || error.kind === 'bad-url');
    const pause = permanent || failures >= PAUSE_AFTER_FAILURES;
    const state: Partial<SourceState> = { failures, lastError: reason, lastPolledAt: now, nextPollAt: this.#nextPoll(source, failures) };
    if (pause) {
      state.status = 'paused';
      state.pausedReason = permanent ? reason : `${failures} failed polls in a row; last: ${reason}`;
    }
    const notify = pause && !source.failureNotified;
    if (notify) state.failureNotified = true;
    await this.#deps.store.updateSourceState(source.id, state);
    this.#deps.logger.warn({ event: pause ? 'source_paused' : 'source_poll_failed', sourceId: source.id, failures, error: reason }, `source ${source.id}: ${reason}`);
    if (notify && state.pausedReason) await this.#deps.onSourcePaused?.({ ...source, ...state } as SourceRecord, state.pausedReason);
    return { sourceId: source.id, ok: false, error: reason };
  }

  /** The new articles of one source (items not seen before), with its counts. */
  async #collect(source: SourceRecord, response: FetchResponse | null, now: string): Promise<Unseen & { notModified?: boolean }> {
    const ref: SourceRef = { id: source.id, name: source.name, language: source.language };
    if (source.kind === 'folder') {
      const loaded = await loadArticles([source.url], { defaultSource: { id: source.id, name: source.name } });
      return this.#unseen(source, loaded.articles.map((article) => ({ key: `id:${article.id}`, article })), now);
    }
    if (!response) throw new Error('no response');
    if (response.notModified) return { articles: [], seenKeys: [], notModified: true, items: 0, fresh: 0 };
    if (source.kind === 'page') {
      const article = pageToArticle(decodeBytes(response.body, response.contentType).text, response.url, ref, now);
      if (!article) throw new FeedParseError('the page holds no article text');
      return this.#unseen(source, [{ key: `url:${article.url ?? response.url}`, article }], now);
    }
    const read = readFeed(response.body, response.contentType, ref, { feedUrl: response.url, now });
    const fresh = new Set(await this.#deps.store.markItemsSeen(source.id, read.items.map((item) => item.key), now));
    const items = read.items.filter((item) => fresh.has(item.key));
    let pages = 0;
    const articles = await Promise.all(
      items.map(async (item) => {
        if (!item.teaser || !item.article.url || pages >= MAX_PAGE_FETCHES) return item.article;
        pages += 1;
        const pageUrl = item.article.url;
        try {
          const page = await this.#limiter.run(hostOf(pageUrl), () => this.#deps.fetcher.fetch({ url: pageUrl, accept: 'text/html, application/xhtml+xml;q=0.9' }));
          return withPageBody(item.article, decodeBytes(page.body, page.contentType).text, page.url);
        } catch (error) {
          // The teaser is still an article: keep it rather than lose the item.
          this.#deps.logger.debug({ event: 'source_page_failed', sourceId: source.id, url: pageUrl, error: describeError(error) }, 'article page not fetched');
          return item.article;
        }
      }),
    );
    return { articles, seenKeys: items.map((item) => item.key), items: read.items.length, fresh: items.length };
  }

  async #unseen(source: SourceRecord, items: Array<{ key: string; article: Article }>, now: string): Promise<Unseen> {
    const fresh = new Set(await this.#deps.store.markItemsSeen(source.id, items.map((item) => item.key), now));
    const kept = items.filter((item) => fresh.has(item.key));
    return { articles: kept.map((item) => item.article), seenKeys: kept.map((item) => item.key), items: items.length, fresh: kept.length };
  }

  /** Polls due sources every `everyMs` until stopped. */
  start(everyMs = 60_000): void {
    if (this.#timer) return;
    const tick = (): void => {
      this.pollDue().catch((error: unknown) => this.#deps.logger.error({ event: 'source_round_failed', error: describeError(error) }, 'polling round failed'));
    };
    this.#timer = setInterval(tick, everyMs);
    this.#timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#round?.catch(() => undefined);
  }
}
