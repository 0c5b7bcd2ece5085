/**
 * The words of an article's paragraphs, worked out once per article and shared by the steps
 * that read them: topic matching needs each paragraph's tokens, summaries need each sentence's
 * words, and both used to scan and look up every word again.
 *
 * The words are remembered with the paragraph list they came from (the same array object the
 * cleaned article carries), and only for as long as that list lives; a list whose paragraphs or
 * length changed since, or a change of the protected words, is scanned afresh.
 */
import { formsGeneration, formsOfRawWordAt, type WordForms } from './normalize.ts';
import { rawWordSpans } from './raw-words.ts';

export interface ParagraphWords {
  text: string;
  /** The forms of each raw word, in order. */
  forms: readonly WordForms[];
  /** Offset in `text` where each raw word starts and just after it ends. */
  starts: Int32Array;
  ends: Int32Array;
}

interface Remembered {
  generation: number;
  paragraphs: ParagraphWords[];
}

const remembered = new WeakMap<readonly string[], Remembered>();

/** The words of one paragraph. */
export function wordsOfParagraph(text: string): ParagraphWords {
  const spans: number[] = [];
  rawWordSpans(text, spans);
  const count = spans.length / 2;
  const forms = new Array<WordForms>(count);
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const start = spans[2 * i]!;
    const end = spans[2 * i + 1]!;
    forms[i] = formsOfRawWordAt(text, start, end);
    starts[i] = start;
    ends[i] = end;
  }
  return { text, forms, starts, ends };
}

/** The words of each paragraph of an article, remembered with the paragraph list. */
export function paragraphWords(paragraphs: readonly string[]): readonly ParagraphWords[] {
  const generation = formsGeneration();
  const known = remembered.get(paragraphs);
  if (known && known.generation === generation && isStill(known.paragraphs, paragraphs)) return known.paragraphs;
  const fresh = paragraphs.map(wordsOfParagraph);
  remembered.set(paragraphs, { generation, paragraphs: fresh });
  return fresh;
}

function isStill(words: readonly ParagraphWords[], paragraphs: readonly string[]): boolean {
  if (words.length !== paragraphs.length) return false;
  for (let i = 0; i < words.length; i++) if (words[i]!.text !== paragraphs[i]) return false;
  return true;
}
