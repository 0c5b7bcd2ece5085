/**
 * The fake gateway (Topics → Gateway): HELLO (op 10) on connect, heartbeat (op 1) answered by an
 * ACK (op 11), IDENTIFY (op 2) checked for the token and intents and answered by READY, then a
 * GUILD_CREATE per guild; afterwards dispatches (op 0) such as INTERACTION_CREATE. JSON encoding,
 * no compression (what discord.js asks for without zlib-sync). RESUME is not offered: the
 * session is invalidated and the client identifies again.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export const OP = { Dispatch: 0, Heartbeat: 1, Identify: 2, Resume: 6, Reconnect: 7, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;

/** The gateway's close code for a token it does not know. */
export const CLOSE_AUTHENTICATION_FAILED = 4004;
export const CLOSE_INVALID_INTENTS = 4013;

export interface IdentifyRecord {
  token: string;
  intents: number;
  at: number;
}

export interface GatewayHooks {
  token: string;
  heartbeatIntervalMs: number;
  /** READY's payload and the dispatches that follow it (GUILD_CREATE…), for a new session. */
  readyEvents(sessionId: string): Array<{ t: string; d: unknown }>;
}

interface Session {
  socket: WebSocket;
  id: string;
  sequence: number;
  ready: boolean;
}

export class FakeGateway {
  readonly identifies: IdentifyRecord[] = [];
  readonly heartbeats: number[] = [];
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #sessions = new Set<Session>();
  readonly #hooks: GatewayHooks;
  #counter = 0;
  #readyWaiters: Array<() => void> = [];

  constructor(hooks: GatewayHooks) {
    this.#hooks = hooks;
    this.#server.on('connection', (socket) => this.#open(socket));
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#server.emit('connection', ws, request));
  }

  /** Sessions that identified and got READY. */
  get readySessions(): number {
    return [...this.#sessions].filter((session) => session.ready).length;
  }

  /** Resolves once a client has identified and received its guilds. */
  whenReady(): Promise<void> {
    if (this.readySessions > 0) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  /** Sends an event to every ready session; returns how many got it. */
  dispatch(t: string, d: unknown): number {
    let sent = 0;
    for (const session of this.#sessions) {
      if (!session.ready) continue;
      this.#send(session, { op: OP.Dispatch, t, d });
      sent++;
    }
    return sent;
  }

  close(): Promise<void> {
    for (const session of this.#sessions) session.socket.terminate();
    this.#sessions.clear();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #open(socket: WebSocket): void {
    const session: Session = { socket, id: `session-${++this.#counter}`, sequence: 0, ready: false };
    this.#sessions.add(session);
    socket.on('close', () => this.#sessions.delete(session));
    socket.on('message', (data) => this.#receive(session, data.toString()));
    socket.send(JSON.stringify({ op: OP.Hello, d: { heartbeat_interval: this.#hooks.heartbeatIntervalMs }, s: null, t: null }));
  }

  #receive(session: Session, raw: string): void {
    let payload: { op?: number; d?: unknown };
    try {
      payload = JSON.parse(raw) as { op?: number; d?: unknown };
    } catch {
      session.socket.close(4002, 'Decode error');
      return;
    }
    switch (payload.op) {
      case OP.Heartbeat:
        this.heartbeats.push(Date.now());
        session.socket.send(JSON.stringify({ op: OP.HeartbeatAck, d: null, s: null, t: null }));
        return;
      case OP.Identify:
        this.#identify(session, (payload.d ?? {}) as { token?: string; intents?: number });
        return;
      case OP.Resume:
        session.socket.send(JSON.stringify({ op: OP.InvalidSession, d: false, s: null, t: null }));
        return;
      default:
        return;
    }
  }

  #identify(session: Session, data: { token?: string; intents?: number }): void {
    const token = (data.token ?? '').replace(/^Bot\s+/i, '');
    this.identifies.push({ token, intents: data.intents ?? -1, at: Date.now() });
    if (token !== this.#hooks.token) {
      session.socket.close(CLOSE_AUTHENTICATION_FAILED, 'Authentication failed.');
      return;
    }
    if (typeof data.intents !== 'number' || data.intents < 0 || data.intents >= 1 << 26) {
      session.socket.close(CLOSE_INVALID_INTENTS, 'Invalid intent(s).');
      return;
    }
    for (const event of this.#hooks.readyEvents(session.id)) this.#send(session, { op: OP.Dispatch, ...event });
    session.ready = true;
    const waiters = this.#readyWaiters;
    this.#readyWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #send(session: Session, payload: { op: number; t?: string; d: unknown }): void {
    const s = payload.op === OP.Dispatch ? ++session.sequence : null;
    session.socket.send(JSON.stringify({ op: payload.op, d: payload.d, s, t: payload.t ?? null }));
  }
}
