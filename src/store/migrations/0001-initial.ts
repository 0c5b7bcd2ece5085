/**
 * The initial schema. Written once for both engines with Kysely's schema builder; the only
 * engine-specific pieces are the auto-incrementing integer keys of digest runs and outbox messages
 * (append-only inserts, and a cheap, stable "oldest first" order for the sender).
 */
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { SqlEngine } from '../schema.ts';
import type { StoreMigration } from './migration.ts';

async function up(db: Kysely<unknown>, engine: SqlEngine): Promise<void> {
  const serialType = engine === 'sqlite' ? 'integer' : 'bigserial';
  const serialRefType = engine === 'sqlite' ? 'integer' : 'bigint';
  const serialKey = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey();

  await db.schema
    .createTable('articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('paragraphs', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('fetched_at', 'text')
    .addColumn('origin', 'text')
    .addColumn('story_id', 'text')
    .addColumn('ingested_at', 'text', (c) => c.notNull())
    .addColumn('sort_at', 'text', (c) => c.notNull())
    .addCheckConstraint('articles_language_check', sql`language in ('ar', 'en')`)
    .execute();
  await db.schema.createIndex('articles_ingested_at_idx').on('articles').columns(['ingested_at']).execute();
  await db.schema.createIndex('articles_story_idx').on('articles').columns(['story_id', 'sort_at']).execute();

  await db.schema
    .createTable('article_topics')
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('topic_id', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('matched', 'integer', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_topics_pk', ['article_id', 'topic_id'])
    .execute();
  await db.schema
    .createIndex('article_topics_topic_idx')
    .on('article_topics')
    .columns(['topic_id', 'matched', 'article_id'])
    .execute();

  await db.schema
    .createTable('stories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('representative_article_id', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('article_count', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('chats')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('guild_id', 'text')
    .addColumn('language', 'text')
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('digest_target_id', 'text')
    .addColumn('quiet_from', 'text')
    .addColumn('quiet_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('chats_pk', ['platform', 'chat_id'])
    .execute();

  // Subscriptions do not reference chats: a chat row holds settings only, and a subscription must
  // stay valid (and deliverable) whichever order the two were first written in.
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('topic_id', 'text', (c) => c.notNull())
    .addColumn('local_time', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('weekday', 'integer')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('quiet_day_message', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('paused_reason', 'text')
    .addColumn('next_due_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('subscriptions_chat_target_topic_key', ['platform', 'chat_id', 'target_id', 'topic_id'])
    .addCheckConstraint('subscriptions_status_check', sql`status in ('active', 'paused')`)
    .addCheckConstraint('subscriptions_frequency_check', sql`frequency in ('daily', 'weekly')`)
    .execute();
  await db.schema.createIndex('subscriptions_due_idx').on('subscriptions').columns(['status', 'next_due_at', 'id']).execute();
  await db.schema.createIndex('subscriptions_target_idx').on('subscriptions').columns(['platform', 'target_id']).execute();

  await db.schema
    .createTable('digest_renders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('payloads', 'text', (c) => c.notNull())
    .addColumn('payload_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('digest_runs')
    .addColumn('id', serialType, serialKey)
    .addColumn('subscription_id', 'text', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('scheduled_for', 'text', (c) => c.notNull())
    .addColumn('window_from', 'text')
    .addColumn('window_to', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('render_id', 'text', (c) => c.references('digest_renders.id'))
    .addColumn('message_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('digest_runs_identity_key', ['subscription_id', 'scheduled_for'])
    .addCheckConstraint('digest_runs_status_check', sql`status in ('queued', 'empty', 'skipped')`)
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', serialType, serialKey)
    .addColumn('run_id', serialRefType, (c) => c.references('digest_runs.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('render_id', 'text', (c) => c.references('digest_renders.id'))
    .addColumn('payload_index', 'integer')
    .addColumn('payload', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('outbox_status_check', sql`status in ('pending', 'sent', 'failed')`)
    .addCheckConstraint('outbox_payload_check', sql`(render_id is not null and payload_index is not null) or payload is not null`)
    .execute();
  await db.schema
    .createIndex('outbox_due_idx')
    .on('outbox')
    .columns(['status', 'platform', 'next_attempt_at', 'id'])
    .execute();
  await db.schema.createIndex('outbox_run_idx').on('outbox').columns(['run_id', 'seq']).execute();
  await db.schema.createIndex('outbox_target_idx').on('outbox').columns(['platform', 'target_id', 'status']).execute();
}

export const initialMigration: StoreMigration = { id: '0001-initial', up };
