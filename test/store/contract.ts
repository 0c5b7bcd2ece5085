/**
 * The contract every `Store` must pass. An implementation's test file supplies a harness that opens
 * a migrated store on a database of its own; each test starts from an empty database.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import type { Store } from '../../src/store/store.ts';
import { articleContract } from './contract/articles.ts';
import { chatContract } from './contract/chats.ts';
import { digestContract } from './contract/digests.ts';
import { durabilityContract } from './contract/durability.ts';
import { outboxContract } from './contract/outbox.ts';
import { outboxPropertyContract } from './contract/outbox-properties.ts';
import { sourceContract } from './contract/sources.ts';
import { subscriptionContract } from './contract/subscriptions.ts';

export interface StoreHarness {
  /** Opens a migrated store on this harness's database; calling it again reopens the same data. */
  open(): Promise<Store>;
  /** Empties the database (every store opened from it is closed first). */
  reset(): Promise<void>;
  /** Removes the database after the file's tests (temp files, PostgreSQL schema). */
  destroy(): Promise<void>;
}

/** Access to the store under test from inside a contract section. */
export interface ContractContext {
  store(): Store;
  /** Closes the current store and opens the same database again. */
  reopen(): Promise<Store>;
}

export function describeStoreContract(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let harness: StoreHarness | undefined;
    let current: Store | undefined;

    const ctx: ContractContext = {
      store() {
        if (!current) throw new Error('store not opened');
        return current;
      },
      async reopen() {
        await current?.close();
        current = undefined;
        if (!harness) throw new Error('harness not ready');
        current = await harness.open();
        return current;
      },
    };

    beforeAll(async () => {
      harness = await makeHarness();
    });
    beforeEach(async () => {
      if (!harness) throw new Error('harness not ready');
      await harness.reset();
      current = await harness.open();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });
    afterAll(async () => {
      await harness?.destroy();
    });

    articleContract(ctx);
    chatContract(ctx);
    subscriptionContract(ctx);
    digestContract(ctx);
    outboxContract(ctx);
    outboxPropertyContract(ctx);
    durabilityContract(ctx);
    sourceContract(ctx);
  });
}
