/**
 * Time is injected, never read deep inside logic: the scheduler and the sender take a `Clock`
 * (and a `Sleep`), so tests drive them with fake instants and run hours of schedule in milliseconds.
 */
export interface Clock {
  now(): Date;
}

/**
 * Waits `ms` milliseconds of the clock's time. Resolves early (without error) when `signal`
 * aborts, so a graceful stop never waits for a long backoff to run out.
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const systemClock: Clock = { now: () => new Date() };

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
