/**
 * Briefing titles: the topic's name in the briefing language and the period it covers,
 * e.g. "Iraq–US relations — 27–28 Nov 2026" or "العلاقات العراقية الأمريكية — 28 نوفمبر 2026".
 *
 * Dates are written by Intl.DateTimeFormat in the briefing language: `en-GB` (day month year) and
 * `ar-u-nu-latn`, Arabic month names with Latin digits, the digits Arabic news sites use for
 * dates and the ones that stay legible when a platform mixes directions.
 */
import { translate } from '../../i18n/index.ts';
import type { Language } from '../types.ts';

export const DATE_LOCALES: Record<Language, string> = { en: 'en-GB', ar: 'ar-u-nu-latn' };
export const DEFAULT_TIME_ZONE = 'UTC';

export interface BriefingTitleInput {
  language: Language;
  /** The topic's display names; absent for "top stories". */
  topicName?: Partial<Record<Language, string>>;
  /** Shown when the topic has no name in any language. */
  topicId?: string;
  /** Half-open period [from, to): a period ending at midnight is titled by the day before. */
  period: { from: string; to: string };
  /** IANA time zone the dates are written in (default UTC; an unknown zone falls back to UTC). */
  timeZone?: string;
}

/** The topic name in the briefing language, the other language's name, the id, or "Top stories". */
export function topicDisplayName(language: Language, topicName?: Partial<Record<Language, string>>, topicId?: string): string {
  const other: Language = language === 'ar' ? 'en' : 'ar';
  const name = topicName?.[language]?.trim() || topicName?.[other]?.trim() || topicId?.trim();
  return name || translate(language, 'briefing.topStories');
}

export function briefingTitle(input: BriefingTitleInput): string {
  return translate(input.language, 'briefing.title', {
    topic: topicDisplayName(input.language, input.topicName, input.topicId),
    period: formatPeriod(input.period, input.language, input.timeZone),
  });
}

/**
 * The days a half-open period covers: one date, or the locale's range form ("27–28 Nov 2026").
 * The end is exclusive, so a day from midnight to midnight is one date.
 */
export function formatPeriod(period: { from: string; to: string }, language: Language, timeZone = DEFAULT_TIME_ZONE): string {
  const from = instant(period.from, 'period.from');
  const to = instant(period.to, 'period.to');
  if (to < from) throw new RangeError(`period.to (${period.to}) is before period.from (${period.from})`);
  const lastIncluded = to > from ? to - 1 : to;
  const format = dateFormat(language, timeZone);
  // ICU adds direction marks and thin spaces of its own; renderers place their own marks.
  return format.formatRange(new Date(from), new Date(lastIncluded)).replace(/[\u200E\u200F\u061C]/g, '').replace(/[\u2009\u202F]/g, ' ');
}

export function instant(value: string, label: string): number {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`${label} is not a date and time: "${value}"`);
  return ms;
}

/**
 * Formatters by language and zone, made once: building an Intl.DateTimeFormat costs about a
 * millisecond, several times what formatting with it does, and every briefing needs one.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(language: Language, timeZone: string): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(DATE_LOCALES[language], { timeZone: knownTimeZone(timeZone), day: 'numeric', month: 'short', year: 'numeric' });
    // Zones are a few hundred names at most; a bound keeps arbitrary input from growing the map.
    if (formats.size >= 1_000) formats.clear();
    formats.set(key, format);
  }
  return format;
}

function knownTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}
