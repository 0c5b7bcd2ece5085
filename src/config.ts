/**
 * Configuration, parsed once from the environment at start-up. Every other module receives the
 * typed `Config`; nothing else reads `process.env`. A wrong value fails fast with the variable's
 * name and the reason (never echoing a secret), so an operator can fix it from one line.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Language } from './core/types.ts';
import { LOG_LEVELS, type LogLevel } from './logger.ts';
import { canonicalTimeZone } from './scheduler/next-due.ts';

export type StoreConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface DiscordConfig {
  token: string;
  applicationId: string | null;
  /** Alternative API base (a proxy or a test double); null = discord.com. */
  apiUrl: string | null;
  /** Register commands in this guild only (instant updates while developing); null = globally. */
  guildId: string | null;
}

export interface TelegramConfig {
  token: string;
  /** Alternative Bot API root (a local Bot API server or a test double); null = api.telegram.org. */
  apiRoot: string | null;
  /**
   * Webhook mode when set; long polling otherwise. `listen` is the local address the webhook
   * server binds (a reverse proxy usually forwards the public URL to it).
   */
  webhook: { url: string; secret: string | null; listen: { host: string; port: number } } | null;
}

export interface Config {
  /** Absolute directory for the SQLite file and other local state. */
  dataDir: string;
  /** Absolute directory holding `articles/` and `topics/`. */
  contentDir: string;
  store: StoreConfig;
  defaultLanguage: Language;
  defaultTimezone: string;
  /** null = not set: the application picks (quieter on an interactive console). */
  logLevel: LogLevel | null;
  discord: DiscordConfig | null;
  telegram: TelegramConfig | null;
  /** Allow fetching sources on private/loopback addresses (off: protects against SSRF). */
  sourcesAllowPrivate: boolean;
  /** Poll live sources (feeds and pages). Default: on when a chat platform is configured. */
  sourcesPolling: boolean;
  /** Days of delivery history (finished digest runs, sent messages) to keep; 0 keeps everything. */
  historyDays: number;
  /** Non-fatal findings, e.g. an unknown `MOWJAZ_*` variable (probably a typo). */
  warnings: string[];
}

export const SQLITE_FILE_NAME = 'mowjaz.sqlite';

export class ConfigError extends Error {
  constructor(readonly problems: ReadonlyArray<{ variable: string; reason: string }>) {
    super(problems.map((problem) => `${problem.variable}: ${problem.reason}`).join('; '));
    this.name = 'ConfigError';
  }
}

/** `KEY=` in a .env file means "not set", not "set to nothing". */
const blankIsUnset = (value: unknown): unknown => (typeof value === 'string' ? (value.trim() === '' ? undefined : value.trim()) : value);

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema.optional());

const httpUrl = (what: string) =>
  z.string().refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, `must be an http(s) URL (${what})`);

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id: 17 to 20 digits');

const booleanWord = z
  .string()
  .transform((value) => value.toLowerCase())
  .refine((value) => ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(value), 'must be true or false')
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const ENV_SCHEMA = z.object({
  MOWJAZ_DATA_DIR: optional(z.string()),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(?:ql)?:\/\/\S+$/i, 'must be a postgres:// or postgresql:// URL; leave it unset to use the embedded SQLite store'),
  ),
  MOWJAZ_CONTENT_DIR: optional(z.string()),
  MOWJAZ_HISTORY_DAYS: optional(z.string().regex(/^\d{1,5}$/, 'must be a whole number of days (0 keeps all history)').transform(Number)),
  MOWJAZ_DEFAULT_LANGUAGE: optional(z.string().transform((value) => value.toLowerCase()).pipe(z.enum(['ar', 'en'], 'must be ar or en'))),
  MOWJAZ_DEFAULT_TIMEZONE: optional(
    z.string().transform((value, ctx) => {
      const zone = canonicalTimeZone(value);
      if (zone === null) {
        ctx.addIssue({ code: 'custom', message: `"${value}" is not an IANA timezone name (e.g. Asia/Baghdad, Europe/London, UTC)` });
        return z.NEVER;
      }
      return zone;
    }),
  ),
  LOG_LEVEL: optional(z.string().transform((value) => value.toLowerCase()).pipe(z.enum(LOG_LEVELS as [LogLevel, ...LogLevel[]], `must be one of ${LOG_LEVELS.join(', ')}`))),
  DISCORD_TOKEN: optional(
    z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'does not look like a Discord bot token (three dot-separated parts, from the Developer Portal)'),
  ),
  DISCORD_APPLICATION_ID: optional(snowflake),
  DISCORD_API_URL: optional(httpUrl('the Discord API base')),
  DISCORD_GUILD_ID: optional(snowflake),
  TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[A-Za-z0-9_-]{30,}$/, 'does not look like a Telegram bot token (digits, a colon, then 30 or more letters; from @BotFather)')),
  TELEGRAM_API_ROOT: optional(httpUrl('the Bot API root')),
  TELEGRAM_WEBHOOK_URL: optional(httpUrl('the public address Telegram posts updates to')),
  TELEGRAM_WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -')),
  TELEGRAM_WEBHOOK_PORT: optional(z.string().regex(/^\d{1,5}$/, 'must be a port number, 1 to 65535').transform(Number).pipe(z.number().int().min(1, 'must be a port number, 1 to 65535').max(65_535, 'must be a port number, 1 to 65535'))),
  TELEGRAM_WEBHOOK_HOST: optional(z.string().regex(/^[A-Za-z0-9.:_-]+$/, 'must be a host name or an IP address to listen on, e.g. 0.0.0.0 or 127.0.0.1')),
  SOURCES_ALLOW_PRIVATE: optional(booleanWord),
  SOURCES_POLLING: optional(booleanWord),
});

