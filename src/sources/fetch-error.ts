/**
 * Why a fetch failed, in words an admin can act on. `kind` is for code and logs; `transient`
 * tells the poller whether trying again later may help.
 */
export type FetchErrorKind =
  | 'bad-url'
  | 'scheme'
  | 'blocked'
  | 'dns'
  | 'connect'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'http'
  | 'network'
  | 'unparseable';

const TRANSIENT: ReadonlySet<FetchErrorKind> = new Set(['dns', 'connect', 'timeout', 'network']);

export class FetchError extends Error {
  readonly transient: boolean;
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly details: { url?: string; status?: number } = {},
  ) {
    super(message);
    this.name = 'FetchError';
    // Server errors and rate limits pass; 4xx answers other than 408/429 will not change by waiting.
    const status = details.status;
    this.transient = TRANSIENT.has(kind) || (kind === 'http' && status !== undefined && (status >= 500 || status === 408 || status === 429));
  }
}
