/**
 * A platform double for sender tests: records every attempt with the fake clock's instant, can be
 * scripted to fail, and checks rate limits the way the platform would (sliding windows).
 */
import type { DeliveryError } from '../../src/delivery/delivery-error.ts';
import type { PlatformSender, SendResult } from '../../src/delivery/platform-sender.ts';
import type { Clock, Sleep } from '../../src/scheduler/clock.ts';
import type { Platform } from '../../src/store/records.ts';

export interface Attempt {
  targetId: string;
  body: unknown;
  at: number;
  ok: boolean;
}

export type Script = (attempt: { targetId: string; body: unknown; attemptNo: number; at: number }) => DeliveryError | null;

export class FakePlatform implements PlatformSender {
  readonly attempts: Attempt[] = [];
  script: Script = () => null;
  latencyMs = 0;
  #inFlight = 0;
  maxInFlight = 0;

  constructor(
    readonly platform: Platform,
    private readonly clock: Clock & { sleep?: Sleep },
  ) {}

  async send(targetId: string, body: unknown): Promise<SendResult> {
    const at = this.clock.now().getTime();
    const attemptNo = this.attempts.length;
    this.#inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
    try {
      if (this.latencyMs > 0 && this.clock.sleep) await this.clock.sleep(this.latencyMs);
      const failure = this.script({ targetId, body, attemptNo, at });
      this.attempts.push({ targetId, body, at, ok: failure === null });
      if (failure) throw failure;
      return { messageId: `m${attemptNo}` };
    } finally {
      this.#inFlight--;
    }
  }

  plainTextFallback(body: unknown): unknown {
    const text = (body as { text?: unknown } | null)?.text;
    return typeof text === 'string' ? { text: text.replace(/<[^>]+>/g, '') } : null;
  }

  delivered(): Attempt[] {
    return this.attempts.filter((a) => a.ok);
  }

  attemptsTo(targetId: string): Attempt[] {
    return this.attempts.filter((a) => a.targetId === targetId);
  }
}

/** Instants (sorted) at which more than `limit` fall in some half-open window of `windowMs`. */
export function windowViolations(instants: number[], limit: number, windowMs: number): number {
  const sorted = [...instants].sort((a, b) => a - b);
  let violations = 0;
  for (let i = limit; i < sorted.length; i++) if ((sorted[i] as number) - (sorted[i - limit] as number) < windowMs) violations++;
  return violations;
}

export function byTarget(attempts: Attempt[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const a of attempts) map.set(a.targetId, [...(map.get(a.targetId) ?? []), a.at]);
  return map;
}
