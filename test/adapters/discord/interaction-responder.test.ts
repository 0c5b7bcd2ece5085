import { describe, expect, it } from 'vitest';
import { InteractionResponder, type InteractionRest } from '../../../src/adapters/discord/interaction-responder.ts';
import type { DiscordPayload } from '../../../src/adapters/discord/reply-payloads.ts';
import { DiscordHttpError } from '../../../src/adapters/discord/rest-client.ts';
import { createLogger } from '../../../src/logger.ts';

interface Call {
  method: string;
  route: string;
  body?: unknown;
}

/** Records the calls; `failWith` makes the next call fail. */
function recordingRest(): InteractionRest & { calls: Call[]; failWith: unknown } {
  const rest = {
    calls: [] as Call[],
    failWith: null as unknown,
    async post(route: string, options: { body?: unknown }) {
      return rest.record('POST', route, options.body);
    },
    async patch(route: string, options: { body?: unknown }) {
      return rest.record('PATCH', route, options.body);
    },
    async delete(route: string) {
      return rest.record('DELETE', route);
    },
    record(method: string, route: string, body?: unknown) {
      rest.calls.push({ method, route, ...(body === undefined ? {} : { body }) });
      if (rest.failWith) {
        const error = rest.failWith;
        rest.failWith = null;
        throw error;
      }
      return null;
    },
  };
  return rest as InteractionRest & { calls: Call[]; failWith: unknown };
}

const ref = { applicationId: 'app', id: 'ix', token: 'tok' };
const page = (n: number): DiscordPayload => ({ content: `part ${n}`, allowed_mentions: { parse: [] } });
const lines: string[] = [];
const logger = createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(line) } });
const summary = (calls: Call[]) => calls.map((call) => `${call.method} ${call.route.replace('/interactions/ix/tok/callback', 'callback').replace('/webhooks/app/tok', 'webhook')} ${JSON.stringify(call.body ?? null)}`);

describe('InteractionResponder', () => {
  it('given an answer ready in time then one response and the rest as follow-ups, all with the same visibility', async () => {
    const rest = recordingRest();
    await new InteractionResponder(rest, ref, logger).send([page(1), page(2), page(3)], true);
    expect(summary(rest.calls)).toEqual([
      'POST callback {"type":4,"data":{"content":"part 1","allowed_mentions":{"parse":[]},"flags":64}}',
      'POST webhook {"content":"part 2","allowed_mentions":{"parse":[]},"flags":64}',
      'POST webhook {"content":"part 3","allowed_mentions":{"parse":[]},"flags":64}',
    ]);
  });

  it('given a deferral for the asker only then the original is edited and follow-ups stay private even for a public answer', async () => {
    const rest = recordingRest();
    const responder = new InteractionResponder(rest, ref, logger);
    await responder.defer(true);
    await responder.send([page(1), page(2)], false);
    expect(summary(rest.calls)).toEqual([
      'POST callback {"type":5,"data":{"flags":64}}',
      'PATCH webhook/messages/@original {"content":"part 1","allowed_mentions":{"parse":[]}}',
      'POST webhook {"content":"part 2","allowed_mentions":{"parse":[]},"flags":64}',
    ]);
  });

  it('given a deferral racing the answer then they never interleave and the deferral after the answer is dropped', async () => {
    const rest = recordingRest();
    const responder = new InteractionResponder(rest, ref, logger);
    const sending = responder.send([page(1)], false);
    const deferring = responder.defer(false);
    await Promise.all([sending, deferring]);
    expect(summary(rest.calls)).toEqual(['POST callback {"type":4,"data":{"content":"part 1","allowed_mentions":{"parse":[]}}}']);
    expect(responder.state).toBe('answered');
  });

  it('given Discord no longer knows the interaction then it stops quietly and says so in the log', async () => {
    const rest = recordingRest();
    rest.failWith = new DiscordHttpError(404, 10062, 'Unknown interaction', 'POST', '/interactions/ix/tok/callback');
    const responder = new InteractionResponder(rest, ref, logger);
    await responder.defer(false);
    await responder.send([page(1)], false);
    expect(rest.calls).toHaveLength(1);
    expect(responder.state).toBe('expired');
    expect(lines.some((line) => line.includes('"event":"discord.interaction_expired"'))).toBe(true);
  });

  it('given any other failure then the caller hears of it', async () => {
    const rest = recordingRest();
    rest.failWith = new DiscordHttpError(500, 0, 'Internal Server Error', 'POST', '/interactions/ix/tok/callback');
    await expect(new InteractionResponder(rest, ref, logger).send([page(1)], false)).rejects.toThrow(DiscordHttpError);
  });
});
