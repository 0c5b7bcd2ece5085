import { describe, expect, test } from 'vitest';
import type { ContractContext } from '../contract.ts';
import { arabicArticle, commitFor, defaultSettings, ingest, newSubscription, renderFor, T0, T1 } from './fixtures.ts';

export function durabilityContract(ctx: ContractContext): void {
  describe('durability', () => {
    test('everything written survives closing and reopening the store', async () => {
      const store = ctx.store();
      await store.saveArticles([ingest(arabicArticle('a1'), 'iraq-us-relations', true, 's1')], T0);
      await store.ensureChat({ platform: 'telegram', chatId: '-1001', kind: 'group' }, defaultSettings);
      const sub = await store.upsertSubscription(newSubscription());
      const render = await renderFor(store, 'k');
      const { created } = await store.commitDigestRuns([commitFor(sub, render.id)]);

      const reopened = await ctx.reopen();
      await reopened.migrate();
      expect((await reopened.getArticle('a1'))?.paragraphs).toEqual(arabicArticle('a1').paragraphs);
      expect((await reopened.getChat({ platform: 'telegram', chatId: '-1001' }))?.settings).toEqual(defaultSettings);
      expect(await reopened.getSubscription(sub.id)).toMatchObject({ nextDueAt: T1, lastRunAt: T0 });
      expect((await reopened.getDigestRun(sub.id, T0))?.id).toBe(created[0]);
      expect((await reopened.nextDeliveries('telegram', T1, 10)).map((d) => d.body)).toEqual([render.payloads[0]]);
    });

    test('migrate is idempotent', async () => {
      const store = ctx.store();
      await store.migrate();
      await store.migrate();
      expect(await store.countSubscriptions()).toBe(0);
    });
  });
}
