import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPostgresPool, openPostgresStore } from '../../src/store/postgres-store.ts';
import { InProcessRoles } from '../../src/store/roles.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { describeWithPostgres, postgresUrl } from '../support/services.ts';

describe('roles within one process', () => {
  test('a role has one holder until it is released', async () => {
    const roles = new InProcessRoles();
    const first = await roles.tryAcquire('sender:telegram');
    expect(first?.role).toBe('sender:telegram');
    expect(await roles.tryAcquire('sender:telegram')).toBeNull();
    expect(await roles.tryAcquire('sender:discord')).not.toBeNull();
    await first?.release();
    expect(await roles.tryAcquire('sender:telegram')).not.toBeNull();
  });

  test('the SQLite store hands its roles out once and frees them on close', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    expect(await store.tryAcquireRole('sender:telegram')).not.toBeNull();
    expect(await store.tryAcquireRole('sender:telegram')).toBeNull();
    await store.close();
  });
});

describeWithPostgres('roles across processes on PostgreSQL', () => {
  const schema = `mowjaz_test_${randomBytes(6).toString('hex')}`;
  // Two stores with pools of their own stand for two processes.
  const pools = [createPostgresPool({ url: postgresUrl(), schema, maxConnections: 3 }), createPostgresPool({ url: postgresUrl(), schema, maxConnections: 3 })];
  let one: SqlStore;
  let two: SqlStore;

  beforeAll(async () => {
    for (const pool of pools) pool.on('error', () => undefined);
    one = await openPostgresStore({ url: postgresUrl(), schema, pool: pools[0]!, roles: { checkEveryMs: 50 } });
    two = await openPostgresStore({ url: postgresUrl(), schema, pool: pools[1]!, roles: { checkEveryMs: 50 } });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await pools[0]!.query(`drop schema if exists ${schema} cascade`);
    await Promise.all(pools.map((pool) => pool.end()));
  });

  test('one process holds a role; another gets it once it is released', async () => {
    const held = await one.tryAcquireRole('sender:telegram');
    expect(held).not.toBeNull();
    expect(await two.tryAcquireRole('sender:telegram')).toBeNull();
    const other = await two.tryAcquireRole('sender:discord');
    expect(other).not.toBeNull();
    await held?.release();
    await held?.release();
    const taken = await two.tryAcquireRole('sender:telegram');
    expect(taken).not.toBeNull();
    await taken?.release();
    await other?.release();
  });

  test('when the holding connection dies the holder is told and another process takes over', async () => {
    const held = await one.tryAcquireRole('sender:telegram');
    expect(held).not.toBeNull();
    const { rows } = await pools[1]!.query<{ pid: number }>(
      `select pid from pg_locks where locktype = 'advisory' and granted and objid = (hashtext($1) & x'ffffffff'::bigint)::oid`,
      [`${schema}.mowjaz.role.sender:telegram`],
    );
    expect(rows).toHaveLength(1);
    await pools[1]!.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
    await held?.lost;
    expect(await two.tryAcquireRole('sender:telegram')).not.toBeNull();
  });

  test('closing a store releases the roles it holds', async () => {
    const schemaTwo = `mowjaz_test_${randomBytes(6).toString('hex')}`;
    const a = await openPostgresStore({ url: postgresUrl(), schema: schemaTwo });
    const b = await openPostgresStore({ url: postgresUrl(), schema: schemaTwo });
    try {
      expect(await a.tryAcquireRole('sender:discord')).not.toBeNull();
      expect(await b.tryAcquireRole('sender:discord')).toBeNull();
      await a.close();
      expect(await b.tryAcquireRole('sender:discord')).not.toBeNull();
    } finally {
      await a.close();
      await b.db.schema.dropSchema(schemaTwo).ifExists().cascade().execute();
      await b.close();
    }
  });
});
