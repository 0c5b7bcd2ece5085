/**
 * Structured logs: one JSON line per event (pino), secrets redacted twice over. Known secret
 * fields are censored by path; and because tokens also hide in error messages, URLs and
 * free text, every finished line is scrubbed for anything shaped like a bot token or a
 * database password before it is written.
 */
import { pino } from 'pino';

export type Logger = pino.Logger;
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const REDACTED = '[Redacted]';

const SECRET_FIELDS = ['token', 'botToken', 'discordToken', 'telegramBotToken', 'webhookSecret', 'secret', 'password', 'authorization', 'databaseUrl'];

/** Field paths censored wherever they appear up to three levels deep, plus request headers. */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  'headers.authorization',
  '*.headers.authorization',
  '*.*.headers.authorization',
  'headers["x-telegram-bot-api-secret-token"]',
  '*.headers["x-telegram-bot-api-secret-token"]',
  'config.discordToken',
  'config.telegramBotToken',
];

/**
 * Telegram bot tokens (`123456:AA…`), Discord bot tokens (three dot-separated base64url parts),
 * Telegram API paths that embed the token (`/bot123:…/sendMessage`) and passwords in
 * connection URLs.
 */
const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\d+:[A-Za-z0-9_-]{30,}/g, REDACTED],
  [/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{27,}/g, REDACTED],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s"]+:)[^@/?#\s"]+@/gi, `$1${REDACTED}@`],
];

/** Replaces every secret-shaped run in a piece of text. */
export function scrubSecrets(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; standard error by default so standard output stays for the console prompt. */
  destination?: { write(line: string): void };
  /** Fields on every line, e.g. `{ service: 'mowjaz' }`. */
  base?: Record<string, unknown>;
}

export function createLogger(options: LoggerOptions): Logger {
  const target = options.destination ?? { write: (line: string) => void process.stderr.write(line) };
  const scrubbing: pino.DestinationStream = { write: (line) => target.write(scrubSecrets(line)) };
  return pino(
    {
      level: options.level,
      base: options.base ?? { service: 'mowjaz' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      formatters: { level: (label) => ({ level: label }) },
    },
    scrubbing,
  );
}

/** A logger that drops everything, for code paths that need one but must stay quiet. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
