/**
 * The slice of a structured logger the scheduler and sender use: one event per line, fields first,
 * a short message second. A pino logger fits as is; tests pass a recorder.
 * Every line carries an `event` field (`delivery.retry`, `digest.skipped_late`, …) to filter on.
 */
export type LogFields = Record<string, unknown> & { event: string };

export interface EventLog {
  debug(fields: LogFields, message: string): void;
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
}

const ignore = (): void => undefined;
export const silentEventLog: EventLog = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** Error fields for a log line: message and kind, never the whole object (it may hold request data). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, errorName: error.name, ...('kind' in error ? { kind: error.kind } : {}) };
  return { error: String(error) };
}
