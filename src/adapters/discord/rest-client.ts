/**
 * A small Discord REST client for the requests the bot makes outside an interaction: digest
 * messages, DM channels, admin notices and command registration.
 *
 * It deliberately does not queue or retry. A 429 comes back at once as a `DiscordHttpError` with
 * the wait Discord asked for (the body's `retry_after`, in milliseconds), so the caller decides:
 * the outbox sender reschedules the message exactly once (a client that also waited internally
 * would make the bot wait twice), and registration waits and tries again. Interaction replies go
 * through discord.js's own client instead, whose queueing suits a user waiting for an answer.
 */

export const DISCORD_API_URL = 'https://discord.com/api';
export const DISCORD_API_VERSION = 10;
/** Discord asks bots to identify themselves as `DiscordBot (url, version)`. */
const USER_AGENT = 'DiscordBot (mowjaz, 0.1)';

export interface DiscordRestOptions {
  token: string;
  /** API base without the version, e.g. `https://discord.com/api` or a local test double. */
  apiUrl?: string | null;
  /** A request without an answer after this long fails (as a network failure). */
  timeoutMs?: number;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean>;
  /** Interaction webhooks authenticate with their token in the path, not the bot token. */
  auth?: boolean;
}

/** A Discord answer other than 2xx, with the JSON error code and the rate-limit facts. */
export class DiscordHttpError extends Error {
  override readonly name = 'DiscordHttpError';

  constructor(
    readonly status: number,
    /** Discord's JSON error code (`50013`…); 0 when the body had none. */
    readonly code: number,
    message: string,
    readonly method: string,
    readonly path: string,
    /** 429 only: how long Discord asked to wait. */
    readonly retryAfterMs: number | null = null,
    /** 429 only: the limit applies to every request of the bot. */
    readonly global = false,
    /** 429 only: `user`, `global` or `shared` (X-RateLimit-Scope). */
    readonly scope: string | null = null,
  ) {
    super(`${method} ${path}: ${status}${code ? ` (code ${code})` : ''} ${message}`);
  }
}

/** The request never got an HTTP answer (connection refused, reset, timed out). */
export class DiscordNetworkError extends Error {
  override readonly name = 'DiscordNetworkError';

  constructor(
    message: string,
    readonly method: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`${method} ${path}: ${message}`, options);
  }
}

/** `retry_after` from the body (seconds, fractional), else the `Retry-After` header, in ms. */
export function retryAfterMsOf(body: unknown, header: string | null): number | null {
  const fromBody = typeof body === 'object' && body !== null ? (body as { retry_after?: unknown }).retry_after : undefined;
  if (typeof fromBody === 'number' && Number.isFinite(fromBody) && fromBody >= 0) return Math.ceil(fromBody * 1000);
  const fromHeader = header === null ? Number.NaN : Number(header);
  return Number.isFinite(fromHeader) && fromHeader >= 0 ? Math.ceil(fromHeader * 1000) : null;
}

export class DiscordRest {
  readonly #token: string;
  readonly #base: string;
  readonly #timeoutMs: number;

  constructor(options: DiscordRestOptions) {
    this.#token = options.token;
    this.#base = `${(options.apiUrl ?? DISCORD_API_URL).replace(/\/+$/, '')}/v${DISCORD_API_VERSION}`;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  get<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  put<T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(`${this.#base}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
    if (options.auth !== false) headers['Authorization'] = `Bot ${this.#token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${this.#timeoutMs} ms` : networkReason(error);
      throw new DiscordNetworkError(reason, method, path, { cause: error });
    }

    const text = await response.text().catch(() => '');
    const body = parseJson(text);
    if (response.ok) return (body ?? undefined) as T;

    const code = typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'number' ? (body as { code: number }).code : 0;
    const message = typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : response.statusText;
    if (response.status === 429) {
      const global = (typeof body === 'object' && body !== null && (body as { global?: unknown }).global === true) || response.headers.get('x-ratelimit-global') === 'true';
      throw new DiscordHttpError(429, code, message, method, path, retryAfterMsOf(body, response.headers.get('retry-after')), global, response.headers.get('x-ratelimit-scope'));
    }
    throw new DiscordHttpError(response.status, code, message, method, path);
  }
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
