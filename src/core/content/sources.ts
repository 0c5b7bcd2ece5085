/**
 * Outlets known by the loader: the five sources of the ANT news corpus, whose TREC `<SRC>` values
 * vary in case (alarabia, BBC, CNN, france24, skynews). Names are given in both UI languages.
 */
import type { Language } from '../types.ts';

export interface SourceInfo {
  id: string;
  /** Default display name (Latin script). */
  name: string;
  names: Partial<Record<Language, string>>;
}

const KNOWN: Record<string, SourceInfo> = {
  alarabia: { id: 'alarabiya', name: 'Al Arabiya', names: { en: 'Al Arabiya', ar: 'العربية' } },
  alarabiya: { id: 'alarabiya', name: 'Al Arabiya', names: { en: 'Al Arabiya', ar: 'العربية' } },
  bbc: { id: 'bbc-arabic', name: 'BBC Arabic', names: { en: 'BBC Arabic', ar: 'بي بي سي عربي' } },
  cnn: { id: 'cnn-arabic', name: 'CNN Arabic', names: { en: 'CNN Arabic', ar: 'سي إن إن بالعربية' } },
  france24: { id: 'france24', name: 'France 24', names: { en: 'France 24', ar: 'فرانس 24' } },
  skynews: { id: 'skynews-arabia', name: 'Sky News Arabia', names: { en: 'Sky News Arabia', ar: 'سكاي نيوز عربية' } },
};

/** The outlet a TREC `<SRC>` value names, or undefined for an outlet the loader does not know. */
export function knownSource(src: string): SourceInfo | undefined {
  const key = src.trim().toLowerCase().replace(/[\s_-]+/gu, '');
  const info = KNOWN[key];
  return info ? { ...info, names: { ...info.names } } : undefined;
}
