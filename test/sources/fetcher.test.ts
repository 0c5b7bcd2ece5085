import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fetcher, USER_AGENT } from '../../src/sources/fetcher.ts';
import { FetchError } from '../../src/sources/fetch-error.ts';
import { body, drip, huge, redirect, startFeedServer, type FeedServer } from '../fakes/feed-server.ts';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw error;
  }
  throw new Error('expected the fetch to fail');
}

describe('Fetcher', () => {
  let server: FeedServer;
  let open: Fetcher;
  let guarded: Fetcher;

  beforeAll(async () => {
    server = await startFeedServer();
    open = new Fetcher({ allowPrivate: true, limits: { totalMs: 1_500, bodyMs: 1_000, headersMs: 1_000, maxBytes: 1024 * 1024, maxRedirects: 3 } });
    guarded = new Fetcher({ allowPrivate: false });
    server.route('/feed.xml', body(RSS, { etag: '"v1"', 'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT' }));
    server.route('/conditional.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304);
        res.end();
        return;
      }
      body(RSS, { etag: '"v1"' })(req, res);
    });
    server.route('/hop1', redirect('/hop2', 301));
    server.route('/hop2', redirect('/feed.xml', 307));
    server.route('/loop-a', redirect('/loop-b'));
    server.route('/loop-b', redirect('/loop-a'));
    server.route('/to-metadata', redirect('http://169.254.169.254/latest/meta-data/'));
    server.route('/to-mapped', redirect('http://[::ffff:169.254.169.254]/'));
    server.route('/to-file', redirect('file:///etc/passwd'));
    server.route('/huge', huge(100 * 1024 * 1024));
    server.route('/declared-huge', body('x'.repeat(2 * 1024 * 1024)));
    server.route('/drip', drip('<', 200, 1_000));
    server.route('/gone', body('gone', {}, 410));
    server.route('/busy', body('later', {}, 503));
  });
  afterAll(async () => {
    await Promise.all([open.close(), guarded.close()]);
    await server.close();
  });

  it('given a feed then it returns its bytes, type and validators, and says who is asking', async () => {
    const response = await open.fetch({ url: server.url('/feed.xml') });
    expect(Buffer.from(response.body).toString('utf8')).toBe(RSS);
    expect(response).toMatchObject({ status: 200, notModified: false, contentType: 'application/xml', etag: '"v1"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' });
    expect(server.requests.at(-1)?.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^mowjaz\/\d+\.\d+\.\d+ \(\+https?:\/\/\S+\)$/);
  });

  it('given stored validators then it asks conditionally and reports an unchanged source', async () => {
    const response = await open.fetch({ url: server.url('/conditional.xml'), etag: '"v1"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' });
    expect(response.notModified).toBe(true);
    expect(response.body.byteLength).toBe(0);
    expect(server.requests.at(-1)?.headers['if-modified-since']).toBe('Tue, 01 Dec 2026 10:00:00 GMT');
  });

  it('follows redirects and reports the final address', async () => {
    const response = await open.fetch({ url: server.url('/hop1') });
    expect(response.url).toBe(server.url('/feed.xml'));
  });

  it.each([
    ['/loop-a', 'too-many-redirects'],
    ['/to-metadata', 'blocked'],
    ['/to-mapped', 'blocked'],
    ['/to-file', 'scheme'],
    ['/huge', 'too-large'],
    ['/declared-huge', 'too-large'],
    ['/drip', 'timeout'],
    ['/gone', 'http'],
  ])('given %s then it fails with %s', async (path, kind) => {
    const error = await failure(open.fetch({ url: server.url(path) }));
    expect(error.kind).toBe(kind);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('cuts a 100 MB body at the cap without buffering it', async () => {
    const before = process.memoryUsage().rss;
    const error = await failure(open.fetch({ url: server.url('/huge') }));
    expect(error.kind).toBe('too-large');
    expect(process.memoryUsage().rss - before).toBeLessThan(60 * 1024 * 1024);
  });

  it('tells transient failures from permanent ones', async () => {
    expect((await failure(open.fetch({ url: server.url('/busy') }))).transient).toBe(true);
    expect((await failure(open.fetch({ url: server.url('/gone') }))).transient).toBe(false);
  });

  it.each([
    ['loopback literal', (s: FeedServer) => s.url('/feed.xml')],
    ['a name resolving to loopback', (s: FeedServer) => s.url('/feed.xml').replace('127.0.0.1', 'localhost')],
    ['the metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['an IPv4-mapped loopback', () => 'http://[::ffff:127.0.0.1]:9/'],
    ['IPv6 loopback', () => 'http://[::1]:9/'],
  ])('with private addresses refused, given %s then nothing is requested', async (_name, url) => {
    const before = server.requests.length;
    const error = await failure(guarded.fetch({ url: url(server) }));
    expect(error.kind).toBe('blocked');
    expect(server.requests.length).toBe(before);
  });

  it.each(['ftp://example.com/feed', 'file:///etc/passwd', 'not a url', 'http://user:pw@example.com/'])('refuses %s before any network use', async (url) => {
    const error = await failure(guarded.fetch({ url }));
    expect(['scheme', 'bad-url']).toContain(error.kind);
  });
});
