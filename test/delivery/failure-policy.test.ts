import { describe, expect, it } from 'vitest';
import { asDeliveryError, DeliveryError } from '../../src/delivery/delivery-error.ts';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, planFailure, type FailureAction, type FailureContext } from '../../src/delivery/failure-policy.ts';

const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 5, maxRateLimitedAttempts: 10, maxMigrations: 2 };
const fresh: FailureContext = { attempts: 0, targetId: '-100', migrations: 0, fallbackUnavailable: false };
const NOW = 1_000_000;
const half = () => 0.5;

describe('backoffDelayMs (exponential, full jitter, capped)', () => {
  it.each([
    [0, 0.999, 999],
    [1, 0.999, 1_998],
    [3, 0.5, 4_000],
    [10, 0.999, 59_940],
    [60, 0.5, 30_000],
    [2, 0, 0],
  ])('given attempt %i and random %d then it waits %i ms', (attempt, random, expected) => {
    expect(backoffDelayMs(attempt, policy, () => random)).toBe(expected);
  });

  it('given the real random source then delays stay below the doubling ceiling', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const delay = backoffDelayMs(attempt, policy, Math.random);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
    }
  });
});

describe('planFailure', () => {
  const cases: Array<{ name: string; error: DeliveryError; context?: Partial<FailureContext>; expected: FailureAction | { type: FailureAction['type'] } }> = [
    { name: '429 with retry_after: exactly then, holding the target', error: DeliveryError.rateLimited(2_345), expected: { type: 'retry', at: NOW + 2_345, hold: 'target' } },
    { name: 'global 429: exactly then, holding the platform', error: DeliveryError.rateLimited(10_000, { global: true }), expected: { type: 'retry', at: NOW + 10_000, hold: 'platform' } },
    { name: '429 without a usable retry_after: backoff', error: new DeliveryError('rate_limited', 'slow down'), expected: { type: 'retry', at: NOW + 500, hold: null } },
    { name: '429 beyond its allowance: give up', error: DeliveryError.rateLimited(1_000), context: { attempts: 9 }, expected: { type: 'fail' } },
    { name: '5xx: backoff with jitter', error: DeliveryError.transient('502 Bad Gateway', { status: 502 }), context: { attempts: 2 }, expected: { type: 'retry', at: NOW + 2_000, hold: null } },
    { name: '5xx on the last allowed attempt: give up', error: DeliveryError.transient('503'), context: { attempts: 4 }, expected: { type: 'fail' } },
    { name: 'unknown error: retried like a transient one', error: asDeliveryError(new TypeError('x is undefined')), expected: { type: 'retry', at: NOW + 500, hold: null } },
    { name: 'migrated: move to the new chat id', error: DeliveryError.migrated('-100200'), expected: { type: 'migrate', newTargetId: '-100200' } },
    { name: 'migrated to the same id: give up, no loop', error: DeliveryError.migrated('-100'), expected: { type: 'fail' } },
    { name: 'migrated once too often: give up, no loop', error: DeliveryError.migrated('-100300'), context: { migrations: 2 }, expected: { type: 'fail' } },
    { name: 'blocked by the user: drop the target', error: DeliveryError.blocked(), expected: { type: 'drop_target', reason: 'blocked: the bot was blocked or removed from the chat' } },
    { name: 'chat gone: drop the target', error: DeliveryError.gone('Unknown Channel'), expected: { type: 'drop_target', reason: 'gone: Unknown Channel' } },
    { name: 'missing permission: drop the target, naming it', error: DeliveryError.forbidden('EMBED_LINKS'), expected: { type: 'drop_target', reason: 'forbidden: missing permission: EMBED_LINKS (permission EMBED_LINKS)' } },
    { name: 'bad payload: plain-text fallback', error: DeliveryError.badPayload("can't parse entities"), expected: { type: 'fallback' } },
    { name: 'bad payload after the fallback: give up, no loop', error: DeliveryError.badPayload("can't parse entities"), context: { fallbackUnavailable: true }, expected: { type: 'fail' } },
  ];

  it.each(cases)('$name', ({ error, context, expected }) => {
    const action = planFailure(error, { ...fresh, ...context }, policy, NOW, half);
    expect(action).toMatchObject(expected);
  });
});

describe('asDeliveryError', () => {
  it('given a DeliveryError then it is kept as is', () => {
    const error = DeliveryError.gone();
    expect(asDeliveryError(error)).toBe(error);
  });

  it('given a plain thrown value then it becomes an unknown failure carrying the cause', () => {
    const cause = new RangeError('boom');
    const error = asDeliveryError(cause);
    expect(error.kind).toBe('unknown');
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('RangeError: boom');
    expect(asDeliveryError('text').message).toBe('non-error thrown: text');
  });
});
