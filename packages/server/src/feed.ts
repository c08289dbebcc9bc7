// A feed: one subscription of one client to one session's events, with backpressure.
//
// The feed pulls: it sends one frame of at most `frameEvents` events, and sends the next only
// when the socket has taken the previous one (ws's send callback) and the socket's unsent bytes
// (bufferedAmount) are under `highWater`. So a slow client holds at most one frame plus its
// socket buffers in the server, whatever the session's size. A client that takes no frame for
// `stallMs` is closed with CLOSE_TOO_SLOW; a client that keeps up never misses an event.
//
// The session's growth$ (rxjs) wakes a feed that has caught up with a live session's tail.
import { filter, take, type Subscription } from 'rxjs';
import type { WebSocket } from 'ws';
import { eventToJSON, type EventRecord, type EventKind } from '@refscope/engine';
import { CLOSE_TOO_SLOW } from './protocol.js';
import { LiveSession, type Session } from './session.js';

export interface FeedOptions {
  frameEvents: number;
  highWater: number;
  stallMs: number;
}

export class Feed {
  private next: number;
  private waiting: Subscription | null = null;
  private inFlight = false;
  private stall: NodeJS.Timeout | null = null;
  private stopped = false;
  private notices: Subscription | null = null;
  private readonly record: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };

  constructor(
    private readonly ws: WebSocket,
    private readonly session: Session,
    from: number,
    private readonly opts: FeedOptions,
  ) {
    this.next = from;
    // A live session that pauses on a breakpoint says so to everyone following it.
    if (session instanceof LiveSession) {
      this.notices = session.notices$.subscribe((n) => {
        if (!this.stopped && ws.readyState === ws.OPEN) ws.send(JSON.stringify(n));
      });
    }
    this.pump();
  }

  /** Stops sending; a frame already handed to the socket still arrives. */
  stop(): void {
    this.stopped = true;
    this.waiting?.unsubscribe();
    this.waiting = null;
    this.notices?.unsubscribe();
    this.notices = null;
    if (this.stall) clearTimeout(this.stall);
    this.stall = null;
  }

  private pump(): void {
    if (this.stopped || this.inFlight) return;
    if (this.ws.readyState !== this.ws.OPEN) return this.stop();
    if (this.ws.bufferedAmount > this.opts.highWater) return this.wait();
    const { length, done } = this.session.growth$.value;
    if (this.next < length) return this.sendFrame(Math.min(length, this.next + this.opts.frameEvents));
    if (done) {
      this.send(JSON.stringify({ type: 'end', session: this.session.id, total: length }));
      return this.stop();
    }
    // Caught up with a live session: wait until it grows or ends.
    this.waiting = this.session.growth$
      .pipe(filter((g) => g.done || g.length > this.next), take(1))
      .subscribe(() => {
        this.waiting = null;
        this.pump();
      });
  }

  private sendFrame(to: number): void {
    const log = this.session.log;
    const parts: string[] = new Array(to - this.next);
    for (let i = this.next; i < to; i++) parts[i - this.next] = JSON.stringify(eventToJSON(i, log.read(i, this.record), log.strings));
    const head = `{"type":"events","session":${JSON.stringify(this.session.id)},"from":${this.next},"events":[`;
    this.next = to;
    this.send(head + parts.join(',') + ']}');
  }

  private send(text: string): void {
    this.inFlight = true;
    this.armStall();
    this.ws.send(text, (err) => {
      this.inFlight = false;
      if (err) return this.stop();
      this.disarmStall();
      // Let other sockets and the running programs have the event loop between frames.
      setImmediate(() => this.pump());
    });
  }

  /** The socket holds too much unsent data: look again shortly, and give up after stallMs. */
  private wait(): void {
    this.armStall();
    setTimeout(() => {
      if (this.ws.bufferedAmount <= this.opts.highWater) this.disarmStall();
      this.pump();
    }, 5);
  }

  private armStall(): void {
    if (this.stall || this.stopped) return;
    this.stall = setTimeout(() => {
      this.stop();
      this.ws.close(CLOSE_TOO_SLOW, 'client too slow: events were not read');
      // A client that reads nothing never reads the close frame either.
      setTimeout(() => this.ws.terminate(), 1000).unref();
    }, this.opts.stallMs);
  }

  private disarmStall(): void {
    if (this.stall) clearTimeout(this.stall);
    this.stall = null;
  }
}
