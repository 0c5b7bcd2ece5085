/**
 * Keeps the delivery history from growing without end: every few hours, finished digest runs,
 * sent or failed messages and unused renders older than `keepDays` are removed (see
 * `Store.pruneDeliveryHistory`). A busy bot writes a run and a message per subscription per day,
 * so an outbox that is never pruned grows by millions of rows a month. Pruning is idempotent, so
 * several processes may each run it.
 */
import { errorFields, type EventLog } from '../delivery/event-log.ts';
import type { PrunedHistory } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';

export interface HistoryPrunerOptions {
  store: Pick<Store, 'pruneDeliveryHistory'>;
  clock: Clock;
  log: EventLog;
  /** How many days of history to keep; 0 keeps everything (the pruner does nothing). */
  keepDays: number;
  everyMs?: number;
  /** Delay before the first pass (10 min), so it stays out of start-up and the catch-up tick. */
  firstAfterMs?: number;
}

const DAY_MS = 86_400_000;

export class HistoryPruner {
  readonly #options: HistoryPrunerOptions;
  #first: NodeJS.Timeout | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<PrunedHistory | null> | null = null;

  constructor(options: HistoryPrunerOptions) {
    this.#options = options;
  }

  /**
   * Prunes after `firstAfterMs`, then every `everyMs` (6 h by default) until stopped. The pass scans
   * the runs table, so it is kept away from start-up, when the scheduler catches up.
   */
  start(): void {
    if (this.#first || this.#timer || this.#options.keepDays <= 0) return;
    const tick = (): void => void this.pruneNow();
    this.#first = setTimeout(tick, this.#options.firstAfterMs ?? 10 * 60_000);
    this.#first.unref();
    this.#timer = setInterval(tick, this.#options.everyMs ?? 6 * 3_600_000);
    this.#timer.unref();
  }

  /** One pass; null when history is kept for ever or the pass failed (logged). */
  pruneNow(): Promise<PrunedHistory | null> {
    this.#running ??= this.#prune().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async stop(): Promise<void> {
    if (this.#first) clearTimeout(this.#first);
    if (this.#timer) clearInterval(this.#timer);
    this.#first = null;
    this.#timer = null;
    await this.#running;
  }

  async #prune(): Promise<PrunedHistory | null> {
    const { keepDays, clock, log, store } = this.#options;
    if (keepDays <= 0) return null;
    const before = new Date(clock.now().getTime() - keepDays * DAY_MS).toISOString();
    try {
      const pruned = await store.pruneDeliveryHistory(before);
      if (pruned.runs + pruned.messages + pruned.renders > 0) log.info({ event: 'history.pruned', before, ...pruned }, 'old delivery history removed');
      return pruned;
    } catch (error) {
      log.error({ event: 'history.prune_failed', before, ...errorFields(error) }, 'removing old delivery history failed; trying again later');
      return null;
    }
  }
}
