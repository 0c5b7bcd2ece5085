import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { describeStoreContract } from './contract.ts';
import { commitFor, newSubscription, renderFor, T1 } from './contract/fixtures.ts';
import { openStore } from '../../src/store/index.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';

describeStoreContract('SQLite (file in a temp dir)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mowjaz-store-'));
  let n = 0;
  let path = join(dir, `store-${n}.sqlite`);
  return {
    open: () => openSqliteStore({ path }),
    async reset() {
      n += 1;
      path = join(dir, `store-${n}.sqlite`);
    },
    async destroy() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mowjaz-sqlite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a file store runs in WAL mode with foreign keys on, creating its folder on first open', async () => {
    const store = await openSqliteStore({ path: join(dir, 'data', 'nested', 'mowjaz.sqlite') });
    try {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
      const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      expect(fk.rows[0]?.foreign_keys).toBe(1);
      expect(sync.rows[0]?.synchronous).toBe(1);
      const applied = await store.db.selectFrom('mowjaz_migrations').select('id').execute();
      expect(applied.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    } finally {
      await store.close();
    }
  });

  test('openStore opens an in-memory SQLite store ready to use', async () => {
    const store = await openStore({ kind: 'sqlite', path: ':memory:' });
    try {
      const sub = await store.upsertSubscription(newSubscription());
      expect(await store.countSubscriptions()).toBe(1);
      expect((await store.getSubscription(sub.id))?.status).toBe('active');
    } finally {
      await store.close();
    }
  });

  test('two stores on one file committing the same digests at once enqueue each exactly once', async () => {
    const path = join(dir, 'shared.sqlite');
    const a = await openSqliteStore({ path });
    const b = await openSqliteStore({ path });
    try {
      const subs = [];
      for (let i = 0; i < 40; i++) {
        subs.push(await a.upsertSubscription(newSubscription({ chat: { platform: 'telegram', chatId: `c${i}` }, targetId: `c${i}` })));
      }
      const render = await renderFor(a, 'shared');
      const commits = subs.map((s) => commitFor(s, render.id));
      const created = await Promise.all(
        [a, b].map(async (store, w) => {
          const mine = w === 0 ? commits : [...commits].reverse();
          let n = 0;
          for (let i = 0; i < mine.length; i += 5) n += (await store.commitDigestRuns(mine.slice(i, i + 5))).created.length;
          return n;
        }),
      );
      expect(created[0]! + created[1]!).toBe(40);
      expect(await b.countOutbox('pending')).toBe(80);
      for (const sub of subs) expect((await b.getSubscription(sub.id))?.nextDueAt).toBe(T1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('a database migrated by a newer version is refused with a clear error', async () => {
    const path = join(dir, 'newer.sqlite');
    const store = await openSqliteStore({ path });
    await store.db.insertInto('mowjaz_migrations').values({ id: '9999-from-the-future', applied_at: T1 }).execute();
    await store.close();
    await expect(openSqliteStore({ path })).rejects.toMatchObject({ code: 'schema-too-new' });
  });
});
