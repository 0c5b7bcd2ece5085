/**
 * Option schemas and metadata several commands share, so `topic`, `time` and `timezone` read
 * and fail the same way in `/news`, `/subscribe`, `/settings`…
 *
 * Refinement messages are catalogue keys (`error.bad_time`): the router translates them.
 */
import { z } from 'zod';
import { canonicalTimeZone, formatLocalTime, parseLocalTime } from '../scheduler/next-due.ts';
import type { OptionMeta } from './define-command.ts';

export const topicSchema = z.string().trim().min(1).max(100);

export function topicMeta(position: number, description: OptionMeta['description']): OptionMeta {
  return { kind: 'string', autocomplete: 'topic', position, description, label: { en: 'topic', ar: 'الموضوع' } };
}

/** `HH:MM` on the 24-hour clock; `8:30` and `08.30` are accepted and written as `08:30`. */
export const localTimeSchema = z.string().transform((value, ctx) => {
  const candidate = value.trim().replace('.', ':');
  const parsed = parseLocalTime(/^\d:\d\d$/.test(candidate) ? `0${candidate}` : candidate);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: 'error.bad_time', input: value });
    return z.NEVER;
  }
  return formatLocalTime(parsed);
});

export const localTimeMetaFor = (position: number): OptionMeta => ({
  kind: 'string',
  position,
  // Anything clock-like goes to `time` on text platforms, so "25:61" is reported as a bad time, not a bad timezone.
  shape: /^\d{1,2}(?:[:.]\d{1,2})?\s*(?:am|pm)?$/i,
  label: { en: 'time', ar: 'الوقت' },
  description: { en: 'Time of day, HH:MM on the 24-hour clock (default 08:00)', ar: 'وقت الإرسال بصيغة HH:MM بنظام 24 ساعة (الافتراضي 08:00)' },
});

/** An IANA zone name, stored in the runtime's canonical spelling (`asia/riyadh` → `Asia/Riyadh`). */
export const timezoneSchema = z.string().transform((value, ctx) => {
  const zone = canonicalTimeZone(value);
  if (zone === null) {
    ctx.addIssue({ code: 'custom', message: 'error.unknown_timezone', input: value });
    return z.NEVER;
  }
  return zone;
});

export const timezoneMeta = (position: number, description: OptionMeta['description']): OptionMeta => ({
  kind: 'string',
  autocomplete: 'timezone',
  position,
  label: { en: 'timezone', ar: 'المنطقة الزمنية' },
  description,
});
