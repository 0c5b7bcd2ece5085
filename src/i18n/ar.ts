/** Arabic UI strings. Typed against the English catalogue so a missing key fails type-checking. */
import type { MessageKey } from './en.ts';

export const ar: Record<MessageKey, string> = {
  'language.name': 'العربية',
  'render.untitledBriefing': 'موجز الأخبار',
  'render.untitled': 'خبر بلا عنوان',
  'render.unnamedSource': 'مصدر',
  'render.itemNumber': '{n}.',
  'render.period': '{from} – {to}',
  'render.sources': 'المصادر',
  'render.why': 'سبب الاختيار',
  'render.labelSeparator': ': ',
  'render.listSeparator': '، ',
  'render.moreSources': 'و{count} غيرها',
  'render.moreTerms': 'و{count} غيرها',
  'render.shortened': 'مختصر — اقرأ المقال كاملًا',
  'render.empty': 'لا أخبار في هذه الفترة.',
  'render.part': '({part}/{total})',
  'render.dateLocale': 'ar-u-nu-latn',
};
