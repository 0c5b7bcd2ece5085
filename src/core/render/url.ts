/**
 * Which URLs may become links. Only absolute http(s) URLs without credentials, white space or
 * invisible characters, of reasonable length; everything else is shown as text, never linked.
 */
import { MAX_LINK_URL_LENGTH } from './limits.ts';

const FORBIDDEN_IN_URL = /[\s\u0000-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/;

/** The normalised URL when it is safe to link, otherwise null. */
export function safeHttpUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const candidate = raw.trim();
  if (candidate.length === 0 || candidate.length > MAX_LINK_URL_LENGTH || FORBIDDEN_IN_URL.test(candidate)) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // "https://trusted.example@evil.example" shows one host and opens another.
  if (url.username !== '' || url.password !== '') return null;
  if (url.hostname === '') return null;
  const href = url.href;
  return href.length <= MAX_LINK_URL_LENGTH ? href : null;
}
