/**
 * Reading an article file as text, refusing what is not an article: missing or unreadable files,
 * files over the size cap (checked before reading), binary data, invalid UTF-8, empty text.
 */
import { open, stat } from 'node:fs/promises';
import { ContentError } from './content-error.ts';

/** Articles are text; anything larger than this is not an article. */
export const MAX_ARTICLE_BYTES = 10 * 1024 * 1024;

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Decodes UTF-8 (BOM dropped, line ends unified) or throws a ContentError saying why it is not text. */
export function decodeArticleText(bytes: Uint8Array, maxBytes = MAX_ARTICLE_BYTES): string {
  if (bytes.length > maxBytes) {
    throw new ContentError('too-large', `file is ${describeBytes(bytes.length)}; the limit is ${describeBytes(maxBytes)}`);
  }
  if (bytes.subarray(0, 8192).includes(0)) throw new ContentError('binary', 'file looks like binary data, not text');
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
  const replacements = text.match(/\uFFFD/gu)?.length ?? 0;
  if (replacements > 0 && replacements / Math.max(1, text.length) > 0.01) {
    throw new ContentError('not-utf8', 'file is not valid UTF-8 text');
  }
  if (text.trim().length === 0) throw new ContentError('empty', 'file is empty');
  return text;
}

export async function readArticleText(path: string, maxBytes = MAX_ARTICLE_BYTES): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new ContentError('unsupported', 'is a directory, not an article file');
    size = info.size;
  } catch (error) {
    if (error instanceof ContentError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ContentError('not-found', 'no such file');
    throw new ContentError('unreadable', `cannot read file (${code ?? String(error)})`);
  }
  if (size > maxBytes) {
    throw new ContentError('too-large', `file is ${describeBytes(size)}; the limit is ${describeBytes(maxBytes)}`);
  }
  let bytes: Uint8Array;
  try {
    const handle = await open(path, 'r');
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ContentError('unreadable', `cannot read file (${code ?? String(error)})`);
  }
  return decodeArticleText(bytes, maxBytes);
}
