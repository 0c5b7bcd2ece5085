/** Opening a store by configuration: the embedded SQLite file by default, PostgreSQL to scale out. */
import type { Store } from './store.ts';
import type { StoreClock } from './sql-store.ts';

export type StoreOptions =
  | { kind: 'sqlite'; path: string; clock?: StoreClock }
  | {
      kind: 'postgres';
      url: string;
      schema?: string;
      clock?: StoreClock;
      maxConnections?: number;
      sessionSettings?: Record<string, string>;
    };

/** Opens the store and applies pending migrations, so the returned store is ready to use. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.kind === 'sqlite') {
    const { openSqliteStore } = await import('./sqlite-store.ts');
    return openSqliteStore(options);
  }
  const { openPostgresStore } = await import('./postgres-store.ts');
  return openPostgresStore(options);
}

export type { Store, ArticleQuery, IngestArticle } from './store.ts';
export type { StoreClock } from './sql-store.ts';
export { StoreError, type StoreErrorCode } from './errors.ts';
