// One client connection: authentication, then requests answered in order. A bad request gets an
// error reply and the connection stays open; only a refused token closes it.
import type { WebSocket, RawData } from 'ws';
import { Feed } from './feed.js';
import {
  CLOSE_UNAUTHORIZED, ProtocolError, errorReply, parseRequest, reply, type Request,
} from './protocol.js';
import type { Hub } from './hub.js';
import { LiveSession } from './live.js';
import type { Session } from './session.js';

export class Connection {
  private authorized: boolean;
  private stateBusy = false;
  private readonly feeds = new Map<string, Feed>();

  constructor(private readonly ws: WebSocket, private readonly hub: Hub, urlToken: string | null) {
    this.authorized = hub.token === null || urlToken === hub.token;
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', () => this.close());
    ws.on('error', () => this.close());
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    const bytes = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
    if (bytes > this.hub.options.maxMessage) {
      if (!this.authorized) return this.refuse(undefined);
      return this.send(errorReply('too_large', `the frame has ${bytes} bytes; the limit is ${this.hub.options.maxMessage}`));
    }
    let req: Request;
    try {
      if (isBinary) throw new ProtocolError('bad_message', 'requests are text frames');
      req = parseRequest(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      if (!this.authorized) return this.refuse(err.id);
      return this.send(errorReply(err.code, err.message, err.id));
    }
    if (req.type === 'hello') {
      if (this.hub.token !== null && req.token !== this.hub.token) return this.refuse(req.id);
      this.authorized = true;
      return this.send(reply(req.id, { type: 'welcome', version: 1 }));
    }
    if (!this.authorized) return this.refuse(req.id);
    try {
      this.handle(req);
    } catch (err) {
      // A failure of the server itself is told to this client only; the server goes on.
      if (!(err instanceof ProtocolError)) return this.send(errorReply('internal', `the server failed: ${(err as Error).message}`, req.id));
      this.send(errorReply(err.code, err.message, req.id));
    }
  }

  private handle(req: Exclude<Request, { type: 'hello' }>): void {
    const hub = this.hub;
    switch (req.type) {
      case 'list':
        return this.send(reply(req.id, { type: 'sessions', sessions: hub.list() }));
      case 'run': {
        const s = hub.run(req.name, req.source, { paused: req.paused, breakpoints: req.breakpoints });
        return this.send(reply(req.id, { type: 'started', session: s.id }));
      }
      case 'subscribe': {
        const s = hub.session(req.session);
        const g = s.growth$.value;
        if (g.done && req.from > g.length) {
          throw new ProtocolError('bad_message', `"from" ${req.from} is past the session's ${g.length} events`);
        }
        this.feeds.get(s.id)?.stop();
        this.feeds.set(s.id, new Feed(this.ws, s, req.from, hub.options));
        return;
      }
      case 'unsubscribe': {
        const s = hub.session(req.session);
        this.feeds.get(s.id)?.stop();
        this.feeds.delete(s.id);
        return this.send(reply(req.id, { type: 'unsubscribed', session: s.id }));
      }
      case 'state': {
        const s = hub.session(req.session);
        const n = s.length;
        if (req.at >= n) throw new ProtocolError('bad_message', `"at" ${req.at} is outside the session's events 0..${n - 1}`);
        const slice = hub.options.stateSlice;
        if (s.isNear(req.at, slice)) {
          return this.send(reply(req.id, { type: 'state', session: s.id, at: req.at, summary: s.summaryAt(req.at) }));
        }
        // A query far past any before it takes several turns of the event loop; one at a time.
        if (this.stateBusy) throw new ProtocolError('busy', 'a state query of this connection is still being computed');
        this.stateBusy = true;
        void s.summaryAtSoon(req.at, slice).then(
          (summary) => this.send(reply(req.id, { type: 'state', session: s.id, at: req.at, summary })),
          (err: Error) => this.send(errorReply('internal', `no state at ${req.at}: ${err.message}`, req.id)),
        ).finally(() => (this.stateBusy = false));
        return;
      }
      case 'pause': {
        const s = live(hub.session(req.session));
        s.pause();
        return this.send(reply(req.id, { type: 'paused', ...position(s) }));
      }
      case 'resume': {
        const s = notStepping(live(hub.session(req.session)));
        s.resume();
        return this.send(reply(req.id, { type: 'resumed', ...position(s) }));
      }
      case 'stop': {
        // Ends the program where it is: what it published is its recording; subscribers get `end`.
        const s = live(hub.session(req.session));
        s.stop();
        return this.send(reply(req.id, { type: 'stopped', ...position(s) }));
      }
      case 'step': {
        // The reply comes when the step has stopped (or the program ended); meanwhile the
        // connection answers other requests.
        const s = notStepping(live(hub.session(req.session)));
        void s.step(req.by).then(() => this.send(reply(req.id, { type: 'stepped', ...position(s) })));
        return;
      }
      case 'break':
      case 'clear': {
        const s = live(hub.session(req.session));
        if (req.type === 'break') s.setBreakpoint(req.line, true);
        else if (req.line !== undefined) s.setBreakpoint(req.line, false);
        else s.clearBreakpoints();
        return this.send(reply(req.id, { type: 'breakpoints', session: s.id, lines: s.breakpointLines }));
      }
    }
  }

  private refuse(id: unknown): void {
    this.send(errorReply('unauthorized', 'send {"type":"hello","token":...} with the server\'s token first', id));
    this.ws.close(CLOSE_UNAUTHORIZED, 'unauthorized');
  }

  private send(text: string): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(text);
  }

  private close(): void {
    for (const f of this.feeds.values()) f.stop();
    this.feeds.clear();
  }
}

/** Live control applies to a program still running in the server. */
function live(s: Session): LiveSession {
  if (!(s instanceof LiveSession) || s.done) throw new ProtocolError('bad_message', `session ${s.id} is not running`);
  return s;
}

/** A step runs until it stops; a second step or a resume meanwhile is refused (a pause ends it). */
function notStepping(s: LiveSession): LiveSession {
  if (s.stepping) throw new ProtocolError('busy', `session ${s.id} is still stepping; wait for "stepped" or pause it`);
  return s;
}

/** Where a live session stands, for control replies. */
function position(s: LiveSession) {
  return { session: s.id, events: s.length, done: s.done, paused: s.paused, line: s.line };
}
