/**
 * The store on PostgreSQL, for several worker processes sharing one database. Same schema and
 * queries as SQLite; the differences are transactional: migrations serialise on an advisory lock,
 * and `commitDigestRuns` locks the batch's subscriptions with FOR UPDATE SKIP LOCKED before
 * inserting runs with ON CONFLICT DO NOTHING (see docs/store.md for what each guarantees).
 */
import { userInfo } from 'node:os';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { StoreError } from './errors.ts';
import type { StoreSchema } from './schema.ts';
import { PostgresRoles, type PostgresRolesOptions } from './roles.ts';
import { migratedStore, SqlStore, type StoreClock } from './sql-store.ts';

export interface PostgresStoreOptions {
  /** Connection string, e.g. `postgres://127.0.0.1:5432/mowjaz`. */
  url: string;
  /**
   * Schema to keep the tables in (created if missing); default: the server's search_path
   * (normally `public`). Tests use a throwaway schema each.
   */
  schema?: string;
  clock?: StoreClock;
  /** Pool size per process. */
  maxConnections?: number;
  /**
   * Server settings for every connection, e.g. `{ statement_timeout: '30s', application_name: 'mowjaz-worker-2' }`.
   * Names and values are limited to plain characters (they travel in the startup packet, unquoted).
   */
  sessionSettings?: Record<string, string>;
  /**
   * A pool the caller owns and ends (made with `createPostgresPool` so the schema applies); the store
   * uses it instead of opening its own and leaves it open on `close()`.
   */
  pool?: pg.Pool;
  /** How held roles (the sender of each platform) are checked; see roles.ts. */
  roles?: PostgresRolesOptions;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreError('invalid', `schema name must match ${SCHEMA_NAME.source}, got "${schema}"`, { schema });
  }
  return schema;
}

/**
 * node-postgres takes the default user from `$USER`, which services and CI often lack; libpq
 * (psql) uses the operating-system account instead. Do the same when the URL names no user.
 */
export function withDefaultUser(url: string): string {
  if (process.env['PGUSER'] || process.env['USER']) return url;
  try {
    const parsed = new URL(url);
    if (parsed.username !== '' || !/^postgres(ql)?:$/.test(parsed.protocol)) return url;
    parsed.username = userInfo().username;
    return parsed.toString();
  } catch {
    // Not a URL (e.g. a key=value string): node-postgres reports it better than we could.
    return url;
  }
}

export function createPostgresPool(options: PostgresStoreOptions): pg.Pool {
  const config: pg.PoolConfig = { connectionString: withDefaultUser(options.url), max: options.maxConnections ?? 10 };
  // Startup parameters apply to every pooled connection, before its first query.
  const settings: Record<string, string> = { ...options.sessionSettings };
  if (options.schema !== undefined) settings['search_path'] = checkSchemaName(options.schema);
  const startup = Object.entries(settings).map(([name, value]) => {
    if (!/^[a-z_][a-z0-9_.]*$/.test(name) || !/^[A-Za-z0-9_.:\/+-]+$/.test(value)) {
      throw new StoreError('invalid', `session setting ${name}=${value} is not a plain name and value`, { name, value });
    }
    return `-c ${name}=${value}`;
  });
  if (startup.length > 0) config.options = startup.join(' ');
  return new pg.Pool(config);
}

/**
 * CREATE SCHEMA IF NOT EXISTS is not safe against itself: two workers starting together can both
 * find the schema missing and one fails on the catalog's unique index. An advisory lock serialises them.
 */
async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(hashtext('mowjaz.create_schema'))`);
    await client.query(`create schema if not exists ${schema}`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Opens and migrates a PostgreSQL store. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<SqlStore> {
  const ownsPool = options.pool === undefined;
  const pool = options.pool ?? createPostgresPool(options);
  if (ownsPool) {
    // Idle clients fail when the server restarts; unlistened, that error would end the process.
    // The next query reconnects, and its own failure (if any) is what callers see and log.
    pool.on('error', () => undefined);
  }
  if (options.schema !== undefined) {
    try {
      await createSchema(pool, checkSchemaName(options.schema));
    } catch (error) {
      if (ownsPool) await pool.end();
      throw error;
    }
  }
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  const store = new SqlStore(db, 'postgres', { clock: options.clock, ownsDatabase: ownsPool, roles: new PostgresRoles(pool, options.roles) });
  return migratedStore(store);
}
