/**
 * Briefings as Discord Create Message bodies (REST, snake_case): the title in `content`, one
 * embed per item, as many messages as the embed limits require.
 *
 * Every payload carries `allowed_mentions: { parse: [] }`; article text is defused and escaped
 * (see discord-markdown.ts); every limit in limits.ts is respected per field, per embed and per
 * message (6000 characters and 10 embeds).
 */
import type { Briefing, Direction, Language } from '../types.ts';
import { translate } from '../../i18n/index.ts';
import { bidiLine, bidiPiece, type BidiStyle } from './bidi.ts';
import { DISCORD_AUTOLINK, defuseDiscordMentions, discordLinkTarget, escapeDiscordMarkdown, type EscapeOptions } from './discord-markdown.ts';
import {
  DISCORD_EMBEDS_PER_MESSAGE,
  DISCORD_EMBEDS_TOTAL_LIMIT,
  DISCORD_EMBED_DESCRIPTION_LIMIT,
  DISCORD_EMBED_FIELD_NAME_LIMIT,
  DISCORD_EMBED_FIELD_VALUE_LIMIT,
  DISCORD_EMBED_FOOTER_LIMIT,
  DISCORD_EMBED_TITLE_LIMIT,
} from './limits.ts';
import { toDisplayBriefing, type DisplayBriefing, type DisplayItem, type DisplayOptions } from './model.ts';
import { cutAtCodePoint, largestFitting, shortenSentences, shortenText } from './truncate.ts';

export interface DiscordEmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface DiscordEmbed {
  title?: string;
  description?: string;
  url?: string;
  timestamp?: string;
  color?: number;
  footer?: { text: string };
  author?: { name: string; url?: string };
  fields?: DiscordEmbedField[];
}

export interface DiscordMessage {
  content?: string;
  embeds?: DiscordEmbed[];
  allowed_mentions: { parse: [] };
}

export interface DiscordRenderOptions extends DisplayOptions {
  /**
   * How mixed-direction runs are kept in order. Default `isolates`: Discord's clients (Chromium
   * on desktop and web, the platform text stacks on mobile) implement Unicode isolates.
   */
  bidi?: BidiStyle;
  /** Embed accent colour (0xRRGGBB). */
  color?: number;
}

export const DISCORD_BRIEFING_COLOR = 0x1f6feb;

/** Up to this many "Sources" fields per embed: three fields hold at least six long Arabic-slug links. */
const MAX_SOURCE_FIELDS = 3;

interface Context {
  language: Language;
  direction: Direction;
  bidi: BidiStyle;
}

