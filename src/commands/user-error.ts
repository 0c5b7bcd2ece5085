/**
 * Errors a user caused and may be shown. Each carries an identifier that names a message in the
 * UI catalogue (`error.<identifier>`), so the router can answer in the user's language; anything
 * that is not a UserError is treated as a fault, logged, and answered with a generic apology.
 */
import type { MessageKey, MessageParams } from '../i18n/index.ts';

/** Identifiers of the `error.*` catalogue entries. */
export type ErrorIdentifier = MessageKey extends infer K ? (K extends `error.${infer Id}` ? Id : never) : never;

export class UserError extends Error {
  constructor(
    readonly identifier: ErrorIdentifier,
    readonly params: MessageParams = {},
  ) {
    super(`user error: ${identifier}`);
    this.name = 'UserError';
  }

  get key(): MessageKey {
    return `error.${this.identifier}` as MessageKey;
  }
}
