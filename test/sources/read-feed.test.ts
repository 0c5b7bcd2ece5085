import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeedText } from '../../src/sources/feed-parse.ts';
import { entryKey, withPageBody } from '../../src/sources/feed-articles.ts';
import { readFeed } from '../../src/sources/read-feed.ts';

const SOURCE = { id: 'test-feed', name: 'Test Feed', language: 'ar' as const };
const CONTEXT = { feedUrl: 'https://news.example/feed.xml', now: '2026-12-01T09:00:00.000Z' };
const LONG = 'قال مسؤولون عراقيون وأمريكيون إن الحوار الاستراتيجي بين بغداد وواشنطن سيستأنف الشهر المقبل لبحث مستقبل القوات. '.repeat(5);

function read(text: string, contentType: string | null = null) {
  return readFeed(new Uint8Array(Buffer.from(text, 'utf8')), contentType, SOURCE, CONTEXT);
}

describe('reading feeds into articles', () => {
  it('given RSS 2.0 then each item becomes an article with title, absolute link, guid and date', () => {
    const { feed, items } = read(`<?xml version="1.0"?><rss version="2.0"><channel><title>أخبار</title><link>https://news.example/</link>
      <item><title>الحوار العراقي الأميركي</title><link>/a/1</link><guid isPermaLink="false">id-1</guid><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate>
      <description><![CDATA[<p>${LONG}</p>]]></description></item></channel></rss>`);
    expect(feed).toMatchObject({ format: 'rss', title: 'أخبار' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ key: 'guid:id-1', teaser: false });
    expect(items[0]?.article).toMatchObject({
      sourceId: 'test-feed',
      title: 'الحوار العراقي الأميركي',
      url: 'https://news.example/a/1',
      publishedAt: '2026-12-01T08:00:00.000Z',
      language: 'ar',
      origin: { feedUrl: CONTEXT.feedUrl, guid: 'id-1' },
    });
    expect(items[0]?.article.paragraphs[0]).toContain('الحوار الاستراتيجي');
  });

  it('given Atom then entries are read with their content', () => {
    const { feed, items } = read(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
      <entry><id>urn:1</id><title>One</title><link href="https://news.example/1"/><updated>2026-11-30T10:00:00Z</updated><content type="html">&lt;p&gt;${LONG}&lt;/p&gt;</content></entry></feed>`);
    expect(feed.format).toBe('atom');
    expect(items[0]?.article).toMatchObject({ title: 'One', url: 'https://news.example/1', publishedAt: '2026-11-30T10:00:00.000Z' });
  });

  it.each([
    ['1.1', { version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: 7, url: 'https://news.example/7', title: 'Seven', content_html: `<p>${LONG}</p>`, date_published: '2026-11-29T07:00:00Z', authors: [{ name: 'A' }] }] }],
    ['1.0', { version: 'https://jsonfeed.org/version/1', title: 'J', items: [{ id: '7', url: 'https://news.example/7', title: 'Seven', content_text: LONG, date_published: '2026-11-29T07:00:00Z', author: { name: 'A' } }] }],
  ])('given JSON Feed %s then items map like RSS items', (_version, json) => {
    const { feed, items } = read(JSON.stringify(json));
    expect(feed.format).toBe('json');
    expect(items[0]).toMatchObject({ key: 'guid:7', article: { title: 'Seven', url: 'https://news.example/7', publishedAt: '2026-11-29T07:00:00.000Z' } });
  });

  it.each([
    ['malformed XML without a feed root', '<?xml version="1.0"?><foo><bar></baz></foo'],
    ['an HTML page', '<html><body><p>not a feed</p></body></html>'],
    ['JSON that is not a feed', '{"hello": "world"}'],
    ['broken JSON', '{"version": "https://jsonfeed.org/version/1", '],
    ['an empty body', '   '],
    ['plain text', 'Service unavailable'],
  ])('given %s then a FeedParseError says why', (_name, text) => {
    expect(() => parseFeedText(text)).toThrow(FeedParseError);
  });

  it('given a truncated body then the complete entries before the cut are kept', () => {
    const { items } = read(`<rss version="2.0"><channel><title>t</title><item><title>Whole item</title><link>https://news.example/w</link></item><item><title>Cut`);
    expect(items.map((item) => item.article.title)).toContain('Whole item');
  });

  it('given invalid dates and missing titles or links then the article degrades safely', () => {
    const { items, empty } = read(`<rss version="2.0"><channel><title>t</title>
      <item><title>No date</title><link>https://news.example/n</link><pubDate>32 Foo 2026 99:99</pubDate></item>
      <item><description>${LONG}</description></item>
      <item><title>No link</title><description>short</description></item>
      <item></item></channel></rss>`);
    expect(empty).toBe(1);
    const [noDate, noTitle, noLink] = items;
    expect(noDate?.article.publishedAt).toBeUndefined();
    expect(noDate?.article.fetchedAt).toBe(CONTEXT.now);
    expect(noTitle?.article.title.length).toBeGreaterThan(10);
    expect(noTitle?.key).toMatch(/^hash:/);
    expect(noLink?.article.url).toBeUndefined();
    expect(noLink?.teaser).toBe(false);
    expect(new Set(items.map((item) => item.article.id)).size).toBe(3);
  });

  it('given HTML with scripts then no script text reaches the article', () => {
    const { items } = read(`<rss version="2.0"><channel><title>t</title><item><title>&lt;b&gt;Bold&lt;/b&gt; title</title><link>https://news.example/s</link>
      <description><![CDATA[<script>steal()</script><style>p{}</style><p onclick="x()">${LONG}</p><iframe src="https://evil.example"></iframe>]]></description></item></channel></rss>`);
    const article = items[0]?.article;
    expect(article?.title).toBe('Bold title');
    expect(JSON.stringify(article)).not.toMatch(/steal|onclick|evil\.example|p\{\}/);
  });

  it('marks short entries with a link as teasers and takes the body from the page when it holds more', () => {
    const { items } = read(`<rss version="2.0"><channel><title>t</title><item><title>Teaser</title><link>https://news.example/t</link><description>Read more…</description></item></channel></rss>`);
    const item = items[0];
    expect(item?.teaser).toBe(true);
    if (!item) return;
    const page = `<html><head><title>Teaser</title></head><body><nav>Home | World</nav><article><h1>Teaser</h1><p>${LONG}</p><p>${LONG}</p></article></body></html>`;
    const enriched = withPageBody(item.article, page, 'https://news.example/t');
    expect(enriched.paragraphs.join(' ')).toContain('الحوار الاستراتيجي');
    expect(enriched.title).toBe('Teaser');
  });

  it('keys entries by guid, else link, else title and date', () => {
    expect(entryKey({ guid: 'g', link: 'l', title: 't', published: null })).toBe('guid:g');
    expect(entryKey({ guid: null, link: 'l', title: 't', published: null })).toBe('url:l');
    expect(entryKey({ guid: null, link: null, title: 't', published: 'd' })).toBe(entryKey({ guid: null, link: null, title: 't', published: 'd' }));
    expect(entryKey({ guid: null, link: null, title: 't', published: 'd' })).not.toBe(entryKey({ guid: null, link: null, title: 't', published: 'e' }));
  });
});
