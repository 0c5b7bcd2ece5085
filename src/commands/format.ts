/**
 * Dates and schedules as users read them: in the subscription's own timezone and the reply's
 * language. Arabic replies keep Latin digits so times match what users type (`08:00`).
 */
import type { Language } from '../core/types.ts';
import { translate } from '../i18n/index.ts';
import type { Frequency } from '../store/records.ts';

const LOCALES: Record<Language, string> = { en: 'en-GB', ar: 'ar-u-nu-latn' };

export function formatInstant(instant: Date | string, timezone: string, language: Language): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayName(weekday: number, language: Language): string {
  // 2023-01-01 was a Sunday; noon UTC keeps the date the same in every zone.
  const date = new Date(Date.UTC(2023, 0, 1 + weekday, 12));
  return new Intl.DateTimeFormat(LOCALES[language], { weekday: 'long', timeZone: 'UTC' }).format(date);
}

export interface ScheduleFacts {
  frequency: Frequency;
  weekday: number | null;
  localTime: string;
  timezone: string;
}

export function describeSchedule(schedule: ScheduleFacts, language: Language): string {
  const params = { time: schedule.localTime, timezone: schedule.timezone };
  if (schedule.frequency === 'weekly') {
    return translate(language, 'command.schedule.weekly', { ...params, day: weekdayName(schedule.weekday ?? 1, language) });
  }
  return translate(language, 'command.schedule.daily', params);
}

/** A comma-separated list, with the Arabic comma in Arabic replies. */
export function joinList(items: readonly string[], language: Language): string {
  return items.join(language === 'ar' ? '، ' : ', ');
}
