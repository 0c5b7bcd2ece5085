/**
 * Cleaning a scraped page given as plain text: find the headline and the body paragraphs, drop
 * the page furniture around them.
 *
 * The rules are general, not tuned to one site:
 * - a line is *furniture* when a furniture rule recognises it (logo, tagline, share bar, app
 *   badges, copyright, "read also", …, see `furniture.ts`);
 * - a line is *body* when it reads like prose: a sentence of several words ending in sentence
 *   punctuation, or a long run of words;
 * - the body spans from the first to the last body line; furniture inside it is dropped, other
 *   short lines inside it (sub-headings, a one-line quote) are kept;
 * - the title is the best headline-like line (a few words, no final full stop, not furniture)
 *   before the first body line; the rest of the page header and everything after the body is
 *   dropped.
 * Kept text is display text: only trimmed and with runs of spaces collapsed, never normalised.
 */
import { furnitureReason, furnitureReasonOfShape, type FurnitureReason } from './furniture.ts';
import { isBlankLine, letterRatio, shapeOf, splitLines, tidyLine, type LineShape } from './line-text.ts';

export interface CleanedPage {
  /** Headline exactly as the page shows it, or '' when the page has none. */
  title: string;
  /** Body paragraphs in reading order. */
  paragraphs: string[];
  /** Lines that were removed (furniture, page header and footer), in page order. */
  dropped: string[];
}

export type DropReason = FurnitureReason | 'before-title' | 'page-header' | 'after-body';

export interface ExplainedLine {
  text: string;
  role: 'title' | 'paragraph' | 'dropped';
  /** Why the line was dropped (only for dropped lines). */
  reason?: DropReason;
}

export interface CleanOptions {
  /** Words from which an unpunctuated line counts as body text anyway (scrapes lose full stops). Default 20. */
  longLineWords?: number;
}

/** Words a punctuated line needs to count as body text. */
const MIN_SENTENCE_WORDS = 6;
/** Headlines are short; a line between the title and the body this long is a standfirst and is kept. */
const MAX_HEADLINE_WORDS = 20;
const PREFERRED_HEADLINE_WORDS = 15;
const MIN_STANDFIRST_WORDS = 8;

interface Line {
  text: string;
  shape: LineShape;
  furniture?: FurnitureReason;
}

function isBody(line: Line, longLineWords: number): boolean {
  if (line.furniture) return false;
  const words = line.shape.words.length;
  return (line.shape.endsSentence && words >= MIN_SENTENCE_WORDS) || words >= longLineWords;
}

function isHeadline(line: Line): boolean {
  if (line.furniture) return false;
  const words = line.shape.words.length;
  return (
    words >= 2 &&
    words <= MAX_HEADLINE_WORDS &&
    !line.shape.endsWithPeriod &&
    !/[:：]\s*$/u.test(line.text) &&
    letterRatio(line.shape) >= 0.6
  );
}

/**
 * Chooses the title among the header lines: the last headline-like line of preferred length
 * (titles sit just above the body, below the masthead and menus), else the last headline-like line.
 * A longer unpunctuated line right under a shorter headline is its standfirst, not the title.
 */
function chooseTitle(header: Line[]): number {
  let chosen = -1;
  for (let index = header.length - 1; index >= 0; index -= 1) {
    const line = header[index];
    if (!line || !isHeadline(line)) continue;
    if (line.shape.words.length <= PREFERRED_HEADLINE_WORDS) {
      chosen = index;
      break;
    }
    if (chosen < 0) chosen = index;
  }
  const candidate = header[chosen];
  const above = header[chosen - 1];
  if (
    candidate &&
    above &&
    isHeadline(above) &&
    candidate.shape.words.length >= MIN_STANDFIRST_WORDS &&
    above.shape.words.length < candidate.shape.words.length
  ) {
    return chosen - 1;
  }
  return chosen;
}

/** Cleans a page and says, line by line, what became of it (for `mowjaz clean --verbose`). */
export function explainPage(text: string, options: CleanOptions = {}): ExplainedLine[] {
  const longLineWords = options.longLineWords ?? 20;
  const lines: Line[] = splitLines(text)
    .filter((raw) => !isBlankLine(raw))
    .map((raw) => {
      const tidy = tidyLine(raw);
      const shape = shapeOf(tidy);
      return { text: tidy, shape, furniture: furnitureReasonOfShape(tidy, shape) };
    });

  const firstBody = lines.findIndex((line) => isBody(line, longLineWords));
  const lastBody = lines.findLastIndex((line) => isBody(line, longLineWords));
  const headerEnd = firstBody < 0 ? lines.length : firstBody;
  const titleIndex = chooseTitle(lines.slice(0, headerEnd));

  return lines.map((line, index): ExplainedLine => {
    if (index === titleIndex) return { text: line.text, role: 'title' };
    if (line.furniture) return { text: line.text, role: 'dropped', reason: line.furniture };
    if (firstBody < 0) {
      // No line reads as prose: keep what is not furniture, after the title.
      return index > titleIndex ? { text: line.text, role: 'paragraph' } : { text: line.text, role: 'dropped', reason: 'before-title' };
    }
    if (index < firstBody) {
      const standfirst = titleIndex >= 0 && index > titleIndex && line.shape.words.length >= MIN_STANDFIRST_WORDS;
      return standfirst ? { text: line.text, role: 'paragraph' } : { text: line.text, role: 'dropped', reason: 'page-header' };
    }
    if (index > lastBody) return { text: line.text, role: 'dropped', reason: 'after-body' };
    return { text: line.text, role: 'paragraph' };
  });
}

/** Title, body paragraphs and the dropped lines of a scraped plain-text page. Never throws. */
export function cleanPage(text: string, options: CleanOptions = {}): CleanedPage {
  const explained = explainPage(text, options);
  return {
    title: explained.find((line) => line.role === 'title')?.text ?? '',
    paragraphs: explained.filter((line) => line.role === 'paragraph').map((line) => line.text),
    dropped: explained.filter((line) => line.role === 'dropped').map((line) => line.text),
  };
}

/**
 * The furniture filter alone, for text whose structure is already known (HTML blocks that
 * Readability extracted, a feed item's paragraphs): tidies each paragraph and drops furniture.
 */
export function filterFurniture(paragraphs: readonly string[]): { kept: string[]; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const paragraph of paragraphs) {
    if (isBlankLine(paragraph)) continue;
    const tidy = tidyLine(paragraph);
    (furnitureReason(tidy) ? dropped : kept).push(tidy);
  }
  return { kept, dropped };
}
