/**
 * Rate limits as Discord applies them: per route and top-level resource (a channel's Create
 * Message bucket is not another channel's), with `X-RateLimit-*` headers on every answer and a
 * 429 whose body says how long to wait. Tests can also script 429s; a request that comes back
 * before the wait is over is refused again, so a client that does not honour `retry_after` is seen.
 */

export interface BucketRule {
  limit: number;
  windowMs: number;
}

export interface ScriptedLimit {
  method: string;
  /** Route template, e.g. `/channels/:id/messages`. */
  route: string;
  /** Only this top-level resource (channel id…); any when absent. */
  major?: string;
  retryAfterMs: number;
  global?: boolean;
  /** How many requests get it (default 1). */
  times?: number;
}

export interface LimitVerdict {
  headers: Record<string, string>;
  /** Set when the request is refused. */
  refusal?: { retryAfterMs: number; global: boolean; scope: 'user' | 'global' | 'shared' };
}

interface BucketState {
  hits: number[];
  blockedUntil: number;
}

export class RateLimits {
  readonly #rules = new Map<string, BucketRule>();
  readonly #buckets = new Map<string, BucketState>();
  #scripted: Array<ScriptedLimit & { left: number }> = [];
  #globalUntil = 0;
  /** Discord's global limit: 50 requests a second per bot token, interaction endpoints excepted. */
  #globalRule: BucketRule = { limit: 50, windowMs: 1_000 };
  #globalHits: number[] = [];

  /** A bucket for a route (`POST /channels/:id/messages`), per major parameter. */
  setRule(methodAndRoute: string, rule: BucketRule): void {
    this.#rules.set(methodAndRoute, rule);
  }

  setGlobalRule(rule: BucketRule): void {
    this.#globalRule = rule;
  }

  /**
   * Counts a request made with the bot token against the global limit; the refusal when it is
   * spent. Interaction callbacks and webhook follow-ups are not counted, as on Discord.
   */
  checkGlobal(now: number): LimitVerdict['refusal'] | undefined {
    this.#globalHits = this.#globalHits.filter((at) => at > now - this.#globalRule.windowMs);
    if (this.#globalHits.length >= this.#globalRule.limit) {
      return { retryAfterMs: (this.#globalHits[0] ?? now) + this.#globalRule.windowMs - now, global: true, scope: 'global' };
    }
    this.#globalHits.push(now);
    return undefined;
  }

  script(limit: ScriptedLimit): void {
    this.#scripted.push({ ...limit, left: limit.times ?? 1 });
  }

  check(method: string, route: string, major: string, now: number): LimitVerdict {
    const key = `${method} ${route}`;
    const bucketKey = `${key}|${major}`;
    const rule = this.#rules.get(key);
    const state = this.#buckets.get(bucketKey) ?? { hits: [], blockedUntil: 0 };
    this.#buckets.set(bucketKey, state);
    const headers: Record<string, string> = {};
    const hash = Buffer.from(key).toString('base64url').slice(0, 16);

    if (this.#globalUntil > now) return { headers, refusal: { retryAfterMs: this.#globalUntil - now, global: true, scope: 'global' } };
    if (state.blockedUntil > now) return { headers: { 'x-ratelimit-bucket': hash }, refusal: { retryAfterMs: state.blockedUntil - now, global: false, scope: 'user' } };

    const scripted = this.#scripted.find((entry) => entry.left > 0 && entry.method === method && entry.route === route && (entry.major === undefined || entry.major === major));
    if (scripted) {
      scripted.left--;
      if (scripted.global) this.#globalUntil = now + scripted.retryAfterMs;
      else state.blockedUntil = now + scripted.retryAfterMs;
      return { headers: { 'x-ratelimit-bucket': hash }, refusal: { retryAfterMs: scripted.retryAfterMs, global: scripted.global ?? false, scope: scripted.global ? 'global' : 'user' } };
    }

    if (!rule) return { headers };
    state.hits = state.hits.filter((at) => at > now - rule.windowMs);
    const resetAt = (state.hits[0] ?? now) + rule.windowMs;
    if (state.hits.length >= rule.limit) {
      return { headers: limitHeaders(rule, 0, resetAt, now, hash), refusal: { retryAfterMs: resetAt - now, global: false, scope: 'user' } };
    }
    state.hits.push(now);
    return { headers: limitHeaders(rule, rule.limit - state.hits.length, (state.hits[0] ?? now) + rule.windowMs, now, hash) };
  }
}

function limitHeaders(rule: BucketRule, remaining: number, resetAt: number, now: number, hash: string): Record<string, string> {
  return {
    'x-ratelimit-limit': String(rule.limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': (resetAt / 1000).toFixed(3),
    'x-ratelimit-reset-after': (Math.max(0, resetAt - now) / 1000).toFixed(3),
    'x-ratelimit-bucket': hash,
  };
}
