import type { Kysely } from 'kysely';
import type { SqlEngine } from '../schema.ts';

/**
 * A numbered, forward-only schema change. `up` receives an untyped Kysely instance because a
 * migration runs against the schema as it was at that point, not as `StoreSchema` describes it now.
 */
export interface StoreMigration {
  /** `NNNN-name`; applied in ascending order, recorded in `mowjaz_migrations`. */
  id: string;
  up(db: Kysely<unknown>, engine: SqlEngine): Promise<void>;
}
