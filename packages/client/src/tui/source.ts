// The data source every screen reads. A recording and a live session look the same to the UI:
// a title, the program's source, a Timeline over the events so far, and a way to hear that
// more arrived. Screens never touch a log, a file or a socket directly.
//
// Contract (part 2's live source relies on it):
//   - timeline() may return a new Timeline object when the log has grown; the UI compares by
//     identity and re-reads length and indexes when it changes. A finished source returns the
//     same Timeline every time.
//   - subscribe(onChange) is called once by the App; onChange fires (on any tick, never inside
//     a render) when the timeline grew, done() changed, or control state (paused, breakpoints)
//     changed. It returns the unsubscribe function.
//   - control is present only on live sessions that can be driven.
import type { Timeline } from '@refscope/engine';
import type { Opened } from '../open.js';

/** How a live program is stepped: the server's `step` request (docs/protocol.md). */
export type StepBy = 'event' | 'line' | 'collection';

/** Driving a running program. Every method returns at once; the result arrives through subscribe. */
export interface LiveControl {
  pause(): void;
  resume(): void;
  step(by: StepBy): void;
  setBreak(line: number): void;
  clearBreak(line: number): void;
  /** The program is paused (by pause, a step, or a breakpoint). */
  paused(): boolean;
  /** Lines with a breakpoint set. */
  breakpoints(): ReadonlySet<number>;
}

export interface DebugSource {
  /** The program's file name, for the header. */
  readonly title: string;
  /** The Python source (lines are 1-based in events). */
  readonly source: string;
  /** The events so far; a live source returns a new Timeline as the log grows. */
  timeline(): Timeline;
  /** True for a session that may still grow (attach). */
  readonly live: boolean;
  /** No more events will come. */
  done(): boolean;
  /** Hear of new events or a changed state; returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void;
  /** Present when the program can be driven (live sessions). */
  readonly control?: LiveControl;
  /** A problem to show in the status line (a lost connection, a cut recording), or null. */
  problem?(): string | null;
}

/** A finished recording (or a .py program run to the end first, by openRun). */
export function recordingSource(opened: Opened): DebugSource {
  const timeline = opened.timeline;
  return {
    title: opened.program,
    source: opened.source,
    live: false,
    timeline: () => timeline,
    done: () => true,
    subscribe: () => () => {},
  };
}
