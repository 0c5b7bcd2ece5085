/**
 * When is a subscription's next digest due? Each subscription keeps a local time of day and an
 * IANA timezone; the store keeps the resulting UTC instant. Everything here is computed with
 * `Intl` (the runtime's tz database), so it follows the zone's rules on each date:
 *
 * - Spring forward: a local time that does not exist that day (02:30 in New York on
 *   2026-03-08) is due once, at the instant the gap ends (03:00 local, the first valid instant).
 * - Fall back: a local time that occurs twice (01:30 in New York on 2026-11-01) is due once, at
 *   its first occurrence (01:30 EDT); the second occurrence is not a new due time.
 * - Zones with 30-minute DST (Australia/Lord_Howe), 45-minute offsets (Pacific/Chatham) and
 *   no DST (Asia/Baghdad) need no special case.
 */
import { foldDigits } from '../core/text/normalize.ts';
import type { Frequency } from '../store/records.ts';

export interface DigestSchedule {
  /** `HH:MM`, 00:00–23:59, local to `timezone`. */
  localTime: string;
  /** IANA zone name, e.g. `Asia/Baghdad`. */
  timezone: string;
  frequency: Frequency;
  /** Weekly digests: 0 = Sunday … 6 = Saturday, in the local calendar. Weekly with null = Monday. */
  weekday: number | null;
}

export interface LocalTime {
  hour: number;
  minute: number;
}

const DAY_MS = 86_400_000;
/** Weekly digests with no weekday stored fall on Monday. */
export const DEFAULT_WEEKDAY = 1;

/**
 * Strict `HH:MM` on the 24-hour clock: `08:00`, `23:59`; `8:00`, `24:00`, `25:61`, `8am` are
 * rejected. Arabic-Indic digits (`٠٨:٣٠`) are read as their ASCII equivalents.
 */
export function parseLocalTime(text: string): LocalTime | null {
  if (typeof text !== 'string') return null;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(foldDigits(text.trim()));
  if (!match) return null;
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

export function formatLocalTime({ hour, minute }: LocalTime): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
const canonicalCache = new Map<string, string | null>();
/** Wall-clock formatters by canonical zone name. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The runtime's canonical spelling of an IANA zone name (`asia/riyadh` → `Asia/Riyadh`), or null
 * when it is not one. UTC offsets such as `+03:00` are refused on purpose: an offset has no DST
 * rules, so a subscription stored with one would drift an hour twice a year in most places.
 */
export function canonicalTimeZone(timezone: string): string | null {
  if (typeof timezone !== 'string') return null;
  const name = timezone.trim();
  if (name.length === 0 || name.length > 64 || !IANA_NAME.test(name)) return null;
  const cached = canonicalCache.get(name);
  if (cached !== undefined) return cached;
  let canonical: string | null;
  try {
    // The wall-clock formatter both names the zone and reads it later: one `Intl` construction per zone.
    const formatter = newFormatter(name);
    canonical = formatter.resolvedOptions().timeZone;
    if (!formatters.has(canonical)) formatters.set(canonical, formatter);
  } catch {
    canonical = null;
  }
  canonicalCache.set(name, canonical);
  return canonical;
}

export function isValidTimeZone(timezone: string): boolean {
  return canonicalTimeZone(timezone) !== null;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function newFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = newFormatter(timezone);
    formatters.set(timezone, formatter);
  }
  return formatter;
}

function wallClockAt(timezone: string, epochMs: number): WallClock {
  const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timezone).formatToParts(epochMs)) {
    if (part.type in wall) wall[part.type as keyof WallClock] = Number(part.value);
  }
  return wall;
}

/** Local wall time minus UTC at an instant, in milliseconds (+03:00 → 10,800,000). */
function offsetAt(timezone: string, epochMs: number): number {
  const wall = wallClockAt(timezone, epochMs);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant a local wall time (given as if it were UTC) happens in a zone: the first
 * occurrence when it happens twice, the end of the gap when it does not happen at all.
 * Assumes at most one offset change within a day either side, which holds for every zone.
 */
function instantOfWallTime(timezone: string, wallAsUtc: number): number {
  const offsetBefore = offsetAt(timezone, wallAsUtc - DAY_MS);
  const offsetAfter = offsetAt(timezone, wallAsUtc + DAY_MS);
  const candidates = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (offsetAt(timezone, candidate) === wallAsUtc - candidate) return candidate;
  }
  // The wall time falls in a gap: clocks jumped over it. Find the jump at one-second precision.
  let before = candidates[0] as number;
  let after = candidates[1] as number;
  const offsetAtBefore = offsetAt(timezone, before);
  while (after - before > 1000) {
    const middle = before + Math.floor((after - before) / 2000) * 1000;
    if (offsetAt(timezone, middle) === offsetAtBefore) before = middle;
    else after = middle;
  }
  return after;
}

