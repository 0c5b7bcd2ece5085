/**
 * Platform limits the renderers must respect, named after the rule they come from.
 *
 * Every length here is compared with a string's UTF-16 length (`String.prototype.length`).
 * Telegram and Discord both count Unicode characters; a UTF-16 length is never smaller than a
 * code-point count, so a payload our counters accept is accepted by the servers too.
 */

/** Telegram `sendMessage`: text is 1–4096 characters after entity parsing. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;
/**
 * Telegram applies at most 100 formatting entities per message and silently ignores the rest,
 * so a message never carries more than this many tags.
 */
export const TELEGRAM_MAX_ENTITIES = 100;
/**
 * Telegram rejects messages whose entities are too large in total ("entities too long"), which in
 * practice is dominated by link URLs (about 9500 characters observed); keep well under it.
 */
export const TELEGRAM_LINK_URL_BUDGET = 8000;
/** Links per item on Telegram; further sources are counted ("+3 more") rather than linked. */
export const TELEGRAM_MAX_LINKS_PER_ITEM = 10;

/** Discord Create Message `content`. */
export const DISCORD_CONTENT_LIMIT = 2000;
export const DISCORD_EMBED_TITLE_LIMIT = 256;
export const DISCORD_EMBED_DESCRIPTION_LIMIT = 4096;
export const DISCORD_EMBED_FIELD_COUNT_LIMIT = 25;
export const DISCORD_EMBED_FIELD_NAME_LIMIT = 256;
export const DISCORD_EMBED_FIELD_VALUE_LIMIT = 1024;
export const DISCORD_EMBED_FOOTER_LIMIT = 2048;
export const DISCORD_EMBED_AUTHOR_NAME_LIMIT = 256;
/** Sum of title, description, field names and values, footer text and author name over all embeds. */
export const DISCORD_EMBEDS_TOTAL_LIMIT = 6000;
export const DISCORD_EMBEDS_PER_MESSAGE = 10;

/** Longest URL the renderers will turn into a link; longer ones are not links at all. */
export const MAX_LINK_URL_LENGTH = 2048;

/**
 * Caps applied by `sanitizeDisplayText` before any other work, so a hostile 1 MB "headline" costs
 * no more than a normal one. They are far above what any platform shows.
 */
export const MAX_HEADLINE_CHARS = 1000;
export const MAX_SENTENCE_CHARS = 8000;
export const MAX_NAME_CHARS = 200;
export const MAX_TERM_CHARS = 100;
/** How many sources and matched terms an item lists before summarising the rest as a count. */
export const MAX_SOURCES_LISTED = 25;
export const MAX_TERMS_LISTED = 6;
