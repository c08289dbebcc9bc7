// A client of `refscope serve` (docs/protocol.md): requests matched to replies by id, event
// subscriptions that survive a dropped connection, and errors as exceptions that name what failed.
//
//   const c = await LiveClient.connect('ws://127.0.0.1:7531', { token });
//   const id = await c.run('prog.py', source);
//   const sub = c.subscribe(id, 0, { events(from, evs) {...}, end(total) {...} });
//   await c.pause(id);
//
// Reconnecting: when the socket closes without being asked to (not a refused token), the client
// dials again with a growing delay, says hello again, and resubscribes every open subscription
// from the first event it has not delivered, so the handlers see each event exactly once, in
// order. Requests in flight when the connection dropped fail with a `lost` ServerError.
import WebSocket from 'ws';
import type { EventJSON } from '@refscope/engine';

export type StepBy = 'event' | 'line' | 'collection';

/** One entry of the server's `list` reply. */
export interface SessionInfo {
  id: string;
  name: string;
  kind: 'live' | 'recorded';
  events: number;
  done: boolean;
  paused?: boolean;
}

/** Where a live session stands: the reply to pause, resume and step. */
export interface Position {
  session: string;
  events: number;
  done: boolean;
  paused: boolean;
  /** The line the program is at (0 before the first). */
  line: number;
}

/** A pause or resume told to every subscriber, in stream order (after `events` events). */
export type Notice =
  | { type: 'paused'; session: string; events: number; reason?: 'pause' | 'step' | 'breakpoint'; line: number }
  | { type: 'resumed'; session: string; events: number };

export interface SubscriptionHandlers {
  /** Events `from` .. `from + events.length - 1`; `from` is always the next event not yet delivered. */
  events(from: number, events: EventJSON[]): void;
  /** The session is complete: `total` events, all delivered. */
  end(total: number): void;
  notice?(notice: Notice): void;
  /** The server refused the subscription (unknown_session, a bad `from`); nothing more comes. */
  error?(err: ServerError): void;
}

export interface Subscription {
  readonly session: string;
  /** The next event index to be delivered (= events delivered so far). */
  readonly next: number;
  readonly ended: boolean;
  close(): void;
}

/** The connection's state, for a status line. */
export type LinkState =
  | { state: 'open' }
  | { state: 'reconnecting'; attempt: number; reason: string }
  | { state: 'closed'; reason: string };

/**
 * A refusal: an `error` reply (its code: bad_message, unknown_session, unauthorized, too_large,
 * busy), or `unreachable` (could not connect), `lost` (the connection dropped before a reply),
 * `protocol` (the other end does not speak refscope's protocol).
 */
export class ServerError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ServerError';
  }
}

export interface ConnectOptions {
  token?: string;
  /** Dial again after an unexpected close (default true). */
  reconnect?: boolean;
  /** How many failed dials in a row end reconnecting (default 20, about half a minute). */
  maxAttempts?: number;
  /** Hear of connection changes. */
  onLink?(link: LinkState): void;
}

interface Pending {
  resolve(reply: Record<string, unknown>): void;
  reject(err: Error): void;
}

class Sub implements Subscription {
  next: number;
  ended = false;
  closed = false;

  constructor(readonly client: LiveClient, readonly session: string, from: number, readonly handlers: SubscriptionHandlers) {
    this.next = from;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.dropSub(this);
  }
}

const FIRST_DELAY = 100;
const MAX_DELAY = 2000;

export class LiveClient {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly subs = new Map<string, Sub>();
  /** Ids of subscribe requests: their only reply is an error. */
  private readonly subIds = new Map<number, Sub>();
  private closing = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;

  private constructor(readonly url: string, private readonly options: ConnectOptions) {}

  /** Opens a connection and says hello (with the token, if any); rejects with a ServerError. */
  static async connect(url: string, options: ConnectOptions = {}): Promise<LiveClient> {
    const c = new LiveClient(url, options);
    await c.dial();
    return c;
  }

  // ---- requests -------------------------------------------------------------------------------

  async list(): Promise<SessionInfo[]> {
    const r = await this.request({ type: 'list' }, 'sessions');
    return r.sessions as SessionInfo[];
  }

  /** Starts a program in the server; resolves to its session id. */
  async run(name: string, source: string, start: { paused?: boolean; breakpoints?: number[] } = {}): Promise<string> {
    const r = await this.request({ type: 'run', name, source, ...start }, 'started');
    return r.session as string;
  }

  /** The state summary after event `at` (the object of `refscope replay --json`). */
  async state(session: string, at: number): Promise<Record<string, unknown>> {
    const r = await this.request({ type: 'state', session, at }, 'state');
    return r.summary as Record<string, unknown>;
  }

