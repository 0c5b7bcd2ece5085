import { describe, expect, it } from 'vitest';
import { HistoryPruner } from '../../src/scheduler/history-pruner.ts';
import { recordingEventLog } from '../support/event-log.ts';

const clock = { now: () => new Date('2026-11-30T08:00:00.000Z') };

describe('HistoryPruner', () => {
  it('removes history older than the days kept, and logs what went', async () => {
    const asked: string[] = [];
    const { lines: events, log } = recordingEventLog();
    const pruner = new HistoryPruner({ store: { pruneDeliveryHistory: async (before) => (asked.push(before), { runs: 4, messages: 1, renders: 2 }) }, clock, log, keepDays: 30 });
    expect(await pruner.pruneNow()).toEqual({ runs: 4, messages: 1, renders: 2 });
    expect(asked).toEqual(['2026-10-31T08:00:00.000Z']);
    expect(events).toEqual([expect.objectContaining({ event: 'history.pruned', before: '2026-10-31T08:00:00.000Z', runs: 4, messages: 1, renders: 2 })]);
  });

  it('given 0 days then it keeps everything and never asks the store', async () => {
    let asked = 0;
    const pruner = new HistoryPruner({ store: { pruneDeliveryHistory: async () => (asked++, { runs: 0, messages: 0, renders: 0 }) }, clock, log: recordingEventLog().log, keepDays: 0 });
    pruner.start();
    expect(await pruner.pruneNow()).toBeNull();
    await pruner.stop();
    expect(asked).toBe(0);
  });

  it('given the store fails then the failure is logged, nothing throws, and the next pass runs', async () => {
    let calls = 0;
    const { lines: events, log } = recordingEventLog();
    const pruner = new HistoryPruner({
      store: {
        pruneDeliveryHistory: async () => {
          calls += 1;
          if (calls === 1) throw new Error('database is locked');
          return { runs: 0, messages: 0, renders: 0 };
        },
      },
      clock,
      log,
      keepDays: 7,
    });
    expect(await pruner.pruneNow()).toBeNull();
    expect(events.map((line) => [line.event, line['error']])).toEqual([['history.prune_failed', 'database is locked']]);
    expect(await pruner.pruneNow()).toEqual({ runs: 0, messages: 0, renders: 0 });
  });
});
