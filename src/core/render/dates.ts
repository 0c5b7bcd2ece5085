/**
 * Dates in briefings, written in the briefing's language and an explicit time zone.
 * Unparseable or absent instants produce null (the date is left out, never "Invalid Date").
 */
import type { Language } from '../types.ts';
import { translate } from '../../i18n/index.ts';
import { sanitizeDisplayText } from './sanitize.ts';

export const DEFAULT_TIME_ZONE = 'UTC';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, timeZone: string): Intl.DateTimeFormat {
  const zone = isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  const key = `${language}|${zone}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(translate(language, 'render.dateLocale'), {
      timeZone: zone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(key, found);
  }
  return found;
}

const validZones = new Map<string, boolean>();

export function isValidTimeZone(timeZone: string): boolean {
  let valid = validZones.get(timeZone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      valid = true;
    } catch {
      valid = false;
    }
    validZones.set(timeZone, valid);
  }
  return valid;
}

export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "28 Nov 2026, 14:05 UTC" / "28 نوفمبر 2026، 14:05 UTC". */
export function formatInstant(value: unknown, language: Language, timeZone = DEFAULT_TIME_ZONE): string | null {
  const date = parseInstant(value);
  return date ? clean(formatter(language, timeZone).format(date)) : null;
}

/**
 * ICU output may carry its own direction marks and thin or narrow no-break spaces; the renderers
 * place their marks themselves, so dates are cleaned like any other display text.
 */
function clean(formatted: string): string {
  return sanitizeDisplayText(formatted);
}
