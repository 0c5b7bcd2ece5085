/**
 * Sidecar metadata: `<name>.meta.json` next to an article file says where the article came from
 * when the file itself cannot (a scraped page has no structured header). Its fields override
 * what the loader would derive from the file.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ContentError } from './content-error.ts';
import { toIsoInstant } from './dates.ts';

export const ARTICLE_FORMATS = ['scraped-page', 'html-page', 'markdown', 'trec'] as const;
export type ArticleFormat = (typeof ARTICLE_FORMATS)[number];

const name = z.string().trim().min(1);

export const sidecarSchema = z.strictObject({
  source: z
    .strictObject({
      id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, 'must be lower-case letters, digits and hyphens'),
      name,
      names: z.strictObject({ ar: name.optional(), en: name.optional() }).optional(),
    })
    .optional(),
  language: z.enum(['ar', 'en']).optional(),
  /** How the file is to be read; by default the file extension (and content) decide. */
  kind: z.enum(ARTICLE_FORMATS).optional(),
  url: z.httpUrl().optional(),
  title: name.optional(),
  published: z
    .string()
    .refine((value) => toIsoInstant(value) !== undefined, 'must be an ISO date or RFC 822 date')
    .transform((value) => toIsoInstant(value) ?? value)
    .optional(),
  /** Free-text provenance for people reading the content folder. */
  note: z.string().optional(),
});

export type Sidecar = z.output<typeof sidecarSchema>;

/** `content/articles/page.txt` → `content/articles/page.meta.json`. */
export function sidecarPathFor(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  const stem = dot > slash + 1 ? path.slice(0, dot) : path;
  return `${stem}.meta.json`;
}

export function isSidecarPath(path: string): boolean {
  return path.endsWith('.meta.json');
}

/** Reads the sidecar of an article file: undefined when there is none, a ContentError when it is invalid. */
export async function readSidecar(articlePath: string): Promise<Sidecar | undefined> {
  const path = sidecarPathFor(articlePath);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ContentError('sidecar', `cannot read ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ContentError('sidecar', `${path} is not valid JSON (${(error as Error).message})`);
  }
  const parsed = sidecarSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'sidecar';
    const detail = issue?.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')}` : (issue?.message ?? 'invalid');
    throw new ContentError('sidecar', `${path}: ${where}: ${detail}`);
  }
  return parsed.data;
}
