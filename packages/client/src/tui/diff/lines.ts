// Line occurrences: where a run is in its source, counted so two runs can be lined up.
//
// An event belongs to the occurrence of the last Line event at or before it: "the k-th time line
// L started executing". Moving one side of the diff to an event moves the other to the same
// occurrence of the same line (the same number of events into it, as far as its own occurrence
// lasts), so two runs of a loop stay on the same iteration even when their event counts differ.
import { EventKind, type EventLog, type EventRecord } from '@refscope/engine';

export interface Occurrence {
  /** The line (0 before the first Line event). */
  line: number;
  /** Which time it started: 0 for the first. */
  k: number;
  /** The Line event that started it (-1 before the first). */
  start: number;
  /** Events from the start to the event asked about. */
  offset: number;
}

export class LineOccurrences {
  /** Indices of the Line events, in order. */
  private readonly at: Int32Array;
  /** For each Line event (by position in `at`): its line, and the how-many-th time it started that line. */
  private readonly lineOf: Int32Array;
  private readonly rank: Int32Array;
  /** Line → positions in `at` of its Line events. */
  private readonly byLine = new Map<number, number[]>();

  constructor(private readonly log: EventLog) {
    const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
    const at: number[] = [];
    for (let i = 0; i < log.length; i++) if (log.kind(i) === EventKind.Line) at.push(i);
    this.at = Int32Array.from(at);
    this.lineOf = new Int32Array(at.length);
    this.rank = new Int32Array(at.length);
    for (let j = 0; j < at.length; j++) {
      const line = log.read(at[j]!, e).a;
      let list = this.byLine.get(line);
      if (!list) this.byLine.set(line, (list = []));
      this.lineOf[j] = line;
      this.rank[j] = list.length;
      list.push(j);
    }
  }

  /** Position in `at` of the last Line event at or before i (-1 when none). */
  private lastLine(i: number): number {
    let lo = 0, hi = this.at.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.at[mid]! <= i) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The occurrence event i is in. */
  of(i: number): Occurrence {
    const j = this.lastLine(i);
    if (j < 0) return { line: 0, k: 0, start: -1, offset: i + 1 };
    const start = this.at[j]!;
    return { line: this.lineOf[j]!, k: this.rank[j]!, start, offset: i - start };
  }

  /** How many times line L started. */
  count(line: number): number {
    return this.byLine.get(line)?.length ?? 0;
  }

  /**
   * The event `offset` events into the k-th occurrence of `line` (clamped to that occurrence's
   * last event), or null when this run never started the line that often.
   */
  find(line: number, k: number, offset = 0): number | null {
    if (line === 0) return this.log.length === 0 ? null : Math.max(0, Math.min(offset - 1, this.firstLineEvent() - 1));
    const j = this.byLine.get(line)?.[k];
    if (j === undefined) return null;
    const start = this.at[j]!;
    const end = j + 1 < this.at.length ? this.at[j + 1]! - 1 : this.log.length - 1;
    return Math.min(start + offset, end);
  }

  private firstLineEvent(): number {
    return this.at.length > 0 ? this.at[0]! : this.log.length;
  }
}
