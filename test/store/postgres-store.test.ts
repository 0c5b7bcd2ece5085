import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { describeStoreContract } from './contract.ts';
import { commitFor, newSubscription, renderFor, T0, T1 } from './contract/fixtures.ts';
import { createPostgresPool, openPostgresStore } from '../../src/store/postgres-store.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { describeWithPostgres, postgresUrl } from '../support/services.ts';

/**
 * The schema's tables (but the migrations record), children before parents so that plain DELETEs
 * never trip a foreign key. Read from the catalog: new migrations need no change here.
 */
async function tablesChildrenFirst(pool: pg.Pool, schema: string): Promise<string[]> {
  const tables = await pool.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = $1 and tablename <> 'mowjaz_migrations'`,
    [schema],
  );
  const edges = await pool.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent
     from pg_constraint k
     join pg_class c on c.oid = k.conrelid
     join pg_class p on p.oid = k.confrelid
     join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = $1 and c.relname <> p.relname`,
    [schema],
  );
  const ordered: string[] = [];
  const remaining = new Set(tables.rows.map((t) => t.name));
  while (remaining.size > 0) {
    // A table goes once none of the remaining tables references it.
    const ready = [...remaining].filter((t) => !edges.rows.some((e) => e.parent === t && remaining.has(e.child)));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${[...remaining].join(', ')}`);
    for (const t of ready.sort()) {
      ordered.push(t);
      remaining.delete(t);
    }
  }
  return ordered;
}

/**
 * The store's pool with `synchronous_commit = off`: the tests commit hundreds of tiny
 * transactions and need no durability across a server crash, only the same semantics.
 */
function testPool(schema: string, maxConnections: number): pg.Pool {
  return createPostgresPool({ url: postgresUrl(), schema, maxConnections, sessionSettings: { synchronous_commit: 'off' } });
}

describeWithPostgres('PostgreSQL store', () => {
  describeStoreContract('PostgreSQL (a throwaway schema per test file)', async () => {
    const schema = `mowjaz_test_${randomBytes(6).toString('hex')}`;
    // One pool for the file: connecting costs more than most tests, and stores opened on it share it.
    const pool = testPool(schema, 4);
    let tables: string[] | undefined;
    return {
      async open() {
        const store = await openPostgresStore({ url: postgresUrl(), schema, pool });
        tables ??= await tablesChildrenFirst(pool, schema);
        return store;
      },
      async reset() {
        // DELETE rather than TRUNCATE: on tables this small it is many times quicker; one round trip.
        if (!tables) return;
        await pool.query(tables.map((table) => `delete from ${table};`).join(' '));
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

describeWithPostgres('PostgreSQL store with several workers', () => {
  const schema = `mowjaz_test_${randomBytes(6).toString('hex')}`;
  const pools: pg.Pool[] = [];
  const stores: SqlStore[] = [];

  async function worker(): Promise<SqlStore> {
    const pool = testPool(schema, 2);
    pools.push(pool);
    const store = await openPostgresStore({ url: postgresUrl(), schema, pool });
    stores.push(store);
    return store;
  }

  afterAll(async () => {
    for (const store of stores) await store.close();
    const [first] = pools;
    await first?.query(`drop schema if exists ${schema} cascade`);
    for (const pool of pools) await pool.end();
  });

  test('workers committing the same due digests at once enqueue each digest exactly once', async () => {
    const [a, b, c] = await Promise.all([worker(), worker(), worker()]);
    const subs = [];
    for (let i = 0; i < 60; i++) {
      subs.push(await a!.upsertSubscription(newSubscription({ chat: { platform: 'telegram', chatId: `w${i}` }, targetId: `w${i}` })));
    }
    const render = await renderFor(a!, 'workers');
    const commits = subs.map((s) => commitFor(s, render.id));
    // Each worker commits the whole minute in its own order, in small batches, all at the same time.
    const results = await Promise.all(
      [a!, b!, c!].map(async (store, w) => {
        const mine = w === 1 ? [...commits].reverse() : commits;
        let created = 0;
        for (let i = 0; i < mine.length; i += 7) created += (await store.commitDigestRuns(mine.slice(i, i + 7))).created.length;
        return created;
      }),
    );
    expect(results.reduce((x, y) => x + y, 0)).toBe(60);
    expect(await a!.countOutbox('pending')).toBe(120);
    for (const sub of subs) {
      expect(await b!.listDigestRuns(sub.id)).toHaveLength(1);
      expect((await c!.getSubscription(sub.id))?.nextDueAt).toBe(T1);
    }
  });

  test('a subscription another worker holds is skipped without waiting, and committed on the next pass', async () => {
    const store = await worker();
    const sub = await store.upsertSubscription(newSubscription({ chat: { platform: 'telegram', chatId: 'held' }, targetId: 'held' }));
    const holder = await pools[0]!.connect();
    try {
      await holder.query('begin');
      await holder.query('select id from subscriptions where id = $1 for update', [sub.id]);
      const started = performance.now();
      expect(await store.commitDigestRuns([commitFor(sub, null)])).toEqual({ created: [], duplicates: 1 });
      expect(performance.now() - started).toBeLessThan(2_000);
      await holder.query('rollback');
    } finally {
      holder.release();
    }
    expect((await store.getSubscription(sub.id))?.nextDueAt).toBe(T0);
    expect((await store.commitDigestRuns([commitFor(sub, null)])).created).toHaveLength(1);
  });
});
