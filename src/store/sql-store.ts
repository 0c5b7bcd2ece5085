/**
 * The `Store` over Kysely, shared by the SQLite and PostgreSQL engines: one query layer. The engine
 * decides how transactions begin, and committing digest runs (the hot path) takes its own road on
 * each: prepared statements on SQLite, column arrays and SKIP LOCKED claiming on PostgreSQL.
 */
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type {
  ArticleTopicRecord,
  ChatKind,
  ChatRecord,
  ChatRef,
  ChatSettings,
  DigestRenderRecord,
  DigestRunCommit,
  DigestRunRecord,
  NewSubscription,
  OutboxDelivery,
  OutboxMessage,
  PrunedHistory,
  Platform,
  StoredArticle,
  StoryRecord,
  SubscriptionRecord,
} from './records.ts';
import type { SqlEngine, StoreSchema } from './schema.ts';
import type { ArticleQuery, IngestArticle, Store } from './store.ts';
import { runMigrations } from './migrations/index.ts';
import * as articles from './sql/articles.ts';
import * as chats from './sql/chats.ts';
import type { SqlContext } from './sql/context.ts';
import * as digests from './sql/digests.ts';
import * as outbox from './sql/outbox.ts';
import * as sources from './sql/sources.ts';
import * as subscriptions from './sql/subscriptions.ts';
import type { AlertSettings, NewSource, SourceRecord, SourceState } from './source-records.ts';
import { SqliteRunWriter } from './sql/sqlite-runs.ts';
import { timeOrderedIds } from './ids.ts';
import { InProcessRoles, type RoleLease, type RoleLocks } from './roles.ts';

/** Time source for the store's own bookkeeping (`createdAt`, `updatedAt`); injected for tests. */
export interface StoreClock {
  now(): Date;
}

export const systemClock: StoreClock = { now: () => new Date() };

export interface SqlStoreOptions {
  clock?: StoreClock;
  /** False leaves the connection (a caller's pool) open on `close()`. */
  ownsDatabase?: boolean;
  /** Exclusive roles among processes; default: held in this process only (one-process SQLite). */
  roles?: RoleLocks;
  /** SQLite: the better-sqlite3 handle behind Kysely, for the prepared-statement hot paths. */
  sqlite?: Database.Database;
}

