/**
 * Telegram's HTML parse mode: escaping, and counting a message the way the Bot API does.
 *
 * The Bot API limits `text` to 4096 characters *after entity parsing*: tags are removed and
 * `&lt;`, `&gt;`, `&amp;`, `&quot;` and numeric character references are decoded. We count the
 * result in UTF-16 code units (the unit Telegram uses for entity offsets); that is never less than
 * the number of Unicode characters, so a message within our count is within Telegram's.
 */

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;' };

/** Escapes text for use between tags. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/** Escapes a value for use inside a double-quoted attribute. */
export function escapeHtmlAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
const TAG_OR_ENTITY = /<[^>]*>|&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(lt|gt|amp|quot));/g;

/** Visible length of a Telegram HTML message in UTF-16 code units, as the server measures it. */
export function telegramVisibleLength(html: string): number {
  let length = html.length;
  for (const match of html.matchAll(TAG_OR_ENTITY)) {
    length -= match[0].length;
    if (match[0].startsWith('<')) continue;
    length += decodedLength(match[1], match[2], match[3]);
  }
  return length;
}

function decodedLength(decimal: string | undefined, hex: string | undefined, named: string | undefined): number {
  if (named !== undefined) return NAMED_ENTITIES[named]?.length ?? 0;
  const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
  // Invalid or out-of-range references are not decoded; count them conservatively as written.
  if (!Number.isFinite(code) || code > 0x10ffff) return (decimal ?? hex ?? '').length + 3 + (hex !== undefined ? 1 : 0);
  return code > 0xffff ? 2 : 1;
}

/** Number of formatting entities (opening tags) in a message. */
export function telegramEntityCount(html: string): number {
  return html.match(/<[a-zA-Z][^>]*>/g)?.length ?? 0;
}

/** Total length of link targets in a message, the dominant part of Telegram's entity size budget. */
export function telegramLinkUrlLength(html: string): number {
  let total = 0;
  for (const match of html.matchAll(/<a\s+href="([^"]*)"/g)) total += (match[1] ?? '').length;
  return total;
}
