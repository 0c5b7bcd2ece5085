import { execFile } from 'node:child_process';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/main.ts';
import { repoRoot } from '../support/shared.ts';

interface FakeIo extends CliIo {
  out: string;
  err: string;
}

function fakeIo(stdin = ''): FakeIo {
  const io: FakeIo = {
    out: '',
    err: '',
    stdout: (text) => void (io.out += text),
    stderr: (text) => void (io.err += text),
    stdin: async () => Buffer.from(stdin, 'utf8'),
  };
  return io;
}

const seed = join(repoRoot, 'content', 'articles', 'al-madina-iraq-us-dialogue.txt');
const title = 'العراق يطالب أمريكا بحوار استراتيجي';

describe('mowjaz clean', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mowjaz-clean-'));
    await writeFile(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d]));
    await writeFile(join(dir, 'empty.txt'), '');
    await writeFile(join(dir, 'huge.txt'), '');
    await truncate(join(dir, 'huge.txt'), 50 * 1024 * 1024);
    await writeFile(join(dir, 'furniture.txt'), 'Logo\nA A\ncontact us\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the title and the body paragraphs of the seed page as plain text', async () => {
    const io = fakeIo();
    expect(await runCli(['clean', seed], io)).toBe(0);
    const blocks = io.out.trimEnd().split('\n\n');
    expect(blocks[0]).toBe(title);
    expect(blocks).toHaveLength(5);
    for (const furniture of ['Logo', 'A A', 'Nabd', 'contact us', 'App Store']) expect(io.out).not.toContain(furniture);
    expect(io.err).toBe('');
  });

  it('prints { title, language, paragraphs, dropped } with --json', async () => {
    const io = fakeIo();
    expect(await runCli(['clean', '--json', seed], io)).toBe(0);
    const parsed = JSON.parse(io.out) as { title: string; language: string; paragraphs: string[]; dropped: string[] };
    expect(Object.keys(parsed)).toEqual(['title', 'language', 'paragraphs', 'dropped']);
    expect(parsed.title).toBe(title);
    expect(parsed.language).toBe('ar');
    expect(parsed.paragraphs).toHaveLength(4);
    expect(parsed.dropped).toEqual(['Logo', 'صحيفة يومية تصدر عن مؤسسة المدينة للصحافة والنشر', 'A A', 'contact us', 'Nabd', 'App Store Play Store Huawei Store']);
  });

  it('lists the dropped lines with the rule that dropped each, with --verbose', async () => {
    const io = fakeIo();
    expect(await runCli(['clean', '-v', seed], io)).toBe(0);
    expect(io.out).toContain('-- dropped 6 line(s) (scraped-page) --');
    expect(io.out).toContain('[app-store] App Store Play Store Huawei Store');
    expect(io.out).toContain('[tagline] صحيفة يومية تصدر عن مؤسسة المدينة للصحافة والنشر');
  });

  it('reads standard input for "-" and recognises a TREC document by its content', async () => {
    const doc = '<DOC>\n<DOCNO>X-1</DOCNO>\n<SRC>CNN</SRC>\n<TITLE>عنوان الخبر</TITLE>\n<TEXT>\nنص الخبر الأول هنا.\nفرانس24/ أ ف ب\n</TEXT>\n</DOC>\n';
    const io = fakeIo(doc);
    expect(await runCli(['clean', '--json', '-'], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual({ title: 'عنوان الخبر', language: 'ar', paragraphs: ['نص الخبر الأول هنا.'], dropped: ['فرانس24/ أ ف ب'] });
  });

  it('reads HTML from standard input', async () => {
    const io = fakeIo('<html><head><title>Talks resume</title></head><body><article><p>The minister said the talks would resume next week.</p></article></body></html>');
    expect(await runCli(['clean', '-'], io)).toBe(0);
    expect(io.out).toBe('Talks resume\n\nThe minister said the talks would resume next week.\n');
  });

  it.each([
    ['a missing file', () => ['clean', join(dir, 'nope.txt')], /^mowjaz clean: no such file: .*nope\.txt\n$/u, 1],
    ['an empty file', () => ['clean', join(dir, 'empty.txt')], /^mowjaz clean: .*empty\.txt is empty\n$/u, 1],
    ['binary data', () => ['clean', join(dir, 'binary.txt')], /^mowjaz clean: .*binary\.txt looks like binary data, not text\n$/u, 1],
    ['a 50 MB file', () => ['clean', join(dir, 'huge.txt')], /^mowjaz clean: .*huge\.txt is 50\.0 MB; the limit is 10\.0 MB\n$/u, 1],
    ['a page of furniture only', () => ['clean', join(dir, 'furniture.txt')], /^mowjaz clean: no article text found in .*furniture\.txt\n$/u, 1],
    ['no file at all', () => ['clean'], /^mowjaz clean: give exactly one file/u, 2],
    ['an unknown option', () => ['clean', '--colour', seed], /^mowjaz clean: Unknown option '--colour'/u, 2],
    ['an unknown format', () => ['clean', '--format', 'pdf', seed], /^mowjaz clean: unknown --format "pdf"/u, 2],
  ])('given %s, then one clear line on stderr and a non-zero exit', async (_name, args, message, code) => {
    const io = fakeIo();
    expect(await runCli(args(), io)).toBe(code);
    expect(io.err).toMatch(message);
    expect(io.err.trimEnd().split('\n')).toHaveLength(1);
    expect(io.err).not.toMatch(/^\s+at /mu);
  });

  it('prints its options with --help', async () => {
    const io = fakeIo();
    expect(await runCli(['clean', '--help'], io)).toBe(0);
    expect(io.out).toContain('usage: mowjaz clean');
  });

  it('as a real process, exits non-zero with one line on stderr and no stack trace for a missing file', async () => {
    const run = promisify(execFile);
    const failure = await run('npx', ['tsx', 'src/cli/main.ts', 'clean', join(dir, 'nope.txt')], { cwd: repoRoot }).then(
      () => undefined,
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/^mowjaz clean: no such file: .*nope\.txt\n$/u);
    expect(failure?.stdout).toBe('');
  });
});
