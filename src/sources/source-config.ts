/**
 * What a source is, as data: the default list in `content/sources.json` and every source an admin
 * adds share this schema. A source id is a short slug; the poll interval is in minutes.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Language } from '../core/types.ts';

export const SOURCE_KINDS = ['feed', 'page', 'folder'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const MIN_POLL_MINUTES = 5;
export const MAX_POLL_MINUTES = 24 * 60;
export const DEFAULT_POLL_MINUTES = 30;

export const sourceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and hyphens (at most 63)');

export const sourceDefinitionSchema = z
  .strictObject({
    id: sourceIdSchema,
    name: z.string().trim().min(1).max(200),
    url: z.string().trim().min(1).max(2_000),
    kind: z.enum(SOURCE_KINDS),
    language: z.enum(['ar', 'en']),
    pollMinutes: z.number().int().min(MIN_POLL_MINUTES).max(MAX_POLL_MINUTES).default(DEFAULT_POLL_MINUTES),
    topics: z.array(z.string().min(1)).default([]),
  })
  .superRefine((source, ctx) => {
    if (source.kind === 'folder') return;
    try {
      const url = new URL(source.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') ctx.addIssue({ code: 'custom', path: ['url'], message: 'must be an http(s) address' });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'must be an absolute http(s) address' });
    }
  });

export type SourceDefinition = z.output<typeof sourceDefinitionSchema>;
export type SourceInput = z.input<typeof sourceDefinitionSchema>;

export const sourcesFileSchema = z.strictObject({ sources: z.array(sourceDefinitionSchema) }).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.sources.forEach((source, index) => {
    if (seen.has(source.id)) ctx.addIssue({ code: 'custom', path: ['sources', index, 'id'], message: `duplicate source id ${source.id}` });
    seen.add(source.id);
  });
});

export class SourcesFileError extends Error {
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(`${path}: ${problems.join('; ')}`);
    this.name = 'SourcesFileError';
  }
}

export function parseSourcesFile(text: string, path = 'sources.json'): SourceDefinition[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SourcesFileError(path, [`not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = sourcesFileSchema.safeParse(data);
  if (!parsed.success) throw new SourcesFileError(path, parsed.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`));
  return parsed.data.sources;
}

export async function loadSourcesFile(path: string): Promise<SourceDefinition[]> {
  return parseSourcesFile(await readFile(path, 'utf8'), path);
}

/** The language a feed declares (`ar-IQ`, `en_GB`…) when it is one mowjaz supports. */
export function languageOfTag(tag: string | null | undefined): Language | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'ar' || primary === 'en' ? primary : null;
}
