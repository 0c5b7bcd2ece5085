/**
 * `/news` asks, per topic, for the newest matched articles. Through `articles_recent_idx` that is
 * a walk from the newest article down, probing `article_topics` for each one until `n` match: for
 * a topic with few or no matches, every article is probed (110–200 ms at 100,000 articles).
 *
 * The matches get a copy of their article's `sort_at` and an index in the reading order, so the
 * newest matched articles of a topic are the first `n` entries of one index range. `sort_at` never
 * changes once an article is stored (a stored id is skipped on re-ingest), and a match is written
 * in the same statement batch as its article, so the copy cannot drift.
 */
import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './migration.ts';

async function up(db: Kysely<unknown>): Promise<void> {
  // Adding a NOT NULL column to existing rows needs a default on SQLite; the rows are filled next.
  await db.schema.alterTable('article_topics').addColumn('sort_at', 'text', (c) => c.notNull().defaultTo('')).execute();
  await sql`update article_topics set sort_at = (select articles.sort_at from articles where articles.id = article_topics.article_id)`.execute(db);
  await db.schema.createIndex('article_topics_recent_idx').on('article_topics').columns(['topic_id', 'matched', 'sort_at desc', 'article_id']).execute();
}

export const topicRecentIndexMigration: StoreMigration = { id: '0005-topic-recent-index', up };
