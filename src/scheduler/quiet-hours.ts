/**
 * Quiet hours: a chat can ask for no digests between two local times (`22:00`–`07:00`, wrapping
 * midnight when `from` is later than `to`). A digest due inside them is still composed and
 * committed at its scheduled instant (its window and identity do not move), but its messages are
 * held in the outbox until the quiet hours end.
 */
import type { QuietHours } from '../store/records.ts';
import { canonicalTimeZone, localTimeAt, nextDueAt, parseLocalTime } from './next-due.ts';

/**
 * When `at` falls inside the quiet hours (start included, end excluded), the instant they end;
 * otherwise null. Equal start and end mean no quiet hours; malformed values are ignored (null)
 * rather than holding digests forever.
 */
export function quietHoursEnd(quiet: QuietHours | null | undefined, timezone: string, at: Date): Date | null {
  if (!quiet) return null;
  const from = parseLocalTime(quiet.from);
  const to = parseLocalTime(quiet.to);
  const zone = canonicalTimeZone(timezone);
  if (!from || !to || !zone) return null;
  const start = from.hour * 60 + from.minute;
  const end = to.hour * 60 + to.minute;
  if (start === end) return null;
  const local = localTimeAt(at, zone);
  const now = local.hour * 60 + local.minute;
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return null;
  return nextDueAt({ localTime: quiet.to, timezone: zone, frequency: 'daily', weekday: null }, at);
}
