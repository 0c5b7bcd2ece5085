import { randomBytes } from 'node:crypto';
import { describeStoreContract } from './contract.ts';
import { createPostgresPool, openPostgresStore } from '../../src/store/postgres-store.ts';
import { describeWithPostgres, postgresUrl } from '../support/services.ts';

/** Children first, so plain DELETEs never trip a foreign key. */
const TABLES = ['outbox', 'digest_runs', 'digest_renders', 'subscriptions', 'chats', 'article_topics', 'articles', 'stories'];

describeWithPostgres('PostgreSQL store', () => {
  describeStoreContract('PostgreSQL (a throwaway schema per test file)', async () => {
    const schema = `mowjaz_test_${randomBytes(6).toString('hex')}`;
    // One pool for the file: connecting costs more than most tests, and stores opened on it share it.
    const pool = createPostgresPool({ url: postgresUrl(), schema, maxConnections: 4 });
    let migrated = false;
    return {
      async open() {
        const store = await openPostgresStore({ url: postgresUrl(), schema, pool });
        migrated = true;
        return store;
      },
      async reset() {
        // DELETE rather than TRUNCATE: on tables this small it is many times quicker.
        if (!migrated) return;
        for (const table of TABLES) await pool.query(`delete from ${table}`);
      },
      async destroy() {
        try {
          await pool.query(`drop schema if exists ${schema} cascade`);
        } finally {
          await pool.end();
        }
      },
    };
  });
});
