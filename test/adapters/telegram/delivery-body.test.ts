import { describe, expect, it } from 'vitest';
import { createTelegramDelivery, messageBodyOf } from '../../../src/adapters/telegram/delivery.ts';
import { renderPayloads } from '../../../src/digest/compose.ts';
import { silentLogger } from '../../../src/logger.ts';
import { hostileBriefing } from '../../support/briefing-fixtures.ts';

// Bodies are checked before anything is sent: no request reaches Telegram in these tests.
const delivery = createTelegramDelivery(() => {
  throw new Error('no Telegram in this test');
}, silentLogger());

describe('Telegram digest bodies', () => {
  it('takes the shared renderer\'s sendMessage bodies as they are', () => {
    for (const payload of renderPayloads(hostileBriefing(), 'telegram')) {
      expect(messageBodyOf(payload)).toEqual(payload);
    }
  });

  it.each([
    ['a stray chat_id', { text: 'hi', chat_id: 42 }, { text: 'hi', link_preview_options: { is_disabled: true } }],
    ['no preview options (previews stay off)', { text: 'hi', parse_mode: 'HTML' }, { text: 'hi', parse_mode: 'HTML', link_preview_options: { is_disabled: true } }],
    ['previews asked for', { text: 'hi', link_preview_options: { is_disabled: false } }, { text: 'hi', link_preview_options: { is_disabled: false } }],
    ['a parse mode other than HTML', { text: '*hi*', parse_mode: 'MarkdownV2' }, { text: '*hi*', link_preview_options: { is_disabled: true } }],
  ])('given %s then only what Telegram should see is sent', (_case, body, expected) => {
    expect(messageBodyOf(body)).toEqual(expected);
  });

  it.each([[null], ['text'], [{}], [{ text: '   ' }], [{ text: 42 }]])('given %j then it is not a message', async (body) => {
    expect(messageBodyOf(body)).toBeNull();
    await expect(delivery.send('1', body)).rejects.toMatchObject({ kind: 'bad_payload' });
  });

  it('falls back from HTML to its plain text, and has nothing simpler for a plain message', () => {
    expect(delivery.plainTextFallback?.({ text: '<b>Hello</b> &amp; bye', parse_mode: 'HTML', link_preview_options: { is_disabled: true } })).toEqual({
      text: 'Hello & bye',
      link_preview_options: { is_disabled: true },
    });
    expect(delivery.plainTextFallback?.({ text: 'plain' })).toBeNull();
  });
});
