/**
 * English UI strings: the reference catalogue. Keys are namespaced by area (`render.*`,
 * `command.*`, `error.*`, …); `{name}` placeholders are filled by `translate`.
 * Article text never goes through here: only the bot's own words.
 */
export const en = {
  'language.name': 'English',
  'render.untitledBriefing': 'News briefing',
  'render.untitled': 'Untitled story',
  'render.unnamedSource': 'Source',
  'render.itemNumber': '{n}.',
  'render.period': '{from} – {to}',
  'render.sources': 'Sources',
  'render.why': 'Why',
  'render.labelSeparator': ': ',
  'render.listSeparator': ', ',
  'render.moreSources': '+{count} more',
  'render.moreTerms': '+{count} more',
  'render.shortened': 'shortened — read the full article',
  'render.empty': 'No news in this period.',
  'render.part': '({part}/{total})',
  'render.dateLocale': 'en-GB',
} as const;

export type MessageKey = keyof typeof en;
