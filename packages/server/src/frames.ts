// The call stack as the event stream tells it, followed incrementally: FrameEnter pushes a frame,
// FrameExit pops back to the frame it names (as the reducer does, so a frame left by an exception
// unwinding several levels at once is handled). Step over needs "the frames active at event i".
import { EventKind, type EventLog, type EventRecord } from '@refscope/engine';

export class FrameStack {
  private readonly stack: number[] = [];
  private at = 0;
  private readonly e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };

  constructor(private readonly log: EventLog) {}

  /** The frames on the call stack after the first `n` events (n never goes back). */
  activeAfter(n: number): ReadonlySet<number> {
    const log = this.log;
    const stack = this.stack;
    for (; this.at < n; this.at++) {
      const k = log.kind(this.at);
      if (k === EventKind.FrameEnter) stack.push(log.read(this.at, this.e).a);
      else if (k === EventKind.FrameExit) {
        const f = log.read(this.at, this.e).a;
        const k2 = stack.lastIndexOf(f);
        if (k2 >= 0) stack.length = k2;
      }
    }
    return new Set(stack);
  }
}