export const CONFIG_VARIABLES: readonly string[] = Object.keys(ENV_SCHEMA.shape);

/** Secrets are named in errors but their values never appear. */
const SECRET_VARIABLES = new Set(['DISCORD_TOKEN', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'DATABASE_URL']);

export interface LoadConfigOptions {
  /** Base for relative directories; the process working directory by default. */
  cwd?: string;
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>, options: LoadConfigOptions = {}): Config {
  const parsed = ENV_SCHEMA.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? 'environment');
        const reason = SECRET_VARIABLES.has(variable) ? issue.message.replace(/"[^"]*"/g, '(value hidden)') : issue.message;
        return { variable, reason };
      }),
    );
  }
  const vars = parsed.data;
  const problems: Array<{ variable: string; reason: string }> = [];
  if (vars.TELEGRAM_WEBHOOK_URL && !vars.TELEGRAM_BOT_TOKEN) problems.push({ variable: 'TELEGRAM_WEBHOOK_URL', reason: 'is set but TELEGRAM_BOT_TOKEN is not' });
  if (vars.TELEGRAM_WEBHOOK_SECRET && !vars.TELEGRAM_WEBHOOK_URL) problems.push({ variable: 'TELEGRAM_WEBHOOK_SECRET', reason: 'is set but TELEGRAM_WEBHOOK_URL is not' });
  for (const variable of ['TELEGRAM_WEBHOOK_PORT', 'TELEGRAM_WEBHOOK_HOST'] as const) {
    if (vars[variable] !== undefined && !vars.TELEGRAM_WEBHOOK_URL) problems.push({ variable, reason: 'is set but TELEGRAM_WEBHOOK_URL is not' });
  }
  // Telegram only posts to HTTPS; plain HTTP is allowed only behind a self-hosted Bot API server.
  if (vars.TELEGRAM_WEBHOOK_URL?.startsWith('http:') && !vars.TELEGRAM_API_ROOT) {
    problems.push({ variable: 'TELEGRAM_WEBHOOK_URL', reason: 'must be https:// (Telegram delivers webhooks over HTTPS only)' });
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const cwd = options.cwd ?? process.cwd();
  const dataDir = resolve(cwd, vars.MOWJAZ_DATA_DIR ?? 'data');
  const known = new Set(CONFIG_VARIABLES);
  const warnings = Object.keys(env)
    .filter((name) => name.startsWith('MOWJAZ_') && !known.has(name) && name !== 'MOWJAZ_SHARED_DIR')
    .map((name) => `${name} is not a mowjaz setting (known: ${CONFIG_VARIABLES.filter((v) => v.startsWith('MOWJAZ_')).join(', ')})`);

  return {
    dataDir,
    contentDir: resolve(cwd, vars.MOWJAZ_CONTENT_DIR ?? 'content'),
    store: vars.DATABASE_URL ? { kind: 'postgres', url: vars.DATABASE_URL } : { kind: 'sqlite', path: resolve(dataDir, SQLITE_FILE_NAME) },
    defaultLanguage: vars.MOWJAZ_DEFAULT_LANGUAGE ?? 'en',
    defaultTimezone: vars.MOWJAZ_DEFAULT_TIMEZONE ?? 'UTC',
    logLevel: vars.LOG_LEVEL ?? null,
    discord: vars.DISCORD_TOKEN
      ? { token: vars.DISCORD_TOKEN, applicationId: vars.DISCORD_APPLICATION_ID ?? null, apiUrl: vars.DISCORD_API_URL ?? null, guildId: vars.DISCORD_GUILD_ID ?? null }
      : null,
    telegram: vars.TELEGRAM_BOT_TOKEN
      ? {
          token: vars.TELEGRAM_BOT_TOKEN,
          apiRoot: vars.TELEGRAM_API_ROOT ?? null,
          webhook: vars.TELEGRAM_WEBHOOK_URL
            ? {
                url: vars.TELEGRAM_WEBHOOK_URL,
                secret: vars.TELEGRAM_WEBHOOK_SECRET ?? null,
                listen: { host: vars.TELEGRAM_WEBHOOK_HOST ?? '0.0.0.0', port: vars.TELEGRAM_WEBHOOK_PORT ?? 8443 },
              }
            : null,
        }
      : null,
    sourcesAllowPrivate: vars.SOURCES_ALLOW_PRIVATE ?? false,
    // A console session is local work: it reads no outlet unless asked to.
    sourcesPolling: vars.SOURCES_POLLING ?? Boolean(vars.DISCORD_TOKEN || vars.TELEGRAM_BOT_TOKEN),
    historyDays: vars.MOWJAZ_HISTORY_DAYS ?? 30,
    warnings,
  };
}
