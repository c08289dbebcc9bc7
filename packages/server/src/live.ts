// A live session: a program running in the server under the engine, driven by its clients.
//
// The program runs in slices of instructions (setImmediate between them) so the server keeps
// answering while it runs. The session publishes events to subscribers up to a point, `length`;
// the engine may be a little ahead of it, because one instruction can emit several events and a
// slice is not stopped at every event. Every stop — a breakpoint, the end of a step — is found by
// scanning the events past `length` in order, so a stop lands on exactly the event it names:
//
//   run         the first Line event on a breakpoint line
//   event       the next event
//   line        the next Line event in a frame active when the step began (step over), or a
//               breakpoint hit in a frame it calls
//   collection  the next GcStop (the end of a collection), or a breakpoint hit
//
// The events up to and including that one are published; the rest wait in the log for the next
// step or resume. A step is bounded by the program's step budget like any run. When the program
// ends, everything is published and `growth$` completes.
import { openSync, writeSync, closeSync } from 'node:fs';
import { Subject } from 'rxjs';
import { Engine, EventKind, RecordingWriter, type EventLog, type EventRecord, type RunLimit } from '@refscope/engine';
import { FrameStack } from './frames.js';
import { Session } from './session.js';

/** How a live session is stepped: one event, to the next line (step over), or past the next collection. */
export type StepBy = 'event' | 'line' | 'collection';

/** Why a live session stopped producing events. */
export type PauseReason = 'pause' | 'step' | 'breakpoint';

/** Told to a live session's subscribers, in stream order, when it pauses or runs on. */
export type Notice =
  | { type: 'paused'; session: string; events: number; reason: PauseReason; line: number }
  | { type: 'resumed'; session: string; events: number };

/** A step was asked for while another is still running. */
export class SessionBusy extends Error {}

export interface LiveOptions {
  /** Bytecode instructions per slice: the event loop turns between slices. */
  slice: number;
  maxSteps: number;
  /** Where the recording goes, or null for none. */
  file: string | null;
  /** Start paused, before the first event (a debugger sets breakpoints, subscribes, then resumes). */
  paused?: boolean;
  breakpoints?: readonly number[];
}

type Goal =
  | { by: 'run' }
  | { by: 'event' }
  | { by: 'line'; frames: ReadonlySet<number> | null }
  | { by: 'collection' };

const RUN: Goal = { by: 'run' };

/** The longest a running session's recording lags behind its events, in ms (a partial block). */
const FLUSH_MS = 100;