  pause(session: string): Promise<Position> {
    return this.control({ type: 'pause', session }, 'paused');
  }

  resume(session: string): Promise<Position> {
    return this.control({ type: 'resume', session }, 'resumed');
  }

  /** Ends the program where it is; subscribers then get every event so far and `end`. */
  stop(session: string): Promise<Position> {
    return this.control({ type: 'stop', session }, 'stopped');
  }

  /** Resolves when the step has stopped (the server replies then). */
  step(session: string, by: StepBy): Promise<Position> {
    return this.control({ type: 'step', session, by }, 'stepped');
  }

  /** Sets a breakpoint; resolves to the session's breakpoint lines. */
  async setBreak(session: string, line: number): Promise<number[]> {
    return (await this.request({ type: 'break', session, line }, 'breakpoints')).lines as number[];
  }

  /** Clears one breakpoint, or all without a line; resolves to the lines left. */
  async clearBreak(session: string, line?: number): Promise<number[]> {
    const body = line === undefined ? { type: 'clear', session } : { type: 'clear', session, line };
    return (await this.request(body, 'breakpoints')).lines as number[];
  }

  /**
   * Streams a session's events from `from`. One subscription per session: subscribing again
   * replaces the earlier one (as the server does).
   */
  subscribe(session: string, from: number, handlers: SubscriptionHandlers): Subscription {
    this.subs.get(session)?.close();
    const sub = new Sub(this, session, from, handlers);
    this.subs.set(session, sub);
    this.sendSubscribe(sub);
    return sub;
  }

  /** Closes the connection for good; pending requests fail. */
  close(): void {
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.failPending('lost', 'the client closed the connection');
    this.ws?.close(1000);
    this.ws = null;
  }

  /** @internal Sub.close */
  dropSub(sub: Sub): void {
    if (this.subs.get(sub.session) !== sub) return;
    this.subs.delete(sub.session);
    if (!sub.ended) this.send({ type: 'unsubscribe', session: sub.session });
  }

