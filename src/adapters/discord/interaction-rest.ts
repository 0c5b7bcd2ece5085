/**
 * discord.js's REST client for interaction responses: the callback, edits of the original and
 * follow-ups. They authenticate with the interaction's token in the path, not the bot token, and
 * Discord does not count interaction endpoints against the bot's global limit (50 requests per
 * second). discord.js's client does count them: past 50 in a second it holds the next request
 * until the second is over, so a busy bot's answers waited up to a second for a limit Discord
 * does not apply. This client has no client-side global budget; per-route buckets
 * (`X-RateLimit-*`) and 429s, global ones included, are honoured as before. It holds no token,
 * so it cannot spend the bot's budget either.
 */
import { REST, type RESTOptions } from 'discord.js';

/** `options`: the discord.js client's own REST options (API base, user agent, timeouts). */
export function createInteractionRest(options: Partial<RESTOptions> = {}): REST {
  return new REST({ ...options, globalRequestsPerSecond: Number.POSITIVE_INFINITY });
}

/** Stops the client's bucket sweepers (timers). */
export function closeInteractionRest(rest: REST): void {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
}
