import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { timeOrderedIds } from '../../src/store/ids.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('time-ordered ids', () => {
  test('have the UUID version 7 layout and carry the clock\'s millisecond', () => {
    const id = timeOrderedIds(() => Date.parse('2026-11-29T08:00:00.000Z'))();
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2026-11-29T08:00:00.000Z'));
  });

  test('increase strictly, as text, whatever the clock does (stands still, steps back, jumps)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 44 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 1, max: 5000 }),
        (clock, perTick) => {
          let tick = 0;
          const next = timeOrderedIds(() => clock[Math.floor(tick++ / perTick) % clock.length] ?? 0);
          let previous = '';
          for (let i = 0; i < 5000; i++) {
            const id = next();
            // Plain checks in the loop: thousands of expect() calls would dominate the run time.
            if (!UUID_V7.test(id) || id <= previous) return false;
            previous = id;
          }
          return true;
        },
      ),
      { numRuns: 30 },
    );
  });

  test('are unique across many ids from the same millisecond', () => {
    const next = timeOrderedIds(() => 1_700_000_000_000);
    const ids = new Set(Array.from({ length: 20_000 }, () => next()));
    expect(ids.size).toBe(20_000);
  });
});
