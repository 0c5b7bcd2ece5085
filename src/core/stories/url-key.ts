/**
 * A comparison key for article URLs, so the same page reached through different spellings of
 * its address counts as one: outlets file one article under several feeds, switch between http
 * and https, and feeds append campaign parameters.
 */

/** Query parameters that track the reader, never choose the page. */
const TRACKING_PARAM = /^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ocid|cmpid|at_medium|at_campaign|ref|ref_src|rss|feed)$/i;

/**
 * The key ignores the scheme, a leading `www.`, the fragment, a trailing slash, tracking
 * parameters and the order of the remaining parameters. Host case is folded; path case is kept
 * (paths are case-sensitive on most servers). Text that is not an absolute URL is trimmed and
 * used as it is, so an odd identifier still compares equal to itself.
 */
export function urlKey(url: string): string {
  const raw = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return raw;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return raw;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const port = parsed.port && parsed.port !== '80' && parsed.port !== '443' ? `:${parsed.port}` : '';
  const path = parsed.pathname.replace(/\/+$/, '');
  const params = [...parsed.searchParams.entries()]
    .filter(([name]) => !TRACKING_PARAM.test(name))
    .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${port}${path}${query}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
