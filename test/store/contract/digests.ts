import { describe, expect, test } from 'vitest';
import type { DigestRunCommit } from '../../../src/store/records.ts';
import type { Store } from '../../../src/store/store.ts';
import type { ContractContext } from '../contract.ts';
import { at, commitFor, newSubscription, renderFor, T0, T1, T2 } from './fixtures.ts';

async function threeSubscriptions(store: Store) {
  return Promise.all(
    ['7', '8', '9'].map((id) =>
      store.upsertSubscription(newSubscription({ chat: { platform: 'telegram', chatId: id }, targetId: id })),
    ),
  );
}

export function digestContract(ctx: ContractContext): void {
  describe('renders and digest runs', () => {
    test('saveRender stores a render once per key and returns the first one for the same key', async () => {
      const store = ctx.store();
      const first = await store.saveRender({ key: 'iraq|a|b|ar|telegram', platform: 'telegram', payloads: [{ text: 'واحد' }] });
      const second = await store.saveRender({ key: 'iraq|a|b|ar|telegram', platform: 'telegram', payloads: [{ text: 'two' }] });
      expect(second).toEqual(first);
      expect(first.payloads).toEqual([{ text: 'واحد' }]);
      expect(await store.getRender(first.id)).toEqual(first);
      expect(await store.getRender('unknown')).toBeNull();
      const other = await store.saveRender({ key: 'iraq|a|b|en|telegram', platform: 'telegram', payloads: [] });
      expect(other.id).not.toBe(first.id);
    });

    test('commitDigestRuns records the run, enqueues its messages and advances the subscription', async () => {
      const store = ctx.store();
      const sub = await store.upsertSubscription(newSubscription());
      const render = await renderFor(store, 'k', 'telegram', 3);
      const commit = commitFor(sub, render.id, { messageCount: 3, windowTo: at(0.01) });
      const result = await store.commitDigestRuns([commit]);
      expect(result.duplicates).toBe(0);
      expect(result.created).toHaveLength(1);

      const run = await store.getDigestRun(sub.id, T0);
      expect(run).toMatchObject({
        id: result.created[0],
        subscriptionId: sub.id,
        scheduledFor: T0,
        windowFrom: null,
        windowTo: at(0.01),
        status: 'queued',
        renderId: render.id,
        messageCount: 3,
      });
      expect(await store.getSubscription(sub.id)).toMatchObject({ nextDueAt: T1, lastRunAt: T0 });
      expect(await store.countOutbox('pending')).toBe(3);
      expect(await store.getDigestRun(sub.id, T1)).toBeNull();
    });

    test('the same commit twice creates one run and one set of outbox messages (run identity)', async () => {
      const store = ctx.store();
      const sub = await store.upsertSubscription(newSubscription());
      const render = await renderFor(store, 'k');
      const commit = commitFor(sub, render.id);
      const first = await store.commitDigestRuns([commit]);
      const again = await store.commitDigestRuns([commit, commit]);
      expect(first.created).toHaveLength(1);
      expect(again).toEqual({ created: [], duplicates: 2 });
      expect(await store.listDigestRuns(sub.id)).toHaveLength(1);
      expect(await store.countOutbox()).toBe(2);
      // A duplicate never moves a subscription backwards.
      await store.commitDigestRuns([commitFor({ ...sub, nextDueAt: T1 }, render.id)]);
      await store.commitDigestRuns([commit]);
      expect(await store.getSubscription(sub.id)).toMatchObject({ nextDueAt: T2, lastRunAt: T1 });
    });

    test('a batch mixing new and already committed runs enqueues each new run\'s messages under that run', async () => {
      const store = ctx.store();
      const [a, b, c] = await threeSubscriptions(store);
      const render = await renderFor(store, 'k', 'telegram', 2);
      await store.commitDigestRuns([commitFor(b!, render.id, { messageCount: 2 })]);
      const result = await store.commitDigestRuns([
        commitFor(a!, render.id, { messageCount: 1 }),
        commitFor(b!, render.id, { messageCount: 2 }),
        commitFor(c!, render.id, { messageCount: 2 }),
      ]);
      expect(result.duplicates).toBe(1);
      const runA = await store.getDigestRun(a!.id, T0);
      const runC = await store.getDigestRun(c!.id, T0);
      expect([...result.created].sort()).toEqual([runA!.id, runC!.id].sort());
      expect(await store.countOutbox('pending')).toBe(5);
      const firsts = await store.nextDeliveries('telegram', T0, 10);
      expect(firsts.map((d) => [d.subscriptionId, d.runId, d.targetId, d.seq]).sort()).toEqual(
        [
          [a!.id, runA!.id, a!.targetId, 0],
          [b!.id, (await store.getDigestRun(b!.id, T0))!.id, b!.targetId, 0],
          [c!.id, runC!.id, c!.targetId, 0],
        ].sort(),
      );

      // The newest run deleted with its subscription: the next ids may skip, and still match their runs.
      expect(await store.deleteSubscription(c!.chat, c!.topicId)).toBe(1);
      const d = await store.upsertSubscription(newSubscription({ chat: { platform: 'telegram', chatId: '10' }, targetId: '10' }));
      const later = await store.commitDigestRuns([commitFor(d, render.id, { messageCount: 2 }), commitFor({ ...a!, nextDueAt: T1 }, render.id, { messageCount: 1 })]);
      const runD = await store.getDigestRun(d.id, T0);
      const runA1 = await store.getDigestRun(a!.id, T1);
      expect(later).toEqual({ created: [runD!.id, runA1!.id], duplicates: 0 });
      const forD = (await store.nextDeliveries('telegram', T1, 20)).filter((m) => m.subscriptionId === d.id);
      expect(forD.map((m) => [m.runId, m.targetId, m.seq])).toEqual([[runD!.id, '10', 0]]);
    });

    test('a duplicate run still advances a subscription that was left due at that instant', async () => {
      const store = ctx.store();
      const sub = await store.upsertSubscription(newSubscription());
      const commit = commitFor(sub, null);
      await store.commitDigestRuns([commit]);
      await store.resumeSubscription(sub.id, T0);
      expect(await store.commitDigestRuns([commit])).toEqual({ created: [], duplicates: 1 });
      expect((await store.getSubscription(sub.id))?.nextDueAt).toBe(T1);
    });

    test('a batch with a row the database rejects leaves nothing behind: no runs, no messages, no advance', async () => {
      const store = ctx.store();
      const subs = await threeSubscriptions(store);
      const render = await renderFor(store, 'k');
      const bad: DigestRunCommit = {
        ...commitFor(subs[2]!, render.id),
        // A delivery target is required: the outbox insert fails after the runs were written.
        targetId: null as unknown as string,
      };
      await expect(store.commitDigestRuns([commitFor(subs[0]!, render.id), commitFor(subs[1]!, render.id), bad])).rejects.toThrow();
      for (const sub of subs) {
        expect(await store.listDigestRuns(sub.id)).toEqual([]);
        expect(await store.getSubscription(sub.id)).toMatchObject({ nextDueAt: T0, lastRunAt: null });
      }
      expect(await store.countOutbox()).toBe(0);
      // The same batch without the bad row then goes through.
      const ok = await store.commitDigestRuns([commitFor(subs[0]!, render.id), commitFor(subs[1]!, render.id)]);
      expect(ok.created).toHaveLength(2);
    });

    test.each([
      ['an unknown render', { renderId: 'no-such-render' }, 'invalid'],
      ['more messages than the render has', { messageCount: 5 }, 'invalid'],
      ['a render of another platform', { platform: 'discord' as const }, 'invalid'],
      ['inline payloads not matching the count', { inlinePayloads: [{ text: 'a' }], messageCount: 2 }, 'invalid'],
      ['a negative message count', { messageCount: -1 }, 'invalid'],
      ['an unknown subscription', { subscriptionId: 'no-such-subscription' }, 'not-found'],
    ])('a batch with %s is refused as a whole', async (_name, override, code) => {
      const store = ctx.store();
      const [good, other] = await threeSubscriptions(store);
      const render = await renderFor(store, 'k');
      const batch = [commitFor(good!, render.id), { ...commitFor(other!, render.id), ...override }];
      await expect(store.commitDigestRuns(batch)).rejects.toMatchObject({ code });
      expect(await store.listDigestRuns(good!.id)).toEqual([]);
      expect(await store.countOutbox()).toBe(0);
      expect((await store.getSubscription(good!.id))?.nextDueAt).toBe(T0);
    });

    test('an empty run is recorded without messages; a quiet-day run carries its inline message', async () => {
      const store = ctx.store();
      const [quiet, silent] = await threeSubscriptions(store);
      const result = await store.commitDigestRuns([
        commitFor(silent!, null, { status: 'empty', messageCount: 0 }),
        commitFor(quiet!, null, { status: 'empty', messageCount: 1, inlinePayloads: [{ text: 'يوم هادئ' }] }),
      ]);
      expect(result.created).toHaveLength(2);
      expect(await store.getDigestRun(silent!.id, T0)).toMatchObject({ status: 'empty', messageCount: 0, renderId: null });
      const [delivery, ...rest] = await store.nextDeliveries('telegram', T0, 10);
      expect(rest).toEqual([]);
      expect(delivery).toMatchObject({ targetId: quiet!.targetId, body: { text: 'يوم هادئ' }, subscriptionId: quiet!.id, seq: 0 });
    });

    test('notBefore holds a run\'s messages until that instant (quiet hours)', async () => {
      const store = ctx.store();
      const sub = await store.upsertSubscription(newSubscription());
      const render = await renderFor(store, 'k');
      await store.commitDigestRuns([commitFor(sub, render.id, { notBefore: at(3) })]);
      expect(await store.nextDeliveries('telegram', at(2), 10)).toEqual([]);
      const due = await store.nextDeliveries('telegram', at(3), 10);
      expect(due.map((d) => [d.seq, d.nextAttemptAt])).toEqual([[0, at(3)]]);
    });

    test('listDigestRuns lists a subscription\'s runs by scheduled instant', async () => {
      const store = ctx.store();
      const sub = await store.upsertSubscription(newSubscription());
      await store.commitDigestRuns([commitFor({ ...sub, nextDueAt: T1 }, null), commitFor(sub, null, { status: 'skipped' })]);
      expect((await store.listDigestRuns(sub.id)).map((r) => [r.scheduledFor, r.status])).toEqual([
        [T0, 'skipped'],
        [T1, 'empty'],
      ]);
    });
  });
}
