/**
 * Live sources: the feeds and pages polled (definition and polling state), the items already
 * seen from each (so an item is ingested once however often it reappears), and breaking-alert
 * settings with the alerts sent (one per subscription and story; the hourly cap counts them).
 */
import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './migration.ts';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('poll_minutes', 'integer', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('paused_reason', 'text')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('failure_notified', 'integer', (c) => c.notNull())
    .addColumn('next_poll_at', 'text', (c) => c.notNull())
    .addColumn('last_polled_at', 'text')
    .addColumn('added_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('sources_status_check', sql`status in ('active', 'paused')`)
    .addCheckConstraint('sources_kind_check', sql`kind in ('feed', 'page', 'folder')`)
    .execute();
  await db.schema.createIndex('sources_due_idx').on('sources').columns(['status', 'next_poll_at']).execute();

  await db.schema
    .createTable('source_items')
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('source_items_pk', ['source_id', 'item_key'])
    .execute();

  await db.schema
    .createTable('subscription_alerts')
    .addColumn('subscription_id', 'text', (c) => c.primaryKey().references('subscriptions.id').onDelete('cascade'))
    .addColumn('threshold', 'double precision', (c) => c.notNull())
    .addColumn('per_hour', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('alerts_sent')
    .addColumn('subscription_id', 'text', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('story_id', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alerts_sent_pk', ['subscription_id', 'story_id'])
    .execute();
  await db.schema.createIndex('alerts_sent_time_idx').on('alerts_sent').columns(['subscription_id', 'sent_at']).execute();
}

export const sourcesMigration: StoreMigration = { id: '0003-sources', up: (db) => up(db) };
