/**
 * Reading the CLI's input files safely: `-` is standard input, sizes are capped before the whole
 * file is read, and binary data is refused with a clear message instead of being "cleaned".
 */
import { open, stat } from 'node:fs/promises';
import { CliError } from './cli-error.ts';
import type { CliIo } from './main.ts';

/** Articles are text; anything larger than this is not an article. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

export async function readInputBytes(path: string, io: CliIo, maxBytes = MAX_INPUT_BYTES): Promise<Buffer> {
  if (path === '-') {
    const bytes = await io.stdin();
    if (bytes.length > maxBytes) throw new CliError(`standard input is ${formatBytes(bytes.length)}; the limit is ${formatBytes(maxBytes)}`);
    return bytes;
  }
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`no such file: ${path}`);
    if (code === 'EACCES') throw new CliError(`permission denied: ${path}`);
    throw new CliError(`cannot read ${path}: ${code ?? String(error)}`);
  }
  if (info.isDirectory()) throw new CliError(`${path} is a directory; give a file`);
  if (info.size > maxBytes) throw new CliError(`${path} is ${formatBytes(info.size)}; the limit is ${formatBytes(maxBytes)}`);
  const handle = await open(path, 'r');
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Decodes UTF-8 text (BOM dropped, CRLF folded) and refuses binary or empty input. */
export function decodeText(bytes: Buffer, label: string): string {
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) throw new CliError(`${label} looks like binary data, not text`);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const replacements = (text.match(/\uFFFD/g) ?? []).length;
  if (replacements > 0 && replacements / Math.max(1, text.length) > 0.01) {
    throw new CliError(`${label} is not valid UTF-8 text`);
  }
  if (text.trim().length === 0) throw new CliError(`${label} is empty`);
  return text;
}

export async function readTextInput(path: string, io: CliIo, maxBytes = MAX_INPUT_BYTES): Promise<string> {
  return decodeText(await readInputBytes(path, io, maxBytes), path === '-' ? 'standard input' : path);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
