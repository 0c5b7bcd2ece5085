import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/cli.ts';
import type { TopicMatch } from '../../src/core/types.ts';
import { hasShared, sharedPath } from '../support/shared.ts';

const run = (args: string[], stdin = '') => runCliCaptured(args, stdin);

const PAGE = [
  'الرئيسية | أخبار | رياضة',
  '',
  'واشنطن وبغداد تبحثان انسحاب القوات الأمريكية',
  '',
  'بحث رئيس الوزراء العراقي مع وزير الخارجية الأمريكي في بغداد، الأحد، جدولاً زمنياً لانسحاب القوات الأمريكية من العراق.',
  '',
  'وقال مكتب رئيس الوزراء إن الجانبين اتفقا على مواصلة الحوار الاستراتيجي بين العراق والولايات المتحدة في واشنطن الشهر المقبل.',
  '',
  'حمّل التطبيق من App Store',
].join('\n');

const TREC = `<DOC>
<DOCNO>XX-test-1-20180101</DOCNO>
<TITLE>أوبك+ تمدد خفض الإنتاج وخام برنت يرتفع</TITLE>
<TEXT>
قررت مجموعة أوبك+ تمديد خفض إنتاج النفط حتى نهاية العام، فارتفع خام برنت إلى 85 دولاراً للبرميل.
وقال وزير الطاقة إن القرار يهدف إلى استقرار أسواق النفط.
</TEXT>
</DOC>
`;

const HTML = `<!doctype html><html lang="ar"><head><title>واشنطن وبغداد</title></head><body>
<nav><a href="/">الرئيسية</a></nav>
<article><h1>واشنطن وبغداد تبحثان انسحاب القوات الأمريكية</h1>
<p>بحث رئيس الوزراء العراقي مع وزير الخارجية الأمريكي في بغداد، الأحد، جدولاً زمنياً لانسحاب القوات الأمريكية من العراق.</p>
<p>وقال مكتب رئيس الوزراء إن الجانبين اتفقا على مواصلة الحوار بين العراق والولايات المتحدة في واشنطن.</p></article>
</body></html>`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mowjaz-match-'));
  await writeFile(join(dir, 'page.txt'), PAGE);
  await writeFile(join(dir, 'trec.txt'), TREC);
  await writeFile(join(dir, 'page.html'), HTML);
  await writeFile(join(dir, 'furniture.txt'), 'App Store Play Store\ncontact us\n');
  await writeFile(join(dir, 'binary.bin'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mowjaz match', () => {
  it('given a scraped page, then it cleans it and shows each topic with the terms that fired', async () => {
    const result = await run(['match', join(dir, 'page.txt')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('title: واشنطن وبغداد تبحثان انسحاب القوات الأمريكية');
    expect(result.stdout).toMatch(/^iraq-us-relations — score [\d.]+, co-occurrence [\d.]+ — MATCH$/m);
    expect(result.stdout).toMatch(/^ {2}us [\d.]+: .*واشنطن ×\d/m);
    expect(result.stdout).not.toContain('App Store');
  });

  it('given a non-match, then it says which group was missing', async () => {
    const result = await run(['match', join(dir, 'page.txt'), '--topic', 'oil-energy']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^oil-energy — .* — no match: no energy term/m);
  });

  it('given a TREC document, then it uses its title and text', async () => {
    const result = await run(['match', join(dir, 'trec.txt'), '--topic', 'oil-energy']);
    expect(result.stdout).toContain('title: أوبك+ تمدد خفض الإنتاج وخام برنت يرتفع');
    expect(result.stdout).toMatch(/^oil-energy — .* — MATCH$/m);
  });

  it('given an HTML page, then it reads the article out of the markup', async () => {
    const result = await run(['match', join(dir, 'page.html'), '--topic', 'iraq-us-relations']);
    expect(result.stdout).toContain('title: واشنطن وبغداد تبحثان انسحاب القوات الأمريكية');
    expect(result.stdout).toMatch(/^iraq-us-relations — .* — MATCH$/m);
  });

  it('given --json, then it prints the TopicMatch list, best score first', async () => {
    const result = await run(['match', join(dir, 'page.txt'), '--json']);
    expect(result.code).toBe(0);
    const matches = JSON.parse(result.stdout) as TopicMatch[];
    expect(matches.length).toBeGreaterThanOrEqual(5);
    expect(matches[0]).toMatchObject({ topicId: 'iraq-us-relations', matched: true, missingGroups: [], excludedBy: [] });
    expect(matches[0]!.terms[0]).toEqual({ term: expect.any(String), group: expect.any(String), count: expect.any(Number), inTitle: expect.any(Boolean), score: expect.any(Number) });
    const scores = matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('given "-", then it reads the article from standard input', async () => {
    const result = await run(['match', '-', '--topic', 'iraq-us-relations', '--json'], PAGE);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
  });

  it.each([
    ['an unknown topic', ['PAGE', '--topic', 'mars'], 1, /^mowjaz match: unknown topic "mars"; known topics: .*iraq-us-relations/],
    ['a missing file', ['nowhere.txt'], 1, /^mowjaz match: no such file: nowhere\.txt$/],
    ['no file at all', [], 2, /^mowjaz match: give one article file/],
    ['two files', ['PAGE', 'PAGE'], 2, /^mowjaz match: give one file, not 2/],
    ['an unknown flag', ['PAGE', '--color'], 2, /^mowjaz match: Unknown option '--color'/],
    ['a binary file', ['BINARY'], 1, /looks like binary data, not text$/],
    ['a page that is all furniture', ['FURNITURE'], 1, /furniture\.txt has no article text to match$/],
    ['a topics directory that does not exist', ['PAGE', '--topics-dir', 'no/such/dir'], 1, /^mowjaz match: no topics directory at no\/such\/dir$/],
  ])('given %s, then one clear line on stderr and a non-zero exit', async (_name, args, code, message) => {
    const files: Record<string, string> = { PAGE: join(dir, 'page.txt'), BINARY: join(dir, 'binary.bin'), FURNITURE: join(dir, 'furniture.txt') };
    const result = await run(['match', ...args.map((a) => files[a] ?? a)]);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toMatch(message);
  });

  it('given a topics directory with a bad file, then it warns about that file and matches with the others', async () => {
    const topicsDir = await mkdtemp(join(tmpdir(), 'mowjaz-match-topics-'));
    try {
      await writeFile(
        join(topicsDir, 'iraq.json'),
        JSON.stringify({
          id: 'iraq',
          name: { ar: 'العراق', en: 'Iraq' },
          description: { ar: 'أخبار العراق', en: 'News about Iraq' },
          titleBoost: 2,
          minScore: 1,
          groups: [{ name: 'iraq', terms: ['العراق', 'بغداد'] }],
        }),
      );
      await writeFile(join(topicsDir, 'broken.json'), '{');
      const result = await run(['match', join(dir, 'page.txt'), '--topics-dir', topicsDir]);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/^mowjaz match: invalid topic file broken\.json: \(file\): not valid JSON/);
      expect(result.stdout).toMatch(/^iraq — .* — MATCH$/m);
    } finally {
      await rm(topicsDir, { recursive: true, force: true });
    }
  });

  it.runIf(hasShared('seed'))('given the seed page, then iraq-us-relations matches', async () => {
    const result = await run(['match', sharedPath('seed', 'al-madina-iraq-us-dialogue.txt'), '--topic', 'iraq-us-relations']);
    expect(result.stdout).toMatch(/^iraq-us-relations — .* — MATCH$/m);
  });
});
