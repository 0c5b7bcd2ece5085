import type { Kysely } from 'kysely';
import type { SqlEngine, StoreSchema } from '../schema.ts';
import type { SqliteRunWriter } from './sqlite-runs.ts';

/** What every query module needs: the database, which engine it is, the clock and id source. */
export interface SqlContext {
  db: Kysely<StoreSchema>;
  engine: SqlEngine;
  /** Current instant as UTC ISO (from the injected clock). */
  now(): string;
  newId(): string;
  /** SQLite only: the prepared-statement path for committing digest runs (prepared on first use). */
  sqliteRuns?: () => SqliteRunWriter;
}

/** Ids per `IN (…)` list: far under both engines' parameter limits, large enough to be few round trips. */
export const IN_LIST_CHUNK = 5_000;

export function chunked<T>(items: readonly T[], size = IN_LIST_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