export class LiveSession extends Session {
  readonly kind = 'live' as const;
  readonly engine: Engine;
  readonly notices$ = new Subject<Notice>();
  /** The notice of the pause the session is in now, for subscribers who join during it. */
  pausedNotice: Notice | null = null;
  private writer: RecordingWriter | null = null;
  /** Why the recording stopped being written, if it did (the session itself goes on). */
  recordingError: string | null = null;
  private fd: number | null = null;
  private timer: NodeJS.Immediate | null = null;
  /** What the session runs towards; null while paused. */
  private goal: Goal | null = RUN;
  /** Events before this index were checked against the goal. */
  private scanned = 0;
  private hitReason: PauseReason = 'step';
  private stepDone: (() => void) | null = null;
  private flushedAt = 0;
  private readonly breakpoints = new Set<number>();
  private readonly frames: FrameStack;
  private readonly e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };

  constructor(id: string, name: string, source: string, private readonly opts: LiveOptions) {
    // What the program prints is kept by the engine (engine.stdout / engine.stderr).
    const engine = new Engine(source, { filename: name, maxSteps: opts.maxSteps });
    super(id, name, 0, false);
    this.engine = engine;
    this.frames = new FrameStack(engine.log);
    if (opts.file) {
      this.fd = openSync(opts.file, 'wx');
      this.writer = new RecordingWriter(engine.log, { program: name, source });
      this.write([this.writer.header()]);
    }
    for (const line of opts.breakpoints ?? []) this.breakpoints.add(line);
    if (opts.paused) {
      this.goal = null;
      this.pausedNotice = { type: 'paused', session: id, events: 0, reason: 'pause', line: 0 };
    } else {
      this.schedule();
    }
  }

  get log(): EventLog {
    return this.engine.log;
  }

  override get paused(): boolean {
    return !this.done && this.goal === null;
  }

  /** A step is under way (its reply is not sent yet). */
  get stepping(): boolean {
    return this.stepDone !== null;
  }

  /** Stops producing events until resume() or step(); a step under way ends where it is. */
  pause(): void {
    if (this.done || this.goal === null) return;
    this.halt('pause');
  }

  /** Runs on from a pause, to the next breakpoint or the end. */
  resume(): void {
    if (this.done || this.goal !== null) return;
    this.goal = RUN;
    this.scanned = this.length;
    this.pausedNotice = null;
    this.notices$.next({ type: 'resumed', session: this.id, events: this.length });
    this.schedule();
  }

  /** Runs to the next stop of `by` and pauses there; resolves then, or when the program ends. */
  step(by: StepBy): Promise<void> {
    if (this.stepDone) throw new SessionBusy(`session ${this.id} is still stepping`);
    if (this.done) return Promise.resolve();
    const n = this.length;
    if (by === 'line') {
      const frames = this.frames.activeAfter(n);
      this.goal = { by, frames: frames.size > 0 ? frames : null };
    } else {
      this.goal = { by };
    }
    this.scanned = n;
    this.pausedNotice = null;
    return new Promise((resolve) => {
      this.stepDone = resolve;
      this.schedule();
    });
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

  /** The line of the last Line event published (0 before any). */
  get line(): number {
    for (let i = this.length - 1; i >= 0; i--) if (this.log.kind(i) === EventKind.Line) return this.log.read(i, this.e).a;
    return 0;
  }

  /** Ends the run where it is (a client's stop, or the server closing); a step under way ends too. */
  override stop(): void {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    if (!this.done) this.finish();
  }

  private schedule(): void {
    this.timer ??= setImmediate(() => this.tick());
  }

  /** One slice: run the engine until the goal's stop, the slice's end, or the program's end. */
  private tick(): void {
    this.timer = null;
    const goal = this.goal;
    if (goal === null || this.done) return;
    const engine = this.engine;
    const log = this.log;
    const end = engine.steps + this.opts.slice;
    let hit = -1;
    try {
      for (;;) {
        hit = this.scan(goal);
        if (hit >= 0 || engine.finished || engine.steps >= end) break;
        const steps = engine.steps;
        const events = log.length;
        engine.run(this.limit(goal, end - steps));
        if (engine.steps === steps && log.length === events && !engine.finished) break; // no progress: next slice
      }
    } catch (err) {
      // A failure of the engine itself ends the run; its events so far stay, and `end` says why.
      this.failure = `the engine failed: ${(err as Error).message}`;
    }
    const ended = engine.finished || this.failure !== null;
    if (hit >= 0) {
      this.publish(hit + 1);
      if (ended && hit + 1 === log.length) return this.finish();
      return this.halt(this.hitReason);
    }
    if (ended) return this.finish();
    this.publish(log.length);
    this.schedule();
  }

  /** The first event at or after `scanned` where `goal` stops, or -1 (then all are scanned). */
  private scan(goal: Goal): number {
    const log = this.log;
    const n = log.length;
    const bps = this.breakpoints;
    if (goal.by === 'event') {
      if (this.scanned >= n) return -1;
      this.hitReason = 'step';
      return this.scanned++;
    }
    if (goal.by === 'run' && bps.size === 0) {
      this.scanned = n;
      return -1;
    }
    for (let i = this.scanned; i < n; i++) {
      const k = log.kind(i);
      if (k === EventKind.Line) {
        const e = log.read(i, this.e);
        if (goal.by === 'line' && (goal.frames === null || goal.frames.has(e.b))) this.hitReason = 'step';
        else if (bps.has(e.a)) this.hitReason = 'breakpoint';
        else continue;
      } else if (k === EventKind.GcStop && goal.by === 'collection') {
        this.hitReason = 'step';
      } else continue;
      this.scanned = i + 1;
      return i;
    }
    this.scanned = n;
    return -1;
  }

  /** The engine's stop conditions for one run towards `goal`, within `steps` instructions. */
  private limit(goal: Goal, steps: number): RunLimit {
    switch (goal.by) {
      case 'event':
        return { steps, event: this.log.length };
      case 'line':
        return { steps, nextLine: true };
      default:
        return this.breakpoints.size > 0 ? { steps, lines: this.breakpoints } : { steps };
    }
  }

  private halt(reason: PauseReason): void {
    this.publish(this.length, true);
    this.goal = null;
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    const notice: Notice = { type: 'paused', session: this.id, events: this.length, reason, line: this.line };
    this.pausedNotice = notice;
    this.notices$.next(notice);
    this.settleStep();
  }

  private settleStep(): void {
    const done = this.stepDone;
    this.stepDone = null;
    done?.();
  }

  /** Hands the recording its new events, and tells subscribers `n` events are published. */
  private publish(n: number, flush = false): void {
    if (this.writer) {
      // Blocks are sealed as they fill; a partial one too at a pause and at least every
      // FLUSH_MS while running, so the file on disk is never far behind the stream.
      const now = performance.now();
      if (flush || now - this.flushedAt >= FLUSH_MS) {
        this.flushedAt = now;
        this.write(this.writer.flush());
      } else {
        this.write(this.writer.take());
      }
    }
    if (n > this.length) {
      this.growth$.next({ length: n, done: false });
      this.keepWarm();
    }
  }

  private finish(): void {
    if (this.writer) {
      this.write(this.writer.end());
      if (this.writer) closeSync(this.fd!);
      this.writer = null;
    }
    this.goal = null;
    this.pausedNotice = null;
    this.growth$.next({ length: this.log.length, done: true });
    this.growth$.complete();
    this.notices$.complete();
    this.settleStep();
  }

  private write(chunks: Uint8Array[]): void {
    try {
      for (const c of chunks) for (let off = 0; off < c.length; ) off += writeSync(this.fd!, c, off);
    } catch (err) {
      // A recording that cannot be written (a full disk) ends; the run and its stream go on,
      // and what was written stays readable up to its last complete block.
      this.recordingError = (err as Error).message;
      this.writer = null;
      try {
        closeSync(this.fd!);
      } catch {
        // already unusable
      }
    }
  }
}
