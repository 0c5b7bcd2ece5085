import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { createHarness, who, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const names = [...COMMANDS.map((command) => command.name), 'start', 'nonexistent'];
/** Argument text as users (and bots) type it: words, numbers, times, quotes, Arabic, `=`, control characters. */
const argText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('iraq-us-relations', '08:00', '25:61', 'Asia/Riyadh', 'weekly', '"', '«', '=', 'count=', 'topic=x', '٣', '-1', '1e3', 'نعم', '\u200f', '\u0000'),
      fc.integer({ min: -1e6, max: 1e6 }).map(String),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(' '));

describe('any input', () => {
  it('gets an answer, never a fault, and a non-admin never changes the store', async () => {
    const group = { platform: 'telegram', chatId: 'fuzz-group' } as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), argText, fc.constantFrom('en', 'ar', null), async (name, args, locale) => {
        const result = await h.router.handleText(who({ chatId: group.chatId, isAdmin: false, locale }), `/${name} ${args}`);
        expect(result.outcome).not.toBe('failed');
        expect(result.reply.parts.length).toBeGreaterThan(0);
        expect(await h.store.getChat(group)).toBeNull();
        expect(await h.store.listSubscriptions(group)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('typed values of the wrong type (a broken or hostile client) are refused, not crashed on', async () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COMMANDS), fc.dictionary(fc.constantFrom('topic', 'count', 'time', 'timezone', 'id', 'language', 'command', 'quiet_day'), value), async (command, values) => {
        const result = await h.router.handleOptions(who({ chatId: 'fuzz-typed', isAdmin: false }), command.name, values);
        expect(result.outcome).not.toBe('failed');
      }),
      { numRuns: 150 },
    );
  });
});
