import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/main.ts';
import { parseOpml, toOpml } from '../../src/sources/opml.ts';

const OPML = `<?xml version="1.0"?>
<opml version="1.0"><head><title>Feeds</title></head><body>
  <outline text="Arabic news">
    <outline text="Al-Madina" type="rss" xmlUrl="https://www.al-madina.example/rss.xml" language="ar-SA"/>
    <outline title="BBC Arabic" xmlurl="https://feeds.bbc.example/arabic/rss.xml" language="ar">
      <outline text="Nested deeper" xmlUrl="https://deep.example/feed.atom"/>
    </outline>
  </outline>
  <outline text="Duplicate" xmlUrl="https://www.al-madina.example/rss.xml"/>
  <outline text="Bad scheme" xmlUrl="ftp://files.example/feed"/>
  <outline text="Relative" xmlUrl="/feed.xml"/>
  <outline text="No feed, just a folder"/>
  <outline text="Unclosed" xmlUrl="https://unclosed.example/rss">
</body></opml>`;

describe('OPML', () => {
  it('reads nested outlines in either attribute spelling, skips duplicates and reports what it cannot use', () => {
    const result = parseOpml(OPML, { language: 'en' });
    expect(result.sources.map((s) => [s.id, s.name, s.url, s.language])).toEqual([
      ['al-madina', 'Al-Madina', 'https://www.al-madina.example/rss.xml', 'ar'],
      ['bbc-arabic', 'BBC Arabic', 'https://feeds.bbc.example/arabic/rss.xml', 'ar'],
      ['nested-deeper', 'Nested deeper', 'https://deep.example/feed.atom', 'en'],
      ['unclosed', 'Unclosed', 'https://unclosed.example/rss', 'en'],
    ]);
    expect(result.rejected.map((r) => r.url)).toEqual(['ftp://files.example/feed', '/feed.xml']);
  });

  it('gives ids that do not collide with sources already present', () => {
    const result = parseOpml(OPML, { language: 'en', takenIds: ['al-madina'] });
    expect(result.sources[0]?.id).toBe('al-madina-2');
  });

  it('exports feeds as OPML that imports back to the same list', () => {
    const sources = parseOpml(OPML, { language: 'en' }).sources;
    const again = parseOpml(toOpml([...sources, { id: 'x', name: 'A & "B"', url: 'https://x.example/?a=1&b=2', kind: 'feed', language: 'en' }]), { language: 'en' });
    expect(again.sources.map((s) => s.url)).toEqual([...sources.map((s) => s.url), 'https://x.example/?a=1&b=2']);
    expect(again.sources.at(-1)?.name).toBe('A & "B"');
  });
});

describe('mowjaz sources (CLI)', () => {
  let dir: string;
  const saved = { ...process.env };
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stdin: async () => Buffer.from('') };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mowjaz-sources-'));
    delete process.env['DATABASE_URL'];
    process.env['MOWJAZ_DATA_DIR'] = dir;
    writeFileSync(join(dir, 'feeds.opml'), OPML);
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports an OPML file, lists and exports the sources, and a second import adds nothing', async () => {
    expect(await runCli(['sources', 'import', join(dir, 'feeds.opml'), '--language', 'ar'], io)).toBe(0);
    expect(out.join('')).toContain('imported 4 new source(s)');
    expect(err.join('')).toContain('skipped ftp://files.example/feed');
    out.length = 0;
    expect(await runCli(['sources', 'import', join(dir, 'feeds.opml')], io)).toBe(0);
    expect(out.join('')).toContain('imported 0 new source(s); 4 already present');
    out.length = 0;
    expect(await runCli(['sources', 'list'], io)).toBe(0);
    expect(out.join('').trim().split('\n')).toHaveLength(4);
    out.length = 0;
    expect(await runCli(['sources', 'export'], io)).toBe(0);
    expect(parseOpml(out.join(''), { language: 'en' }).sources.map((s) => s.language)).toEqual(['ar', 'ar', 'ar', 'ar']);
  });

  it.each([[['sources']], [['sources', 'import']], [['sources', 'list', '--interval', '2']], [['sources', 'import', '/no/such/file.opml']]])('given %j then it fails with a message', async (args) => {
    err.length = 0;
    expect(await runCli(args, io)).not.toBe(0);
    expect(err.join('')).toMatch(/mowjaz sources: /);
  });
});
