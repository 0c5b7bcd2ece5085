/**
 * One article text in any supported format, cleaned: the single dispatch shared by the loader and
 * `mowjaz clean`. Formats: scraped plain-text pages, HTML pages, Markdown with front matter and
 * TREC news documents. The format comes from the caller (a sidecar), else the file extension,
 * else the text itself.
 */
import { furnitureReason } from '../clean/furniture.ts';
import { cleanHtml } from '../clean/html.ts';
import { explainPage } from '../clean/page-cleaner.ts';
import { detectLanguage } from '../text/language.ts';
import type { Language } from '../types.ts';
import { sourceIdFromName } from './article-id.ts';
import { toIsoInstant } from './dates.ts';
import { parseMarkdownArticle } from './markdown.ts';
import type { ArticleFormat } from './sidecar.ts';
import type { SourceInfo } from './sources.ts';
import { addCount, convertTrec, type DroppedLine, type RemovalCounts } from './trec-article.ts';
import { isTrecDocument, parseTrecDocument } from './trec.ts';

export interface CleanedDocument {
  format: ArticleFormat;
  title: string;
  paragraphs: string[];
  /** Lines removed (furniture, page header and footer, foreign leads), with the rule that removed each. */
  dropped: DroppedLine[];
  /** Removal counts by rule. */
  removed: RemovalCounts;
  /** How other pages of the source would quote this article's lead. */
  leads: string[];
  /** What the document says about itself. */
  meta: {
    source?: SourceInfo;
    url?: string;
    publishedAt?: string;
    language?: Language;
    /** Identifier inside the source (a TREC DOCNO). */
    guid?: string;
  };
}

const EXTENSIONS: Record<string, ArticleFormat | 'sniff'> = {
  '.txt': 'sniff',
  '.text': 'sniff',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html-page',
  '.htm': 'html-page',
  '.xhtml': 'html-page',
};

function extensionOf(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** True when the loader reads files with this name (by extension). */
export function isArticlePath(path: string): boolean {
  return extensionOf(path) in EXTENSIONS;
}

/** Guesses the format of text with no telling file name (standard input). */
export function sniffFormat(text: string): ArticleFormat {
  if (isTrecDocument(text)) return 'trec';
  const start = text.trimStart().slice(0, 2048).toLowerCase();
  if (/^<(!doctype html|html[\s>]|head[\s>]|body[\s>])/u.test(start) || /<(p|div|article|body)[\s>]/u.test(start)) return 'html-page';
  if (/^---[ \t]*\n/u.test(text)) return 'markdown';
  return 'scraped-page';
}

/** The format of a file: the extension decides, `.txt` is TREC or a scraped page by content. Undefined: not an article file. */
export function formatOf(path: string, text: string): ArticleFormat | undefined {
  const byExtension = EXTENSIONS[extensionOf(path)];
  if (byExtension === undefined) return undefined;
  if (byExtension !== 'sniff') return byExtension;
  return isTrecDocument(text) ? 'trec' : 'scraped-page';
}

function htmlLanguage(lang: string | undefined): Language | undefined {
  const primary = lang?.toLowerCase().split(/[-_]/u)[0];
  return primary === 'ar' || primary === 'en' ? primary : undefined;
}

export function cleanDocument(text: string, format: ArticleFormat, options: { url?: string; path?: string } = {}): CleanedDocument {
  switch (format) {
    case 'trec': {
      const converted = convertTrec(parseTrecDocument(text), options.path ? { path: options.path } : {});
      const { article } = converted;
      const meta: CleanedDocument['meta'] = {
        source: { id: article.sourceId, name: article.sourceName, names: article.sourceNames ?? {} },
      };
      if (article.url) meta.url = article.url;
      if (article.publishedAt) meta.publishedAt = article.publishedAt;
      if (article.origin?.guid) meta.guid = article.origin.guid;
      return { format, title: article.title, paragraphs: article.paragraphs, dropped: converted.dropped, removed: converted.removed, leads: converted.leads, meta };
    }
    case 'html-page': {
      const page = cleanHtml(text, options.url ? { url: options.url } : {});
      const removed: RemovalCounts = {};
      const dropped = page.dropped.map((text): DroppedLine => ({ text, reason: furnitureReason(text) ?? 'title-repeat' }));
      for (const line of dropped) addCount(removed, line.reason);
      const meta: CleanedDocument['meta'] = {};
      if (page.siteName) meta.source = { id: sourceIdFromName(page.siteName), name: page.siteName, names: {} };
      const url = options.url ?? page.canonicalUrl;
      if (url) meta.url = url;
      const publishedAt = page.publishedTime ? toIsoInstant(page.publishedTime) : undefined;
      if (publishedAt) meta.publishedAt = publishedAt;
      const language = htmlLanguage(page.lang);
      if (language) meta.language = language;
      return { format, title: page.title, paragraphs: page.paragraphs, dropped, removed, leads: page.paragraphs.slice(0, 1), meta };
    }
    case 'markdown': {
      const article = parseMarkdownArticle(text);
      const meta: CleanedDocument['meta'] = {};
      if (article.meta.source) {
        const names: SourceInfo['names'] = {};
        if (article.meta.source_ar) names.ar = article.meta.source_ar;
        if (detectLanguage(article.meta.source) === 'en') names.en = article.meta.source;
        meta.source = { id: article.meta.source_id ?? sourceIdFromName(article.meta.source), name: article.meta.source, names };
      } else if (article.meta.source_id) {
        meta.source = { id: article.meta.source_id, name: article.meta.source_id, names: {} };
      }
      if (article.meta.url) meta.url = article.meta.url;
      if (article.meta.published) meta.publishedAt = article.meta.published;
      if (article.meta.language) meta.language = article.meta.language;
      return { format, title: article.title, paragraphs: article.paragraphs, dropped: [], removed: {}, leads: article.paragraphs.slice(0, 1), meta };
    }
    case 'scraped-page': {
      const lines = explainPage(text);
      const removed: RemovalCounts = {};
      const dropped: DroppedLine[] = [];
      for (const line of lines) {
        if (line.role !== 'dropped') continue;
        const reason = line.reason ?? 'dropped';
        dropped.push({ text: line.text, reason });
        addCount(removed, reason);
      }
      const paragraphs = lines.filter((line) => line.role === 'paragraph').map((line) => line.text);
      const title = lines.find((line) => line.role === 'title')?.text ?? '';
      return { format, title, paragraphs, dropped, removed, leads: paragraphs.slice(0, 1), meta: {} };
    }
  }
}
