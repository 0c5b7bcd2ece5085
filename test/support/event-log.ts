/** Test doubles for the structured logger the scheduler, sender and roles take. */
import type { EventLog, LogFields } from '../../src/delivery/event-log.ts';

/** An `EventLog` that keeps every line, whatever its level. */
export function recordingEventLog(): { lines: LogFields[]; events: () => string[]; log: EventLog } {
  const lines: LogFields[] = [];
  const record = (fields: LogFields): void => void lines.push(fields);
  return { lines, events: () => lines.map((line) => line.event), log: { debug: record, info: record, warn: record, error: record } };
}

/** Polls `check` on the real clock until it holds; fails after `ms`. */
export async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
