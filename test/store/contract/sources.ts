import { describe, expect, test } from 'vitest';
import type { NewSource } from '../../../src/store/source-records.ts';
import type { ContractContext } from '../contract.ts';
import { at, newSubscription, T0, T1 } from './fixtures.ts';

function newSource(overrides: Partial<NewSource> = {}): NewSource {
  return {
    id: 'al-madina',
    name: 'المدينة',
    url: 'https://al-madina.example/rss.xml',
    kind: 'feed',
    language: 'ar',
    pollMinutes: 30,
    topics: ['iraq-us-relations'],
    addedBy: 'admin-1',
    nextPollAt: T0,
    ...overrides,
  };
}

export function sourceContract(ctx: ContractContext): void {
  describe('sources', () => {
    test('upsertSource creates an active source and a second upsert changes the definition but keeps polling state', async () => {
      const store = ctx.store();
      const created = await store.upsertSource(newSource());
      expect(created).toMatchObject({ ...newSource(), status: 'active', failures: 0, etag: null, pausedReason: null, failureNotified: false, nextPollAt: T0 });
      await store.updateSourceState('al-madina', { etag: '"v1"', failures: 2, status: 'paused', pausedReason: 'HTTP 410' });
      const updated = await store.upsertSource(newSource({ name: 'Al-Madina', pollMinutes: 60 }));
      expect(updated).toMatchObject({ name: 'Al-Madina', pollMinutes: 60, etag: '"v1"', failures: 2, status: 'paused', pausedReason: 'HTTP 410' });
      expect(await store.getSource('al-madina')).toEqual(updated);
      expect(await store.getSource('unknown')).toBeNull();
    });

    test('listDueSources returns active sources due by now, earliest first', async () => {
      const store = ctx.store();
      await store.upsertSource(newSource({ id: 'b', nextPollAt: at(2) }));
      await store.upsertSource(newSource({ id: 'a', nextPollAt: at(1) }));
      await store.upsertSource(newSource({ id: 'later', nextPollAt: at(30) }));
      await store.upsertSource(newSource({ id: 'paused', nextPollAt: at(0) }));
      await store.updateSourceState('paused', { status: 'paused', pausedReason: 'admin' });
      expect((await store.listDueSources(at(3), 10)).map((s) => s.id)).toEqual(['a', 'b']);
      expect((await store.listDueSources(at(3), 1)).map((s) => s.id)).toEqual(['a']);
      expect((await store.listSources()).map((s) => s.id)).toEqual(['a', 'b', 'later', 'paused']);
    });

    test('markItemsSeen reports only keys never seen before, per source, and survives a reopen', async () => {
      const store = ctx.store();
      await store.upsertSource(newSource({ id: 'one' }));
      await store.upsertSource(newSource({ id: 'two' }));
      expect(await store.markItemsSeen('one', ['guid:1', 'guid:2', 'guid:1'], T0)).toEqual(['guid:1', 'guid:2']);
      const reopened = await ctx.reopen();
      expect(await reopened.markItemsSeen('one', ['guid:2', 'guid:3'], T1)).toEqual(['guid:3']);
      expect(await reopened.markItemsSeen('two', ['guid:2'], T1)).toEqual(['guid:2']);
      expect(await reopened.markItemsSeen('one', [], T1)).toEqual([]);
    });

    test('forgetItems makes keys new again for that source only', async () => {
      const store = ctx.store();
      await store.upsertSource(newSource({ id: 'one' }));
      await store.upsertSource(newSource({ id: 'two' }));
      await store.markItemsSeen('one', ['guid:1', 'guid:2'], T0);
      await store.markItemsSeen('two', ['guid:1'], T0);
      await store.forgetItems('one', ['guid:1', 'guid:9']);
      await store.forgetItems('one', []);
      expect(await store.markItemsSeen('one', ['guid:1', 'guid:2'], T1)).toEqual(['guid:1']);
      expect(await store.markItemsSeen('two', ['guid:1'], T1)).toEqual([]);
    });

    test('deleteSource removes the source and what was seen from it', async () => {
      const store = ctx.store();
      await store.upsertSource(newSource());
      await store.markItemsSeen('al-madina', ['guid:1'], T0);
      expect(await store.deleteSource('al-madina')).toBe(true);
      expect(await store.deleteSource('al-madina')).toBe(false);
      await store.upsertSource(newSource());
      expect(await store.markItemsSeen('al-madina', ['guid:1'], T1)).toEqual(['guid:1']);
    });

    test('alert settings are set, listed, replaced and cleared; alerts are recorded once per story and counted by time', async () => {
      const store = ctx.store();
      const sub = await store.upsertSubscription(newSubscription());
      await store.setAlertSettings(sub.id, { threshold: 6, perHour: 2 });
      expect(await store.listAlertSettings()).toEqual([{ subscriptionId: sub.id, threshold: 6, perHour: 2 }]);
      await store.setAlertSettings(sub.id, { threshold: 8.5, perHour: 3 });
      expect(await store.listAlertSettings([sub.id])).toEqual([{ subscriptionId: sub.id, threshold: 8.5, perHour: 3 }]);
      expect(await store.listAlertSettings([])).toEqual([]);
      expect(await store.recordAlert(sub.id, 'story-1', at(1))).toBe(true);
      expect(await store.recordAlert(sub.id, 'story-1', at(1))).toBe(false);
      expect(await store.recordAlert(sub.id, 'story-2', at(2))).toBe(true);
      expect(await store.countAlertsSince(sub.id, at(1))).toBe(1);
      expect(await store.countAlertsSince(sub.id, at(0))).toBe(2);
      await store.setAlertSettings(sub.id, null);
      expect(await store.listAlertSettings()).toEqual([]);
    });
  });
}
