// Per-object event lists: for every object number, the indices of the events about it.
//
// Built in two passes over the log (count, then fill) into one Int32Array in compressed-row form,
// so "every event of object X" is a slice and "the last change of X before i" a binary search.
// An event is about the object in its `a` field (allocation, refcount changes, size, collector
// bookkeeping, free) and, for a weakref callback, about the referent in `b`.
import { EventKind } from '../events/kinds.js';
import type { EventLog, EventRecord } from '../events/log.js';

/** The object an event is about, or -1. */
export function subjectOf(log: EventLog, i: number, scratch: EventRecord): number {
  switch (log.kind(i)) {
    case EventKind.Alloc:
    case EventKind.Free:
    case EventKind.Incref:
    case EventKind.Decref:
    case EventKind.Resize:
    case EventKind.Track:
    case EventKind.Untrack:
    case EventKind.Promote:
    case EventKind.Unreachable:
    case EventKind.Finalize:
      return log.read(i, scratch).a;
    case EventKind.WeakrefCallback:
      return log.read(i, scratch).b;
    default:
      return -1;
  }
}

export class ObjectIndex {
  /** start[obj] .. start[obj + 1] is the slice of `events` about obj. */
  private readonly start: Int32Array;
  private readonly events: Int32Array;

  constructor(log: EventLog) {
    const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
    let max = -1;
    for (let i = 0; i < log.length; i++) {
      const o = subjectOf(log, i, e);
      if (o > max) max = o;
    }
    const start = new Int32Array(max + 2);
    for (let i = 0; i < log.length; i++) {
      const o = subjectOf(log, i, e);
      if (o >= 0) start[o + 1]!++;
    }
    for (let o = 0; o <= max; o++) start[o + 1]! += start[o]!;
    const fill = start.slice(0, max + 1);
    const events = new Int32Array(start[max + 1] ?? 0);
    for (let i = 0; i < log.length; i++) {
      const o = subjectOf(log, i, e);
      if (o >= 0) events[fill[o]!++] = i;
    }
    this.start = start;
    this.events = events;
  }

  /** Indices of the events about `obj`, ascending (a view; do not modify). */
  eventsOf(obj: number): Int32Array {
    if (obj < 0 || obj + 1 >= this.start.length) return new Int32Array(0);
    return this.events.subarray(this.start[obj]!, this.start[obj + 1]!);
  }

  /** The last event about `obj` strictly before `i`, or null. */
  before(obj: number, i: number): number | null {
    const list = this.eventsOf(obj);
    let lo = 0;
    let hi = list.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < i) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best < 0 ? null : list[best]!;
  }

  /** The first event about `obj` strictly after `i`, or null. */
  after(obj: number, i: number): number | null {
    const list = this.eventsOf(obj);
    let lo = 0;
    let hi = list.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! > i) {
        best = mid;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    return best < 0 ? null : list[best]!;
  }
}
