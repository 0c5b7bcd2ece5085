/**
 * Line layout of a briefing for Telegram (HTML or plain) and the console:
 *
 *   **Iraq–US relations — 27–28 Nov 2026 (1/2)**
 *
 *   **1. Headline**
 *   Summary sentence. Summary sentence. … shortened — read the full article
 *   Sources: Name, Name, +3 more — 28 Nov 2026, 14:05 UTC
 *   Why: term, term
 *
 * Items are fitted to a budget in stages: as they are; then compact (long headline, source names
 * and terms cut, summary cut at a sentence or word boundary); then minimal. Every stage that cuts
 * anything adds the "shortened" marker linking to the source.
 */
import type { Direction, Language } from '../types.ts';
import { translate } from '../../i18n/index.ts';
import { bidiLine, bidiPiece, type BidiStyle } from './bidi.ts';
import type { Markup } from './markup.ts';
import type { DisplayBriefing, DisplayItem } from './model.ts';
import { largestFitting, shortenSentences, shortenText } from './truncate.ts';

export interface LayoutContext {
  markup: Markup;
  language: Language;
  direction: Direction;
  bidi: BidiStyle;
  /** Applied to article-derived text before markup (e.g. defusing @mentions). */
  defuse: (text: string) => string;
}

export interface ItemCaps {
  headline: number;
  sourceName: number;
  maxSources: number;
  term: number;
  maxTerms: number;
  /** UTF-16 units of summary text kept. */
  summary: number;
  /** Whether sources may be links. */
  links: boolean;
}

export const UNCAPPED: Omit<ItemCaps, 'maxSources'> = {
  headline: Number.POSITIVE_INFINITY,
  sourceName: Number.POSITIVE_INFINITY,
  term: Number.POSITIVE_INFINITY,
  maxTerms: Number.POSITIVE_INFINITY,
  summary: Number.POSITIVE_INFINITY,
  links: true,
};

const COMPACT: Omit<ItemCaps, 'summary' | 'maxSources'> = { headline: 300, sourceName: 60, term: 40, maxTerms: 12, links: true };
const MINIMAL: Omit<ItemCaps, 'summary'> = { headline: 120, sourceName: 30, maxSources: 2, term: 24, maxTerms: 3, links: true };
const BARE: Omit<ItemCaps, 'summary'> = { ...MINIMAL, links: false };

/** A piece of display text, ready for the line: defused, bidi-prepared and escaped. */
function piece(ctx: LayoutContext, text: string): string {
  return ctx.markup.text(bidiPiece(ctx.defuse(text), ctx.direction, ctx.bidi));
}

/** The bot's own words: no defusing needed, but still escaped and bidi-prepared. */
function ui(ctx: LayoutContext, text: string): string {
  return ctx.markup.text(bidiPiece(text, ctx.direction, ctx.bidi));
}

function lines(ctx: LayoutContext, parts: readonly string[]): string {
  return parts.map((line) => bidiLine(line, ctx.direction, ctx.bidi)).join('\n');
}

function capped(text: string, max: number): { text: string; cut: boolean } {
  return Number.isFinite(max) ? shortenText(text, max) : { text, cut: false };
}

/**
 * The header: the title (which names the topic and the period) with part numbers when the
 * briefing spans several messages.
 */
export function renderHeader(ctx: LayoutContext, briefing: DisplayBriefing, part?: { part: number; total: number }): string {
  const title = capped(briefing.title, 256).text;
  const label = part && part.total > 1 ? ` ${translate(ctx.language, 'render.part', { part: part.part, total: part.total })}` : '';
  return lines(ctx, [ctx.markup.bold(`${piece(ctx, title)}${ui(ctx, label)}`)]);
}

export function renderNotice(ctx: LayoutContext, text: string): string {
  return lines(ctx, [ui(ctx, text)]);
}

/** One item under the given caps. */
export function renderItem(ctx: LayoutContext, item: DisplayItem, caps: ItemCaps): string {
  const { markup, language } = ctx;
  const list = translate(language, 'render.listSeparator');
  const labelSeparator = translate(language, 'render.labelSeparator');
  let cut = item.cut;

  const headline = capped(item.headline, caps.headline);
  cut ||= headline.cut;
  const number = translate(language, 'render.itemNumber', { n: item.number });
  const out = [markup.bold(`${ui(ctx, number)} ${piece(ctx, headline.text)}`)];

  const summary = Number.isFinite(caps.summary) ? shortenSentences(item.sentences, caps.summary) : { sentences: item.sentences, cut: false };
  cut ||= summary.cut;

  const shownSources = item.sources.slice(0, caps.maxSources);
  const sources = shownSources.map((source) => {
    const name = capped(source.name, caps.sourceName);
    cut ||= name.cut;
    const label = piece(ctx, name.text);
    return caps.links && source.url ? markup.link(label, source.url) : label;
  });
  const moreSources = item.moreSources + item.sources.length - shownSources.length;

  const shownTerms = item.terms.slice(0, caps.maxTerms);
  const terms = shownTerms.map((term) => {
    const shortened = capped(term, caps.term);
    cut ||= shortened.cut;
    return piece(ctx, shortened.text);
  });
  const moreTerms = item.moreTerms + item.terms.length - shownTerms.length;

  const summaryLine = summary.sentences.map((sentence) => piece(ctx, sentence));
  if (cut) summaryLine.push(shortenedMarker(ctx, item, caps.links));
  if (summaryLine.length > 0) out.push(summaryLine.join(' '));

  if (sources.length > 0 || item.date) {
    let line = `${ui(ctx, `${translate(language, 'render.sources')}${labelSeparator}`)}${sources.join(ui(ctx, list))}`;
    if (moreSources > 0) line += ui(ctx, `${sources.length > 0 ? list : ''}${translate(language, 'render.moreSources', { count: moreSources })}`);
    if (item.date) line += `${ui(ctx, ' — ')}${ui(ctx, item.date)}`;
    out.push(line);
  }
  if (terms.length > 0) {
    let line = `${ui(ctx, `${translate(language, 'render.why')}${labelSeparator}`)}${terms.join(ui(ctx, list))}`;
    if (moreTerms > 0) line += ui(ctx, `${list}${translate(language, 'render.moreTerms', { count: moreTerms })}`);
    out.push(line);
  }
  return lines(ctx, out);
}

function shortenedMarker(ctx: LayoutContext, item: DisplayItem, links: boolean): string {
  const label = translate(ctx.language, 'render.shortened');
  if (links && item.primaryUrl) return ctx.markup.link(ui(ctx, label), item.primaryUrl);
  return ui(ctx, `(${label})`);
}

/**
 * The fullest rendering of `item` that `fits`, trying each stage in turn. The last stage has no
 * links and tiny caps, so it fits any budget a message can offer.
 */
export function fitItem(ctx: LayoutContext, item: DisplayItem, maxSources: number, fits: (markup: string) => boolean): string {
  const full = renderItem(ctx, item, { ...UNCAPPED, maxSources });
  if (fits(full)) return full;
  const summaryLength = item.sentences.reduce((sum, sentence) => sum + sentence.length + 1, 0);
  for (const stage of [{ ...COMPACT, maxSources }, MINIMAL, BARE]) {
    const render = (summary: number): string => renderItem(ctx, item, { ...stage, summary });
    const best = largestFitting(summaryLength, (summary) => fits(render(summary)));
    if (best >= 0) return render(best);
  }
  return renderItem(ctx, item, { ...BARE, headline: 40, maxTerms: 0, maxSources: 0, summary: 0 });
}
