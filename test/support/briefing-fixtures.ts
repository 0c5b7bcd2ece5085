/**
 * Briefings for renderer tests and benchmarks.
 *
 * `newsSampleBriefing` builds a realistic Arabic briefing from the labelled news sample in
 * ../shared/news-sample (ANT Corpus; A. Chouigui, O. Ben Khiroun and B. Elayeb, "An Arabic
 * Multi-source News Corpus: Experimenting on Single-document Extractive Summarization", AJSE 2021,
 * https://antcorpus.github.io): one item per event group, the group's outlets as sources, the
 * lead article's opening sentences as the summary. `hostileBriefing` is everything a feed can throw
 * at a renderer at once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTrecDocument } from '../../src/core/content/trec.ts';
import type { Briefing, BriefingItem, BriefingSource } from '../../src/core/types.ts';

// Resolved like test/support/shared.ts, which cannot be imported here: it loads vitest, and the
// benchmarks use these fixtures outside the test runner.
const sharedRoot = process.env['MOWJAZ_SHARED_DIR'] ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared');

function sharedPath(...parts: string[]): string {
  return join(sharedRoot, ...parts);
}

export function hasNewsSample(): boolean {
  return existsSync(sharedPath('news-sample', 'labels.csv'));
}

interface LabelRow {
  path: string;
  source: string;
  label: string;
  eventGroup: string;
}

function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

function labelRows(): LabelRow[] {
  const [, ...lines] = readFileSync(sharedPath('news-sample', 'labels.csv'), 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [path = '', source = '', , label = '', eventGroup = ''] = parseCsvLine(line);
    return { path, source, label, eventGroup };
  });
}

/** Up to three sentences from the article's opening, split at Arabic and Latin sentence ends. */
function openingSentences(paragraphs: readonly string[]): string[] {
  const sentences: string[] = [];
  for (const paragraph of paragraphs) {
    for (const sentence of paragraph.split(/(?<=[.!?؟])\s+/)) {
      if (sentence.trim().length > 20) sentences.push(sentence.trim());
      if (sentences.length === 3) return sentences;
    }
  }
  return sentences;
}

export function newsSampleBriefing(itemCount = 10): Briefing {
  const groups = new Map<string, LabelRow[]>();
  for (const row of labelRows()) {
    if (row.label !== 'iraq_us' || row.eventGroup === '') continue;
    groups.set(row.eventGroup, [...(groups.get(row.eventGroup) ?? []), row]);
  }
  const items: BriefingItem[] = [];
  for (const [group, rows] of groups) {
    if (items.length === itemCount) break;
    const docs = rows.map((row) => ({ row, doc: parseTrecDocument(readFileSync(sharedPath('news-sample', row.path), 'utf8')) }));
    const lead = docs[0]!.doc;
    const sources: BriefingSource[] = docs.map(({ row, doc }) => ({
      name: row.source,
      ...(doc.url ? { url: doc.url } : {}),
      ...(doc.time ? { publishedAt: new Date(doc.time).toISOString() } : {}),
    }));
    items.push({
      id: group,
      headline: lead.title,
      summary: openingSentences(lead.text.length > 0 ? lead.text : lead.abstract),
      sources,
      matchedTerms: ['العراق', 'واشنطن', 'الأمريكية'],
      score: 5 - items.length * 0.3,
      publishedAt: sources.map((source) => source.publishedAt ?? '').sort().at(-1) || undefined,
      language: 'ar',
    });
  }
  return {
    language: 'ar',
    direction: 'rtl',
    title: 'العلاقات العراقية الأمريكية',
    topicId: 'iraq-us-relations',
    period: { from: '2018-02-01T00:00:00Z', to: '2018-10-31T23:59:59Z' },
    items,
  };
}

const LONG_SENTENCE = `${'بداية جملة طويلة جدا '.repeat(10)}${'x'.repeat(10_000)}`;
const EMOJI_STORM = '🇮🇶👨‍👩‍👧‍👦👍🏽'.repeat(1500);

/** Every hostile pattern the renderers must survive, in one briefing. */
export function hostileBriefing(): Briefing {
  const hostile: BriefingItem = {
    id: 'hostile',
    headline: '<script>alert("x")</script> & <b>bold</b> **md** @everyone <@123> <@&456> <#789> \u202Eevil\u202C',
    summary: [
      LONG_SENTENCE,
      EMOJI_STORM,
      `Z̷̢̛̛a̸͎͑l̴̗̈g̵̱̏o̶͙͑ \u0000\u0007\u009B[31m ctrl \u2066isolate\u2069 \u200Bzero\uFEFFwidth > quote\n# heading [masked](https://evil.example) ||spoiler||`,
    ],
    sources: [
      { name: 'Evil <Source> & Co', url: 'javascript:alert(1)' },
      { name: '@here news', url: 'https://example.com/a?b=1&c="2"' },
      { name: 'Duplicate', url: 'https://example.com/a?b=1&c="2"' },
      { name: '', url: 'data:text/html,<script>alert(1)</script>' },
      { name: 'Credentials', url: 'https://user:pass@example.com/' },
    ],
    matchedTerms: ['العراق', '<i>term</i>', '`code`', '@everyone'],
    score: 1,
    publishedAt: 'not a date',
    language: 'ar',
  };
  const empty: BriefingItem = { id: 'empty', headline: '', summary: [], sources: [], matchedTerms: [], score: 0, language: 'en' };
  return {
    language: 'ar',
    direction: 'rtl',
    title: '',
    period: { from: 'garbage', to: '2026-11-28T00:00:00Z' },
    items: [hostile, empty, { ...hostile, id: 'hostile-2', headline: 'x'.repeat(5000) }],
  };
}
