/**
 * Fetching a source safely: only http(s); every address checked after DNS resolution (and on
 * every redirect hop) against the address policy; connect, header, body and total timeouts; a
 * byte cap enforced while streaming; manual redirects with a limit; conditional GET.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, request, type Dispatcher } from 'undici';
import { BlockedAddressError, blockedReason, isIpLiteral, type BlockedReason } from './address-policy.ts';
import { FetchError } from './fetch-error.ts';

export const MOWJAZ_VERSION = '0.1.0';
export const USER_AGENT = `mowjaz/${MOWJAZ_VERSION} (+https://github.com/mowjaz/mowjaz)`;

export interface FetchLimits {
  connectMs: number;
  headersMs: number;
  /** Longest silence between two body chunks. */
  bodyMs: number;
  /** Whole fetch including redirects: defeats servers that drip one byte at a time. */
  totalMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_LIMITS: FetchLimits = {
  connectMs: 5_000,
  headersMs: 10_000,
  bodyMs: 10_000,
  totalMs: 30_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
};

export interface FetchRequest {
  url: string;
  /** Validators from the previous successful fetch of this URL. */
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  signal?: AbortSignal;
}

export interface FetchResponse {
  /** The address after redirects. */
  url: string;
  status: number;
  /** 304: the source has not changed since the validators were issued; `body` is empty. */
  notModified: boolean;
  body: Uint8Array;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The reason an address is refused under the operator's setting. Metadata services stay refused
 * even when private addresses are allowed: no feed lives there, and credentials do.
 */
export function refusal(address: string, allowPrivate: boolean): BlockedReason | null {
  const reason = blockedReason(address);
  return reason === 'metadata' || !allowPrivate ? reason : null;
}

/** DNS resolution that refuses the whole name when any address it resolves to is not public. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      for (const entry of addresses) {
        const reason = refusal(entry.address, allowPrivate);
        if (reason) return callback(new BlockedAddressError(hostname, entry.address, reason), '', 0);
      }
      if (options.all) return (callback as unknown as (err: null, all: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      return callback(null, first.address, first.family);
    });
  };
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function findCause(error: unknown): { blocked?: BlockedAddressError; code?: string; name?: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current instanceof BlockedAddressError) return { blocked: current };
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return { code, name: current.name };
    current = (current as { cause?: unknown }).cause;
  }
  return { name: error instanceof Error ? error.name : undefined };
}

function toFetchError(error: unknown, url: string, totalTimedOut: boolean): FetchError {
  if (error instanceof FetchError) return error;
  if (totalTimedOut) return new FetchError('timeout', `no complete answer from ${url} within the time limit`, { url });
  const cause = findCause(error);
  if (cause.blocked) return new FetchError('blocked', cause.blocked.message, { url });
  switch (cause.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new FetchError('dns', `the host of ${url} could not be found`, { url });
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new FetchError('connect', `could not connect to ${url} (${cause.code})`, { url });
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return new FetchError('timeout', `${url} stopped answering (${cause.code.replace('UND_ERR_', '').toLowerCase()})`, { url });
    default:
      return new FetchError('network', `fetching ${url} failed: ${error instanceof Error ? error.message : String(error)}`, { url });
  }
}

function checkUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError('bad-url', `not a valid address: ${raw.slice(0, 200)}`, { url: raw });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('scheme', `only http and https addresses can be fetched, not ${url.protocol}`, { url: raw });
  if (url.username || url.password) throw new FetchError('bad-url', 'addresses with a user name or password are not fetched', { url: url.origin });
  // IP literals never reach DNS, so the policy is applied to them here.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIpLiteral(host)) {
    const reason = refusal(host, allowPrivate);
    if (reason) throw new FetchError('blocked', new BlockedAddressError(url.hostname, host, reason).message, { url: raw });
  }
  return url;
}

async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number, url: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    total += buffer.byteLength;
    if (total > maxBytes) {
      body.destroy();
      throw new FetchError('too-large', `${url} is larger than ${maxBytes} bytes; stopped reading`, { url });
    }
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

export interface FetcherOptions {
  allowPrivate: boolean;
  limits?: Partial<FetchLimits>;
  userAgent?: string;
  /** Connections kept per origin. */
  connectionsPerOrigin?: number;
}

export class Fetcher {
  readonly limits: FetchLimits;
  readonly #agent: Agent;
  readonly #allowPrivate: boolean;
  readonly #userAgent: string;

  constructor(options: FetcherOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.#allowPrivate = options.allowPrivate;
    this.#userAgent = options.userAgent ?? USER_AGENT;
    this.#agent = new Agent({
      connect: { lookup: guardedLookup(options.allowPrivate), timeout: this.limits.connectMs },
      headersTimeout: this.limits.headersMs,
      bodyTimeout: this.limits.bodyMs,
      connections: options.connectionsPerOrigin ?? 4,
    });
  }

  async fetch(req: FetchRequest): Promise<FetchResponse> {
    const total = AbortSignal.timeout(this.limits.totalMs);
    const signal = req.signal ? AbortSignal.any([total, req.signal]) : total;
    let url = checkUrl(req.url, this.#allowPrivate);
    try {
      for (let hop = 0; ; hop += 1) {
        const headers: Record<string, string> = {
          'user-agent': this.#userAgent,
          accept: req.accept ?? 'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml, text/xml, text/html;q=0.8, */*;q=0.5',
          'accept-encoding': 'identity',
        };
        // Validators belong to the address they were issued for, not to a redirect target.
        if (hop === 0 && req.etag) headers['if-none-match'] = req.etag;
        if (hop === 0 && req.lastModified) headers['if-modified-since'] = req.lastModified;
        const response = await request(url, { method: 'GET', headers, dispatcher: this.#agent, signal });
        const location = header(response.headers, 'location');
        if (REDIRECTS.has(response.statusCode) && location) {
          await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
          if (hop >= this.limits.maxRedirects) throw new FetchError('too-many-redirects', `${req.url} redirects more than ${this.limits.maxRedirects} times`, { url: req.url });
          url = checkUrl(new URL(location, url).toString(), this.#allowPrivate);
          continue;
        }
        const meta = {
          url: url.toString(),
          status: response.statusCode,
          contentType: header(response.headers, 'content-type'),
          etag: header(response.headers, 'etag'),
          lastModified: header(response.headers, 'last-modified'),
        };
        if (response.statusCode === 304) {
          await response.body.dump().catch(() => undefined);
          return { ...meta, notModified: true, body: new Uint8Array(0) };
        }
        if (response.statusCode < 200 || response.statusCode > 299) {
          await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
          throw new FetchError('http', `${meta.url} answered HTTP ${response.statusCode}`, { url: meta.url, status: response.statusCode });
        }
        const declared = Number(header(response.headers, 'content-length') ?? Number.NaN);
        if (Number.isFinite(declared) && declared > this.limits.maxBytes) {
          response.body.destroy();
          throw new FetchError('too-large', `${meta.url} is ${declared} bytes, more than the ${this.limits.maxBytes} allowed`, { url: meta.url });
        }
        const body = await readCapped(response.body, this.limits.maxBytes, meta.url);
        return { ...meta, notModified: false, body };
      }
    } catch (error) {
      throw toFetchError(error, url.toString(), total.aborted);
    }
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}