/** Characters an embed counts against the 6000 per-message total. */
export function discordEmbedLength(embed: DiscordEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

export function renderDiscord(briefing: Briefing, options: DiscordRenderOptions = {}): DiscordMessage[] {
  const display = toDisplayBriefing(briefing, options);
  const ctx: Context = { language: display.language, direction: display.direction, bidi: options.bidi ?? 'isolates' };
  const color = Number.isInteger(options.color) && options.color! >= 0 && options.color! <= 0xffffff ? options.color! : DISCORD_BRIEFING_COLOR;
  const embeds = display.items.map((item) => renderItemEmbed(ctx, item, color));

  const groups: DiscordEmbed[][] = [];
  for (const embed of embeds) {
    const current = groups.at(-1);
    const fits =
      current !== undefined &&
      current.length < DISCORD_EMBEDS_PER_MESSAGE &&
      current.reduce((sum, e) => sum + discordEmbedLength(e), 0) + discordEmbedLength(embed) <= DISCORD_EMBEDS_TOTAL_LIMIT;
    if (current && fits) current.push(embed);
    else groups.push([embed]);
  }
  const notices: string[] = [];
  if (display.items.length === 0) notices.push(translate(ctx.language, 'render.empty'));
  if (display.omittedItems > 0) notices.push(translate(ctx.language, 'render.moreItems', { count: display.omittedItems }));
  if (groups.length === 0) groups.push([]);

  return groups.map((group, index) => {
    const last = index === groups.length - 1;
    const content = renderContent(ctx, display, index + 1, groups.length, last ? notices : []);
    const message: DiscordMessage = { content, allowed_mentions: { parse: [] } };
    if (group.length > 0) message.embeds = group;
    return message;
  });
}

function text(ctx: Context, raw: string, options: EscapeOptions = {}): string {
  return bidiPiece(escapeDiscordMarkdown(raw, options), ctx.direction, ctx.bidi, DISCORD_AUTOLINK);
}

function ui(ctx: Context, raw: string): string {
  return bidiPiece(raw, ctx.direction, ctx.bidi);
}

function line(ctx: Context, value: string): string {
  return bidiLine(value, ctx.direction, ctx.bidi);
}

function renderContent(ctx: Context, display: DisplayBriefing, part: number, total: number, notices: readonly string[]): string {
  const label = total > 1 ? ` ${translate(ctx.language, 'render.part', { part, total })}` : '';
  const lines = [line(ctx, `**${text(ctx, shortenText(display.title, 256).text)}${ui(ctx, label)}**`)];
  for (const notice of notices) lines.push(line(ctx, ui(ctx, notice)));
  // Bounded far below DISCORD_CONTENT_LIMIT: a 256-unit title at most doubles when escaped and
  // isolated, and the notices are the bot's own short strings.
  return lines.join('\n');
}

function renderItemEmbed(ctx: Context, item: DisplayItem, color: number): DiscordEmbed {
  const { language } = ctx;
  let cut = item.cut;
  const number = translate(language, 'render.itemNumber', { n: item.number });
  const titleFor = (max: number): string => line(ctx, `${ui(ctx, number)} ${text(ctx, shortenText(item.headline, max).text)}`);
  const headlineRoom = largestFitting(item.headline.length, (max) => titleFor(max).length <= DISCORD_EMBED_TITLE_LIMIT);
  const title = titleFor(Math.max(headlineRoom, 0));
  cut ||= headlineRoom < item.headline.length;

  const embed: DiscordEmbed = { title, color };
  if (item.primaryUrl) embed.url = item.primaryUrl;
  if (item.timestamp) embed.timestamp = item.timestamp;

  const fields: DiscordEmbedField[] = [];
  const sources = listFields(
    ctx,
    translate(language, 'render.sources'),
    // Names are capped by the display model (MAX_NAME_CHARS), so one entry always fits a field.
    item.sources.map((source) => {
      const label = text(ctx, source.name, { urls: 'plain' });
      const short = text(ctx, source.name);
      return { full: source.url ? `[${label}](${discordLinkTarget(source.url)})` : short, short };
    }),
    item.moreSources,
    'render.moreSources',
    MAX_SOURCE_FIELDS,
  );
  const terms = listFields(
    ctx,
    translate(language, 'render.why'),
    item.terms.map((term) => ({ full: text(ctx, term), short: text(ctx, term) })),
    item.moreTerms,
    'render.moreTerms',
    1,
  );
  fields.push(...sources, ...terms);
  if (fields.length > 0) embed.fields = fields;
  if (item.date) embed.footer = { text: cutAtCodePoint(line(ctx, ui(ctx, defuseDiscordMentions(item.date))), DISCORD_EMBED_FOOTER_LIMIT) };

  // The description gets what is left of the per-message total after the rest of this embed.
  const room = Math.min(DISCORD_EMBED_DESCRIPTION_LIMIT, DISCORD_EMBEDS_TOTAL_LIMIT - discordEmbedLength(embed));
  const description = fitDescription(ctx, item, cut, room);
  if (description.length > 0) embed.description = description;
  return embed;
}

function renderDescription(ctx: Context, item: DisplayItem, summaryMax: number, alreadyCut: boolean): string {
  const summary = Number.isFinite(summaryMax) ? shortenSentences(item.sentences, summaryMax) : { sentences: item.sentences, cut: false };
  const parts = summary.sentences.map((sentence) => text(ctx, sentence));
  if (alreadyCut || summary.cut) {
    const label = ui(ctx, escapeDiscordMarkdown(translate(ctx.language, 'render.shortened'), { urls: 'plain' }));
    parts.push(item.primaryUrl ? `*[${label}](${discordLinkTarget(item.primaryUrl)})*` : `*(${label})*`);
  }
  return parts.length > 0 ? line(ctx, parts.join(' ')) : '';
}

function fitDescription(ctx: Context, item: DisplayItem, alreadyCut: boolean, room: number): string {
  const full = renderDescription(ctx, item, Number.POSITIVE_INFINITY, alreadyCut);
  if (full.length <= room) return full;
  const total = item.sentences.reduce((sum, sentence) => sum + sentence.length + 1, 0);
  const best = largestFitting(total, (max) => renderDescription(ctx, item, max, true).length <= room);
  return best >= 0 ? renderDescription(ctx, item, best, true) : '';
}

/** One list entry: its preferred form (a masked link) and a shorter one (the name alone). */
interface ListEntry {
  full: string;
  short: string;
}

/**
 * Fields listing entries (sources or terms). Entries are packed into up to `maxFields` fields of
 * the same name, so long links (Arabic slugs percent-encode to hundreds of characters) keep being
 * links; in the last field an entry whose link does not fit is shown by name, and whatever does not
 * fit at all is summarised as a count ("+3 more").
 */
function listFields(
  ctx: Context,
  name: string,
  entries: readonly ListEntry[],
  more: number,
  moreKey: 'render.moreSources' | 'render.moreTerms',
  maxFields: number,
): DiscordEmbedField[] {
  if (entries.length === 0 && more === 0) return [];
  const fieldName = cutAtCodePoint(line(ctx, ui(ctx, name)), DISCORD_EMBED_FIELD_NAME_LIMIT);
  const separator = ui(ctx, translate(ctx.language, 'render.listSeparator'));
  const limit = DISCORD_EMBED_FIELD_VALUE_LIMIT - line(ctx, '').length;
  const fields: DiscordEmbedField[] = [];
  let rest = entries;
  while (fields.length < maxFields - 1 && rest.length > 0) {
    const parts: string[] = [];
    let used = 0;
    for (const entry of rest) {
      const form = entry.full.length <= limit ? entry.full : entry.short;
      const cost = (parts.length > 0 ? separator.length : 0) + form.length;
      if (used + cost > limit) break;
      parts.push(form);
      used += cost;
    }
    if (parts.length === rest.length && more === 0) return [...fields, { name: fieldName, value: line(ctx, parts.join(separator)) }];
    if (parts.length === rest.length) break;
    fields.push({ name: fieldName, value: line(ctx, parts.join(separator)) });
    rest = rest.slice(parts.length);
  }
  return [...fields, { name: fieldName, value: line(ctx, lastListValue(ctx, rest, more, moreKey, separator, limit)) }];
}

function lastListValue(
  ctx: Context,
  entries: readonly ListEntry[],
  more: number,
  moreKey: 'render.moreSources' | 'render.moreTerms',
  separator: string,
  limit: number,
): string {
  const moreLabel = (count: number): string => ui(ctx, translate(ctx.language, moreKey, { count }));
  const reserve = separator.length + moreLabel(more + entries.length).length;
  const parts: string[] = [];
  let used = 0;
  for (const [index, entry] of entries.entries()) {
    const needsReserve = index < entries.length - 1 || more > 0;
    const form = [entry.full, entry.short].find((candidate) => {
      const cost = (parts.length > 0 ? separator.length : 0) + candidate.length;
      return used + cost + (needsReserve ? reserve : 0) <= limit;
    });
    if (form === undefined) break;
    used += (parts.length > 0 ? separator.length : 0) + form.length;
    parts.push(form);
  }
  const hidden = more + entries.length - parts.length;
  if (hidden > 0) parts.push(moreLabel(hidden));
  return parts.join(separator);
}
