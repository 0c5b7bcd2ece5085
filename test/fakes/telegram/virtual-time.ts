/**
 * Time that moves only when nothing is happening: a clock and a `Sleep` for the outbox sender,
 * shared with the fake Bot API's flood control. While a request is in transit (`hold`), time
 * stands still, so the fake sees each message at exactly the instant the sender counted it; when
 * everything is waiting, time jumps to the earliest wake-up. Minutes of Telegram's real limits
 * (30/s per bot, 1/s per chat, 20/min per group) then pass in as much real time as the work takes,
 * and a window the sender overfills is overfilled for the fake too, never hidden by scheduling
 * noise nor invented by it.
 */
import type { Clock, Sleep } from '../../../src/scheduler/clock.ts';

interface Timer {
  at: number;
  wake: () => void;
}

export class VirtualTime implements Clock {
  #now: number;
  #timers: Timer[] = [];
  #busy = 0;
  #checking = false;

  constructor(start: string | number) {
    this.#now = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): Date {
    return new Date(this.#now);
  }

  nowMs(): number {
    return this.#now;
  }

  readonly sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = { at: this.#now + Math.max(0, ms), wake: resolve };
      const index = this.#timers.findIndex((other) => other.at > timer.at);
      this.#timers.splice(index < 0 ? this.#timers.length : index, 0, timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.#timers = this.#timers.filter((other) => other !== timer);
          resolve();
        },
        { once: true },
      );
      this.#check();
    });

  /** Runs work during which time must not move (a request on its way to the server and back). */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.#busy++;
    try {
      return await work();
    } finally {
      this.#busy--;
      this.#check();
    }
  }

  /**
   * Advances to the next wake-up once nothing is held and the event loop has gone round twice
   * with nothing new (the outcome of a finished request is being recorded meanwhile).
   */
  #check(): void {
    if (this.#checking) return;
    this.#checking = true;
    let quietTurns = 0;
    const turn = (): void => {
      if (this.#busy > 0 || this.#timers.length === 0) {
        this.#checking = false;
        return;
      }
      if (++quietTurns < 2) return void setImmediate(turn);
      this.#checking = false;
      const next = this.#timers[0] as Timer;
      this.#now = Math.max(this.#now, next.at);
      const due = this.#timers.filter((timer) => timer.at <= this.#now);
      this.#timers = this.#timers.filter((timer) => timer.at > this.#now);
      for (const timer of due) timer.wake();
      this.#check();
    };
    setImmediate(turn);
  }
}
