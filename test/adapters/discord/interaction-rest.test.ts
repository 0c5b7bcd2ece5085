/**
 * The REST client for interaction responses: no client-side global budget (Discord does not
 * count interaction endpoints against the bot's 50 requests per second), while Discord's own
 * answers — 429s with `retry_after` — are still waited out.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { REST } from 'discord.js';
import { closeInteractionRest, createInteractionRest } from '../../../src/adapters/discord/interaction-rest.ts';

const APP = '1300000000000000001';

let server: Server | null = null;
let rest: REST | null = null;

afterEach(async () => {
  if (rest) closeInteractionRest(rest);
  rest = null;
  const open = server;
  server = null;
  if (open) {
    open.closeAllConnections();
    await new Promise<void>((resolve) => open.close(() => resolve()));
  }
});

async function serve(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const started = createServer((request, response) => {
    request.resume();
    request.on('end', () => answer(request, response));
  });
  await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
  server = started;
  return `http://127.0.0.1:${(started.address() as AddressInfo).port}/api`;
}

const edited = (response: ServerResponse) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ id: '1', content: 'edited' }));
};

describe('the interaction REST client', () => {
  it('given 60 answers edited in at once then none is held back for a global budget', async () => {
    const api = await serve((_request, response) => edited(response));
    const client = createInteractionRest({ api });
    rest = client;
    const limited: unknown[] = [];
    client.on('rateLimited', (info) => void limited.push(info));
    const edits = Array.from({ length: 60 }, (_, i) => client.patch(`/webhooks/${APP}/token-${i}/messages/@original`, { body: { content: 'x' }, auth: false }));
    await Promise.all(edits);
    expect(limited).toEqual([]);
  });

  it('given a 429 on an edit then it waits retry_after and sends it again', async () => {
    let requests = 0;
    const api = await serve((_request, response) => {
      requests++;
      if (requests > 1) return edited(response);
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1', 'x-ratelimit-scope': 'user' });
      response.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: 0.2, global: false }));
    });
    const client = createInteractionRest({ api });
    rest = client;
    const started = Date.now();
    await expect(client.patch(`/webhooks/${APP}/token/messages/@original`, { body: { content: 'x' }, auth: false })).resolves.toMatchObject({ content: 'edited' });
    expect(requests).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });
});
