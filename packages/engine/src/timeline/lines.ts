// The line executing at each event, and the frame running it, as the reducer tracks them, kept
// as change points.
//
// The reducer's `line` and `frame` move on a Line event and, when a frame exits, return to the
// line its caller was on. Recording just the events where they change (Line events and frame
// exits) keeps the track small, and lineAt(i) / frameAt(i) are a binary search instead of a replay.
import { EventKind } from '../events/kinds.js';
import type { EventLog, EventRecord } from '../events/log.js';

export class LineTrack {
  /** Event indices where the line or the frame changed, ascending, and both from there on. */
  private readonly at: Int32Array;
  private readonly line: Int32Array;
  private readonly frame: Int32Array;
  private readonly n: number;

  constructor(log: EventLog) {
    let at = new Int32Array(1024);
    let line = new Int32Array(1024);
    let frame = new Int32Array(1024);
    let n = 0;
    const frames: { frame: number; line: number }[] = [];
    let currentLine = 0;
    let currentFrame = -1;
    const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
    const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    const note = (i: number, l: number, f: number): void => {
      if (l === currentLine && f === currentFrame) return;
      currentLine = l;
      currentFrame = f;
      if (n === at.length) {
        at = grow(at);
        line = grow(line);
        frame = grow(frame);
      }
      at[n] = i;
      line[n] = l;
      frame[n++] = f;
    };
    for (let i = 0; i < log.length; i++) {
      const k = log.kind(i);
      if (k === EventKind.Line) {
        log.read(i, e);
        const top = frames[frames.length - 1];
        if (top && top.frame === e.b) top.line = e.a;
        note(i, e.a, e.b);
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
        if (top) note(i, top.line, top.frame);
      }
    }
    this.at = at;
    this.line = line;
    this.frame = frame;
    this.n = n;
  }

  /** The change point in force after event i, or -1 before the first. */
  private find(i: number): number {
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
    return best;
  }

  /** The line executing after event i (0 before the first Line event). */
  lineAt(i: number): number {
    const k = this.find(i);
    return k < 0 ? 0 : this.line[k]!;
  }

  /** The frame running after event i (-1 before the first Line event), as the reducer's `frame`. */
  frameAt(i: number): number {
    const k = this.find(i);
    return k < 0 ? -1 : this.frame[k]!;
  }
}
