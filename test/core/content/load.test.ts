import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { furnitureReason } from '../../../src/core/clean/furniture.ts';
import { tidyLine } from '../../../src/core/clean/line-text.ts';
import { loadArticleFile, loadArticles, type LoadResult } from '../../../src/core/content/load.ts';
import { parseTrecDocument } from '../../../src/core/content/trec.ts';
import type { Article } from '../../../src/core/types.ts';
import { describeWithShared, repoRoot, sharedPath } from '../../support/shared.ts';

const contentDir = join(repoRoot, 'content', 'articles');
const byGuid = (articles: Article[], guid: string) => articles.find((article) => article.origin?.guid === guid);

describe('loading content/articles', () => {
  let result: LoadResult;
  beforeAll(async () => {
    result = await loadArticles([contentDir]);
  });

  it('loads every sample file without errors, the duplicate France 24 pair as one article', () => {
    expect(result.errors).toEqual([]);
    expect(result.report.files).toBe(18);
    expect(result.articles).toHaveLength(17);
    expect(result.report.duplicates).toEqual([
      {
        path: join(contentDir, 'news-sample', 'France24', 'FR-middleEast-645-20180619.txt'),
        duplicateOf: join(contentDir, 'news-sample', 'France24', 'FR-internationalNews-1897-20180619.txt'),
      },
    ]);
  });

  it('reads the Al-Madina page with its sidecar: source names, language, title and the four body paragraphs', () => {
    const seed = result.articles.find((article) => article.sourceId === 'al-madina');
    expect(seed).toMatchObject({
      sourceName: 'Al-Madina',
      sourceNames: { ar: 'المدينة', en: 'Al-Madina' },
      language: 'ar',
      title: 'العراق يطالب أمريكا بحوار استراتيجي',
    });
    expect(seed?.id).toMatch(/^al-madina-[0-9a-f]{10}$/u);
    expect(seed?.paragraphs).toHaveLength(4);
    expect(seed?.url).toBeUndefined();
  });

  it('gives unique ids, stable from one load to the next, in sorted file order', async () => {
    const again = await loadArticles([contentDir]);
    const ids = result.articles.map((article) => article.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(again.articles.map((article) => article.id)).toEqual(ids);
    const paths = result.articles.map((article) => article.origin?.path ?? '');
    expect([...paths].sort()).toEqual(paths);
  });

  it('loads one file the same way on its own', async () => {
    const single = await loadArticleFile(join(contentDir, 'al-madina-iraq-us-dialogue.txt'));
    expect(single).toEqual(result.articles.find((article) => article.sourceId === 'al-madina'));
  });

  it('no longer shows the Basra consulate lead inside the psychiatrist interview', () => {
    const interview = byGuid(result.articles, 'CN-middleEast-1359-20180912');
    expect(interview?.paragraphs.join('\n')).not.toContain('القنصلية الأمريكية في البصرة');
    expect(byGuid(result.articles, 'CN-middleEast-1357-20180912')?.paragraphs[0]).toContain('القنصلية الأمريكية في البصرة');
  });
});

describe('loading a folder with bad files', () => {
  let dir: string;
  let result: LoadResult;
  const goodPage = ['Logo', 'Budget talks resume', 'The minister said the talks would resume next week in the capital.', 'Share on Facebook'].join('\n');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mowjaz-load-'));
    await mkdir(join(dir, 'nested'));
    await writeFile(join(dir, 'good.txt'), goodPage);
    await writeFile(join(dir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10]));
    await writeFile(join(dir, 'empty.txt'), ' \n\n ');
    await writeFile(join(dir, 'big.txt'), 'x'.repeat(4096));
    await writeFile(join(dir, 'bad-front-matter.md'), '---\ntitle: x\nauthor: someone\n---\nText.\n');
    await writeFile(join(dir, 'furniture-only.txt'), 'Logo\nA A\ncontact us\n');
    await writeFile(join(dir, 'bad-sidecar.txt'), goodPage);
    await writeFile(join(dir, 'bad-sidecar.meta.json'), '{ "source": { "id": "Not An Id", "name": "x" } }');
    await writeFile(join(dir, 'notes.json'), '{}');
    await writeFile(join(dir, '.hidden.txt'), goodPage);
    await writeFile(
      join(dir, 'nested', 'story.md'),
      '---\ntitle: Talks resume\nsource: Example Wire\nurl: https://wire.example/talks\nlanguage: en\npublished: 2026-03-04\n---\nThe minister said talks would resume.\n\nA vote is due.\n',
    );
    await writeFile(
      join(dir, 'nested', 'page.html'),
      '<html lang="ar"><head><title>عنوان الصفحة</title><meta property="og:site_name" content="Example Arabic"></head><body><article><h1>عنوان الصفحة</h1><p>قالت الحكومة إنها ستعقد جولة جديدة من المحادثات مع الولايات المتحدة الأسبوع المقبل في بغداد.</p><p>شارك عبر فيسبوك تويتر</p></article></body></html>',
    );
    result = await loadArticles([dir, join(dir, 'missing.txt')], { maxBytes: 2048 });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports each bad file with a clear message and keeps going', () => {
    const errors = Object.fromEntries(result.errors.map((error) => [error.path.replace(dir, '<dir>'), `${error.code}: ${error.message}`]));
    expect(errors).toEqual({
      '<dir>/missing.txt': 'not-found: no such file or folder',
      '<dir>/bad-front-matter.md': 'front-matter: front matter: unknown key "author" (allowed: title, source, source_id, source_ar, url, language, published)',
      '<dir>/bad-sidecar.txt': `sidecar: ${join(dir, 'bad-sidecar.meta.json')}: source.id: must be lower-case letters, digits and hyphens`,
      '<dir>/big.txt': 'too-large: file is 4 KB; the limit is 2 KB',
      '<dir>/binary.txt': 'binary: file looks like binary data, not text',
      '<dir>/empty.txt': 'empty: file is empty',
      '<dir>/furniture-only.txt': 'no-text: no article text found: every line looked like page furniture or a heading',
    });
  });

  it('loads the good files of every format, skipping hidden files and non-article files', () => {
    const summary = result.articles.map((article) => [article.origin?.path?.replace(dir, '<dir>'), article.sourceId, article.title, article.paragraphs]);
    expect(summary).toEqual([
      ['<dir>/good.txt', 'local', 'Budget talks resume', ['The minister said the talks would resume next week in the capital.']],
      ['<dir>/nested/page.html', 'example-arabic', 'عنوان الصفحة', ['قالت الحكومة إنها ستعقد جولة جديدة من المحادثات مع الولايات المتحدة الأسبوع المقبل في بغداد.']],
      ['<dir>/nested/story.md', 'example-wire', 'Talks resume', ['The minister said talks would resume.', 'A vote is due.']],
    ]);
    expect(result.articles.map((article) => article.language)).toEqual(['en', 'ar', 'en']);
    expect(result.articles[2]).toMatchObject({ url: 'https://wire.example/talks', publishedAt: '2026-03-04T00:00:00.000Z', sourceName: 'Example Wire' });
  });

  it('throws a ContentError for a bad file loaded on its own', async () => {
    await expect(loadArticleFile(join(dir, 'empty.txt'))).rejects.toMatchObject({ name: 'ContentError', code: 'empty' });
    await expect(loadArticleFile(join(dir, 'notes.json'))).rejects.toMatchObject({ code: 'unsupported' });
  });
});

