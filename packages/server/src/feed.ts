// A feed: one subscription of one client to one session's events, with backpressure.
//
// The feed pulls: it sends one frame of at most `frameEvents` events, and sends the next only
// when the socket has taken the previous one (ws's send callback) and the socket's unsent bytes
// (bufferedAmount) are under `highWater`. So a slow client holds at most one frame plus its
// socket buffers in the server, whatever the session's size. A client that takes no frame for
// `stallMs` is closed with CLOSE_TOO_SLOW; a client that keeps up never misses an event.
//
// Frames are aligned to multiples of `frameEvents` (the first one may be shorter), so subscribers
// reading the same part of a session are sent the same frames, serialised once by the session.
// A live session's notices (paused, resumed) are queued and sent in stream order: a pause after
// event N-1 is told after the frame that ends with it. The session's growth$ (rxjs) wakes a feed
// that has caught up with a live session's tail.
import { filter, take, type Subscription } from 'rxjs';
import type { WebSocket } from 'ws';
import { CLOSE_TOO_SLOW } from './protocol.js';
import { LiveSession, type Notice } from './live.js';
import type { Session } from './session.js';

export interface FeedOptions {
  frameEvents: number;
  highWater: number;
  stallMs: number;
}

/** How long a client closed for being too slow has to read the close frame before it is cut. */
const CLOSE_GRACE_MS = 5000;

export class Feed {
  private next: number;
  private waiting: Subscription | null = null;
  private inFlight = false;
  private stall: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly notices: Notice[] = [];
  private noticeSub: Subscription | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly session: Session,
    from: number,
    private readonly opts: FeedOptions,
  ) {
    this.next = from;
    if (session instanceof LiveSession) {
      // Joining a paused session: say so once the stream reaches the pause.
      if (session.pausedNotice && session.pausedNotice.events >= from) this.notices.push(session.pausedNotice);
      this.noticeSub = session.notices$.subscribe((n) => {
        this.notices.push(n);
        this.wake();
      });
    }
    this.pump();
  }

  /** Stops sending; a frame already handed to the socket still arrives. */
  stop(): void {
    this.stopped = true;
    this.waiting?.unsubscribe();
    this.waiting = null;
    this.noticeSub?.unsubscribe();
    this.noticeSub = null;
    if (this.stall) clearTimeout(this.stall);
    this.stall = null;
  }

  private wake(): void {
    if (!this.waiting) return;
    this.waiting.unsubscribe();
    this.waiting = null;
    this.pump();
  }

  private pump(): void {
    if (this.stopped || this.inFlight || this.waiting) return;
    if (this.ws.readyState !== this.ws.OPEN) return this.stop();
    if (this.ws.bufferedAmount > this.opts.highWater) return this.backOff();
    const { length, done } = this.session.growth$.value;
    const notice = this.notices[0];
    if (notice && notice.events <= this.next) {
      this.notices.shift();
      return this.send(JSON.stringify(notice));
    }
    if (this.next < length) {
      const every = this.opts.frameEvents;
      let to = Math.min(length, (Math.floor(this.next / every) + 1) * every);
      if (notice) to = Math.min(to, notice.events);
      const from = this.next;
      this.next = to;
      return this.send(this.session.eventsFrame(from, to, every));
    }
    if (done) {
      const failure = this.session.failure;
      this.send(JSON.stringify({ type: 'end', session: this.session.id, total: length, ...(failure === null ? {} : { error: failure }) }));
      return this.stop();
    }
    // Caught up with a live session: wait until it grows, ends, or tells something.
    this.waiting = this.session.growth$
      .pipe(filter((g) => g.done || g.length > this.next), take(1))
      .subscribe(() => this.wake());
  }

  private send(data: string | Buffer): void {
    this.inFlight = true;
    this.armStall();
    this.ws.send(data, { binary: false }, (err) => {
      this.inFlight = false;
      if (err) return this.stop();
      this.disarmStall();
      // Let other sockets and the running programs have the event loop between frames.
      setImmediate(() => this.pump());
    });
  }

  /** The socket holds too much unsent data: look again shortly, and give up after stallMs. */
  private backOff(): void {
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
      // A client that reads nothing never answers the close frame either.
      setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
    }, this.opts.stallMs);
  }

  private disarmStall(): void {
    if (this.stall) clearTimeout(this.stall);
    this.stall = null;
  }
}
