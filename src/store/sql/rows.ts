/** Conversions between table rows and the records of `records.ts`. */
import type { Article, Language, MatchedTerm } from '../../core/types.ts';
import type {
  ArticleTopicRecord,
  ChatKind,
  ChatRecord,
  DigestRenderRecord,
  DigestRunRecord,
  DigestRunStatus,
  Frequency,
  OutboxMessage,
  OutboxStatus,
  Platform,
  StoredArticle,
  StoryRecord,
  SubscriptionRecord,
  SubscriptionStatus,
} from '../records.ts';
import type { Selectable } from 'kysely';
import type {
  ArticleTopicsTable,
  ArticlesTable,
  ChatsTable,
  DigestRendersTable,
  DigestRunsTable,
  OutboxTable,
  StoriesTable,
  SubscriptionsTable,
} from '../schema.ts';

/** Values were validated on the way in (check constraints, typed inputs); reading them back only narrows. */
const asLanguage = (v: string): Language => v as Language;
const asPlatform = (v: string): Platform => v as Platform;

/** A publication instant normalised to UTC ISO so it sorts as text; unparseable ones fall back. */
export function sortInstant(publishedAt: string | undefined, ingestedAt: string): string {
  if (publishedAt) {
    const t = Date.parse(publishedAt);
    if (Number.isFinite(t)) return new Date(t).toISOString();
  }
  return ingestedAt;
}

export function articleRow(article: Article, storyId: string | null, ingestedAt: string): ArticlesTable {
  return {
    id: article.id,
    source_id: article.sourceId,
    source_name: article.sourceName,
    url: article.url ?? null,
    title: article.title,
    paragraphs: JSON.stringify(article.paragraphs),
    language: article.language,
    published_at: article.publishedAt ?? null,
    fetched_at: article.fetchedAt ?? null,
    origin: article.origin ? JSON.stringify(article.origin) : null,
    story_id: storyId,
    ingested_at: ingestedAt,
    sort_at: sortInstant(article.publishedAt, ingestedAt),
  };
}

export function storedArticle(row: Selectable<ArticlesTable>): StoredArticle {
  const article: StoredArticle = {
    id: row.id,
    sourceId: row.source_id,
    sourceName: row.source_name,
    title: row.title,
    paragraphs: JSON.parse(row.paragraphs) as string[],
    language: asLanguage(row.language),
    storyId: row.story_id,
    ingestedAt: row.ingested_at,
  };
  if (row.url !== null) article.url = row.url;
  if (row.published_at !== null) article.publishedAt = row.published_at;
  if (row.fetched_at !== null) article.fetchedAt = row.fetched_at;
  if (row.origin !== null) article.origin = JSON.parse(row.origin) as NonNullable<Article['origin']>;
  return article;
}

export function articleTopicRow(article: Pick<ArticlesTable, 'id' | 'sort_at'>, topic: ArticleTopicRecord): ArticleTopicsTable {
  return {
    article_id: article.id,
    topic_id: topic.topicId,
    score: topic.score,
    matched: topic.matched ? 1 : 0,
    terms: JSON.stringify(topic.terms),
    sort_at: article.sort_at,
  };
}

export function articleTopicRecord(row: Selectable<ArticleTopicsTable>): ArticleTopicRecord {
  return {
    articleId: row.article_id,
    topicId: row.topic_id,
    score: Number(row.score),
    matched: Number(row.matched) === 1,
    terms: JSON.parse(row.terms) as MatchedTerm[],
  };
}

export function storyRecord(row: Selectable<StoriesTable>): StoryRecord {
  return {
    id: row.id,
    representativeArticleId: row.representative_article_id,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    articleCount: Number(row.article_count),
  };
}

export function chatRecord(row: Selectable<ChatsTable>): ChatRecord {
  return {
    platform: asPlatform(row.platform),
    chatId: row.chat_id,
    kind: row.kind as ChatKind,
    title: row.title,
    guildId: row.guild_id,
    settings: {
      language: row.language === null ? null : asLanguage(row.language),
      timezone: row.timezone,
      digestTargetId: row.digest_target_id,
      quietHours: row.quiet_from !== null && row.quiet_to !== null ? { from: row.quiet_from, to: row.quiet_to } : null,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function subscriptionRecord(row: Selectable<SubscriptionsTable>): SubscriptionRecord {
  return {
    id: row.id,
    chat: { platform: asPlatform(row.platform), chatId: row.chat_id },
    targetId: row.target_id,
    topicId: row.topic_id,
    localTime: row.local_time,
    timezone: row.timezone,
    frequency: row.frequency as Frequency,
    weekday: row.weekday === null ? null : Number(row.weekday),
    language: asLanguage(row.language),
    quietDayMessage: Number(row.quiet_day_message) === 1,
    status: row.status as SubscriptionStatus,
    pausedReason: row.paused_reason,
    nextDueAt: row.next_due_at,
    lastRunAt: row.last_run_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function renderRecord(row: Selectable<DigestRendersTable>): DigestRenderRecord {
  return {
    id: row.id,
    key: row.key,
    platform: asPlatform(row.platform),
    payloads: JSON.parse(row.payloads) as unknown[],
    createdAt: row.created_at,
  };
}

export function digestRunRecord(row: Selectable<DigestRunsTable>): DigestRunRecord {
  return {
    id: String(row.id),
    subscriptionId: row.subscription_id,
    scheduledFor: row.scheduled_for,
    windowFrom: row.window_from,
    windowTo: row.window_to,
    status: row.status as DigestRunStatus,
    renderId: row.render_id,
    messageCount: Number(row.message_count),
    createdAt: row.created_at,
  };
}

export function outboxMessage(row: Selectable<OutboxTable>): OutboxMessage {
  return {
    id: String(row.id),
    runId: row.run_id === null ? null : String(row.run_id),
    platform: asPlatform(row.platform),
    targetId: row.target_id,
    seq: Number(row.seq),
    renderId: row.render_id,
    payloadIndex: row.payload_index === null ? null : Number(row.payload_index),
    payload: row.payload === null ? null : (JSON.parse(row.payload) as unknown),
    status: row.status as OutboxStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}
