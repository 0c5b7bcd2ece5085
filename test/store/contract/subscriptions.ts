import { describe, expect, test } from 'vitest';
import type { ContractContext } from '../contract.ts';
import { at, commitFor, newSubscription, renderFor, T0, T1 } from './fixtures.ts';

const chat = { platform: 'telegram' as const, chatId: '-1001' };

export function subscriptionContract(ctx: ContractContext): void {
  describe('subscriptions', () => {
    test('upsertSubscription creates an active subscription with everything it was given', async () => {
      const store = ctx.store();
      const input = newSubscription({ frequency: 'weekly', weekday: 5, quietDayMessage: true, language: 'en' });
      const sub = await store.upsertSubscription(input);
      expect(sub).toMatchObject({ ...input, status: 'active', pausedReason: null, lastRunAt: null });
      expect(sub.id).toEqual(expect.any(String));
      expect(await store.getSubscription(sub.id)).toEqual(sub);
      expect(await store.getSubscription('unknown')).toBeNull();
      expect(await store.countSubscriptions()).toBe(1);
    });

    test('upserting the same chat, target and topic updates the schedule and reactivates a paused subscription', async () => {
      const store = ctx.store();
      const first = await store.upsertSubscription(newSubscription());
      await store.pauseSubscription(first.id, 'bot blocked');
      const again = await store.upsertSubscription(newSubscription({ localTime: '21:30', timezone: 'Asia/Baghdad', nextDueAt: T1 }));
      expect(again.id).toBe(first.id);
      expect(again).toMatchObject({ status: 'active', pausedReason: null, localTime: '21:30', timezone: 'Asia/Baghdad', nextDueAt: T1 });
      expect(again.createdAt).toBe(first.createdAt);
      const elsewhere = await store.upsertSubscription(newSubscription({ targetId: 'thread-7' }));
      expect(elsewhere.id).not.toBe(first.id);
      expect(await store.countSubscriptions()).toBe(2);
    });

    test('listSubscriptions returns only the chat\'s own subscriptions', async () => {
      const store = ctx.store();
      await store.upsertSubscription(newSubscription({ topicId: 'oil' }));
      await store.upsertSubscription(newSubscription({ topicId: 'elections' }));
      await store.upsertSubscription(newSubscription({ chat: { platform: 'discord', chatId: '-1001' } }));
      expect((await store.listSubscriptions(chat)).map((s) => s.topicId)).toEqual(['elections', 'oil']);
      expect(await store.listSubscriptions({ platform: 'telegram', chatId: 'nobody' })).toEqual([]);
    });

    test('deleteSubscription removes the chat\'s subscriptions to a topic on every target, with their pending digests', async () => {
      const store = ctx.store();
      const a = await store.upsertSubscription(newSubscription());
      await store.upsertSubscription(newSubscription({ targetId: 'thread-7' }));
      const kept = await store.upsertSubscription(newSubscription({ topicId: 'oil' }));
      const otherChat = await store.upsertSubscription(newSubscription({ chat: { platform: 'telegram', chatId: '7' }, targetId: '7' }));
      const render = await renderFor(store, 'k');
      await store.commitDigestRuns([commitFor(a, render.id)]);
      expect(await store.countOutbox('pending')).toBe(2);

      expect(await store.deleteSubscription(chat, 'iraq-us-relations')).toBe(2);
      expect(await store.deleteSubscription(chat, 'iraq-us-relations')).toBe(0);
      expect(await store.getSubscription(a.id)).toBeNull();
      expect(await store.getSubscription(kept.id)).not.toBeNull();
      expect(await store.getSubscription(otherChat.id)).not.toBeNull();
      expect(await store.listDigestRuns(a.id)).toEqual([]);
      expect(await store.countOutbox('pending')).toBe(0);
    });

    test('pause records why; resume reactivates at the given instant', async () => {
      const store = ctx.store();
      const sub = await store.upsertSubscription(newSubscription());
      await store.pauseSubscription(sub.id, 'missing permission: Send Messages');
      expect(await store.getSubscription(sub.id)).toMatchObject({ status: 'paused', pausedReason: 'missing permission: Send Messages' });
      expect(await store.listDueSubscriptions(T1, 10)).toEqual([]);
      await store.resumeSubscription(sub.id, T1);
      expect(await store.getSubscription(sub.id)).toMatchObject({ status: 'active', pausedReason: null, nextDueAt: T1 });
      await store.pauseSubscription('unknown', 'x');
    });

    test('pauseSubscriptionsForTarget pauses the active subscriptions delivering to that target only', async () => {
      const store = ctx.store();
      const a = await store.upsertSubscription(newSubscription());
      const b = await store.upsertSubscription(newSubscription({ chat: { platform: 'telegram', chatId: '9' }, targetId: '-1001' }));
      const c = await store.upsertSubscription(newSubscription({ targetId: 'other' }));
      const d = await store.upsertSubscription(newSubscription({ chat: { platform: 'discord', chatId: '-1001' } }));
      await store.pauseSubscription(b.id, 'earlier reason');
      expect(await store.pauseSubscriptionsForTarget('telegram', '-1001', 'bot was blocked')).toBe(1);
      expect((await store.getSubscription(a.id))?.pausedReason).toBe('bot was blocked');
      expect((await store.getSubscription(b.id))?.pausedReason).toBe('earlier reason');
      expect((await store.getSubscription(c.id))?.status).toBe('active');
      expect((await store.getSubscription(d.id))?.status).toBe('active');
    });

    test('listDueSubscriptions returns active subscriptions due at or before now, oldest due first, up to the limit', async () => {
      const store = ctx.store();
      const late = await store.upsertSubscription(newSubscription({ topicId: 'late', nextDueAt: at(-5) }));
      const onTime = await store.upsertSubscription(newSubscription({ topicId: 'on-time', nextDueAt: T0 }));
      const early = await store.upsertSubscription(newSubscription({ topicId: 'early', nextDueAt: at(-1) }));
      await store.upsertSubscription(newSubscription({ topicId: 'future', nextDueAt: at(1) }));
      const paused = await store.upsertSubscription(newSubscription({ topicId: 'paused', nextDueAt: at(-9) }));
      await store.pauseSubscription(paused.id, 'admin');

      expect((await store.listDueSubscriptions(T0, 10)).map((s) => s.id)).toEqual([late.id, early.id, onTime.id]);
      expect((await store.listDueSubscriptions(T0, 2)).map((s) => s.id)).toEqual([late.id, early.id]);
      expect(await store.listDueSubscriptions(at(-10), 10)).toEqual([]);
    });

    test('advanceSubscription moves the next due instant and the window start without a run', async () => {
      const store = ctx.store();
      const sub = await store.upsertSubscription(newSubscription());
      await store.advanceSubscription(sub.id, T1, T0);
      expect(await store.getSubscription(sub.id)).toMatchObject({ nextDueAt: T1, lastRunAt: T0 });
      expect(await store.listDigestRuns(sub.id)).toEqual([]);
    });
  });
}
