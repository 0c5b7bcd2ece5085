/**
 * Numbered migrations, applied in order by `migrate()`. Rules: never edit a migration that has
 * shipped; add `NNNN-name.ts` and append it here. All pending migrations run in one transaction,
 * so a failure leaves the schema as it was.
 */
import { sql, type Kysely } from 'kysely';
import { StoreError } from '../errors.ts';
import type { SqlEngine, StoreSchema } from '../schema.ts';
import { inTransaction } from '../sql/transaction.ts';
import { initialMigration } from './0001-initial.ts';
import { pendingOutboxIndexesMigration } from './0002-pending-outbox-indexes.ts';
import { sourcesMigration } from './0003-sources.ts';
import { recentArticlesIndexMigration } from './0004-recent-articles-index.ts';
import { topicRecentIndexMigration } from './0005-topic-recent-index.ts';
import type { StoreMigration } from './migration.ts';

export const MIGRATIONS: readonly StoreMigration[] = [initialMigration, pendingOutboxIndexesMigration, sourcesMigration, recentArticlesIndexMigration, topicRecentIndexMigration];

/** Applies pending migrations; returns the ids applied now. */
export async function runMigrations(
  db: Kysely<StoreSchema>,
  engine: SqlEngine,
  now: () => Date,
  migrations: readonly StoreMigration[] = MIGRATIONS,
): Promise<string[]> {
  return inTransaction(db, engine, async (trx) => {
    if (engine === 'postgres') {
      // Several workers may start at once: one migrates, the others wait and then find nothing to do.
      await sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.mowjaz_migrations'))`.execute(trx);
    }
    await trx.schema
      .createTable('mowjaz_migrations')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    const rows = await trx.selectFrom('mowjaz_migrations').select('id').execute();
    const applied = new Set(rows.map((r) => r.id));
    const known = new Set(migrations.map((m) => m.id));
    const unknown = [...applied].filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new StoreError('schema-too-new', `database has migrations this version does not know: ${unknown.join(', ')}`, {
        unknown,
      });
    }
    const done: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      await migration.up(trx as unknown as Kysely<unknown>, engine);
      await trx.insertInto('mowjaz_migrations').values({ id: migration.id, applied_at: now().toISOString() }).execute();
      done.push(migration.id);
    }
    return done;
  });
}
