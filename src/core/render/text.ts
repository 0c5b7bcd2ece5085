/**
 * Briefings as plain text for the console and logs: the same layout as Telegram, nothing cut for
 * a platform limit (sanitation still caps absurd lengths, with the "shortened" marker), links
 * written out.
 */
import type { Briefing } from '../types.ts';
import { translate } from '../../i18n/index.ts';
import type { BidiStyle } from './bidi.ts';
import { renderHeader, renderItem, renderNotice, UNCAPPED, type LayoutContext } from './layout.ts';
import { plainMarkup } from './markup.ts';
import { toDisplayBriefing, type DisplayOptions } from './model.ts';

export interface TextRenderOptions extends DisplayOptions {
  /**
   * Default `marks`: invisible, so harmless in terminals without bidi support, and right when the
   * text is pasted somewhere that has it. Use `none` for logs meant to be grepped.
   */
  bidi?: BidiStyle;
}

export function renderText(briefing: Briefing, options: TextRenderOptions = {}): string {
  const display = toDisplayBriefing(briefing, options);
  const bidi = options.bidi ?? 'marks';
  const ctx: LayoutContext = {
    markup: plainMarkup(display.direction, bidi),
    language: display.language,
    direction: display.direction,
    bidi,
    defuse: (text) => text,
  };
  const blocks = [renderHeader(ctx, display)];
  for (const item of display.items) blocks.push(renderItem(ctx, item, { ...UNCAPPED, maxSources: Number.POSITIVE_INFINITY }));
  if (display.items.length === 0) blocks.push(renderNotice(ctx, translate(display.language, 'render.empty')));
  if (display.omittedItems > 0) blocks.push(renderNotice(ctx, translate(display.language, 'render.moreItems', { count: display.omittedItems })));
  return `${blocks.join('\n\n')}\n`;
}
