/**
 * Cleaning an HTML article page: Readability finds the article, linkedom provides the DOM, and
 * the page cleaner's furniture filter removes what Readability kept of share bars, credits and
 * "read also" links.
 *
 * Paragraphs are the block elements of the extracted content (p, headings, list items, quotes,
 * …), each as one line of display text (HTML white space collapsed, nothing else changed).
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { cleanPage, filterFurniture, type CleanedPage } from './page-cleaner.ts';
import { isBlankLine, tidyLine } from './line-text.ts';

export interface HtmlOptions {
  /** Address of the page; relative links are resolved against it. */
  url?: string;
}

export interface CleanedHtmlPage extends CleanedPage {
  /** Metadata the page declares about itself, when present. */
  siteName?: string;
  byline?: string;
  publishedTime?: string;
  lang?: string;
  /** The page's canonical address (`<link rel="canonical">` or `og:url`), when absolute. */
  canonicalUrl?: string;
}

/*
 * linkedom's DOM is typed for its own classes and the project compiles without the DOM lib, so
 * the few DOM members used here are described by this minimal structural type.
 */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  remove(): void;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  prepend(...nodes: DomElement[]): void;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
interface DomDocument extends DomElement {
  head: DomElement | null;
  body: DomElement | null;
  documentElement: DomElement | null;
  createElement(tag: string): DomElement;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'BR',
]);
const MAX_READABLE_DEPTH = 256;
const NEVER_TEXT = 'script, style, noscript, template, svg, iframe, object, embed, canvas';

/** HTML white space (including the source's line breaks) becomes single spaces. */
function displayText(raw: string): string {
  return tidyLine(raw.replace(/[\t\n\f\r ]+/gu, ' '));
}

const FLUSH = Symbol('flush');

/**
 * Text of the block leaves under `root`: inline runs between blocks become their own paragraphs.
 * Walks with an explicit stack, so no nesting depth can overflow the call stack.
 */
function blockTexts(root: DomNode): string[] {
  const out: string[] = [];
  let buffer = '';
  const flush = () => {
    const text = displayText(buffer);
    if (!isBlankLine(text)) out.push(text);
    buffer = '';
  };
  const stack: (DomNode | typeof FLUSH)[] = Array.from(root.childNodes).reverse();
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    if (item === FLUSH) {
      flush();
      continue;
    }
    if (item.nodeType === TEXT_NODE) {
      buffer += item.textContent ?? '';
      continue;
    }
    if (item.nodeType !== ELEMENT_NODE) continue;
    if (BLOCKS.has(item.nodeName.toUpperCase())) {
      flush();
      stack.push(FLUSH);
    }
    const children = Array.from(item.childNodes);
    for (let index = children.length - 1; index >= 0; index -= 1) {
      const child = children[index];
      if (child) stack.push(child);
    }
  }
  flush();
  return out;
}

/** Deepest element nesting under `root`, counted without recursion. */
function nestingDepth(root: DomNode): number {
  let deepest = 0;
  const stack: [DomNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() ?? [root, 0];
    if (depth > deepest) deepest = depth;
    for (const child of Array.from(node.childNodes)) if (child.nodeType === ELEMENT_NODE) stack.push([child, depth + 1]);
  }
  return deepest;
}

function baseHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}

function withBase(document: DomDocument, url: string | undefined): void {
  const href = baseHref(url);
  if (!href) return;
  for (const existing of Array.from(document.querySelectorAll('base'))) existing.remove();
  const base = document.createElement('base');
  base.setAttribute('href', href);
  let head = document.head;
  if (!head) {
    head = document.createElement('head');
    document.documentElement?.prepend(head);
  }
  head.prepend(base);
}

function absoluteUrl(value: string | null | undefined, base?: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/gu, ' ').trim() === b.replace(/\s+/gu, ' ').trim();
}

function optional(value: string | null | undefined): string | undefined {
  const text = value ? displayText(value) : '';
  return text.length > 0 ? text : undefined;
}

/** Title, paragraphs and dropped lines of an HTML article page. Never throws on bad markup. */
export function cleanHtml(html: string, options: HtmlOptions = {}): CleanedHtmlPage {
  let { document } = parseHTML(html) as unknown as { document: DomDocument };
  if (document.documentElement?.nodeName.toUpperCase() !== 'HTML') {
    // linkedom makes a bare fragment ("<p>…") the document element itself: give it a page to live in.
    ({ document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`) as unknown as {
      document: DomDocument;
    });
  }
  withBase(document, options.url);
  for (const element of Array.from(document.querySelectorAll(NEVER_TEXT))) element.remove();
  const pageTitle = optional(document.querySelector('title')?.textContent);
  const canonicalUrl = absoluteUrl(
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
      document.querySelector('meta[property="og:url"]')?.getAttribute('content'),
    baseHref(options.url),
  );

  let parsed: ReturnType<Readability<DomNode>['parse']> = null;
  // Readability's scoring is quadratic in nesting depth; real pages nest a few dozen levels.
  if (nestingDepth(document) <= MAX_READABLE_DEPTH) {
    try {
      // Readability's typings name the browser DOM; linkedom's document implements what it uses.
      parsed = new Readability<DomNode>(document as never, { serializer: (node) => node as unknown as DomNode }).parse();
    } catch {
      parsed = null;
    }
  }

  if (!parsed?.content) {
    // Not an article Readability recognises: treat the visible text as a scraped page.
    const page: CleanedHtmlPage = cleanPage(blockTexts(document.body ?? document).join('\n'));
    page.title = page.title || pageTitle || '';
    if (canonicalUrl) page.canonicalUrl = canonicalUrl;
    return page;
  }

  const title = optional(parsed.title) ?? pageTitle ?? '';
  const blocks = blockTexts(parsed.content);
  const dropped: string[] = [];
  if (blocks[0] !== undefined && title && sameText(blocks[0], title)) dropped.push(...blocks.splice(0, 1));
  const filtered = filterFurniture(blocks);
  const page: CleanedHtmlPage = { title, paragraphs: filtered.kept, dropped: [...dropped, ...filtered.dropped] };
  const siteName = optional(parsed.siteName);
  const byline = optional(parsed.byline);
  const publishedTime = optional(parsed.publishedTime);
  const lang = optional(parsed.lang);
  if (siteName) page.siteName = siteName;
  if (byline) page.byline = byline;
  if (publishedTime) page.publishedTime = publishedTime;
  if (lang) page.lang = lang;
  if (canonicalUrl) page.canonicalUrl = canonicalUrl;
  return page;
}

/**
 * Paragraphs of an HTML fragment that is already the article body (a feed item's content):
 * the same block splitting and furniture filter as `cleanHtml`, without Readability's search for
 * the article in a page, which a fragment does not need and which costs ten times the parse.
 */
export function cleanHtmlFragment(html: string): CleanedPage {
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`) as unknown as { document: DomDocument };
  for (const element of Array.from(document.querySelectorAll(NEVER_TEXT))) element.remove();
  const filtered = filterFurniture(blockTexts(document.body ?? document));
  return { title: '', paragraphs: filtered.kept, dropped: filtered.dropped };
}
