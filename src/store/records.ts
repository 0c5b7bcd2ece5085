/**
 * Records the store keeps. Instants are ISO-8601 strings in UTC (`2026-11-29T08:00:00.000Z`), so the
 * same values travel unchanged through SQLite, PostgreSQL, JSON logs and tests.
 */
import type { Article, Language, MatchedTerm } from '../core/types.ts';

export type Platform = 'console' | 'discord' | 'telegram';
export const PLATFORMS: readonly Platform[] = ['console', 'discord', 'telegram'];

/** A chat is addressed by its platform and the platform's own id (Telegram chat id, Discord channel id…). */
export interface ChatRef {
  platform: Platform;
  chatId: string;
}

export type ChatKind = 'private' | 'group' | 'supergroup' | 'channel' | 'guild' | 'console';

/** Quiet hours in the chat's timezone, `HH:MM`–`HH:MM` (may wrap midnight). */
export interface QuietHours {
  from: string;
  to: string;
}

export interface ChatSettings {
  /** Language the bot answers in; null = follow each user's platform locale. */
  language: Language | null;
  /** Default IANA timezone for new subscriptions, e.g. `Asia/Baghdad`. */
  timezone: string;
  /** Discord: the channel (or thread) digests go to by default; null = where /subscribe was typed. */
  digestTargetId: string | null;
  quietHours: QuietHours | null;
}

export interface ChatRecord extends ChatRef {
  kind: ChatKind;
  title: string | null;
  /** Discord guild id for guild channels, else null. */
  guildId: string | null;
  settings: ChatSettings;
  createdAt: string;
  updatedAt: string;
}

export type Frequency = 'daily' | 'weekly';
export type SubscriptionStatus = 'active' | 'paused';

export interface SubscriptionRecord {
  id: string;
  /** The chat that owns the subscription (where it was made and is managed). */
  chat: ChatRef;
  /** Where digests are delivered: the same chat id, or a Discord channel/thread chosen by an admin. */
  targetId: string;
  topicId: string;
  /** Local time of day `HH:MM` in `timezone`. */
  localTime: string;
  timezone: string;
  frequency: Frequency;
  /** For weekly digests: 0 = Sunday … 6 = Saturday. Null for daily. */
  weekday: number | null;
  language: Language;
  /** Send a one-line "quiet day" message when nothing new happened. */
  quietDayMessage: boolean;
  status: SubscriptionStatus;
  pausedReason: string | null;
  /** Next scheduled instant (UTC ISO). */
  nextDueAt: string;
  /** Scheduled instant of the previous digest run: the start of the next digest's window. */
  lastRunAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewSubscription = Omit<SubscriptionRecord, 'id' | 'status' | 'pausedReason' | 'lastRunAt' | 'createdAt' | 'updatedAt'>;

/** An article as stored, with the id of the story it was clustered into. */
export interface StoredArticle extends Article {
  storyId: string | null;
  /** ISO instant the store first saw it: digests select what is new by this. */
  ingestedAt: string;
}

export interface ArticleTopicRecord {
  articleId: string;
  topicId: string;
  score: number;
  matched: boolean;
  terms: MatchedTerm[];
}

export interface StoryRecord {
  id: string;
  representativeArticleId: string;
  firstSeen: string;
  lastSeen: string;
  articleCount: number;
}

export type DigestRunStatus = 'queued' | 'empty' | 'skipped';

/** One digest for one subscription at one scheduled instant: the identity that makes delivery exactly-once. */
export interface DigestRunRecord {
  id: string;
  subscriptionId: string;
  scheduledFor: string;
  windowFrom: string | null;
  windowTo: string;
  status: DigestRunStatus;
  /** The shared rendered payloads this run delivers (null when nothing is sent). */
  renderId: string | null;
  messageCount: number;
  createdAt: string;
}

/**
 * A rendered digest shared by every subscriber with the same topic, window, language and platform:
 * rendering cost grows with topics, not subscribers. Payloads are platform message bodies
 * (Telegram sendMessage bodies without chat_id, Discord Create Message bodies, console text).
 */
export interface DigestRenderRecord {
  id: string;
  /** `topic|windowFrom|windowTo|language|platform` */
  key: string;
  platform: Platform;
  payloads: unknown[];
  createdAt: string;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxMessage {
  id: string;
  runId: string | null;
  platform: Platform;
  /** Delivery target (chat/channel id) at enqueue time; rewritten if the chat migrates. */
  targetId: string;
  /** Order within its run: message n+1 is not sent before message n. */
  seq: number;
  /** Either a shared render and the index of the payload in it, or an inline payload. */
  renderId: string | null;
  payloadIndex: number | null;
  payload: unknown | null;
  status: OutboxStatus;
  attempts: number;
  /** Not before this instant (backoff, retry_after). */
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** What the sender gets: the message with its payload resolved from the shared render. */
export interface OutboxDelivery extends OutboxMessage {
  body: unknown;
  subscriptionId: string | null;
}

export interface DigestRunCommit {
  subscriptionId: string;
  scheduledFor: string;
  windowFrom: string | null;
  windowTo: string;
  status: DigestRunStatus;
  renderId: string | null;
  platform: Platform;
  targetId: string;
  /** Number of payloads of the render to enqueue (payload 0..n-1), or inline payloads. */
  messageCount: number;
  inlinePayloads?: unknown[];
  /** Subscription's next due instant after this run. */
  nextDueAt: string;
  /**
   * Added for quiet hours: the run's outbox messages are not attempted before this instant
   * (their first `nextAttemptAt`). Absent = deliver as soon as possible.
   */
  notBefore?: string;
}

/** What `pruneDeliveryHistory` removed. */
export interface PrunedHistory {
  /** Digest runs removed, with their messages. */
  runs: number;
  /** One-off messages (notices, alerts) removed. */
  messages: number;
  /** Shared renders no message or run refers to any more. */
  renders: number;
}
