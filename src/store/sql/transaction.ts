import { sql, type Kysely } from 'kysely';
import type { SqlEngine, StoreSchema } from '../schema.ts';

/**
 * Runs `fn` in one transaction on one connection. SQLite starts it with BEGIN IMMEDIATE: the write
 * lock is taken up front, so a second process waits (busy_timeout) instead of failing when a
 * read-then-write transaction would have to upgrade its lock.
 */
export async function inTransaction<T>(
  db: Kysely<StoreSchema>,
  engine: SqlEngine,
  fn: (trx: Kysely<StoreSchema>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql.raw(engine === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
    let result: T;
    try {
      result = await fn(conn);
    } catch (error) {
      try {
        await sql.raw('rollback').execute(conn);
      } catch {
        // SQLite may already have rolled back on its own (e.g. a full disk); the original error matters.
      }
      throw error;
    }
    await sql.raw('commit').execute(conn);
    return result;
  });
}

/** Splits rows into batches that stay under the engine's bound-parameter limit. */
export function chunksFor<T>(rows: readonly T[], columnsPerRow: number, maxParameters = 30_000): T[][] {
  const size = Math.max(1, Math.floor(maxParameters / Math.max(1, columnsPerRow)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
