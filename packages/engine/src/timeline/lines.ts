// The line executing at each event, as the reducer tracks it, kept as change points.
//
// The reducer's `line` moves on a Line event and, when a frame exits, returns to the line its
// caller was on. Recording just the events where it changes (Line events and frame exits) keeps
// the track small, and lineAt(i) is a binary search instead of a replay.
import { EventKind } from '../events/kinds.js';
import type { EventLog, EventRecord } from '../events/log.js';

export class LineTrack {
  /** Event indices where the line changed, ascending, and the line from there on. */
  private readonly at: Int32Array;
  private readonly line: Int32Array;
  private readonly n: number;

  constructor(log: EventLog) {
    let at = new Int32Array(1024);
    let line = new Int32Array(1024);
    let n = 0;
    const frames: { frame: number; line: number }[] = [];
    let current = 0;
    const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
    const note = (i: number, l: number): void => {
      if (l === current) return;
      current = l;
      if (n === at.length) {
        const a2 = new Int32Array(n * 2);
        a2.set(at);
        at = a2;
        const l2 = new Int32Array(n * 2);
        l2.set(line);
        line = l2;
      }
      at[n] = i;
      line[n++] = l;
    };
    for (let i = 0; i < log.length; i++) {
      const k = log.kind(i);
      if (k === EventKind.Line) {
        log.read(i, e);
        const top = frames[frames.length - 1];
        if (top && top.frame === e.b) top.line = e.a;
        note(i, e.a);
      } else if (k === EventKind.FrameEnter) {
        log.read(i, e);
        frames.push({ frame: e.a, line: e.c });
      } else if (k === EventKind.FrameExit) {
        log.read(i, e);
        for (let f = frames.length - 1; f >= 0; f--) {
          if (frames[f]!.frame === e.a) {
            frames.length = f;
            break;
          }
        }
        const top = frames[frames.length - 1];
        if (top) note(i, top.line);
      }
    }
    this.at = at;
    this.line = line;
    this.n = n;
  }

  /** The line executing after event i (0 before the first Line event). */
  lineAt(i: number): number {
    let lo = 0;
    let hi = this.n - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.at[mid]! <= i) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best < 0 ? 0 : this.line[best]!;
  }
}