function civilDate(epochDayMs: number): { year: number; month: number; day: number; weekday: number } {
  const date = new Date(epochDayMs);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: date.getUTCDay() };
}

interface Resolved {
  time: LocalTime;
  timezone: string;
  weekday: number | null;
}

function resolveSchedule(schedule: DigestSchedule): Resolved {
  const time = parseLocalTime(schedule.localTime);
  if (!time) throw new RangeError(`invalid local time "${schedule.localTime}" (expected HH:MM, 00:00–23:59)`);
  const timezone = canonicalTimeZone(schedule.timezone);
  if (!timezone) throw new RangeError(`invalid IANA timezone "${schedule.timezone}"`);
  if (schedule.frequency !== 'weekly') return { time, timezone, weekday: null };
  const weekday = schedule.weekday ?? DEFAULT_WEEKDAY;
  if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6) throw new RangeError(`invalid weekday ${weekday} (0 = Sunday … 6 = Saturday)`);
  return { time, timezone, weekday };
}

/** Due instants on local dates `from` + each offset in `dayOffsets`, in that order. */
function* dueInstants(resolved: Resolved, around: number, dayOffsets: readonly number[]): Generator<number> {
  const local = wallClockAt(resolved.timezone, around);
  const localMidnight = Date.UTC(local.year, local.month - 1, local.day);
  for (const offset of dayOffsets) {
    const date = civilDate(localMidnight + offset * DAY_MS);
    if (resolved.weekday !== null && date.weekday !== resolved.weekday) continue;
    yield instantOfWallTime(resolved.timezone, Date.UTC(date.year, date.month - 1, date.day, resolved.time.hour, resolved.time.minute));
  }
}

// A week and a bit either side covers weekly schedules and any offset between UTC and local dates.
const FORWARD_DAYS = Array.from({ length: 10 }, (_, i) => i - 1);
const BACKWARD_DAYS = Array.from({ length: 10 }, (_, i) => 1 - i);

/**
 * The next instant strictly after `after` at which the schedule is due.
 * Throws a RangeError for an invalid time, timezone or weekday (validate input first).
 */
export function nextDueAt(schedule: DigestSchedule, after: Date): Date {
  const resolved = resolveSchedule(schedule);
  const afterMs = after.getTime();
  for (const instant of dueInstants(resolved, afterMs, FORWARD_DAYS)) {
    if (instant > afterMs) return new Date(instant);
  }
  throw new RangeError(`no due instant found after ${after.toISOString()} for ${schedule.localTime} ${schedule.timezone}`);
}

/** The latest instant at or before `at` at which the schedule was due (for catching up after downtime). */
export function latestDueAtOrBefore(schedule: DigestSchedule, at: Date): Date {
  const resolved = resolveSchedule(schedule);
  const atMs = at.getTime();
  for (const instant of dueInstants(resolved, atMs, BACKWARD_DAYS)) {
    if (instant <= atMs) return new Date(instant);
  }
  throw new RangeError(`no due instant found before ${at.toISOString()} for ${schedule.localTime} ${schedule.timezone}`);
}

/** Day of the week (0 = Sunday) of an instant in a zone: the default weekday of a new weekly subscription. */
export function localWeekday(instant: Date, timezone: string): number {
  const zone = canonicalTimeZone(timezone);
  if (!zone) throw new RangeError(`invalid IANA timezone "${timezone}"`);
  const wall = wallClockAt(zone, instant.getTime());
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
}

/** Local wall time of an instant as `HH:MM` in a zone (quiet hours are compared in local time). */
export function localTimeAt(instant: Date, timezone: string): LocalTime {
  const zone = canonicalTimeZone(timezone);
  if (!zone) throw new RangeError(`invalid IANA timezone "${timezone}"`);
  const wall = wallClockAt(zone, instant.getTime());
  return { hour: wall.hour, minute: wall.minute };
}

/** The nominal length of one period, used to bound a digest's window after a long pause. */
export function periodMs(frequency: Frequency): number {
  return frequency === 'weekly' ? 7 * DAY_MS : DAY_MS;
}
