/**
 * A local HTTP server for source tests: each path answers with a scripted behaviour (a feed, a
 * redirect, a slow drip, an endless body…). It listens on 127.0.0.1 only and counts requests per
 * path, so tests can assert that a URL was fetched once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface FeedServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  url(path: string): string;
  route(path: string, handler: Route): void;
  /** Requests received per path (query string included). */
  hits(path: string): number;
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

export function body(content: string | Uint8Array, headers: Record<string, string> = {}, status = 200): Route {
  return (_req, res) => {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(bytes.byteLength), ...headers });
    res.end(bytes);
  };
}

export function redirect(to: string, status = 302): Route {
  return (_req, res) => {
    res.writeHead(status, { location: to });
    res.end();
  };
}

/** Writes `chunk` every `everyMs` for `times` chunks (a drip that outlasts any sane timeout). */
export function drip(chunk: string, everyMs: number, times: number): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml' });
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed || sent >= times) {
        clearInterval(timer);
        res.end();
        return;
      }
      res.write(chunk);
      sent += 1;
    }, everyMs);
    res.on('close', () => clearInterval(timer));
  };
}

/** Streams `totalBytes` of filler without a Content-Length, generated chunk by chunk (never held in memory). */
export function huge(totalBytes: number): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < totalBytes && !res.destroyed) {
        sent += chunk.byteLength;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    res.on('error', () => undefined);
    pump();
  };
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const counts = new Map<string, number>();
  const requests: FeedServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    counts.set(path, (counts.get(path) ?? 0) + 1);
    requests.push({ path, headers: req.headers });
    const handler = routes.get(path) ?? routes.get(path.split('?')[0] ?? path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => void routes.set(path, handler),
    hits: (path) => counts.get(path) ?? 0,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
