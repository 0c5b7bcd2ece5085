/**
 * Dates in briefings, written in the briefing's language and an explicit time zone.
 * Unparseable or absent instants produce null (the date is left out, never "Invalid Date").
 */
import type { Language } from '../types.ts';
import { translate } from '../../i18n/index.ts';
import { sanitizeDisplayText } from './sanitize.ts';

export const DEFAULT_TIME_ZONE = 'UTC';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const zone = isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  const key = `${language}|${zone}|${withTime ? 't' : 'd'}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions = { timeZone: zone, day: 'numeric', month: 'short', year: 'numeric' };
    if (withTime) Object.assign(options, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    found = new Intl.DateTimeFormat(translate(language, 'render.dateLocale'), options);
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
  return date ? clean(formatter(language, timeZone, true).format(date)) : null;
}

/**
 * "27–28 Nov 2026" (the locale's own range form, sharing the month and year when it can), or a
 * single day when both ends fall on the same day.
 */
export function formatPeriod(from: unknown, to: unknown, language: Language, timeZone = DEFAULT_TIME_ZONE): string | null {
  const start = parseInstant(from);
  const end = parseInstant(to);
  const format = formatter(language, timeZone, false);
  if (start && end) return clean(start <= end ? format.formatRange(start, end) : format.formatRange(end, start));
  const one = start ?? end;
  return one ? clean(format.format(one)) : null;
}

/**
 * ICU output may carry its own direction marks and thin or narrow no-break spaces; the renderers
 * place their marks themselves, so dates are cleaned like any other display text.
 */
function clean(formatted: string): string {
  return sanitizeDisplayText(formatted);
}
