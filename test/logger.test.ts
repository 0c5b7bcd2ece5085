import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, scrubSecrets } from '../src/logger.ts';

const TELEGRAM_TOKEN = '123456789:AAHk2v-Example_Token_Value_0123456789';
const DISCORD_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789AB';

function capture(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line) => void lines.push(line) } });
  return { lines, logger };
}

describe('createLogger', () => {
  it('writes one JSON object per event, on one line, with a level label and an ISO time', () => {
    const { lines, logger } = capture();
    logger.info({ event: 'ingest', inserted: 3 }, 'articles ingested');
    logger.warn('second');
    expect(lines).toHaveLength(2);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(lines[0]?.trimEnd()).not.toContain('\n');
    const record = JSON.parse(lines[0] ?? '');
    expect(record).toMatchObject({ level: 'info', service: 'mowjaz', event: 'ingest', inserted: 3, msg: 'articles ingested' });
    expect(record.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it.each([
    ['a token field', { token: 'plain-secret' }],
    ['a nested token field', { adapter: { token: 'plain-secret' } }],
    ['config.discordToken', { config: { discordToken: 'plain-secret' } }],
    ['the authorization header', { headers: { authorization: 'Bot plain-secret' } }],
    ['a request authorization header', { req: { headers: { authorization: 'Bot plain-secret' } } }],
    ['a webhook secret', { telegram: { webhookSecret: 'plain-secret' } }],
  ])('censors %s by path', (_label, fields) => {
    const { lines, logger } = capture();
    logger.info(fields, 'event');
    expect(lines[0]).not.toContain('plain-secret');
    expect(lines[0]).toContain(REDACTED);
  });

  it.each([
    ['in the message', (logger: ReturnType<typeof createLogger>) => logger.error(`GET https://api.telegram.org/bot${TELEGRAM_TOKEN}/getMe failed`)],
    ['in an unrelated field', (logger: ReturnType<typeof createLogger>) => logger.info({ url: `/bot${TELEGRAM_TOKEN}/sendMessage` }, 'x')],
    ['in an error message and stack', (logger: ReturnType<typeof createLogger>) => logger.error({ err: new Error(`login with ${DISCORD_TOKEN} refused`) }, 'x')],
    ['in a child binding', (logger: ReturnType<typeof createLogger>) => logger.child({ note: `token=${TELEGRAM_TOKEN}` }).info('x')],
  ])('scrubs a bot token %s', (_label, log) => {
    const { lines, logger } = capture();
    log(logger);
    expect(lines.join('')).not.toContain(TELEGRAM_TOKEN.split(':')[1]);
    expect(lines.join('')).not.toContain(DISCORD_TOKEN);
    expect(lines.join('')).toContain(REDACTED);
  });

  it('respects the level', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (line) => void lines.push(line) } });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['shown']);
  });
});

describe('scrubSecrets', () => {
  it.each([
    [`token ${TELEGRAM_TOKEN} end`, `token ${REDACTED} end`],
    [`https://api.telegram.org/bot${TELEGRAM_TOKEN}/sendMessage`, `https://api.telegram.org/bot${REDACTED}/sendMessage`],
    [`Bot ${DISCORD_TOKEN}`, `Bot ${REDACTED}`],
    ['postgres://mowjaz:hunter2@db:5432/mowjaz', `postgres://mowjaz:${REDACTED}@db:5432/mowjaz`],
  ])('given %j then the secret is replaced', (text, expected) => {
    expect(scrubSecrets(text)).toBe(expected);
  });

  it.each([
    '2026-11-29T08:00:00.000Z',
    'subscription 4f0c2a1e-8f7b-4c1d-9a0e-2b3c4d5e6f70 due at 08:00',
    'https://www.example.com/news/2026/11/29/iraq-us-talks.html',
    'story-0123456789ab',
    '"level":30,"time":1732867200000',
  ])('given ordinary text %j then it is unchanged', (text) => {
    expect(scrubSecrets(text)).toBe(text);
  });
});