describeWithShared('news-sample', 'loading the whole news sample', () => {
  let result: LoadResult;
  beforeAll(async () => {
    result = await loadArticles([sharedPath('news-sample', 'articles')]);
  });

  it('loads 140 files into 139 articles: the exact duplicate pair is collapsed', () => {
    expect(result.errors).toEqual([]);
    expect(result.report.files).toBe(140);
    expect(result.articles).toHaveLength(139);
    expect(result.report.duplicates.map((d) => [d.path.split('/').pop(), d.duplicateOf.split('/').pop()])).toEqual([
      ['FR-middleEast-645-20180619.txt', 'FR-internationalNews-1897-20180619.txt'],
    ]);
  });

  it('removes the documented boilerplate, rule by rule', () => {
    expect(result.report.removed).toEqual({
      'abstract-repeat': 125,
      'lead-tail': 21,
      'related-headlines': 7,
      'app-promo': 10,
      'no-letters': 10,
      'agency-credit': 1,
      'related-link': 1,
      byline: 1,
      'duplicate-article': 1,
    });
  });

  it('never loses an article body: every article keeps its opening paragraph and most of its text', () => {
    for (const article of result.articles) {
      const doc = parseTrecDocument(readFileSync(article.origin?.path ?? '', 'utf8'));
      // The opening paragraph: the first line of TEXT that is not a byline or other furniture.
      const opening = tidyLine(doc.text.find((line) => !furnitureReason(line)) ?? '');
      expect(article.paragraphs.length, article.origin?.guid).toBeGreaterThan(0);
      expect(article.paragraphs, article.origin?.guid).toContain(opening);
      const kept = article.paragraphs.join('').length;
      const original = doc.text.join('').length;
      expect(kept / original, article.origin?.guid).toBeGreaterThan(0.4);
    }
  });

  it('no longer shows the Basra consulate lead in CN-middleEast-1359-20180912', () => {
    const interview = byGuid(result.articles, 'CN-middleEast-1359-20180912');
    expect(interview?.paragraphs.join('\n')).not.toContain('حذرت سارة ساندرز');
    expect(interview?.paragraphs).toHaveLength(3);
  });

  it('never duplicates an abstract and never repeats a paragraph inside an article', () => {
    for (const article of result.articles) {
      expect(new Set(article.paragraphs).size, article.origin?.guid).toBe(article.paragraphs.length);
    }
  });
});
