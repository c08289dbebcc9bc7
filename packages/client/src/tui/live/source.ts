// A session of `refscope serve` as a DebugSource: the events received so far, in an EventLog
// that grows as frames arrive, and live control mapped to the protocol's requests.
//
// A Timeline's lazy indexes (lines, collections, objects) describe the log as it was when first
// asked, so the log a Timeline reads must not change under it. Received events therefore wait in
// `pending` and are appended in one go just before a new Timeline is made over the longer log, at
// most once per `throttle` milliseconds (longer for long logs, whose indexes cost more to
// rebuild), and at once when the session ends or pauses.
import { EventLog, Timeline, eventFromJSON, type EventJSON, type EventRecord, type EventKind } from '@refscope/engine';
import type { DebugSource, LiveControl, StepBy } from '../source.js';
import { ServerError, type LinkState, type LiveClient, type Notice, type Subscription } from './client.js';

export interface LiveSourceOptions {
  /** The program's file name, for the header. */
  title: string;
  /** Its source, when known (a program this client started). */
  source?: string;
  /** The session can be driven (a live session still running). */
  control?: boolean;
  /** The session is a live run (it may grow); false for a recording the server holds. */
  live?: boolean;
  /** It starts paused. */
  paused?: boolean;
  /** Minimum milliseconds between two Timelines (default 100). */
  throttle?: number;
}

export class LiveSource implements DebugSource {
  readonly title: string;
  readonly source: string;
  readonly live: boolean;
  readonly control?: LiveControl;
  /** Every event received and made visible so far. */
  readonly log = new EventLog();
  private current: Timeline;
  private pending: EventJSON[][] = [];
  private pendingCount = 0;
  private ended = false;
  private isPaused: boolean;
  private lines = new Set<number>();
  private link: LinkState = { state: 'open' };
  /** The subscription was refused: no more events will come. */
  private failure: string | null = null;
  /** The last live-control request the server refused (cleared by the next one it takes). */
  private refused: string | null = null;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = -Infinity;
  private readonly throttle: number;
  private sub: Subscription | null = null;
  private readonly scratch: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  private readonly str = (s: string): number => this.log.str(s);
  private endWaiters: (() => void)[] = [];

  constructor(private readonly client: LiveClient, readonly session: string, options: LiveSourceOptions) {
    this.title = options.title;
    this.source = options.source ?? '';
    this.live = options.live ?? true;
    this.isPaused = options.paused ?? false;
    this.throttle = options.throttle ?? 100;
    this.current = new Timeline(this.log);
    if (options.control) this.control = this.makeControl();
  }

  /** Subscribes from the first event; events then arrive until the session ends. */
  start(): this {
    this.sub = this.client.subscribe(this.session, 0, {
      events: (_from, events) => this.receive(events),
      end: () => this.finish(),
      notice: (n) => this.onNotice(n),
      error: (err) => this.fail(err.message),
    });
    return this;
  }

  /** The connection changed (wire LiveClient's onLink here): shown as the source's problem. */
  setLink(link: LinkState): void {
    this.link = link;
    // Requests refused because the line was down are moot once it is up again.
    if (link.state === 'open') this.refused = null;
    this.notify();
    if (link.state === 'closed') this.wake();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.sub?.close();
    this.sub = null;
  }

  /** Why no more events can come although the session is not complete (refused, gave up reconnecting), or null. */
  fatal(): string | null {
    if (this.failure !== null) return this.failure;
    if (this.link.state === 'closed' && !this.ended) return `disconnected: ${this.link.reason}`;
    return null;
  }

  /** Resolves when every event has arrived (after `end`), or no more can come (see fatal). */
  whenDone(): Promise<void> {
    if (this.ended || this.fatal() !== null) return Promise.resolve();
    return new Promise((resolve) => this.endWaiters.push(resolve));
  }

  /** Events received, visible or not yet. */
  get received(): number {
    return this.log.length + this.pendingCount;
  }

  // ---- DebugSource ----------------------------------------------------------------------------

  timeline(): Timeline {
    return this.current;
  }

  done(): boolean {
    return this.ended;
  }

  subscribe(onChange: () => void): () => void {
    this.listeners.add(onChange);
    return () => {
      this.listeners.delete(onChange);
    };
  }

  problem(): string | null {
    if (this.failure !== null) return this.failure;
    if (this.link.state === 'reconnecting') return `connection lost (${this.link.reason}); reconnecting, attempt ${this.link.attempt}…`;
    if (this.link.state === 'closed' && !this.ended) return `disconnected: ${this.link.reason}`;
    return this.refused;
  }

  // ---- events ---------------------------------------------------------------------------------

  private receive(events: EventJSON[]): void {
    this.pending.push(events);
    this.pendingCount += events.length;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null) return;
    // A new Timeline costs about one pass over the log when the screen asks for its state, so
    // long logs are re-indexed less often: 100 ms up to 500k events, then 1 ms per 5k events.
    const every = Math.max(this.throttle, this.log.length / 5000);
    const wait = Math.max(0, this.lastFlush + every - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }

  /** Appends what is pending and makes a Timeline over the longer log. */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.lastFlush = performance.now();
    if (this.pendingCount === 0) return;
    const log = this.log;
    const e = this.scratch;
    for (const frame of this.pending) {
      for (const json of frame) {
        eventFromJSON(json, this.str, e);
        log.push(e.kind, e.a, e.b, e.c, e.d);
      }
    }
    this.pending = [];
    this.pendingCount = 0;
    // Same log, longer: the new Timeline keeps the checkpoints made so far.
    this.current = this.current.grown();
    this.notify();
  }

  private finish(): void {
    this.ended = true;
    this.isPaused = false;
    this.flush();
    this.notify();
    this.wake();
  }

  private fail(message: string): void {
    this.failure = message;
    this.notify();
    this.wake();
  }

  private wake(): void {
    const waiters = this.endWaiters;
    this.endWaiters = [];
    for (const w of waiters) w();
  }

  private onNotice(n: Notice): void {
    this.isPaused = n.type === 'paused';
    // Show everything up to the stop at once: the user is looking at where it stopped.
    if (n.type === 'paused') this.flush();
    this.notify();
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  // ---- control --------------------------------------------------------------------------------

  private makeControl(): LiveControl {
    const id = this.session;
    const c = this.client;
    const act = <T>(p: Promise<T>, then: (r: T) => void): void => {
      p.then((r) => {
        this.refused = null;
        then(r);
        this.notify();
      }, (err: unknown) => {
        this.refused = `refused: ${err instanceof ServerError ? err.message : String(err)}`;
        this.notify();
      });
    };
    const position = (r: { paused: boolean; done: boolean }): void => {
      this.isPaused = r.paused && !r.done;
    };
    return {
      pause: () => act(c.pause(id), position),
      resume: () => act(c.resume(id), position),
      step: (by: StepBy) => act(c.step(id, by), (r) => {
        position(r);
        this.flush();
      }),
      setBreak: (line: number) => act(c.setBreak(id, line), (lines) => (this.lines = new Set(lines))),
      clearBreak: (line: number) => act(c.clearBreak(id, line), (lines) => (this.lines = new Set(lines))),
      paused: () => this.isPaused,
      breakpoints: () => this.lines,
    };
  }
}
