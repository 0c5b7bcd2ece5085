/**
 * Errors the store raises on purpose. Callers branch on `code`; the message is for operators' logs,
 * never shown to chat users as is.
 */
export type StoreErrorCode =
  /** The row a change refers to does not exist (chat, subscription, render). */
  | 'not-found'
  /** The input breaks a rule of the schema (unknown render, more messages than payloads…). */
  | 'invalid'
  /** The database was migrated by a newer mowjaz than this one. */
  | 'schema-too-new';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: StoreErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
