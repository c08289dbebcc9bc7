// Sessions: a run's events, as a replayable source. The EventLog itself is the replay buffer (it
// holds every event once, compactly), and `growth$` tells subscribers how far the session has
// been published and whether it will grow more, so a late subscriber starts anywhere and a live
// one follows the tail with no copy per client.
import { readFileSync } from 'node:fs';
import { setImmediate as turn } from 'node:timers/promises';
import zlib from 'node:zlib';
import { BehaviorSubject } from 'rxjs';
import { EventLog, decodeHeader, readIndex, readRecording, summary, Timeline, useNativeCrc32, type StateSummary } from '@refscope/engine';
import { sharedFrames } from './frame-cache.js';
import { EventBytes } from './bytes.js';

// Block checksums (recordings read here, and live sessions' files) with zlib's CRC-32 where
// Node has it: the same numbers, computed natively.
if (typeof zlib.crc32 === 'function') useNativeCrc32(zlib.crc32);

export type SessionKind = 'live' | 'recorded';

/** How many events a session has published, and whether it will publish more. */
export interface Growth {
  length: number;
  done: boolean;
}

export interface SessionInfo {
  id: string;
  name: string;
  kind: SessionKind;
  events: number;
  done: boolean;
  paused: boolean;
}

let sessions = 0;

export abstract class Session {
  abstract readonly kind: SessionKind;
  readonly growth$: BehaviorSubject<Growth>;
  private bytes: EventBytes | null = null;
  private timeline: Timeline | null = null;
  /** The furthest event the Timeline was asked for (its checkpoints reach that far). */
  private reached = -1;
  /** Why the session ended early, when it did not end normally (told in `end`). */
  failure: string | null = null;
  /** Unique in the process (ids repeat across servers): names this session's cached frames. */
  private readonly uid = ++sessions;

  /** `length` events published from the start; `done` when the session will not grow. */
  constructor(readonly id: string, readonly name: string, length: number, done: boolean) {
    this.growth$ = new BehaviorSubject<Growth>({ length, done });
  }

  /** Every event of the session (a live one's may run ahead of `length`). */
  abstract get log(): EventLog;

  /** Events published: what subscribers see, state queries address, and `list` counts. */
  get length(): number {
    return this.growth$.value.length;
  }

  get done(): boolean {
    return this.growth$.value.done;
  }

  get paused(): boolean {
    return false;
  }

  info(): SessionInfo {
    return { id: this.id, name: this.name, kind: this.kind, events: this.length, done: this.done, paused: this.paused };
  }

  /**
   * The state summary after event `at` (the fields of `refscope replay --json`), `total` being
   * the events published now. One Timeline per session: its checkpoints are made once, as far as
   * asked, so a query costs at most the events since the nearest checkpoint, however long the run.
   */
  summaryAt(at: number): StateSummary {
    if (at >= this.length) throw new RangeError(`event ${at} is outside 0..${this.length - 1}`);
    this.timeline ??= new Timeline(this.log);
    if (at > this.reached) this.reached = at;
    return summary(this.timeline.stateAt(at), this.length);
  }

  /** Whether summaryAt(at) costs at most `slice` events of reduction (summaryAtSoon needs no turn). */
  isNear(at: number, slice: number): boolean {
    return at - this.reached <= slice;
  }

  /**
   * summaryAt, without holding the server for long: the Timeline's checkpoints are built up to
   * `at` `slice` events at a time, the event loop turning between slices. Only the first query
   * past the furthest one so far pays for it.
   */
  async summaryAtSoon(at: number, slice: number): Promise<StateSummary> {
    this.timeline ??= new Timeline(this.log);
    while (!this.isNear(at, slice)) {
      this.reached += slice;
      this.timeline.stateAt(this.reached);
      await turn();
    }
    return this.summaryAt(at);
  }

  /**
   * A session that was asked for its state once is likely asked again near its tail: while it
   * grows, keep the Timeline's checkpoints up with it (the cost of one reduction of the new
   * events), so those queries stay fast. Sessions nobody queried pay nothing.
   */
  protected keepWarm(): void {
    const at = this.length - 1;
    if (this.timeline === null || at <= this.reached) return;
    this.reached = at;
    this.timeline.stateAt(at);
  }

  /**
   * The `events` frame of events [from, to), as UTF-8. Frames that are whole multiples of
   * `every` (a feed's aligned frames) are kept a while (frame-cache.ts) for other subscribers.
   */
  eventsFrame(from: number, to: number, every: number): Buffer {
    const key = from % every === 0 && to === from + every ? `${this.uid}:${from}:${every}` : null;
    const hit = key === null ? undefined : sharedFrames.get(key);
    if (hit) return hit;
    this.bytes ??= new EventBytes(this.log);
    const buf = this.bytes.frame(`{"type":"events","session":${JSON.stringify(this.id)},"from":${from},"events":[`, from, to, ']}');
    if (key !== null) sharedFrames.set(key, buf);
    return buf;
  }

  stop(): void {}
}

/**
 * A recording in the server's directory. Listing it reads only what says how many events it has
 * (the header and the index trailer); its events are decoded when a client first asks for them,
 * so a directory of big recordings costs nothing until used.
 */
export class RecordedSession extends Session {
  readonly kind = 'recorded' as const;
  private decoded: EventLog | null;

  private constructor(id: string, name: string, private readonly file: string, total: number, log: EventLog | null) {
    super(id, name, total, true);
    this.decoded = log;
  }

  /** Opens a recording, or throws (a FormatError when it is not one). */
  static open(id: string, file: string, name: string): RecordedSession {
    const bytes = readFileSync(file);
    decodeHeader(bytes);
    const index = readIndex(bytes);
    if (index) return new RecordedSession(id, name, file, index.total, null);
    // No index (a cut file, or one still being written): the blocks say how many events there are.
    const log = readRecording(bytes).log;
    return new RecordedSession(id, name, file, log.length, log);
  }

  get log(): EventLog {
    if (this.decoded === null) {
      const log = readRecording(readFileSync(this.file)).log;
      if (log.length !== this.length) throw new Error(`${this.name} changed since it was listed`);
      this.decoded = log;
    }
    return this.decoded;
  }
}
