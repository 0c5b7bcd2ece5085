/**
 * Webhook mode: Telegram POSTs each update to the bot's public URL with the secret token given to
 * `setWebhook` in the `X-Telegram-Bot-Api-Secret-Token` header. Every request is checked: the
 * path, the method, then the token (missing → 401, wrong → 403, each with a log line, compared
 * in constant time), then the body. Accepted updates are answered 200 as soon as they are
 * queued, so Telegram never waits on a slow command (and never re-sends one for being slow).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../logger.ts';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Updates are small; anything this large is not from Telegram. */
const MAX_BODY_BYTES = 1_000_000;

export interface WebhookServerOptions {
  host: string;
  port: number;
  /** Path of the public URL Telegram posts to. */
  path: string;
  secret: string;
  handle(update: Update): Promise<void>;
  logger: Logger;
}

export interface WebhookServer {
  readonly address: AddressInfo;
  close(): Promise<void>;
}

export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const expected = digest(options.secret);
  const server: Server = createServer((request, response) => void serve(request, response));

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://webhook').pathname;
    if (path !== options.path) return end(response, 404);
    if (request.method !== 'POST') return end(response, 405);
    const token = request.headers[SECRET_HEADER];
    if (typeof token !== 'string' || token === '') return reject(request, response, 401, 'missing secret token');
    if (!timingSafeEqual(digest(token), expected)) return reject(request, response, 403, 'wrong secret token');
    let update: unknown;
    try {
      update = JSON.parse((await readBody(request)).toString('utf8'));
    } catch (error) {
      options.logger.warn({ event: 'telegram.webhook_bad_body', err: error }, 'webhook request with an unreadable body');
      return end(response, error instanceof BodyTooLarge ? 413 : 400);
    }
    if (typeof update !== 'object' || update === null || typeof (update as { update_id?: unknown }).update_id !== 'number') return end(response, 400);
    try {
      await options.handle(update as Update);
    } catch (error) {
      // Answering an error would make Telegram send the update again and again; it is logged instead.
      options.logger.error({ event: 'telegram.webhook_update_failed', err: error }, 'could not queue a webhook update');
    }
    end(response, 200);
  }

  function reject(request: IncomingMessage, response: ServerResponse, status: number, reason: string): void {
    options.logger.warn({ event: 'telegram.webhook_rejected', status, reason, remote: request.socket.remoteAddress ?? null }, `webhook request rejected: ${reason}`);
    // Unread bodies of rejected requests are discarded rather than buffered.
    request.resume();
    end(response, status);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    address: server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/** Fixed-length digests, so the comparison's time says nothing about the secret's length either. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

class BodyTooLarge extends Error {}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge('webhook body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function end(response: ServerResponse, status: number): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(status === 200 ? '{}' : JSON.stringify({ ok: false, status }));
}
