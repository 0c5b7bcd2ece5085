/**
 * One catalogue per language; `translate` picks the string and fills `{placeholders}`.
 */
import type { Language } from '../core/types.ts';
import { ar } from './ar.ts';
import { en, type MessageKey } from './en.ts';

export type { MessageKey } from './en.ts';

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, ar };

export type MessageParams = Record<string, string | number>;

export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGUES[language][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks ar or en from a platform locale such as `ar`, `ar-SA` or `en-GB`; anything else is null. */
export function languageFromLocale(locale: string | undefined | null): Language | null {
  if (!locale) return null;
  const base = locale.toLowerCase().split(/[-_]/)[0];
  return base === 'ar' ? 'ar' : base === 'en' ? 'en' : null;
}
