/**
 * Reader for the Essex Arabic Summaries Corpus (EASC): 153 Arabic articles, each with five
 * human extractive summaries. Files are UTF-8 with a byte-order mark and CRLF line ends;
 * article file names vary in case (`.txt` / `.TXT`).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface EascDocument {
  /** `Topic<N>`, the corpus's own identifier. */
  id: string;
  /** Article file name, e.g. `politics (7).txt`. */
  name: string;
  article: string;
  /** The five human summaries, in file order (A to E). */
  references: string[];
}

/** Text of a corpus file: byte-order mark dropped, line ends made `\n`. */
export function decodeEascText(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * Loads every document under `root` (the folder holding `EASC/EASC-UTF-8`, or that folder
 * itself), sorted by topic number.
 */
export async function loadEasc(root: string): Promise<EascDocument[]> {
  const base = await resolveBase(root);
  const topics = (await readdir(join(base, 'Articles'))).filter((name) => /^Topic\d+$/.test(name));
  topics.sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  return Promise.all(
    topics.map(async (topic) => {
      const articleFiles = (await readdir(join(base, 'Articles', topic))).filter((f) => /\.txt$/i.test(f)).sort();
      const name = articleFiles[0];
      if (!name) throw new Error(`EASC ${topic}: no article file`);
      const article = decodeEascText(await readFile(join(base, 'Articles', topic, name), 'utf8'));
      const summaryFiles = (await readdir(join(base, 'MTurk', topic))).sort();
      const references = await Promise.all(
        summaryFiles.map(async (file) => decodeEascText(await readFile(join(base, 'MTurk', topic, file), 'utf8'))),
      );
      if (references.length === 0) throw new Error(`EASC ${topic}: no reference summaries`);
      return { id: topic, name, article, references };
    }),
  );
}

async function resolveBase(root: string): Promise<string> {
  for (const candidate of [join(root, 'EASC', 'EASC-UTF-8'), join(root, 'EASC-UTF-8'), root]) {
    try {
      const entries = await readdir(candidate);
      if (entries.includes('Articles') && entries.includes('MTurk')) return candidate;
    } catch {
      // Not this layout; try the next one.
    }
  }
  throw new Error(`no EASC corpus (Articles/ and MTurk/) under ${root}`);
}
