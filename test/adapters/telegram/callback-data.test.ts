import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_MAX_BYTES, CallbackCodec, type ButtonAction } from '../../../src/adapters/telegram/callback-data.ts';

const action = fc.record({
  mode: fc.constantFrom<ButtonAction['mode']>('send', 'edit'),
  line: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }).map((text) => `/${text}`),
});

describe('callback data', () => {
  it('fits every button in Telegram\'s 64 bytes and reads back the same action (property)', () => {
    const codec = new CallbackCodec();
    fc.assert(
      fc.property(action, (button) => {
        const data = codec.encode(button);
        expect(Buffer.byteLength(data, 'utf8')).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
        expect(codec.decode(data)).toEqual({ kind: 'action', action: button });
      }),
    );
  });

  it.each([
    ['a short line travels in the button itself', { mode: 'send', line: '/news iraq-us-relations' }, 'r:/news iraq-us-relations'],
    ['an edit keeps its mode', { mode: 'edit', line: '/subscribe iraq-us-relations 18:00' }, 'e:/subscribe iraq-us-relations 18:00'],
  ] as const)('%s', (_case, button, expected) => {
    expect(new CallbackCodec().encode(button)).toBe(expected);
  });

  it('keeps a long line (an Arabic topic name, a channel id) behind a short key', () => {
    const codec = new CallbackCodec();
    const line = '/subscribe -1001234567890 "العلاقات العراقية الأمريكية" 08:00 Asia/Baghdad';
    const data = codec.encode({ mode: 'edit', line });
    expect(data).toMatch(/^k:/);
    expect(codec.decode(data)).toEqual({ kind: 'action', action: { mode: 'edit', line } });
  });

  it('says a key has expired once it was evicted, or when it comes from another run of the bot', () => {
    const codec = new CallbackCodec(2);
    const long = (n: number) => ({ mode: 'send' as const, line: `/news ${'x'.repeat(70)}${n}` });
    const first = codec.encode(long(1));
    codec.encode(long(2));
    codec.encode(long(3));
    expect(codec.storedKeys).toBe(2);
    expect(codec.decode(first)).toEqual({ kind: 'expired' });
    expect(new CallbackCodec().decode(codec.encode(long(4)))).toEqual({ kind: 'expired' });
  });

  it.each([[undefined], [''], ['r:'], ['vote:up'], ['/news']])('given foreign data %j then it is not an action', (data) => {
    expect(new CallbackCodec().decode(data)).toEqual({ kind: 'foreign' });
  });
});
