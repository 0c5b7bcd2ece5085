/**
 * English UI strings: the reference catalogue. Keys are namespaced by area (`render.*`,
 * `command.*`, `error.*`, …); `{name}` placeholders are filled by `translate`.
 * Article text never goes through here: only the bot's own words.
 */
export const en = {
  'language.name': 'English',
} as const;

export type MessageKey = keyof typeof en;
