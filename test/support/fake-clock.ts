/**
 * A clock tests move by hand, with timers that fire in order of their instants. `runUntil` runs
 * virtual time: it lets every pending promise settle, then jumps to the next timer, until the
 * awaited work is done — so hours of scheduling or rate-limited sending take milliseconds.
 */
import type { Clock, Sleep } from '../../src/scheduler/clock.ts';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

/** Lets promise chains and better-sqlite3-backed store calls (all microtasks) run to completion. */
export async function settle(rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class FakeClock implements Clock {
  #now: number;
  #timers: Timer[] = [];
  #seq = 0;

  constructor(start: Date | string | number = '2026-03-01T00:00:00.000Z') {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  get ms(): number {
    return this.#now;
  }

  readonly sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const timer: Timer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fire: resolve };
      this.#timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.#timers = this.#timers.filter((t) => t !== timer);
          resolve();
        },
        { once: true },
      );
    });

  /** Pending timers (for asserting nothing is left waiting). */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Moves to an instant (never backwards), firing every timer due on the way, in order. */
  async set(instant: Date | string | number): Promise<void> {
    const target = new Date(instant).getTime();
    if (target < this.#now) throw new RangeError(`the fake clock does not go back (${new Date(target).toISOString()} < ${this.now().toISOString()})`);
    for (;;) {
      await settle();
      const next = this.#earliest();
      if (!next || next.at > target) break;
      this.#fire(next);
    }
    this.#now = target;
    await settle();
  }

  async advance(ms: number): Promise<void> {
    await this.set(this.#now + ms);
  }

  /**
   * Runs virtual time until `work` settles, jumping from timer to timer. Fails rather than hangs
   * when the work waits on nothing the clock can fire, or runs past `limitMs` of virtual time.
   */
  async runUntil<T>(work: Promise<T>, limitMs = 24 * 3_600_000): Promise<T> {
    let done = false;
    const tracked = work.finally(() => {
      done = true;
    });
    tracked.catch(() => undefined);
    const deadline = this.#now + limitMs;
    let idleRounds = 0;
    while (!done) {
      await settle();
      if (done) break;
      const next = this.#earliest();
      if (!next) {
        if (++idleRounds > 50) throw new Error('fake clock: the work is waiting on something no timer will fire');
        continue;
      }
      idleRounds = 0;
      if (next.at > deadline) throw new Error(`fake clock: the work did not finish within ${limitMs} ms of virtual time`);
      this.#fire(next);
    }
    return tracked;
  }

  #earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.#timers) if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    return best;
  }

  #fire(timer: Timer): void {
    this.#timers = this.#timers.filter((t) => t !== timer);
    this.#now = Math.max(this.#now, timer.at);
    timer.fire();
  }
}
