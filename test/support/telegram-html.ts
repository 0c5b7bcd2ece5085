/**
 * A strict reading of Telegram's HTML parse mode, for tests and for a fake Bot API server.
 *
 * It accepts only what the Bot API documents (the supported tags and attributes, the four named
 * entities and numeric references, properly nested tags) and returns the text as Telegram stores
 * it together with the entities, so callers can check lengths in UTF-16 code units exactly as
 * Telegram reports entity offsets. Anything else is an error, as the real server would answer
 * "Bad Request: can't parse entities".
 */

export interface TelegramEntity {
  type: 'bold' | 'italic' | 'underline' | 'strikethrough' | 'spoiler' | 'text_link' | 'code' | 'pre' | 'blockquote' | 'custom_emoji';
  offset: number;
  length: number;
  url?: string;
}

export interface ParsedTelegramHtml {
  text: string;
  entities: TelegramEntity[];
}

export class TelegramHtmlError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`can't parse entities: ${message} at offset ${position}`);
    this.name = 'TelegramHtmlError';
  }
}

const TAG_TYPES: Record<string, TelegramEntity['type']> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href'],
  span: ['class'],
  code: ['class'],
  blockquote: ['expandable'],
  'tg-emoji': ['emoji-id'],
};

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface Open {
  name: string;
  type: TelegramEntity['type'];
  start: number;
  url?: string;
  at: number;
}

export function parseTelegramHtml(html: string): ParsedTelegramHtml {
  let text = '';
  const entities: TelegramEntity[] = [];
  const stack: Open[] = [];
  let i = 0;
  while (i < html.length) {
    const c = html[i]!;
    if (c === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) throw new TelegramHtmlError('unclosed start tag', i);
      const raw = html.slice(i + 1, end);
      if (raw.startsWith('/')) closeTag(raw.slice(1).trim().toLowerCase(), i);
      else openTag(raw, i);
      i = end + 1;
      continue;
    }
    if (c === '>') throw new TelegramHtmlError('unescaped ">"', i);
    if (c === '&') {
      const { value, length } = readEntity(html, i);
      text += value;
      i += length;
      continue;
    }
    text += c;
    i += 1;
  }
  if (stack.length > 0) throw new TelegramHtmlError(`can't find end tag corresponding to start tag "${stack.at(-1)!.name}"`, stack.at(-1)!.at);
  return { text, entities: entities.sort((a, b) => a.offset - b.offset || b.length - a.length) };

  function openTag(raw: string, at: number): void {
    const match = /^([a-zA-Z][\w-]*)((?:\s+[\w-]+(?:\s*=\s*"[^"]*")?)*)\s*$/.exec(raw);
    if (!match) throw new TelegramHtmlError(`malformed tag "<${raw}>"`, at);
    const name = match[1]!.toLowerCase();
    const type = TAG_TYPES[name];
    if (!type) throw new TelegramHtmlError(`unsupported start tag "${name}"`, at);
    const attributes = new Map<string, string>();
    for (const attribute of (match[2] ?? '').matchAll(/([\w-]+)(?:\s*=\s*"([^"]*)")?/g)) {
      const key = attribute[1]!.toLowerCase();
      if (!(ALLOWED_ATTRIBUTES[name] ?? []).includes(key)) throw new TelegramHtmlError(`unsupported attribute "${key}" on "${name}"`, at);
      attributes.set(key, decodeAttribute(attribute[2] ?? '', at));
    }
    if (name === 'span' && attributes.get('class') !== 'tg-spoiler') throw new TelegramHtmlError('span without class="tg-spoiler"', at);
    if (name === 'a' && !attributes.has('href')) throw new TelegramHtmlError('link without href', at);
    const parent = stack.at(-1);
    if (parent && (parent.type === 'code' || (parent.type === 'pre' && type !== 'code'))) {
      throw new TelegramHtmlError(`"${name}" inside "${parent.name}"`, at);
    }
    if (type === 'text_link' && stack.some((open) => open.type === 'text_link')) throw new TelegramHtmlError('nested links', at);
    if (type === 'blockquote' && stack.some((open) => open.type === 'blockquote')) throw new TelegramHtmlError('nested blockquotes', at);
    const url = attributes.get('href');
    stack.push({ name, type, start: text.length, at, ...(url !== undefined ? { url } : {}) });
  }

  function closeTag(name: string, at: number): void {
    const open = stack.pop();
    if (!open) throw new TelegramHtmlError(`unexpected end tag "${name}"`, at);
    if (open.name !== name) throw new TelegramHtmlError(`end tag "${name}" does not match start tag "${open.name}"`, at);
    const length = text.length - open.start;
    if (length > 0) entities.push({ type: open.type, offset: open.start, length, ...(open.url !== undefined ? { url: open.url } : {}) });
  }
}

function readEntity(html: string, at: number): { value: string; length: number } {
  const match = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/.exec(html.slice(at, at + 12));
  if (!match) throw new TelegramHtmlError('unescaped "&"', at);
  if (match[3] !== undefined) {
    const value = NAMED[match[3]];
    if (value === undefined) throw new TelegramHtmlError(`unsupported entity "&${match[3]};"`, at);
    return { value, length: match[0].length };
  }
  const code = match[1] !== undefined ? Number.parseInt(match[1], 10) : Number.parseInt(match[2]!, 16);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new TelegramHtmlError(`invalid character reference ${match[0]}`, at);
  return { value: String.fromCodePoint(code), length: match[0].length };
}

function decodeAttribute(value: string, at: number): string {
  if (value.includes('<')) throw new TelegramHtmlError('"<" in attribute value', at);
  let out = '';
  for (let i = 0; i < value.length; ) {
    if (value[i] === '&') {
      const entity = readEntity(value, i);
      out += entity.value;
      i += entity.length;
    } else {
      out += value[i];
      i += 1;
    }
  }
  return out;
}

/** Checks a sendMessage body against the parser and the documented limits; returns the problems. */
export function telegramMessageProblems(html: string, limits = { length: 4096, entities: 100 }): string[] {
  let parsed: ParsedTelegramHtml;
  try {
    parsed = parseTelegramHtml(html);
  } catch (error) {
    return [(error as Error).message];
  }
  const problems: string[] = [];
  if (parsed.text.trim().length === 0) problems.push('message text is empty');
  if (parsed.text.length > limits.length) problems.push(`text is ${parsed.text.length} UTF-16 units after parsing (limit ${limits.length})`);
  if (parsed.entities.length > limits.entities) problems.push(`${parsed.entities.length} entities (limit ${limits.entities})`);
  for (const entity of parsed.entities) {
    if (entity.type === 'text_link' && !/^https?:\/\//.test(entity.url ?? '')) problems.push(`link to a non-http(s) URL: ${entity.url}`);
  }
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(parsed.text)) problems.push('lone surrogate in text');
  return problems;
}