  private request(body: Record<string, unknown>, expect: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.ws === null || this.ws.readyState !== WebSocket.OPEN) {
        reject(new ServerError('lost', `not connected to ${this.url}`));
        return;
      }
      this.pending.set(id, {
        resolve: (r) => (r.type === expect ? resolve(r)
          : reject(new ServerError('protocol', `expected "${expect}", the server replied "${String(r.type)}"`))),
        reject,
      });
      this.send({ ...body, id });
    });
  }

  /** A live-control request: its reply tells where the session stands. */
  private async control(body: Record<string, unknown>, expect: string): Promise<Position> {
    const r = await this.request(body, expect);
    return { session: String(r.session), events: Number(r.events), done: r.done === true, paused: r.paused === true, line: Number(r.line ?? 0) };
  }

  private sendSubscribe(sub: Sub): void {
    const id = this.nextId++;
    this.subIds.set(id, sub);
    this.send({ type: 'subscribe', session: sub.session, from: sub.next, id });
  }

  private send(body: Record<string, unknown>): void {
    if (this.ws !== null && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(body));
  }

  // ---- the connection ------------------------------------------------------------------------

  /** Opens the socket, says hello, and resubscribes; rejects with a ServerError. */
  private dial(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let ws: WebSocket;
      try {
        ws = new WebSocket(this.url, { handshakeTimeout: 10_000, maxPayload: 64 * 1024 * 1024 });
      } catch (err) {
        reject(new ServerError('unreachable', `${this.url} is not a WebSocket address: ${(err as Error).message}`));
        return;
      }
      let settled = false;
      const fail = (err: ServerError): void => {
        if (settled) return;
        settled = true;
        ws.removeAllListeners();
        ws.on('error', () => {});
        ws.terminate();
        reject(err);
      };
      ws.once('error', (err: Error & { code?: string }) => {
        fail(new ServerError('unreachable', `cannot reach ${this.url}: ${err.code ?? err.message}`));
      });
      ws.once('unexpected-response', (_req, res) => {
        fail(new ServerError('protocol', `${this.url} is not a refscope server (HTTP ${res.statusCode})`));
      });
      ws.once('close', (code, why) => {
        if (code === 4001) fail(new ServerError('unauthorized', this.refusal()));
        else fail(new ServerError('lost', `${this.url} closed the connection (${code}${why.length ? ` ${why.toString()}` : ''})`));
      });
      ws.once('open', () => {
        ws.once('message', (data) => {
          let r: Record<string, unknown>;
          try {
            r = JSON.parse(data.toString()) as Record<string, unknown>;
          } catch {
            return fail(new ServerError('protocol', `${this.url} does not speak refscope's protocol`));
          }
          if (r.type === 'error' && r.code === 'unauthorized') return fail(new ServerError('unauthorized', this.refusal()));
          if (r.type !== 'welcome') return fail(new ServerError('protocol', `${this.url} answered hello with ${JSON.stringify(r.type)}`));
          settled = true;
          ws.removeAllListeners();
          this.adopt(ws);
          resolve();
        });
        ws.send(JSON.stringify(this.options.token === undefined ? { type: 'hello' } : { type: 'hello', token: this.options.token }));
      });
    });
  }

  private refusal(): string {
    return this.options.token === undefined
      ? `${this.url} needs a token: give it with --token`
      : `${this.url} refused the token`;
  }

  /** The socket is open and welcomed: route its frames, resubscribe, and watch for a drop. */
  private adopt(ws: WebSocket): void {
    this.ws = ws;
    this.attempt = 0;
    ws.on('message', (data) => this.onFrame(data.toString()));
    ws.on('error', () => {});
    ws.on('close', (code, why) => this.onClose(ws, code, why.toString()));
    for (const sub of this.subs.values()) {
      if (!sub.ended) this.sendSubscribe(sub);
    }
    this.options.onLink?.({ state: 'open' });
  }

  private onClose(ws: WebSocket, code: number, why: string): void {
    if (this.ws !== ws) return;
    this.ws = null;
    this.subIds.clear();
    const reason = code === 4008 ? 'the server found the client too slow' : `connection closed (${code}${why ? ` ${why}` : ''})`;
    this.failPending('lost', `${this.url}: ${reason} before replying`);
    if (this.closing) return;
    if (code === 4001 || this.options.reconnect === false) {
      this.options.onLink?.({ state: 'closed', reason: code === 4001 ? this.refusal() : reason });
      return;
    }
    this.retry(reason);
  }

  private retry(reason: string): void {
    const max = this.options.maxAttempts ?? 20;
    if (this.attempt >= max) {
      this.options.onLink?.({ state: 'closed', reason: `${reason}; gave up after ${max} attempts` });
      return;
    }
    this.attempt++;
    this.options.onLink?.({ state: 'reconnecting', attempt: this.attempt, reason });
    const delay = Math.min(MAX_DELAY, FIRST_DELAY * 2 ** (this.attempt - 1));
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.closing) return;
      this.dial().catch((err: ServerError) => {
        if (this.closing) return;
        if (err.code === 'unauthorized') this.options.onLink?.({ state: 'closed', reason: err.message });
        else this.retry(err.message);
      });
    }, delay);
  }

  private failPending(code: string, message: string): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(new ServerError(code, message));
  }

  private onFrame(text: string): void {
    let m: Record<string, unknown>;
    try {
      m = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    const id = m.id;
    if (typeof id === 'number' && this.pending.has(id)) {
      const p = this.pending.get(id)!;
      this.pending.delete(id);
      if (m.type === 'error') p.reject(new ServerError(String(m.code), String(m.message)));
      else p.resolve(m);
      return;
    }
    if (typeof id === 'number' && this.subIds.has(id)) {
      const refused = this.subIds.get(id)!;
      this.subIds.delete(id);
      if (m.type === 'error' && this.subs.get(refused.session) === refused) {
        refused.ended = true;
        this.subs.delete(refused.session);
        refused.handlers.error?.(new ServerError(String(m.code), String(m.message)));
      }
      return;
    }
    const sub = typeof m.session === 'string' ? this.subs.get(m.session) : undefined;
    switch (m.type) {
      case 'events':
        if (sub) this.deliver(sub, m.from as number, m.events as EventJSON[]);
        return;
      case 'end':
        if (sub && !sub.ended) {
          const total = m.total as number;
          if (sub.next < total) {
            // Cannot happen with a server that keeps its promise; ask again for what is missing.
            this.sendSubscribe(sub);
            return;
          }
          sub.ended = true;
          sub.handlers.end(total);
        }
        return;
      case 'paused':
      case 'resumed':
        if (sub) sub.handlers.notice?.(m as unknown as Notice);
        return;
    }
  }

  /** Hands on the part of a frame not yet delivered: no duplicate after a resubscribe, no gap. */
  private deliver(sub: Sub, from: number, events: EventJSON[]): void {
    if (sub.closed || sub.ended) return;
    if (from > sub.next) {
      // A gap (frames of an earlier subscription crossing a resubscribe): ask for the rest again.
      this.sendSubscribe(sub);
      return;
    }
    const skip = sub.next - from;
    if (skip >= events.length) return;
    const fresh = skip === 0 ? events : events.slice(skip);
    sub.next += fresh.length;
    sub.handlers.events(sub.next - fresh.length, fresh);
  }
}
