/**
 * Making article text inert in Discord messages: no mention renders as a mention, no Markdown
 * formats, no masked link hides its target.
 *
 * `allowed_mentions: { parse: [] }` already stops every ping; defusing the syntax as well keeps
 * "@everyone" or "<@123>" from even rendering as a highlighted mention. A word joiner (U+2060)
 * is inserted after "@" or "<", so the text reads the same but no longer parses.
 */
import { TEXT_URL } from './bidi.ts';

const WORD_JOINER = '\u2060';

/** `@everyone`, `@here`, and `<@id>`, `<@!id>`, `<@&id>`, `<#id>`, `</cmd:id>`, `<:emoji:id>`, `<t:…>`. */
export function defuseDiscordMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${WORD_JOINER}$1`)
    .replace(/<(?=[@#/:]|a:|t:|id:)/g, `<${WORD_JOINER}`);
}

const INLINE_SPECIALS = /[\\*_~`|[\]]/g;
/** Block syntax that only counts at the start of a line: quotes, headings, subtext, lists. */
const LINE_START = /^(\s*)(>|#{1,3}(?=\s)|-#|[-+](?=\s)|\d+(?=[.)]\s))/;

/** A URL written in the <…> form by `escapeDiscordMarkdown`: an atom for `bidiPiece`. */
export const DISCORD_AUTOLINK = /<https?:\/\/[^\s<>]+>/g;

export interface EscapeOptions {
  /**
   * `autolink` (default) writes URLs in the <…> form; `plain` escapes them like other text, for
   * places where a link would be wrong (the label of a masked link).
   */
  urls?: 'autolink' | 'plain';
}

/**
 * Escapes one line of article text for Discord. URLs (no white space, brackets or parentheses
 * inside, so they never carry masked-link syntax) are kept intact (Markdown escapes would
 * break them) and written in Discord's <…> autolink form: the link then ends exactly where the
 * URL does (an escape right after a bare URL would be swallowed into it), and in message content
 * Discord does not unfurl a preview for it.
 */
export function escapeDiscordMarkdown(text: string, options: EscapeOptions = {}): string {
  if (options.urls === 'plain') return escapePlain(text, true);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(TEXT_URL)) {
    out += escapePlain(text.slice(last, match.index), last === 0);
    // "@everyone" inside a URL would still render as a mention; defusing it breaks only that URL.
    const url = defuseDiscordMentions(match[0]);
    out += `<${url}>`;
    last = match.index + match[0].length;
  }
  return out + escapePlain(text.slice(last), last === 0);
}

function escapePlain(text: string, atLineStart: boolean): string {
  let escaped = defuseDiscordMentions(text).replace(INLINE_SPECIALS, (c) => `\\${c}`);
  if (atLineStart) escaped = escaped.replace(LINE_START, (_, space: string, marker: string) => (/^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`));
  return escaped;
}

/**
 * A masked link target: Discord ends it at the first ")" or white space, so those are encoded,
 * and so is "@" (never part of the host: URLs with credentials are refused), so that no
 * "@everyone" appears anywhere in the markdown.
 */
export function discordLinkTarget(url: string): string {
  return url.replace(/[()@\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
