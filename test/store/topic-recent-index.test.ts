/**
 * Migration 0005 on a store that already holds articles: every existing match gets its article's
 * `sort_at`, and a topic's newest matches read through the new index come out exactly as the
 * articles' reading order says, ties included. On SQLite and PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { MIGRATIONS, runMigrations } from '../../src/store/migrations/index.ts';
import { createPostgresPool, openPostgresStore } from '../../src/store/postgres-store.ts';
import type { SqlEngine, StoreSchema } from '../../src/store/schema.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { openSqliteDatabase, openSqliteStore } from '../../src/store/sqlite-store.ts';
import { describeWithPostgres, postgresUrl } from '../support/services.ts';
import { at, T0 } from './contract/fixtures.ts';

const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.findIndex((migration) => migration.id === '0005-topic-recent-index'));

/** Articles and matches as a store before 0005 wrote them (no `sort_at` on the matches). */
async function seedBefore(db: Kysely<StoreSchema>, engine: SqlEngine): Promise<string[]> {
  await runMigrations(db, engine, () => new Date(T0), BEFORE);
  const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const ids = Array.from({ length: 12 }, (_, i) => `m${String((i * 5) % 12).padStart(2, '0')}`);
  await raw
    .insertInto('articles')
    .values(
      ids.map((id, i) => ({
        id,
        source_id: 'wire',
        source_name: 'Wire',
        url: null,
        title: `Story ${id}`,
        paragraphs: '["text"]',
        language: 'en',
        published_at: null,
        fetched_at: null,
        origin: null,
        story_id: null,
        ingested_at: T0,
        // Pairs share an instant: ties are broken by id.
        sort_at: at(-Math.floor(i / 2)),
      })),
    )
    .execute();
  await raw
    .insertInto('article_topics')
    .values(ids.map((id, i) => ({ article_id: id, topic_id: i % 3 === 2 ? 'syria' : 'iraq-us-relations', score: 3, matched: i % 4 === 3 ? 0 : 1, terms: '[]' })))
    .execute();
  // The reading order of the matched iraq-us-relations articles.
  return ids
    .map((id, i) => ({ id, sortAt: at(-Math.floor(i / 2)), topic: i % 3 === 2 ? 'syria' : 'iraq-us-relations', matched: i % 4 !== 3 }))
    .filter((row) => row.topic === 'iraq-us-relations' && row.matched)
    .sort((a, b) => (a.sortAt === b.sortAt ? (a.id < b.id ? -1 : 1) : a.sortAt < b.sortAt ? 1 : -1))
    .map((row) => row.id);
}

async function expectMigrated(store: SqlStore, expected: string[]): Promise<void> {
  const drift = await store.db
    .selectFrom('article_topics')
    .innerJoin('articles', 'articles.id', 'article_topics.article_id')
    .select(['article_topics.article_id', 'article_topics.sort_at as copied', 'articles.sort_at as original'])
    .execute();
  expect(drift).toHaveLength(12);
  expect(drift.filter((row) => row.copied !== row.original)).toEqual([]);
  expect((await store.listArticles({ topicId: 'iraq-us-relations', limit: 5 })).map((a) => a.id)).toEqual(expected.slice(0, 5));
  expect((await store.listArticles({ topicId: 'iraq-us-relations' })).map((a) => a.id)).toEqual(expected);
}

describe('migration 0005 on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mowjaz-0005-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('existing matches get their article\'s sort_at and read in the same order', async () => {
    const path = join(dir, 'before.sqlite');
    const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database: openSqliteDatabase({ path }) }) });
    const expected = await seedBefore(db, 'sqlite');
    await db.destroy();
    const store = await openSqliteStore({ path });
    try {
      await expectMigrated(store, expected);
    } finally {
      await store.close();
    }
  });
});

describeWithPostgres('migration 0005 on PostgreSQL', () => {
  test('existing matches get their article\'s sort_at and read in the same order', async () => {
    const schema = `mowjaz_test_${randomBytes(6).toString('hex')}`;
    const pool = createPostgresPool({ url: postgresUrl(), schema, maxConnections: 2 });
    try {
      await pool.query(`create schema ${schema}`);
      const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
      const expected = await seedBefore(db, 'postgres');
      const store = await openPostgresStore({ url: postgresUrl(), schema, pool });
      await expectMigrated(store, expected);
      await store.close();
    } finally {
      await pool.query(`drop schema if exists ${schema} cascade`);
      await pool.end();
    }
  });
});
