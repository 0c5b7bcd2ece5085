/**
 * Markdown articles: optional front matter, then paragraphs separated by blank lines. Markdown
 * here is authored content, not a scrape, so nothing is filtered as furniture; the first heading
 * is the title when the front matter gives none, and other headings are kept as paragraphs.
 */
import { isBlankLine, tidyLine } from '../clean/line-text.ts';
import { parseFrontMatter, type FrontMatter } from './front-matter.ts';

export interface MarkdownArticle {
  meta: FrontMatter;
  title: string;
  paragraphs: string[];
}

const HEADING = /^#{1,6}[ \t]+(.*?)[ \t#]*$/u;

export function parseMarkdownArticle(text: string): MarkdownArticle {
  const { meta, body } = parseFrontMatter(text);
  const blocks: { text: string; heading: boolean }[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) blocks.push({ text: tidyLine(current.join(' ')), heading: false });
    current = [];
  };
  for (const line of body.split('\n')) {
    if (isBlankLine(line)) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line.trim());
    if (heading) {
      flush();
      const text = tidyLine(heading[1] ?? '');
      if (text.length > 0) blocks.push({ text, heading: true });
      continue;
    }
    current.push(tidyLine(line));
  }
  flush();

  let title = meta.title ?? '';
  if (!title) {
    const first = blocks.findIndex((block) => block.heading);
    if (first >= 0) title = blocks.splice(first, 1)[0]?.text ?? '';
  }
  return { meta, title, paragraphs: blocks.map((block) => block.text) };
}
