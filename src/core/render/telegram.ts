/**
 * Briefings as Telegram `sendMessage` bodies (minus `chat_id`), in HTML parse mode, plus a
 * plain-text fallback for when Telegram refuses the entities.
 *
 * Each message stays within 4096 characters as Telegram counts them, 100 entities and a link
 * budget; long briefings are split between items (never inside a tag or an entity), and an item
 * too long for a message on its own is shortened with a visible marker linking to its source.
 */
import type { Briefing } from '../types.ts';
import { translate } from '../../i18n/index.ts';
import { TEXT_URL, type BidiStyle } from './bidi.ts';
import { fitItem, renderHeader, renderNotice, type LayoutContext } from './layout.ts';
import { TELEGRAM_LINK_URL_BUDGET, TELEGRAM_MAX_ENTITIES, TELEGRAM_MAX_LINKS_PER_ITEM, TELEGRAM_MESSAGE_LIMIT } from './limits.ts';
import { plainMarkup, telegramHtmlMarkup, type Markup } from './markup.ts';
import { toDisplayBriefing, type DisplayBriefing, type DisplayOptions } from './model.ts';

export interface TelegramMessage {
  text: string;
  parse_mode: 'HTML';
  link_preview_options: { is_disabled: boolean };
}

/** The fallback body: same text without entities. */
export interface TelegramPlainMessage {
  text: string;
  link_preview_options: { is_disabled: boolean };
}

export interface TelegramRenderOptions extends DisplayOptions {
  /** Show a preview of the first link (off by default: a briefing is not about one article). */
  linkPreviews?: boolean;
  /**
   * How mixed-direction runs are kept in order. Default `marks`: Telegram Desktop does not
   * implement Unicode isolates faithfully, while RLM/LRM work in every Telegram client.
   */
  bidi?: BidiStyle;
}

const WORD_JOINER = '\u2060';

/**
 * Telegram turns "@name" into a mention (notifying members of a group) and "/word" into a
 * clickable bot command. A word joiner after the sign keeps the text as written but inert.
 */
export function defuseTelegramText(text: string): string {
  if (!text.includes('@') && !text.includes('/')) return text;
  let out = '';
  let last = 0;
  // URLs are left alone: a joiner inside one would cut the link Telegram detects.
  for (const url of text.matchAll(TEXT_URL)) {
    out += defuseSigns(text.slice(last, url.index)) + url[0];
    last = url.index + url[0].length;
  }
  return out + defuseSigns(text.slice(last));
}

function defuseSigns(text: string): string {
  return text.replace(/[@/]/g, (sign, offset: number) =>
    isWordChar(text.charAt(offset + 1)) && !isWordChar(text.charAt(offset - 1)) ? `${sign}${WORD_JOINER}` : sign,
  );
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

function isWordChar(char: string): boolean {
  return char !== '' && WORD_CHAR.test(char);
}

export function renderTelegram(briefing: Briefing, options: TelegramRenderOptions = {}): TelegramMessage[] {
  const display = toDisplayBriefing(briefing, options);
  const preview = { is_disabled: !options.linkPreviews };
  return layoutMessages(display, telegramHtmlMarkup, options.bidi ?? 'marks').map((text) => ({
    text,
    parse_mode: 'HTML' as const,
    link_preview_options: { ...preview },
  }));
}

export function renderTelegramPlain(briefing: Briefing, options: TelegramRenderOptions = {}): TelegramPlainMessage[] {
  const display = toDisplayBriefing(briefing, options);
  const bidi = options.bidi ?? 'marks';
  const preview = { is_disabled: !options.linkPreviews };
  return layoutMessages(display, plainMarkup(display.direction, bidi), bidi).map((text) => ({
    text,
    link_preview_options: { ...preview },
  }));
}

const SEPARATOR = '\n\n';

function layoutMessages(display: DisplayBriefing, markup: Markup, bidi: BidiStyle): string[] {
  const ctx: LayoutContext = { markup, language: display.language, direction: display.direction, bidi, defuse: defuseTelegramText };
  const fits = (text: string): boolean =>
    markup.length(text) <= TELEGRAM_MESSAGE_LIMIT &&
    markup.entities(text) <= TELEGRAM_MAX_ENTITIES &&
    markup.linkTargets(text) <= TELEGRAM_LINK_URL_BUDGET;

  // The widest header any message can get, so every item fits under whichever header it lands.
  const widest = Math.max(display.items.length + 1, 2);
  const reserve = renderHeader(ctx, display, { part: widest, total: widest }) + SEPARATOR;
  const blocks = display.items.map((item) => fitItem(ctx, item, TELEGRAM_MAX_LINKS_PER_ITEM, (text) => fits(reserve + text)));
  if (display.items.length === 0) blocks.push(renderNotice(ctx, translate(display.language, 'render.empty')));
  if (display.omittedItems > 0) blocks.push(renderNotice(ctx, translate(display.language, 'render.moreItems', { count: display.omittedItems })));

  const groups: string[][] = [];
  for (const block of blocks) {
    const current = groups.at(-1);
    if (current && fits(reserve + [...current, block].join(SEPARATOR))) current.push(block);
    else groups.push([block]);
  }
  return groups.map((group, index) => {
    const header = renderHeader(ctx, display, { part: index + 1, total: groups.length });
    return [header, ...group].join(SEPARATOR);
  });
}
