/**
 * OPML import and export of feed lists. Import is tolerant: outlines may nest (folders), the
 * attribute may be spelled `xmlUrl` or `xmlurl`, markup around them may be broken; every outline
 * with a feed address becomes a candidate source, and the ones that are not valid are reported,
 * never fatal.
 */
import { DOMParser } from 'linkedom';
import { sourceIdFromName } from '../core/content/article-id.ts';
import type { Language } from '../core/types.ts';
import { DEFAULT_POLL_MINUTES, languageOfTag, sourceDefinitionSchema, type SourceDefinition } from './source-config.ts';

interface OutlineElement {
  attributes: ArrayLike<{ name: string; value: string }>;
}

/** An attribute by name whatever its case (`xmlUrl`, `xmlurl`, `XMLURL` all occur). */
function attribute(element: OutlineElement, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const attr of Array.from(element.attributes)) if (attr.name.toLowerCase() === wanted) return attr.value;
  return null;
}

export interface OpmlImport {
  sources: SourceDefinition[];
  /** Outlines with a feed address that could not become a source, with the reason. */
  rejected: Array<{ url: string; reason: string }>;
}

function uniqueId(base: string, taken: Set<string>): string {
  const stem = base.slice(0, 56).replace(/-+$/, '') || 'source';
  let id = stem;
  for (let n = 2; taken.has(id); n += 1) id = `${stem}-${n}`;
  taken.add(id);
  return id;
}

export function parseOpml(text: string, options: { language: Language; pollMinutes?: number; takenIds?: Iterable<string> }): OpmlImport {
  // linkedom's XML mode reads unclosed and misnested outlines without giving up on the file.
  const document = new DOMParser().parseFromString(text, 'text/xml') as unknown as { querySelectorAll(selector: string): ArrayLike<OutlineElement> };
  const taken = new Set(options.takenIds ?? []);
  const seenUrls = new Set<string>();
  const out: OpmlImport = { sources: [], rejected: [] };
  for (const outline of Array.from(document.querySelectorAll('outline'))) {
    const url = attribute(outline, 'xmlUrl')?.trim();
    if (!url || seenUrls.has(url)) continue;
    seenUrls.add(url);
    const title = (attribute(outline, 'title') ?? attribute(outline, 'text') ?? '').trim();
    let host = '';
    try {
      host = new URL(url).hostname.replace(/^www\./, '');
    } catch {
      out.rejected.push({ url, reason: 'not an absolute address' });
      continue;
    }
    const name = title || host;
    const candidate = {
      id: uniqueId(sourceIdFromName(title && /[a-z]/i.test(title) ? title : host), taken),
      name,
      url,
      kind: 'feed' as const,
      language: languageOfTag(attribute(outline, 'language')) ?? options.language,
      pollMinutes: options.pollMinutes ?? DEFAULT_POLL_MINUTES,
      topics: [],
    };
    const parsed = sourceDefinitionSchema.safeParse(candidate);
    if (parsed.success) out.sources.push(parsed.data);
    else out.rejected.push({ url, reason: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
  }
  return out;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] ?? char);
}

export function toOpml(sources: ReadonlyArray<Pick<SourceDefinition, 'id' | 'name' | 'url' | 'kind' | 'language'>>, title = 'mowjaz sources'): string {
  const lines = sources
    .filter((source) => source.kind === 'feed')
    .map((source) => `    <outline type="rss" text="${escapeXml(source.name)}" title="${escapeXml(source.name)}" xmlUrl="${escapeXml(source.url)}" language="${source.language}"/>`);
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', `  <head><title>${escapeXml(title)}</title></head>`, '  <body>', ...lines, '  </body>', '</opml>', ''].join('\n');
}
