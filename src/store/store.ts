/**
 * The persistence contract. Asynchronous so the embedded SQLite store and the PostgreSQL store
 * implement the same interface; every method that changes several rows does it in one
 * transaction, so a crash leaves either all of a logical change or none of it.
 */
import type {
  ArticleTopicRecord,
  ChatRecord,
  ChatRef,
  ChatSettings,
  ChatKind,
  DigestRenderRecord,
  DigestRunCommit,
  DigestRunRecord,
  NewSubscription,
  OutboxDelivery,
  OutboxMessage,
  PrunedHistory,
  StoredArticle,
  StoryRecord,
  SubscriptionRecord,
} from './records.ts';
import type { Article } from '../core/types.ts';
import type { RoleLease } from './roles.ts';
import type { AlertSettings, NewSource, SourceRecord, SourceState } from './source-records.ts';

export interface ArticleQuery {
  topicId?: string;
  /** Only articles matched to the topic (default true when topicId is given). */
  matchedOnly?: boolean;
  /** Ingested strictly after this instant. */
  ingestedAfter?: string;
  /** Ingested at or before this instant. */
  ingestedUntil?: string;
  /** Newest first by published (else ingested) time. */
  limit?: number;
}

export interface IngestArticle {
  article: Article;
  storyId: string | null;
  topics: ArticleTopicRecord[];
}

export interface Store {
  /** Applies pending numbered migrations. Idempotent; called on start. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // Articles and stories -------------------------------------------------------------------
  /**
   * Saves new articles with their topic matches and story assignment, in one transaction.
   * Articles whose id is already stored are left untouched (ingestion is idempotent) and
   * reported back as not inserted.
   */
  saveArticles(items: IngestArticle[], ingestedAt: string): Promise<{ inserted: string[]; skipped: string[] }>;
  getArticle(id: string): Promise<StoredArticle | null>;
  getArticles(ids: string[]): Promise<StoredArticle[]>;
  listArticles(query: ArticleQuery): Promise<StoredArticle[]>;
  countArticles(): Promise<number>;
  hasArticle(id: string): Promise<boolean>;
  getArticleTopics(articleId: string): Promise<ArticleTopicRecord[]>;
  /** Topic matches of many articles for one topic (for building briefings). */
  getTopicMatches(topicId: string, articleIds: string[]): Promise<ArticleTopicRecord[]>;
  upsertStory(story: StoryRecord): Promise<void>;
  getStory(id: string): Promise<StoryRecord | null>;
  /** Article ids of a story, oldest first. */
  listStoryArticleIds(storyId: string): Promise<string[]>;

  // Chats --------------------------------------------------------------------------------------
  /** Creates the chat with default settings on first sight, or refreshes its kind/title. */
  ensureChat(chat: ChatRef & { kind: ChatKind; title?: string | null; guildId?: string | null }, defaults: ChatSettings): Promise<ChatRecord>;
  getChat(chat: ChatRef): Promise<ChatRecord | null>;
  /**
   * Added for the scheduler: many chats in one query (quiet hours of every due subscription's chat).
   * Unknown refs are simply absent from the result, a ref named several times is in it once; order
   * is not significant.
   */
  getChats(chats: ChatRef[]): Promise<ChatRecord[]>;
  updateChatSettings(chat: ChatRef, patch: Partial<ChatSettings>): Promise<ChatRecord>;
  /**
   * A chat moved to a new id (Telegram group upgraded to a supergroup): the chat, its
   * subscriptions (owner and delivery target) and its pending outbox messages move in one transaction.
   */
  migrateChat(from: ChatRef, toChatId: string): Promise<void>;

  // Subscriptions ------------------------------------------------------------------------------
  /** Creates, or updates the existing subscription of the same chat, target and topic (reactivating it). */
  upsertSubscription(sub: NewSubscription): Promise<SubscriptionRecord>;
  getSubscription(id: string): Promise<SubscriptionRecord | null>;
  listSubscriptions(chat: ChatRef): Promise<SubscriptionRecord[]>;
  /** Removes the chat's subscriptions to a topic (any target); returns how many were removed. */
  deleteSubscription(chat: ChatRef, topicId: string): Promise<number>;
  pauseSubscription(id: string, reason: string): Promise<void>;
  /** Pauses every active subscription delivering to a target (chat blocked the bot, channel gone…). */
  pauseSubscriptionsForTarget(platform: ChatRef['platform'], targetId: string, reason: string): Promise<number>;
  resumeSubscription(id: string, nextDueAt: string): Promise<void>;
  /**
   * Active subscriptions whose next due instant is at or before `now`, oldest due first.
   * PostgreSQL claims them with FOR UPDATE SKIP LOCKED inside `commitDigestRuns`, so
   * several workers can share the load.
   */
  listDueSubscriptions(now: string, limit: number): Promise<SubscriptionRecord[]>;
  countSubscriptions(): Promise<number>;

