/**
 * Table shapes as both engines store them. Everything that is not a number is text: instants as
 * UTC ISO strings (they sort correctly as text), JSON as text, booleans as 0/1 integers, so one
 * query layer serves SQLite and PostgreSQL without per-engine conversions.
 */
import type { ColumnType, Generated } from 'kysely';

export interface ArticlesTable {
  id: string;
  source_id: string;
  source_name: string;
  url: string | null;
  title: string;
  /** JSON array of strings. */
  paragraphs: string;
  language: string;
  published_at: string | null;
  fetched_at: string | null;
  /** JSON object or null. */
  origin: string | null;
  story_id: string | null;
  ingested_at: string;
  /** Publication instant normalised to UTC ISO, else the ingestion instant: the reading order. */
  sort_at: string;
}

export interface ArticleTopicsTable {
  article_id: string;
  topic_id: string;
  score: number;
  matched: number;
  /** JSON array of MatchedTerm. */
  terms: string;
  /** The article's `sort_at`, copied so one index serves "newest matches of a topic". */
  sort_at: string;
}

export interface StoriesTable {
  id: string;
  representative_article_id: string;
  first_seen: string;
  last_seen: string;
  article_count: number;
}

export interface ChatsTable {
  platform: string;
  chat_id: string;
  kind: string;
  title: string | null;
  guild_id: string | null;
  language: string | null;
  timezone: string;
  digest_target_id: string | null;
  quiet_from: string | null;
  quiet_to: string | null;
  created_at: string;
  updated_at: string;
}

export interface SubscriptionsTable {
  id: string;
  platform: string;
  chat_id: string;
  target_id: string;
  topic_id: string;
  local_time: string;
  timezone: string;
  frequency: string;
  weekday: number | null;
  language: string;
  quiet_day_message: number;
  status: string;
  paused_reason: string | null;
  next_due_at: string;
  last_run_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface DigestRendersTable {
  id: string;
  key: string;
  platform: string;
  /** JSON array of platform message bodies. */
  payloads: string;
  payload_count: number;
  created_at: string;
}

export interface DigestRunsTable {
  /** Auto-incrementing: a number from SQLite, a string (bigserial) from PostgreSQL; records use strings. */
  id: ColumnType<number | string, never, never>;
  subscription_id: string;
  scheduled_for: string;
  window_from: string | null;
  window_to: string;
  status: string;
  render_id: string | null;
  message_count: number;
  created_at: string;
}

export interface OutboxTable {
  /** SQLite returns an integer, PostgreSQL (bigserial) a string; records expose it as a string. */
  id: ColumnType<number | string, never, never>;
  run_id: number | string | null;
  platform: string;
  target_id: string;
  seq: number;
  render_id: string | null;
  payload_index: number | null;
  /** JSON of an inline payload, null when the payload comes from a shared render. */
  payload: string | null;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

export interface SourcesTable {
  id: string;
  name: string;
  url: string;
  kind: string;
  language: string;
  poll_minutes: number;
  /** JSON array of topic ids. */
  topics: string;
  status: string;
  paused_reason: string | null;
  etag: string | null;
  last_modified: string | null;
  failures: number;
  last_error: string | null;
  failure_notified: number;
  next_poll_at: string;
  last_polled_at: string | null;
  added_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface SourceItemsTable {
  source_id: string;
  item_key: string;
  seen_at: string;
}

export interface SubscriptionAlertsTable {
  subscription_id: string;
  threshold: number;
  per_hour: number;
}

export interface AlertsSentTable {
  subscription_id: string;
  story_id: string;
  sent_at: string;
}

export interface MigrationsTable {
  id: string;
  applied_at: string;
}

export interface StoreSchema {
  articles: ArticlesTable;
  article_topics: ArticleTopicsTable;
  stories: StoriesTable;
  chats: ChatsTable;
  subscriptions: SubscriptionsTable;
  digest_renders: DigestRendersTable;
  digest_runs: DigestRunsTable;
  outbox: OutboxTable;
  mowjaz_migrations: MigrationsTable;
  sources: SourcesTable;
  source_items: SourceItemsTable;
  subscription_alerts: SubscriptionAlertsTable;
  alerts_sent: AlertsSentTable;
}

export type SqlEngine = 'sqlite' | 'postgres';
