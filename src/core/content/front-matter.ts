/**
 * Front matter of Markdown articles: a block of `key: value` lines between `---` lines at the top
 * of the file. The parser is deliberately small and strict (no nesting, no lists, no multi-line
 * values): an unknown key, a repeated key or a malformed line is an error that names the line,
 * so a typo never silently loses a field.
 */
import { z } from 'zod';
import { ContentError } from './content-error.ts';
import { toIsoInstant } from './dates.ts';

const FENCE = /^---[ \t]*$/u;
const ENTRY = /^([A-Za-z][A-Za-z0-9_]*)[ \t]*:[ \t]*(.*)$/u;

const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const frontMatterSchema = z.strictObject({
  title: nonEmpty.optional(),
  /** Display name of the outlet. */
  source: nonEmpty.optional(),
  /** Identifier of the outlet (derived from `source` when absent). */
  source_id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, 'must be lower-case letters, digits and hyphens (e.g. al-madina)')
    .optional(),
  /** The outlet's name in Arabic, when `source` is its Latin name. */
  source_ar: nonEmpty.optional(),
  url: z.httpUrl('must be an http(s) URL').optional(),
  language: z.enum(['ar', 'en'], 'must be ar or en').optional(),
  published: z
    .string()
    .transform((value, context) => {
      const iso = toIsoInstant(value);
      if (!iso) {
        context.addIssue({ code: 'custom', message: 'must be a date such as 2026-03-04 or 2026-03-04T09:15:00Z' });
        return z.NEVER;
      }
      return iso;
    })
    .optional(),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;

export interface ParsedMarkdown {
  meta: FrontMatter;
  /** The text after the front matter (the whole text when there is none). */
  body: string;
  /** Line number (1-based) of the body's first line, for messages. */
  bodyLine: number;
}

function unquote(value: string): string {
  const quoted = /^"(.*)"$|^'(.*)'$/u.exec(value);
  return quoted ? (quoted[1] ?? quoted[2] ?? '') : value;
}

/** Splits and validates front matter. Throws a ContentError ('front-matter') describing the first problem. */
export function parseFrontMatter(text: string): ParsedMarkdown {
  const lines = text.split('\n');
  if (!FENCE.test(lines[0] ?? '')) return { meta: {}, body: text, bodyLine: 1 };
  const closing = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (closing < 0) throw new ContentError('front-matter', 'front matter starts with --- but has no closing --- line');

  const raw: Record<string, string> = {};
  for (let index = 1; index < closing; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim().length === 0 || line.trimStart().startsWith('#')) continue;
    const entry = ENTRY.exec(line);
    if (!entry) throw new ContentError('front-matter', `front matter line ${index + 1}: expected "key: value", got "${line.trim().slice(0, 60)}"`);
    const key = entry[1] ?? '';
    if (Object.hasOwn(raw, key)) throw new ContentError('front-matter', `front matter line ${index + 1}: "${key}" is given twice`);
    raw[key] = unquote((entry[2] ?? '').trim());
  }

  const parsed = frontMatterSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const allowed = Object.keys(frontMatterSchema.shape).join(', ');
    const message =
      issue?.code === 'unrecognized_keys'
        ? `front matter: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')} (allowed: ${allowed})`
        : `front matter: "${String(issue?.path[0] ?? '?')}" ${issue?.message ?? 'is invalid'}`;
    throw new ContentError('front-matter', message);
  }
  return { meta: parsed.data, body: lines.slice(closing + 1).join('\n'), bodyLine: closing + 2 };
}
