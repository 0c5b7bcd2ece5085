/**
 * The embedded store: one SQLite file (or `:memory:`) through better-sqlite3 and Kysely.
 * WAL lets readers run beside the writer; NORMAL synchronous is durable across process crashes
 * (only a power loss can drop the last commits); foreign keys are enforced.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { StoreSchema } from './schema.ts';
import { migratedStore, SqlStore, type StoreClock } from './sql-store.ts';

export interface SqliteStoreOptions {
  /** File path, or `:memory:` for a private in-memory database. Parent folders are created. */
  path: string;
  clock?: StoreClock;
  /** How long a write waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
}

/**
 * better-sqlite3 prepares on every call through Kysely's driver; hot statements (batched inserts
 * of identical shape, the outbox poll) are kept prepared instead.
 */
function withStatementCache(db: Database.Database, capacity = 128): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit) {
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const statement = db.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > capacity) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      return statement;
    },
  };
}

export function openSqliteDatabase(options: SqliteStoreOptions): Database.Database {
  const inMemory = options.path === ':memory:' || options.path === '';
  if (!inMemory) mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  if (!inMemory) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5_000))}`);
  db.pragma('synchronous = NORMAL');
  // 32 MiB of page cache (default 2 MiB): a minute's 100,000 digest runs touch several indexes.
  db.pragma('cache_size = -32768');
  return db;
}

/** Opens (creating if needed) and migrates an SQLite store. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqlStore> {
  const database = openSqliteDatabase(options);
  const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  const store = new SqlStore(db, 'sqlite', { clock: options.clock, sqlite: database });
  return migratedStore(store);
}
