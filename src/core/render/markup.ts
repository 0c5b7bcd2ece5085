/**
 * The small set of formatting a line-based briefing needs, in two flavours: Telegram HTML and
 * plain text (Telegram's no-entities fallback and the console). The layout is written once
 * against this interface, and each flavour also knows how to measure what it produced.
 */
import type { Direction } from '../types.ts';
import { bidiPiece, type BidiStyle } from './bidi.ts';
import {
  escapeHtml,
  escapeHtmlAttribute,
  telegramEntityCount,
  telegramLinkUrlLength,
  telegramVisibleLength,
} from './telegram-html.ts';

export interface Markup {
  /** Visible text (already sanitised and bidi-prepared) to markup. */
  text(text: string): string;
  bold(inner: string): string;
  /** A link around `label` (markup) to `url`, which must already be a safe http(s) URL. */
  link(label: string, url: string): string;
  /** Characters the platform counts against its limit. */
  length(markup: string): number;
  /** Formatting entities the platform counts (0 for plain text). */
  entities(markup: string): number;
  /** Characters of link targets carried as entities rather than as text. */
  linkTargets(markup: string): number;
}

export const telegramHtmlMarkup: Markup = {
  text: escapeHtml,
  bold: (inner) => `<b>${inner}</b>`,
  link: (label, url) => `<a href="${escapeHtmlAttribute(url)}">${label}</a>`,
  length: telegramVisibleLength,
  entities: telegramEntityCount,
  linkTargets: telegramLinkUrlLength,
};

/** Plain text: links are written out as "label (url)", the URL isolated as left-to-right text. */
export function plainMarkup(direction: Direction, bidi: BidiStyle): Markup {
  return {
    text: (text) => text,
    bold: (inner) => inner,
    link: (label, url) => `${label} (${bidiPiece(url, direction, bidi)})`,
    length: (markup) => markup.length,
    entities: () => 0,
    linkTargets: () => 0,
  };
}
