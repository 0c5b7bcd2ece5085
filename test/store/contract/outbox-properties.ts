import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ContractContext } from '../contract.ts';
import { at, commitFor, newSubscription, renderFor, T0 } from './fixtures.ts';

type Outcome = { kind: 'sent' } | { kind: 'retry'; hours: number } | { kind: 'fail' };

const outcome: fc.Arbitrary<Outcome> = fc.oneof(
  { weight: 5, arbitrary: fc.constant<Outcome>({ kind: 'sent' }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 3 }).map<Outcome>((hours) => ({ kind: 'retry', hours })) },
  { weight: 1, arbitrary: fc.constant<Outcome>({ kind: 'fail' }) },
);

let round = 0;

export function outboxPropertyContract(ctx: ContractContext): void {
  describe('outbox drained under random outcomes', () => {
    test('every message leaves the outbox once, each run strictly in seq order, never before it is due', async () => {
      const store = ctx.store();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
          fc.array(outcome, { minLength: 1, maxLength: 30 }),
          fc.integer({ min: 1, max: 5 }),
          async (runSizes, outcomes, pollSize) => {
            round += 1;
            // A failing round (while fast-check shrinks) may leave messages behind: clear them first.
            for (let left = await store.nextDeliveries('telegram', at(10_000), 100); left.length > 0; left = await store.nextDeliveries('telegram', at(10_000), 100)) {
              for (const d of left) await store.markFailed(d.id, 'left by an earlier round');
            }
            const render = await renderFor(store, `property-${round}`, 'telegram', 4);
            const commits = [];
            for (const [r, size] of runSizes.entries()) {
              const chatId = `p${round}-${r}`;
              const sub = await store.upsertSubscription(newSubscription({ chat: { platform: 'telegram', chatId }, targetId: chatId }));
              commits.push(commitFor(sub, render.id, { messageCount: size, targetId: chatId }));
            }
            const { created } = await store.commitDigestRuns(commits);
            const total = runSizes.reduce((a, b) => a + b, 0);

            const done = new Map<string, number[]>(created.map((id) => [id, []]));
            const seen = new Set<string>();
            let now = T0;
            let step = 0;
            const retries: string[] = [];
            for (let guard = 0; guard < 500 && seen.size < total; guard++) {
              const batch = await store.nextDeliveries('telegram', now, pollSize);
              if (batch.length === 0) {
                const later = retries.filter((r) => r > now).sort()[0];
                if (later === undefined) break;
                now = later;
                continue;
              }
              const keys = batch.map((d) => `${d.nextAttemptAt}|${d.id.padStart(20, '0')}`);
              expect(keys).toEqual([...keys].sort());
              for (const d of batch) {
                expect(d.nextAttemptAt <= now).toBe(true);
                expect(seen.has(d.id)).toBe(false);
                const runDone = done.get(d.runId ?? '');
                expect(runDone).toBeDefined();
                // Everything before this message in its run has already left the outbox.
                expect(runDone?.length).toBe(d.seq);
                const drawn = outcomes[step++ % outcomes.length] ?? { kind: 'sent' };
                // At most two retries per message, so every generated scenario drains.
                const o: Outcome = drawn.kind === 'retry' && d.attempts >= 2 ? { kind: 'sent' } : drawn;
                if (o.kind === 'retry') {
                  const next = at((Date.parse(now) - Date.parse(T0)) / 3_600_000 + o.hours);
                  await store.markRetry(d.id, next, 'transient');
                  retries.push(next);
                  break;
                }
                if (o.kind === 'sent') await store.markSent(d.id, now);
                else await store.markFailed(d.id, 'permanent');
                seen.add(d.id);
                runDone?.push(d.seq);
              }
            }
            expect(seen.size).toBe(total);
            for (const [runId, seqs] of done) {
              const size = runSizes[created.indexOf(runId)] ?? -1;
              expect(seqs).toEqual(Array.from({ length: size }, (_, i) => i));
            }
            expect(await store.nextDeliveries('telegram', at(10_000), 100)).toEqual([]);
          },
        ),
        // Few runs: each drives a whole outbox through the engine, and PostgreSQL pays a round trip per call.
        { numRuns: 6 },
      );
    });
  });
}
