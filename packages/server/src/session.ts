// Sessions: a run's events, as a replayable source. The EventLog itself is the replay buffer
// (it holds every event once, compactly), and `growth$` tells subscribers when it grew or ended,
// so a late subscriber starts anywhere and a live one follows the tail with no copy per client.
import { openSync, writeSync, closeSync, readFileSync } from 'node:fs';
import { BehaviorSubject, Subject } from 'rxjs';
import {
  Engine, EventKind, EventLog, RecordingWriter, readRecording, reduceLog, summary, Timeline, type StateSummary,
} from '@refscope/engine';

export type SessionKind = 'live' | 'recorded';

/** How far a session's log has grown, and whether it will grow more. */
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

/** How a paused live session is stepped: one event, to the next line, or past the next collection. */
export type StepBy = 'event' | 'line' | 'collection';

/** Told to a live session's subscribers when it pauses on its own (a breakpoint). */
export interface Notice {
  type: 'paused';
  session: string;
  events: number;
  line: number;
}

export abstract class Session {
  abstract readonly kind: SessionKind;
  readonly growth$: BehaviorSubject<Growth>;
  private timeline: Timeline | null = null;

  constructor(readonly id: string, readonly name: string, readonly log: EventLog, done: boolean) {
    this.growth$ = new BehaviorSubject<Growth>({ length: log.length, done });
  }

  get done(): boolean {
    return this.growth$.value.done;
  }

  info(): SessionInfo {
    return { id: this.id, name: this.name, kind: this.kind, events: this.log.length, done: this.done, paused: this.paused };
  }

  get paused(): boolean {
    return false;
  }

  /** The state summary after event `at` (the fields of `refscope replay --json`). */
  summaryAt(at: number): StateSummary {
    if (this.done) {
      this.timeline ??= new Timeline(this.log);
      return this.timeline.summaryAt(at);
    }
    return summary(reduceLog(this.log, at), this.log.length);
  }

  stop(): void {}
}

/** A recording in the server's directory, read once. */
export class RecordedSession extends Session {
  readonly kind = 'recorded' as const;

  static open(id: string, file: string, name: string): RecordedSession {
    const rec = readRecording(readFileSync(file));
    return new RecordedSession(id, name, rec.log, true);
  }
}

export interface LiveOptions {
  /** Bytecode instructions per slice: the event loop turns between slices. */
  slice: number;
  maxSteps: number;
  /** Where the recording goes, or null for none. */
  file: string | null;
}

/**
 * A program running in the server. It runs in slices (setImmediate between them) so that the
 * server keeps answering while it runs; after each slice the recording gets the sealed blocks and
 * subscribers are told how far the log has grown.
 */
export class LiveSession extends Session {
  readonly kind = 'live' as const;
  readonly engine: Engine;
  private writer: RecordingWriter | null = null;
  private fd: number | null = null;
  private timer: NodeJS.Immediate | null = null;
  private isPaused = false;
  private readonly breakpoints = new Set<number>();
  readonly notices$ = new Subject<Notice>();
  constructor(id: string, name: string, source: string, private readonly opts: LiveOptions) {
    // What the program prints is kept by the engine (engine.stdout / engine.stderr).
    const engine = new Engine(source, { filename: name, maxSteps: opts.maxSteps });
    super(id, name, engine.log, false);
    this.engine = engine;
    if (opts.file) {
      this.fd = openSync(opts.file, 'wx');
      this.writer = new RecordingWriter(engine.log, { program: name, source });
      this.write([this.writer.header()]);
    }
    this.timer = setImmediate(() => this.slice());
  }

  override get paused(): boolean {
    return this.isPaused;
  }

  /** Stops producing events until resume() or step(). */
  pause(): void {
    if (this.done) return;
    this.isPaused = true;
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    this.publish();
  }

  resume(): void {
    if (this.done || !this.isPaused) return;
    this.isPaused = false;
    this.timer ??= setImmediate(() => this.slice());
  }

  /** Runs a paused session by one event, one line or one collection, and stays paused. */
  step(by: StepBy): void {
    if (this.done) return;
    this.pause();
    const limit = by === 'event' ? { event: this.log.length } : by === 'line' ? { nextLine: true } : { collection: true };
    this.advance(() => this.engine.run(limit));
  }

  /** Sets (or clears) a breakpoint: the session pauses when a new line starts on it. */
  setBreakpoint(line: number, on: boolean): void {
    if (on) this.breakpoints.add(line);
    else this.breakpoints.delete(line);
  }

  clearBreakpoints(): void {
    this.breakpoints.clear();
  }

  get breakpointLines(): number[] {
    return [...this.breakpoints].sort((a, b) => a - b);
  }

  private slice(): void {
    this.timer = null;
    const hit = this.advance(() => this.runSlice());
    if (this.done) return;
    if (hit !== null) {
      this.isPaused = true;
      this.notices$.next({ type: 'paused', session: this.id, events: this.log.length, line: hit });
      return;
    }
    this.timer = setImmediate(() => this.slice());
  }

  /** One slice of instructions; the line of the breakpoint it stopped on, or null. */
  private runSlice(): number | null {
    if (this.breakpoints.size === 0) {
      this.engine.run({ steps: this.opts.slice });
      return null;
    }
    // With breakpoints, stop at every new line and look whether it is one of them.
    const end = this.engine.steps + this.opts.slice;
    while (!this.engine.finished && this.engine.steps < end) {
      const before = this.engine.steps;
      if (this.engine.run({ steps: end - before, nextLine: true }) !== 'line') break;
      if (this.engine.steps === before) break; // no progress: never spin the event loop
      const line = this.currentLine();
      if (this.breakpoints.has(line)) return line;
    }
    return null;
  }

  private currentLine(): number {
    for (let i = this.log.length - 1; i >= 0; i--) if (this.log.kind(i) === EventKind.Line) return this.log.get(i).a;
    return 0;
  }

  /** Runs `f` on the engine, then records and publishes what it produced (or finishes). */
  private advance<T>(f: () => T): T | null {
    let result: T | null = null;
    let finished = false;
    try {
      result = f();
      finished = this.engine.finished;
    } catch {
      finished = true; // an internal failure ends the run; its events so far stay
    }
    if (finished) {
      this.finish();
      return null;
    }
    this.publish();
    return result;
  }

  private publish(): void {
    if (this.writer) this.write(this.writer.take());
    this.growth$.next({ length: this.log.length, done: false });
  }

  private finish(): void {
    if (this.writer) {
      this.write(this.writer.end());
      closeSync(this.fd!);
      this.writer = null;
    }
    this.isPaused = false;
    this.growth$.next({ length: this.log.length, done: true });
    this.growth$.complete();
    this.notices$.complete();
  }

  override stop(): void {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    if (!this.done) this.finish();
  }

  private write(chunks: Uint8Array[]): void {
    for (const c of chunks) for (let off = 0; off < c.length; ) off += writeSync(this.fd!, c, off);
  }
}