  // Digests and outbox -------------------------------------------------------------------------
  /** Stores a shared render once per key; returns the existing record when the key is taken. */
  saveRender(render: Omit<DigestRenderRecord, 'id' | 'createdAt'>): Promise<DigestRenderRecord>;
  getRender(id: string): Promise<DigestRenderRecord | null>;
  /**
   * For each commit, in one transaction: inserts the digest run (identity: subscription +
   * scheduled instant), its outbox messages, and advances the subscription's next due instant
   * and last run. A run whose identity exists already is skipped (not an error): that is what
   * makes a restart safe. Returns the ids of runs created.
   */
  commitDigestRuns(commits: DigestRunCommit[]): Promise<{ created: string[]; duplicates: number }>;
  getDigestRun(subscriptionId: string, scheduledFor: string): Promise<DigestRunRecord | null>;
  listDigestRuns(subscriptionId: string): Promise<DigestRunRecord[]>;
  /** Advances a subscription without a run (a late digest skipped beyond the grace window). */
  advanceSubscription(id: string, nextDueAt: string, lastRunAt: string | null): Promise<void>;

  /** Enqueues one-off messages (breaking alerts, admin notices) outside a digest run. */
  enqueueMessages(messages: Array<Pick<OutboxMessage, 'platform' | 'targetId' | 'payload'>>, now: string): Promise<string[]>;
  /**
   * Pending messages whose next attempt is due, oldest first; of each run only its lowest
   * pending `seq`, so a run's messages go out in order.
   */
  nextDeliveries(platform: OutboxMessage['platform'], now: string, limit: number): Promise<OutboxDelivery[]>;
  markSent(id: string, sentAt: string): Promise<void>;
  /** Schedules another attempt (transient failure). */
  markRetry(id: string, nextAttemptAt: string, error: string): Promise<void>;
  /** Gives up on a message (permanent failure) and on the rest of its target's pending messages when `dropTarget`. */
  markFailed(id: string, error: string, options?: { dropTarget?: boolean }): Promise<number>;
  countOutbox(status?: OutboxMessage['status']): Promise<number>;
  /** Forgets delivery history older than `before` (finished runs, sent or failed messages, unused renders). */
  pruneDeliveryHistory(before: string): Promise<PrunedHistory>;

  // Live sources and breaking alerts --------------------------------------------------------------
  /** Creates a source, or updates its definition keeping its polling state (validators, failures, pause). */
  upsertSource(source: NewSource): Promise<SourceRecord>;
  getSource(id: string): Promise<SourceRecord | null>;
  /** Every source, by id. */
  listSources(): Promise<SourceRecord[]>;
  /** Removes the source and the record of items seen from it; false when there was none. */
  deleteSource(id: string): Promise<boolean>;
  updateSourceState(id: string, patch: Partial<SourceState>): Promise<SourceRecord | null>;
  /** Active sources whose next poll is at or before `now`, earliest first. */
  listDueSources(now: string, limit: number): Promise<SourceRecord[]>;
  /** Records item keys (guid, URL or title+date hash) as seen; returns the ones never seen before. */
  markItemsSeen(sourceId: string, keys: readonly string[], seenAt: string): Promise<string[]>;
  /**
   * Takes an exclusive role among the processes sharing this store (`sender:telegram`), or null
   * while another process holds it. See roles.ts.
   */
  tryAcquireRole(role: string): Promise<RoleLease | null>;
  /** Forgets item keys marked seen, so the next poll offers them again (their ingestion failed). */
  forgetItems(sourceId: string, keys: readonly string[]): Promise<void>;
  /** Turns breaking alerts on (or off with null) for a subscription. */
  setAlertSettings(subscriptionId: string, settings: Omit<AlertSettings, 'subscriptionId'> | null): Promise<void>;
  /** Alert settings of the given subscriptions (all when omitted). */
  listAlertSettings(subscriptionIds?: readonly string[]): Promise<AlertSettings[]>;
  /** Records an alert about a story; false when the subscription was already alerted about it. */
  recordAlert(subscriptionId: string, storyId: string, sentAt: string): Promise<boolean>;
  countAlertsSince(subscriptionId: string, since: string): Promise<number>;
}
