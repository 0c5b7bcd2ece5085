/**
 * Reader for TREC-style news documents (`<DOC><DOCNO>…<TEXT>…</TEXT></DOC>`), the format of the
 * ANT multi-source Arabic news corpus. These files are not XML (raw `&`, no entities), so each
 * element is read with a tolerant pattern and trimmed.
 */

export interface TrecDocument {
  docno: string;
  url?: string;
  source?: string;
  category?: string;
  title: string;
  time?: string;
  author?: string;
  abstract: string[];
  text: string[];
}

function element(doc: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'i').exec(doc);
  return match?.[1]?.trim();
}

function lines(block: string | undefined): string[] {
  if (!block) return [];
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** True when the text looks like a TREC document rather than prose. */
export function isTrecDocument(text: string): boolean {
  return /^\s*<DOC>/i.test(text) && /<TEXT>/i.test(text);
}

export function parseTrecDocument(text: string): TrecDocument {
  const nonEmpty = (value: string | undefined) => (value ? value : undefined);
  return {
    docno: element(text, 'DOCNO') ?? '',
    url: nonEmpty(element(text, 'URL')),
    source: nonEmpty(element(text, 'SRC')),
    category: nonEmpty(element(text, 'CAT')),
    title: element(text, 'TITLE') ?? '',
    time: nonEmpty(element(text, 'TIME')),
    author: nonEmpty(element(text, 'AUTHOR')),
    abstract: lines(element(text, 'ABSTRACT')),
    text: lines(element(text, 'TEXT')),
  };
}
