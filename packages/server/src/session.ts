// Sessions: a run's events, as a replayable source. The EventLog itself is the replay buffer
// (it holds every event once, compactly), and `growth$` tells subscribers when it grew or ended,
// so a late subscriber starts anywhere and a live one follows the tail with no copy per client.
import { openSync, writeSync, closeSync, readFileSync } from 'node:fs';
import { BehaviorSubject } from 'rxjs';
import {
  Engine, EventLog, RecordingWriter, readRecording, reduceLog, summary, Timeline, type StateSummary,
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
    return { id: this.id, name: this.name, kind: this.kind, events: this.log.length, done: this.done };
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
    this.timer = setImmediate(() => this.step());
  }

  private step(): void {
    this.timer = null;
    let finished = false;
    try {
      this.engine.run({ steps: this.opts.slice });
      finished = this.engine.finished || this.engine.steps >= this.opts.maxSteps;
    } catch {
      finished = true; // an internal failure ends the run; its events so far stay
    }
    if (finished) return this.finish();
    if (this.writer) this.write(this.writer.take());
    this.growth$.next({ length: this.log.length, done: false });
    this.timer = setImmediate(() => this.step());
  }

  private finish(): void {
    if (this.writer) {
      this.write(this.writer.end());
      closeSync(this.fd!);
      this.writer = null;
    }
    this.growth$.next({ length: this.log.length, done: true });
    this.growth$.complete();
  }

  override stop(): void {
    if (this.timer) {
      clearImmediate(this.timer);
      this.finish();
    }
  }

  private write(chunks: Uint8Array[]): void {
    for (const c of chunks) for (let off = 0; off < c.length; ) off += writeSync(this.fd!, c, off);
  }
}
