/** Arabic UI strings. Typed against the English catalogue so a missing key fails type-checking. */
import type { MessageKey } from './en.ts';

export const ar: Record<MessageKey, string> = {
  'language.name': 'العربية',
};
