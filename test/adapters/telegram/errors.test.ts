import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { deliveryErrorFromTelegram } from '../../../src/adapters/telegram/errors.ts';
import { DeliveryError } from '../../../src/delivery/delivery-error.ts';

const telegram = (error_code: number, description: string, parameters?: { retry_after?: number; migrate_to_chat_id?: number }) =>
  new TelegramError({ error_code, description, ...(parameters ? { parameters } : {}) });

describe('Telegram errors as delivery kinds', () => {
  it.each([
    [telegram(429, 'Too Many Requests: retry after 7', { retry_after: 7 }), { kind: 'rate_limited', retryAfterMs: 7_000, global: false }],
    [telegram(403, 'Forbidden: bot was blocked by the user'), { kind: 'blocked' }],
    [telegram(403, 'Forbidden: bot was kicked from the group chat'), { kind: 'blocked' }],
    [telegram(403, 'Forbidden: bot was kicked from the supergroup chat'), { kind: 'blocked' }],
    [telegram(403, 'Forbidden: user is deactivated'), { kind: 'blocked' }],
    [telegram(403, 'Forbidden: bot is not a member of the channel chat'), { kind: 'blocked' }],
    [telegram(403, "Forbidden: bot can't initiate conversation with a user"), { kind: 'blocked' }],
    [telegram(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: -1001234567890 }), { kind: 'migrated', newTargetId: '-1001234567890' }],
    [telegram(400, 'Bad Request: chat not found'), { kind: 'gone' }],
    [telegram(400, 'Bad Request: group chat was deactivated'), { kind: 'gone' }],
    [telegram(400, 'Bad Request: not enough rights to send text messages to the chat'), { kind: 'forbidden', permission: 'can_send_messages' }],
    [telegram(403, 'Forbidden: CHAT_WRITE_FORBIDDEN'), { kind: 'forbidden' }],
    [telegram(400, "Bad Request: can't parse entities: Unsupported start tag \"foo\" at byte offset 0"), { kind: 'bad_payload' }],
    [telegram(400, 'Bad Request: message is too long'), { kind: 'bad_payload' }],
    [telegram(400, 'Bad Request: BUTTON_DATA_INVALID'), { kind: 'bad_payload' }],
    [telegram(500, 'Internal Server Error'), { kind: 'transient', status: 500 }],
    [telegram(502, 'Bad Gateway'), { kind: 'transient' }],
    [telegram(401, 'Unauthorized'), { kind: 'unknown', status: 401 }],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }), { kind: 'transient' }],
    [Object.assign(new Error('request to https://api.telegram.org failed'), { name: 'FetchError' }), { kind: 'transient' }],
    [new TypeError('body is not a function'), { kind: 'unknown' }],
  ] as const)('given %s then it is %o', (error, expected) => {
    expect(deliveryErrorFromTelegram(error)).toMatchObject(expected);
  });

  it('given a 429 without retry_after then the sender backs off on its own schedule', () => {
    const error = deliveryErrorFromTelegram(telegram(429, 'Too Many Requests'));
    expect(error.kind).toBe('rate_limited');
    expect(Number.isFinite(error.retryAfterMs)).toBe(false);
  });

  it('keeps Telegram\'s description for the logs and the outbox', () => {
    expect(deliveryErrorFromTelegram(telegram(403, 'Forbidden: bot was blocked by the user')).describe()).toBe(
      'blocked: Forbidden: bot was blocked by the user (status 403)',
    );
  });

  it('passes a DeliveryError through unchanged', () => {
    const original = DeliveryError.gone();
    expect(deliveryErrorFromTelegram(original)).toBe(original);
  });
});
