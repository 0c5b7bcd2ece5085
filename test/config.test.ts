import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../src/config.ts';

const TELEGRAM_TOKEN = '123456789:AAHk2v-Example_Token_Value_0123456789';
const DISCORD_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789AB';

function problemOf(env: Record<string, string>): string {
  try {
    loadConfig(env, { cwd: '/srv/mowjaz' });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a configuration error');
}

describe('loadConfig', () => {
  it('given an empty environment then it runs embedded: SQLite under ./data, console only, English, UTC', () => {
    const config = loadConfig({}, { cwd: '/srv/mowjaz' });
    expect(config).toEqual({
      dataDir: '/srv/mowjaz/data',
      contentDir: '/srv/mowjaz/content',
      store: { kind: 'sqlite', path: '/srv/mowjaz/data/mowjaz.sqlite' },
      defaultLanguage: 'en',
      defaultTimezone: 'UTC',
      logLevel: null,
      discord: null,
      telegram: null,
      sourcesAllowPrivate: false,
      sourcesPolling: false,
      historyDays: 30,
      warnings: [],
    });
  });

  it('given every variable then each lands in the typed config', () => {
    const config = loadConfig(
      {
        MOWJAZ_DATA_DIR: '/var/lib/mowjaz',
        DATABASE_URL: 'postgres://bot:pw@db:5432/mowjaz',
        MOWJAZ_CONTENT_DIR: 'my-content',
        MOWJAZ_DEFAULT_LANGUAGE: 'AR',
        MOWJAZ_DEFAULT_TIMEZONE: 'asia/baghdad',
        LOG_LEVEL: 'debug',
        DISCORD_TOKEN,
        DISCORD_APPLICATION_ID: '123456789012345678',
        DISCORD_API_URL: 'http://127.0.0.1:9999/api',
        DISCORD_GUILD_ID: '876543210987654321',
        TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
        TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram',
        TELEGRAM_WEBHOOK_SECRET: 's3cret_value',
        TELEGRAM_WEBHOOK_PORT: '8080',
        TELEGRAM_WEBHOOK_HOST: '127.0.0.1',
        SOURCES_ALLOW_PRIVATE: 'yes',
        SOURCES_POLLING: 'off',
        MOWJAZ_HISTORY_DAYS: '90',
      },
      { cwd: '/srv/mowjaz' },
    );
    expect(config).toEqual({
      dataDir: '/var/lib/mowjaz',
      contentDir: '/srv/mowjaz/my-content',
      store: { kind: 'postgres', url: 'postgres://bot:pw@db:5432/mowjaz' },
      defaultLanguage: 'ar',
      defaultTimezone: 'Asia/Baghdad',
      logLevel: 'debug',
      discord: { token: DISCORD_TOKEN, applicationId: '123456789012345678', apiUrl: 'http://127.0.0.1:9999/api', guildId: '876543210987654321' },
      telegram: {
        token: TELEGRAM_TOKEN,
        apiRoot: 'http://127.0.0.1:8081',
        webhook: { url: 'https://bot.example.org/telegram', secret: 's3cret_value', listen: { host: '127.0.0.1', port: 8080 } },
      },
      sourcesAllowPrivate: true,
      sourcesPolling: false,
      historyDays: 90,
      warnings: [],
    });
  });

  it('given MOWJAZ_HISTORY_DAYS that is not a whole number then it names the variable', () => {
    expect(() => loadConfig({ MOWJAZ_HISTORY_DAYS: '-3' })).toThrow(/MOWJAZ_HISTORY_DAYS: must be a whole number of days/);
    expect(loadConfig({ MOWJAZ_HISTORY_DAYS: '0' }).historyDays).toBe(0);
  });

  it('given blank values (KEY= in a .env file) then they count as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '  ', LOG_LEVEL: '' }, { cwd: '/srv/mowjaz' });
    expect([config.store.kind, config.telegram, config.logLevel]).toEqual(['sqlite', null, null]);
  });

  it.each([
    [{ MOWJAZ_DEFAULT_TIMEZONE: 'Mars/Olympus_Mons' }, 'MOWJAZ_DEFAULT_TIMEZONE: "Mars/Olympus_Mons" is not an IANA timezone name (e.g. Asia/Baghdad, Europe/London, UTC)'],
    [{ MOWJAZ_DEFAULT_TIMEZONE: '+03:00' }, 'MOWJAZ_DEFAULT_TIMEZONE: "+03:00" is not an IANA timezone name'],
    [{ MOWJAZ_DEFAULT_LANGUAGE: 'fr' }, 'MOWJAZ_DEFAULT_LANGUAGE: must be ar or en'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ DATABASE_URL: 'mysql://u:p@h/db' }, 'DATABASE_URL: must be a postgres:// or postgresql:// URL; leave it unset to use the embedded SQLite store'],
    [{ DISCORD_APPLICATION_ID: 'my-app' }, 'DISCORD_APPLICATION_ID: must be a Discord id: 17 to 20 digits'],
    [{ DISCORD_API_URL: 'ftp://x' }, 'DISCORD_API_URL: must be an http(s) URL (the Discord API base)'],
    [{ TELEGRAM_BOT_TOKEN: 'not-a-token' }, 'TELEGRAM_BOT_TOKEN: does not look like a Telegram bot token'],
    [{ TELEGRAM_WEBHOOK_SECRET: 'has spaces' }, 'TELEGRAM_WEBHOOK_SECRET: must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -'],
    [{ SOURCES_ALLOW_PRIVATE: 'maybe' }, 'SOURCES_ALLOW_PRIVATE: must be true or false'],
    [{ TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg' }, 'TELEGRAM_WEBHOOK_URL: is set but TELEGRAM_BOT_TOKEN is not'],
    [{ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL: 'http://bot.example.org/tg' }, 'TELEGRAM_WEBHOOK_URL: must be https://'],
    [{ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg', TELEGRAM_WEBHOOK_PORT: '70000' }, 'TELEGRAM_WEBHOOK_PORT: must be a port number, 1 to 65535'],
    [{ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_PORT: '8443' }, 'TELEGRAM_WEBHOOK_PORT: is set but TELEGRAM_WEBHOOK_URL is not'],
  ])('given %j then the error names the variable and why', (env, expected) => {
    expect(problemOf(env)).toContain(expected);
  });

  it('given several wrong values then every one is reported on one line', () => {
    const message = problemOf({ MOWJAZ_DEFAULT_LANGUAGE: 'fr', LOG_LEVEL: 'loud' });
    expect(message).not.toContain('\n');
    expect(message).toMatch(/^MOWJAZ_DEFAULT_LANGUAGE: .*; LOG_LEVEL: /);
  });

  it('given a malformed secret then the error never repeats its value', () => {
    const secret = 'postgresish-secret-value:with-password';
    expect(problemOf({ DATABASE_URL: secret })).not.toContain(secret);
    expect(problemOf({ TELEGRAM_BOT_TOKEN: 'abc:short-secret' })).not.toContain('short-secret');
  });

  it('given an unknown MOWJAZ_ variable then it warns (a typo should not pass silently)', () => {
    const config = loadConfig({ MOWJAZ_DEFAULT_TIMEZNE: 'Asia/Baghdad' }, { cwd: '/srv' });
    expect(config.warnings).toEqual([expect.stringContaining('MOWJAZ_DEFAULT_TIMEZNE is not a mowjaz setting')]);
  });

  it('knows exactly the variables .env.example documents', async () => {
    const { readFile } = await import('node:fs/promises');
    const example = await readFile(new URL('../.env.example', import.meta.url), 'utf8');
    const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