/** Applies pending migrations; a store whose migration fails is closed before the error goes on. */
export async function migratedStore(store: SqlStore): Promise<SqlStore> {
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

export class SqlStore implements Store {
  readonly engine: SqlEngine;
  readonly #ctx: SqlContext;
  readonly #clock: StoreClock;
  readonly #renders = new outbox.RenderPayloadCache();
  #closed = false;

  readonly #ownsDatabase: boolean;
  readonly #roles: RoleLocks;

  constructor(db: Kysely<StoreSchema>, engine: SqlEngine, options: SqlStoreOptions = {}) {
    const clock = options.clock ?? systemClock;
    this.engine = engine;
    this.#ownsDatabase = options.ownsDatabase ?? true;
    this.#roles = options.roles ?? new InProcessRoles();
    this.#clock = clock;
    this.#ctx = {
      db,
      engine,
      now: () => clock.now().toISOString(),
      newId: timeOrderedIds(() => clock.now().getTime()),
    };
    const sqlite = options.sqlite;
    if (sqlite) {
      let writer: SqliteRunWriter | undefined;
      // Prepared on first use: statements can only be prepared once migrations created the tables.
      this.#ctx.sqliteRuns = () => (writer ??= new SqliteRunWriter(sqlite));
    }
  }

  /** The Kysely instance, for engine-level checks in tests and tooling. */
  get db(): Kysely<StoreSchema> {
    return this.#ctx.db;
  }

  async migrate(): Promise<void> {
    await runMigrations(this.#ctx.db, this.engine, () => this.#clock.now());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#roles.close();
    if (this.#ownsDatabase) await this.#ctx.db.destroy();
  }

  saveArticles(items: IngestArticle[], ingestedAt: string): Promise<{ inserted: string[]; skipped: string[] }> {
    return articles.saveArticles(this.#ctx, items, ingestedAt);
  }
  getArticle(id: string): Promise<StoredArticle | null> {
    return articles.getArticle(this.#ctx, id);
  }
  getArticles(ids: string[]): Promise<StoredArticle[]> {
    return articles.getArticles(this.#ctx, ids);
  }
  listArticles(query: ArticleQuery): Promise<StoredArticle[]> {
    return articles.listArticles(this.#ctx, query);
  }
  countArticles(): Promise<number> {
    return articles.countArticles(this.#ctx);
  }
  hasArticle(id: string): Promise<boolean> {
    return articles.hasArticle(this.#ctx, id);
  }
  getArticleTopics(articleId: string): Promise<ArticleTopicRecord[]> {
    return articles.getArticleTopics(this.#ctx, articleId);
  }
  getTopicMatches(topicId: string, articleIds: string[]): Promise<ArticleTopicRecord[]> {
    return articles.getTopicMatches(this.#ctx, topicId, articleIds);
  }
  upsertStory(story: StoryRecord): Promise<void> {
    return articles.upsertStory(this.#ctx, story);
  }
  getStory(id: string): Promise<StoryRecord | null> {
    return articles.getStory(this.#ctx, id);
  }
  listStoryArticleIds(storyId: string): Promise<string[]> {
    return articles.listStoryArticleIds(this.#ctx, storyId);
  }

  ensureChat(
    chat: ChatRef & { kind: ChatKind; title?: string | null; guildId?: string | null },
    defaults: ChatSettings,
  ): Promise<ChatRecord> {
    return chats.ensureChat(this.#ctx, chat, defaults);
  }
  getChat(chat: ChatRef): Promise<ChatRecord | null> {
    return chats.getChat(this.#ctx, chat);
  }
  getChats(refs: ChatRef[]): Promise<ChatRecord[]> {
    return chats.getChats(this.#ctx, refs);
  }
  updateChatSettings(chat: ChatRef, patch: Partial<ChatSettings>): Promise<ChatRecord> {
    return chats.updateChatSettings(this.#ctx, chat, patch);
  }
  migrateChat(from: ChatRef, toChatId: string): Promise<void> {
    return chats.migrateChat(this.#ctx, from, toChatId);
  }

  upsertSubscription(sub: NewSubscription): Promise<SubscriptionRecord> {
    return subscriptions.upsertSubscription(this.#ctx, sub);
  }
  getSubscription(id: string): Promise<SubscriptionRecord | null> {
    return subscriptions.getSubscription(this.#ctx, id);
  }
  listSubscriptions(chat: ChatRef): Promise<SubscriptionRecord[]> {
    return subscriptions.listSubscriptions(this.#ctx, chat);
  }
  deleteSubscription(chat: ChatRef, topicId: string): Promise<number> {
    return subscriptions.deleteSubscription(this.#ctx, chat, topicId);
  }
  pauseSubscription(id: string, reason: string): Promise<void> {
    return subscriptions.pauseSubscription(this.#ctx, id, reason);
  }
  pauseSubscriptionsForTarget(platform: Platform, targetId: string, reason: string): Promise<number> {
    return subscriptions.pauseSubscriptionsForTarget(this.#ctx, platform, targetId, reason);
  }
  resumeSubscription(id: string, nextDueAt: string): Promise<void> {
    return subscriptions.resumeSubscription(this.#ctx, id, nextDueAt);
  }
  listDueSubscriptions(now: string, limit: number): Promise<SubscriptionRecord[]> {
    return subscriptions.listDueSubscriptions(this.#ctx, now, limit);
  }
  countSubscriptions(): Promise<number> {
    return subscriptions.countSubscriptions(this.#ctx);
  }
  advanceSubscription(id: string, nextDueAt: string, lastRunAt: string | null): Promise<void> {
    return subscriptions.advanceSubscription(this.#ctx, id, nextDueAt, lastRunAt);
  }

  saveRender(render: Omit<DigestRenderRecord, 'id' | 'createdAt'>): Promise<DigestRenderRecord> {
    return digests.saveRender(this.#ctx, render);
  }
  getRender(id: string): Promise<DigestRenderRecord | null> {
    return digests.getRender(this.#ctx, id);
  }
  commitDigestRuns(commits: DigestRunCommit[]): Promise<{ created: string[]; duplicates: number }> {
    return digests.commitDigestRuns(this.#ctx, commits);
  }
  getDigestRun(subscriptionId: string, scheduledFor: string): Promise<DigestRunRecord | null> {
    return digests.getDigestRun(this.#ctx, subscriptionId, scheduledFor);
  }
  listDigestRuns(subscriptionId: string): Promise<DigestRunRecord[]> {
    return digests.listDigestRuns(this.#ctx, subscriptionId);
  }

  enqueueMessages(messages: Array<Pick<OutboxMessage, 'platform' | 'targetId' | 'payload'>>, now: string): Promise<string[]> {
    return outbox.enqueueMessages(this.#ctx, messages, now);
  }
  nextDeliveries(platform: Platform, now: string, limit: number): Promise<OutboxDelivery[]> {
    return outbox.nextDeliveries(this.#ctx, this.#renders, platform, now, limit);
  }
  markSent(id: string, sentAt: string): Promise<void> {
    return outbox.markSent(this.#ctx, id, sentAt);
  }
  markRetry(id: string, nextAttemptAt: string, error: string): Promise<void> {
    return outbox.markRetry(this.#ctx, id, nextAttemptAt, error);
  }
  markFailed(id: string, error: string, options?: { dropTarget?: boolean }): Promise<number> {
    return outbox.markFailed(this.#ctx, id, error, options);
  }
  countOutbox(status?: OutboxMessage['status']): Promise<number> {
    return outbox.countOutbox(this.#ctx, status);
  }

  upsertSource(source: NewSource): Promise<SourceRecord> {
    return sources.upsertSource(this.#ctx, source);
  }
  getSource(id: string): Promise<SourceRecord | null> {
    return sources.getSource(this.#ctx, id);
  }
  listSources(): Promise<SourceRecord[]> {
    return sources.listSources(this.#ctx);
  }
  deleteSource(id: string): Promise<boolean> {
    return sources.deleteSource(this.#ctx, id);
  }
  updateSourceState(id: string, patch: Partial<SourceState>): Promise<SourceRecord | null> {
    return sources.updateSourceState(this.#ctx, id, patch);
  }
  listDueSources(now: string, limit: number): Promise<SourceRecord[]> {
    return sources.listDueSources(this.#ctx, now, limit);
  }
  markItemsSeen(sourceId: string, keys: readonly string[], seenAt: string): Promise<string[]> {
    return sources.markItemsSeen(this.#ctx, sourceId, keys, seenAt);
  }
  pruneDeliveryHistory(before: string): Promise<PrunedHistory> {
    return outbox.pruneDeliveryHistory(this.#ctx, before);
  }
  tryAcquireRole(role: string): Promise<RoleLease | null> {
    return this.#roles.tryAcquire(role);
  }
  forgetItems(sourceId: string, keys: readonly string[]): Promise<void> {
    return sources.forgetItems(this.#ctx, sourceId, keys);
  }
  setAlertSettings(subscriptionId: string, settings: Omit<AlertSettings, 'subscriptionId'> | null): Promise<void> {
    return sources.setAlertSettings(this.#ctx, subscriptionId, settings);
  }
  listAlertSettings(subscriptionIds?: readonly string[]): Promise<AlertSettings[]> {
    return sources.listAlertSettings(this.#ctx, subscriptionIds);
  }
  recordAlert(subscriptionId: string, storyId: string, sentAt: string): Promise<boolean> {
    return sources.recordAlert(this.#ctx, subscriptionId, storyId, sentAt);
  }
  countAlertsSince(subscriptionId: string, since: string): Promise<number> {
    return sources.countAlertsSince(this.#ctx, subscriptionId, since);
  }
}
