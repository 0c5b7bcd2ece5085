/**
 * A neutral `Reply` as Telegram messages: text parts as plain messages (no parse mode, so nothing
 * a user typed can break or inject markup), briefings through the shared HTML renderer, buttons
 * as an inline keyboard under the last message. Every message stays within 4096 characters:
 * long text is split between paragraphs, then lines, then words.
 */
import type { Reply } from '../../commands/reply.ts';
import { renderTelegram, TELEGRAM_MESSAGE_LIMIT } from '../../core/render/index.ts';
import type { MessageBody } from './outbound.ts';

export interface KeyboardButton {
  text: string;
  callback_data: string;
}

export type Keyboard = KeyboardButton[][];

const NO_PREVIEW = { is_disabled: true } as const;

/** Consecutive text parts read as one message (a heading line and its answer belong together). */
export function replyMessages(reply: Reply, options: { timeZone: string; keyboard?: Keyboard | null }): MessageBody[] {
  const bodies: MessageBody[] = [];
  let texts: string[] = [];
  const flushText = (): void => {
    const joined = texts.filter((text) => text.trim() !== '').join('\n\n');
    texts = [];
    for (const text of splitText(joined, TELEGRAM_MESSAGE_LIMIT)) bodies.push({ text, link_preview_options: { ...NO_PREVIEW } });
  };
  for (const part of reply.parts) {
    if (part.kind === 'text') {
      texts.push(part.text);
      continue;
    }
    flushText();
    for (const message of renderTelegram(part.briefing, { timeZone: options.timeZone })) bodies.push({ ...message });
  }
  flushText();
  const last = bodies.at(-1);
  if (last && options.keyboard && options.keyboard.length > 0) last.reply_markup = { inline_keyboard: options.keyboard };
  return bodies;
}

/** Pieces of at most `limit` UTF-16 units, cut at the widest boundary that fits; none empty. */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece.length > 0) pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** Where the first piece ends: before a boundary (the boundary itself is trimmed away). */
function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  for (const boundary of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(boundary);
    // A boundary very early would leave a sliver of a message; cut at a narrower one instead.
    if (at > limit / 4) return at;
  }
  // No boundary: cut at the limit, never between the two halves of a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/**
 * Telegram HTML as plain text, for when Telegram refuses the markup: tags removed, entities
 * decoded, and link targets written after their label while they fit in a message.
 */
export function telegramHtmlToPlain(html: string, limit = TELEGRAM_MESSAGE_LIMIT): string {
  const withUrls = stripTags(html.replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_whole, url: string, label: string) => `${label} (${url})`));
  if (withUrls.length <= limit) return withUrls;
  const plain = stripTags(html);
  return plain.length <= limit ? plain : splitText(plain, limit)[0] ?? '';
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function stripTags(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(lt|gt|amp|quot));/g, (whole, decimal?: string, hex?: string, named?: string) => {
      if (named !== undefined) return NAMED[named] ?? whole;
      const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    });
}
