import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/cli.ts';
import { countWords } from '../../src/core/summarize/summarize.ts';

const run = (args: string[], stdin = '') => runCliCaptured(['summarize', ...args], stdin);

const LEAD = 'بحث رئيس الوزراء العراقي مع وزير الخارجية الأمريكي في بغداد، الأحد، جدولاً زمنياً لانسحاب القوات الأمريكية من العراق.';
const PAGE = [
  'الرئيسية | أخبار | رياضة',
  '',
  'واشنطن وبغداد تبحثان انسحاب القوات الأمريكية',
  '',
  LEAD,
  '',
  'وقال مكتب رئيس الوزراء إن الجانبين اتفقا على مواصلة الحوار الاستراتيجي بين العراق والولايات المتحدة في واشنطن الشهر المقبل. وأضاف أن اللجان الفنية ستجتمع قبل ذلك.',
  '',
  'ويوجد في العراق نحو 2500 جندي أمريكي ضمن التحالف الدولي ضد تنظيم داعش، وفق وزارة الدفاع الأمريكية.',
  '',
  'حمّل التطبيق من App Store',
].join('\n');

const TREC = `<DOC>
<DOCNO>XX-test-1-20180101</DOCNO>
<TITLE>OPEC+ extends output cuts and Brent rises</TITLE>
<TEXT>
OPEC+ agreed on Sunday to extend its oil output cuts until the end of the year, and Brent crude rose to $85 a barrel.
The energy minister said the decision aims to stabilise oil markets. Analysts expect prices to stay high.
</TEXT>
</DOC>
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mowjaz-summarize-'));
  await writeFile(join(dir, 'page.txt'), PAGE);
  await writeFile(join(dir, 'trec.txt'), TREC);
  await writeFile(join(dir, 'furniture.txt'), 'Logo\n\nA A\n\nحمّل التطبيق من App Store\n');
  await writeFile(join(dir, 'binary.bin'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mowjaz summarize', () => {
  it('given a scraped page, then prints the headline and the lead, without page furniture', async () => {
    const result = await run([join(dir, 'page.txt'), '--sentences', '1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`واشنطن وبغداد تبحثان انسحاب القوات الأمريكية\n\n${LEAD}\n`);
    expect(result.stderr).toBe('');
  });

  it('given --json, then prints title, language and sentences', async () => {
    const result = await run([join(dir, 'page.txt'), '--json', '--sentences', '2']);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { title: string; language: string; sentences: string[] };
    expect(Object.keys(out)).toEqual(['title', 'language', 'sentences']);
    expect(out.title).toBe('واشنطن وبغداد تبحثان انسحاب القوات الأمريكية');
    expect(out.language).toBe('ar');
    expect(out.sentences).toHaveLength(2);
    expect(out.sentences[0]).toBe(LEAD);
    for (const sentence of out.sentences) expect(PAGE).toContain(sentence);
  });

  it('given --words, then keeps the summary within that many words', async () => {
    const result = await run([join(dir, 'page.txt'), '--json', '--words', '40']);
    const out = JSON.parse(result.stdout) as { sentences: string[] };
    expect(out.sentences.length).toBeGreaterThan(0);
    expect(out.sentences.reduce((n, s) => n + countWords(s), 0)).toBeLessThanOrEqual(40);
  });

  it('given no budget, then prints three sentences', async () => {
    const out = JSON.parse((await run([join(dir, 'page.txt'), '--json'])).stdout) as { sentences: string[] };
    expect(out.sentences).toHaveLength(3);
  });

  it('reads TREC documents and detects English', async () => {
    const result = await run([join(dir, 'trec.txt'), '--json', '--sentences', '1']);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { title: string; language: string; sentences: string[] };
    expect(out.title).toBe('OPEC+ extends output cuts and Brent rises');
    expect(out.language).toBe('en');
    expect(out.sentences).toEqual(['OPEC+ agreed on Sunday to extend its oil output cuts until the end of the year, and Brent crude rose to $85 a barrel.']);
  });

  it('reads standard input for -', async () => {
    const result = await run(['-', '--sentences', '1'], PAGE);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(LEAD);
  });

  it.each([
    ['both budgets at once', ['--sentences', '2', '--words', '50'], /either --sentences or --words/],
    ['zero sentences', ['--sentences', '0'], /--sentences must be a whole number of at least 1, got "0"/],
    ['negative words', ['--words', '-3'], /--words must be a whole number of at least 1, got "-3"/],
    ['a word that is not a number', ['--words', 'many'], /--words must be a whole number of at least 1, got "many"/],
    ['a fraction', ['--sentences', '1.5'], /--sentences must be a whole number/],
    ['a missing value', ['--words'], /argument missing/],
    ['an unknown option', ['--colour'], /Unknown option '--colour'/],
  ])('given %s, then one error line and exit code 2', async (_name, flags, message) => {
    const result = await run([join(dir, 'page.txt'), ...flags]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['a missing file', () => [join(dir, 'missing.txt')], /no such file/],
    ['binary data', () => [join(dir, 'binary.bin')], /binary|not an article|not valid/],
    ['a page with nothing but furniture', () => [join(dir, 'furniture.txt')], /no article text found/],
  ])('given %s, then a clear error and a non-zero exit', async (_name, args, message) => {
    const result = await run(args());
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
  });

  it('accepts Arabic-Indic digits in counts', async () => {
    const out = JSON.parse((await run([join(dir, 'page.txt'), '--json', '--sentences', '٢'])).stdout) as { sentences: string[] };
    expect(out.sentences).toHaveLength(2);
  });

  it('prints its usage with --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/usage: mowjaz summarize/);
  });
});
