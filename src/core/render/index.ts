/**
 * Rendering a platform-neutral `Briefing` for each surface. Pure functions: no I/O, no clocks.
 */
export * from './limits.ts';
export { sanitizeDisplayText, sanitizeDisplayField, type SanitizeOptions, type SanitizedText } from './sanitize.ts';
export { bidiLine, bidiPiece, dominantDirection, LRI, LRM, PDI, RLI, RLM, type BidiStyle } from './bidi.ts';
export { safeHttpUrl } from './url.ts';
export { escapeHtml, escapeHtmlAttribute, telegramEntityCount, telegramLinkUrlLength, telegramVisibleLength } from './telegram-html.ts';
export {
  defuseTelegramText,
  renderTelegram,
  renderTelegramPlain,
  type TelegramMessage,
  type TelegramPlainMessage,
  type TelegramRenderOptions,
} from './telegram.ts';
export {
  DISCORD_BRIEFING_COLOR,
  discordEmbedLength,
  renderDiscord,
  type DiscordEmbed,
  type DiscordEmbedField,
  type DiscordMessage,
  type DiscordRenderOptions,
} from './discord.ts';
export { defuseDiscordMentions, escapeDiscordMarkdown } from './discord-markdown.ts';
export { renderText, type TextRenderOptions } from './text.ts';
export { toDisplayBriefing, type DisplayBriefing, type DisplayItem, type DisplayOptions } from './model.ts';
