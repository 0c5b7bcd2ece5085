import { describe, expect, test } from 'vitest';
import type { ContractContext } from '../contract.ts';
import { at, commitFor, newSubscription, renderFor, T0 } from './fixtures.ts';

export function outboxContract(ctx: ContractContext): void {
  describe('outbox', () => {
    test('nextDeliveries hands out a run\'s messages one at a time, in seq order, with bodies from the shared render', async () => {
      const store = ctx.store();
      const sub = await store.upsertSubscription(newSubscription());
      const render = await renderFor(store, 'k', 'telegram', 3);
      await store.commitDigestRuns([commitFor(sub, render.id, { messageCount: 3 })]);

      const seen: Array<[number, unknown]> = [];
      for (let i = 0; i < 4; i++) {
        const batch = await store.nextDeliveries('telegram', at(1), 10);
        if (batch.length === 0) break;
        expect(batch).toHaveLength(1);
        const d = batch[0]!;
        expect(d).toMatchObject({ subscriptionId: sub.id, renderId: render.id, payloadIndex: d.seq, payload: null, status: 'pending' });
        seen.push([d.seq, d.body]);
        await store.markSent(d.id, at(1));
      }
      expect(seen).toEqual(render.payloads.map((p, i) => [i, p]));
      expect(await store.countOutbox('sent')).toBe(3);
      expect(await store.countOutbox('pending')).toBe(0);
    });

    test('pruneDeliveryHistory forgets finished runs, sent or failed one-off messages and unused renders, and keeps anything pending', async () => {
      const store = ctx.store();
      const done = await store.upsertSubscription(newSubscription());
      const waiting = await store.upsertSubscription(newSubscription({ chat: { platform: 'telegram', chatId: '2' }, targetId: '2' }));
      const doneRender = await renderFor(store, 'done');
      const waitingRender = await renderFor(store, 'waiting');
      await store.commitDigestRuns([commitFor(done, doneRender.id), commitFor(waiting, waitingRender.id)]);
      await store.enqueueMessages([{ platform: 'telegram', targetId: '3', payload: { text: 'notice' } }], T0);
      await store.enqueueMessages([{ platform: 'telegram', targetId: '4', payload: { text: 'later' } }], at(10));
      for (const delivery of await store.nextDeliveries('telegram', at(1), 10)) {
        if (delivery.subscriptionId === done.id || delivery.targetId === '3') await store.markSent(delivery.id, at(1));
      }
      for (const delivery of await store.nextDeliveries('telegram', at(1), 10)) {
        if (delivery.subscriptionId === done.id) await store.markSent(delivery.id, at(1));
      }
      expect(await store.countOutbox('sent')).toBe(3);

      expect(await store.pruneDeliveryHistory('2000-01-01T00:00:00.000Z')).toEqual({ runs: 0, messages: 0, renders: 0 });
      expect(await store.pruneDeliveryHistory('2100-01-01T00:00:00.000Z')).toEqual({ runs: 1, messages: 1, renders: 1 });
      expect(await store.countOutbox('sent')).toBe(0);
      expect(await store.countOutbox('pending')).toBe(3);
      const left = await store.nextDeliveries('telegram', at(20), 10);
      expect(left.map((d) => [d.subscriptionId ?? d.targetId, d.seq])).toEqual([
        [waiting.id, 0],
        ['4', 0],
      ]);
      expect(left[0]?.body).toEqual(waitingRender.payloads[0]);
      expect(await store.pruneDeliveryHistory('2100-01-01T00:00:00.000Z')).toEqual({ runs: 0, messages: 0, renders: 0 });
    });

    test('a message in backoff holds back the rest of its run but not other runs', async () => {
      const store = ctx.store();
      const a = await store.upsertSubscription(newSubscription());
      const b = await store.upsertSubscription(newSubscription({ chat: { platform: 'telegram', chatId: '2' }, targetId: '2' }));
      const render = await renderFor(store, 'k');
      await store.commitDigestRuns([commitFor(a, render.id), commitFor(b, render.id)]);

      const first = await store.nextDeliveries('telegram', T0, 10);
      expect(first.map((d) => [d.subscriptionId, d.seq])).toEqual([
        [a.id, 0],
        [b.id, 0],
      ]);
      await store.markRetry(first[0]!.id, at(1), '429: retry after 3600 s');
      await store.markSent(first[1]!.id, T0);
      expect((await store.nextDeliveries('telegram', at(0.5), 10)).map((d) => [d.subscriptionId, d.seq])).toEqual([[b.id, 1]]);
      const retried = await store.nextDeliveries('telegram', at(1), 10);
      expect(retried.map((d) => [d.subscriptionId, d.seq])).toEqual([
        [b.id, 1],
        [a.id, 0],
      ]);
      expect(retried[1]).toMatchObject({ attempts: 1, lastError: '429: retry after 3600 s', nextAttemptAt: at(1) });
    });

    test('one-off messages are delivered oldest first beside digests, per platform, up to the limit', async () => {
      const store = ctx.store();
      const ids = await store.enqueueMessages(
        [
          { platform: 'telegram', targetId: '1', payload: { text: 'breaking' } },
          { platform: 'discord', targetId: '2', payload: { content: 'notice', allowed_mentions: { parse: [] } } },
          { platform: 'telegram', targetId: '3', payload: { text: 'second' } },
        ],
        T0,
      );
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(3);
      expect(await store.nextDeliveries('telegram', at(-1), 10)).toEqual([]);
      const telegram = await store.nextDeliveries('telegram', T0, 10);
      expect(telegram.map((d) => [d.id, d.body, d.runId, d.subscriptionId])).toEqual([
        [ids[0], { text: 'breaking' }, null, null],
        [ids[2], { text: 'second' }, null, null],
      ]);
      expect((await store.nextDeliveries('telegram', T0, 1)).map((d) => d.id)).toEqual([ids[0]]);
      const discord = await store.nextDeliveries('discord', T0, 10);
      expect(discord.map((d) => d.body)).toEqual([{ content: 'notice', allowed_mentions: { parse: [] } }]);
      expect(await store.enqueueMessages([], T0)).toEqual([]);
    });

    test('markFailed gives up one message; with dropTarget also every pending message to that target', async () => {
      const store = ctx.store();
      const sub = await store.upsertSubscription(newSubscription({ targetId: 'gone' }));
      const render = await renderFor(store, 'k', 'telegram', 3);
      await store.commitDigestRuns([commitFor(sub, render.id, { messageCount: 3, targetId: 'gone' })]);
      const [other] = await store.enqueueMessages(
        [
          { platform: 'telegram', targetId: 'gone', payload: { text: 'alert' } },
          { platform: 'telegram', targetId: 'alive', payload: { text: 'alert' } },
          { platform: 'discord', targetId: 'gone', payload: { content: 'alert' } },
        ],
        T0,
      );

      expect(await store.markFailed(other!, 'message too long')).toBe(1);
      const [head] = await store.nextDeliveries('telegram', at(1), 10);
      expect(head?.seq).toBe(0);
      expect(await store.markFailed(head!.id, '403: bot was blocked by the user', { dropTarget: true })).toBe(3);
      expect(await store.countOutbox('failed')).toBe(4);
      const left = await store.nextDeliveries('telegram', at(1), 10);
      expect(left.map((d) => d.targetId)).toEqual(['alive']);
      expect((await store.nextDeliveries('discord', at(1), 10)).map((d) => d.targetId)).toEqual(['gone']);
      expect(await store.markFailed('999999', 'unknown id')).toBe(0);
      expect(await store.markFailed('not-an-id', 'unknown id')).toBe(0);
    });

    test('countOutbox counts by status and in total', async () => {
      const store = ctx.store();
      const ids = await store.enqueueMessages(
        [1, 2, 3].map((n) => ({ platform: 'console' as const, targetId: 'console', payload: `line ${n}` })),
        T0,
      );
      await store.markSent(ids[0]!, T0);
      await store.markFailed(ids[1]!, 'bad');
      expect([await store.countOutbox(), await store.countOutbox('pending'), await store.countOutbox('sent'), await store.countOutbox('failed')]).toEqual([
        3, 1, 1, 1,
      ]);
      const [sent] = (await store.nextDeliveries('console', T0, 10)).map((d) => d.body);
      expect(sent).toBe('line 3');
    });
  });
}
