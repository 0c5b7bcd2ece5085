import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from './contract.ts';
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
