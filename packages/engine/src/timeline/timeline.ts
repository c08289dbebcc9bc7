// Timeline: random access to the states of a recorded run, and the queries a debugger asks of it.
//
// Seeking: immutable checkpoints every `checkpointEvery` events that share every object page the
// events between them did not touch (state/checkpoint.ts), plus a replay from
// the nearest one, so a seek costs at most `checkpointEvery` events wherever it lands and does
// not grow with the log. Snapshots are made lazily up to the furthest index asked for; the last
// state returned is kept so that stepping forward replays only the events stepped over.
//
// Every index is an event index (contracts.md): "the state at i" is after event i. A Timeline is
// meant for a finished log (a recording, or a run that ended); a log that keeps growing may be
// sought in, but the lazily built indexes (lines, objects, collections, memory) describe the log
// as it was when first asked, so open a new Timeline to query a longer one.
import { EventKind } from '../events/kinds.js';
import type { EventLog, EventRecord } from '../events/log.js';
import { eventToJSON, type EventJSON } from '../events/json.js';
import { advance, CHECKPOINT_EVERY, emptyState, extendCheckpoints } from '../state/checkpoint.js';
import { allObjects, createHeapState, type HeapState } from '../state/heap.js';
import { applyEvent, summary, type StateSummary } from '../state/reduce.js';
import { LineTrack } from './lines.js';
import { ObjectIndex } from './objects.js';
import { dictTakes, heapGraph, whyAlive, type HeapGraph, type WhyAlive } from './why.js';

export interface TimelineOptions {
  /** Events between checkpoints (default CHECKPOINT_EVERY). */
  checkpointEvery?: number;
  /**
   * Told how far a long build of checkpoints (over PROGRESS_EVENTS events or more) has got: events
   * folded so far and the event it is building to, every PROGRESS_EVENTS events; the last call has
   * done === target. For a status line; the Timeline itself does no I/O.
   */
  progress?: (done: number, target: number) => void;
}

/** Builds of checkpoints over at least this many events report progress, in steps of this size. */
export const PROGRESS_EVENTS = 1 << 20;

export interface HistoryEntry {
  /** Event index. */
  i: number;
  /** The line executing at that event. */
  line: number;
  /** The refcount after it (relative to the first sighting for objects older than the log). */
  rc: number;
  event: EventJSON;
}

export interface ObjectHistory {
  obj: number;
  type: string;
  /** Event index and line of its allocation, or null when it existed before the log started. */
  allocEvent: number | null;
  allocLine: number | null;
  freeEvent: number | null;
  events: HistoryEntry[];
}

export interface Group {
  /** A type name, or an allocation line. */
  key: string | number;
  objects: number;
  bytes: number;
}

export interface MemorySeries {
  /** Event index of each sample. */
  index: number[];
  /** Live objects and their bytes after that event. */
  objects: number[];
  bytes: number[];
  /** The event after which live bytes were highest (the first such), and those bytes. */
  peak: { index: number; bytes: number; objects: number };
}

export class Timeline {
  readonly every: number;
  private readonly progress: ((done: number, target: number) => void) | null;
  private readonly checkpoints: HeapState[] = [];
  private last: HeapState | null = null;
  private empty: HeapState | null = null;
  private lines: LineTrack | null = null;
  private objectIndex: ObjectIndex | null = null;
  private collections: Int32Array | null = null;
  private dictEvents: Int32Array | null = null;
  private graph: { state: HeapState; graph: HeapGraph } | null = null;
  private series: MemorySeries | null = null;
  private seriesSamples = 0;
  /**
   * The reducer state after the series' last event, kept by Timelines made by grown() (a live log
   * grows again) for their successor's memory() to go on from.
   */
  private seriesState: HeapState | null = null;
  private growing = false;
  /** Handed over by grown(): the shorter log's series and the state after its last event. */
  private carry: { series: MemorySeries; samples: number; state: HeapState } | null = null;
  private readonly scratch: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };

  constructor(
    readonly log: EventLog,
    options: TimelineOptions = {},
  ) {
    this.every = Math.max(1, options.checkpointEvery ?? CHECKPOINT_EVERY);
    this.progress = options.progress ?? null;
  }

  /** Number of events. */
  get length(): number {
    return this.log.length;
  }

  /**
   * A Timeline over the same log after it grew (a live session): the checkpoints and the last
   * state made so far describe a prefix that has not changed and are kept, so seeking near the
   * new end replays only the new events; the lazy indexes (lines, objects, collections, memory)
   * are made again when first asked, over the longer log.
   */
  grown(): Timeline {
    const t = new Timeline(this.log, this.progress ? { checkpointEvery: this.every, progress: this.progress } : { checkpointEvery: this.every });
    t.growing = true;
    for (const cp of this.checkpoints) t.checkpoints.push(cp);
    t.last = this.last;
    t.empty = this.empty;
    // The memory series goes on from where it stopped. The running state is mutable: it is given
    // to one successor only (this Timeline keeps its finished series).
    if (this.series && this.seriesState) {
      t.carry = { series: this.series, samples: this.seriesSamples, state: this.seriesState };
      this.seriesState = null;
    }
    return t;
  }

  private check(i: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.log.length) {
      throw new RangeError(`event ${i} is outside 0..${this.log.length - 1}`);
    }
  }

  /** The state after event i, immutable (frozen); structurally shared with other states. */
  stateAt(i: number): HeapState {
    this.check(i);
    const every = this.every;
    const cps = this.checkpoints;
    // Checkpoint j holds the state after event (j + 1) * every - 1.
    const want = Math.floor((i + 1) / every) - 1;
    if (cps.length <= want) this.buildTo((want + 1) * every - 1);
    let base = want >= 0 ? cps[want]! : (this.empty ??= emptyState());
    const last = this.last;
    if (last && last.index <= i && last.index >= base.index) base = last;
    const state = advance(base, this.log, i);
    this.last = state;
    return state;
  }

  /** Makes the checkpoints up to event `end`, in steps that report progress when there are many. */
  private buildTo(end: number): void {
    const cps = this.checkpoints;
    const from = cps.length > 0 ? cps[cps.length - 1]!.index + 1 : 0;
    const progress = this.progress;
    if (progress === null || end - from < PROGRESS_EVENTS) {
      extendCheckpoints(cps, this.log, this.every, end);
      return;
    }
    for (let upTo = from + PROGRESS_EVENTS - 1; ; upTo += PROGRESS_EVENTS) {
      extendCheckpoints(cps, this.log, this.every, Math.min(upTo, end));
      if (upTo >= end) break;
      progress(upTo + 1 - from, end + 1 - from);
    }
    progress(end + 1 - from, end + 1 - from);
  }

  /** The `replay --json` summary of the state after event i (contracts.md), with the log's total. */
  summaryAt(i: number): StateSummary {
    return summary(this.stateAt(i), this.log.length);
  }

  /** Checkpoints made so far (they are made on demand). */
  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  // ---- stepping: each returns an event index, or null when there is none in that direction ----

  nextEvent(i: number): number | null {
    return i + 1 < this.log.length ? i + 1 : null;
  }

  prevEvent(i: number): number | null {
    return i > 0 ? i - 1 : null;
  }

  /** Step into: the next Line event in any frame. */
  stepInto(i: number): number | null {
    for (let j = i + 1; j < this.log.length; j++) if (this.log.kind(j) === EventKind.Line) return j;
    return null;
  }

  /** Step over: the next Line event in the frame running at i or a frame outside it. */
  nextLine(i: number): number | null {
    this.check(i);
    const frames = this.activeFrames(i);
    for (let j = i + 1; j < this.log.length; j++) {
      if (this.log.kind(j) === EventKind.Line && (frames === null || frames.has(this.log.read(j, this.scratch).b))) return j;
    }
    return null;
  }

  /** Step back over: the previous Line event in the frame running at i or a frame outside it. */
  prevLine(i: number): number | null {
    this.check(i);
    const frames = this.activeFrames(i);
    for (let j = i - 1; j >= 0; j--) {
      if (this.log.kind(j) === EventKind.Line && (frames === null || frames.has(this.log.read(j, this.scratch).b))) return j;
    }
    return null;
  }

  /** Frames on the call stack after event i; null when none is (any frame will do). */
  private activeFrames(i: number): Set<number> | null {
    const frames = this.stateAt(i).frames;
    return frames.length === 0 ? null : new Set(frames.map((f) => f.frame));
  }

  /** The end (GcStop) of the next collection after i. */
  nextCollection(i: number): number | null {
    const c = this.collectionEnds();
    for (let k = 0; k < c.length; k++) if (c[k]! > i) return c[k]!;
    return null;
  }

  /** The end (GcStop) of the last collection before i. */
  prevCollection(i: number): number | null {
    const c = this.collectionEnds();
    for (let k = c.length - 1; k >= 0; k--) if (c[k]! < i) return c[k]!;
    return null;
  }

  /** Event indices of every GcStop, ascending. */
  collectionEnds(): Int32Array {
    if (!this.collections) {
      const out: number[] = [];
      for (let j = 0; j < this.log.length; j++) if (this.log.kind(j) === EventKind.GcStop) out.push(j);
      this.collections = Int32Array.from(out);
    }
    return this.collections;
  }

  /** The line executing after event i. */
  lineAt(i: number): number {
    this.check(i);
    return (this.lines ??= new LineTrack(this.log)).lineAt(i);
  }

  /** The frame running after event i (-1 before the first Line event). */
  frameAt(i: number): number {
    this.check(i);
    return (this.lines ??= new LineTrack(this.log)).frameAt(i);
  }

  // ---- objects ----

  private objects(): ObjectIndex {
    return (this.objectIndex ??= new ObjectIndex(this.log));
  }

  /** Indices of every event about `obj`, ascending. */
  eventsOf(obj: number): Int32Array {
    return this.objects().eventsOf(obj);
  }

  /** The last event about `obj` before event i, or null. */
  lastChange(obj: number, i: number): number | null {
    return this.objects().before(obj, i);
  }

  /** The first event about `obj` after event i, or null. */
  nextChange(obj: number, i: number): number | null {
    return this.objects().after(obj, i);
  }

  /** Allocation, every refcount change with its holder, size changes, collector moves, free. */
  history(obj: number): ObjectHistory {
    const list = this.eventsOf(obj);
    const strings = this.log.strings;
    const e = this.scratch;
    const out: HistoryEntry[] = [];
    let rc = 0;
    let type = '?';
    let allocEvent: number | null = null;
    let freeEvent: number | null = null;
    for (const i of list) {
      this.log.read(i, e);
      if (e.kind === EventKind.Alloc && e.a === obj) {
        rc = 1;
        type = strings[e.b] ?? '?';
        allocEvent = i;
      } else if (e.kind === EventKind.Incref && e.a === obj) rc++;
      else if (e.kind === EventKind.Decref && e.a === obj) rc--;
      else if (e.kind === EventKind.Free && e.a === obj) freeEvent = i;
      out.push({ i, line: this.lineAt(i), rc, event: eventToJSON(i, e, strings) });
    }
    return {
      obj, type, allocEvent, allocLine: allocEvent === null ? null : this.lineAt(allocEvent), freeEvent, events: out,
    };
  }

  /** A shortest chain of references from a root to `obj` at event i. */
  whyAlive(obj: number, i: number): WhyAlive {
    const state = this.stateAt(i);
    // Queries at one index share its reversed graph (states are immutable, so the cache is safe).
    if (this.graph?.state !== state) this.graph = { state, graph: heapGraph(state) };
    return whyAlive(state, this.log, obj, {
      eventsOf: (n) => this.eventsOf(n),
      dictEvents: (this.dictEvents ??= dictTakes(this.log)),
      reverse: this.graph.graph,
      frameAt: (j) => this.frameAt(j),
    });
  }

  /** Live objects after event i grouped by type, most bytes first. */
  liveByType(i: number): Group[] {
    return groupLive(this.stateAt(i), (o) => o.type);
  }

  /** Live objects after event i grouped by the line that allocated them, most bytes first. */
  liveByLine(i: number): Group[] {
    return groupLive(this.stateAt(i), (o) => o.allocLine);
  }

  /** Totals of every allocation of the run, per line and per type (one pass over the log). */
  allocations(): Allocations {
    const byLine = new Map<number, Group>();
    const byType = new Map<string, Group>();
    const e = this.scratch;
    const strings = this.log.strings;
    let count = 0;
    let bytes = 0;
    const add = <K extends string | number>(m: Map<K, Group>, key: K, size: number): void => {
      let g = m.get(key);
      if (!g) m.set(key, (g = { key, objects: 0, bytes: 0 }));
      g.objects++;
      g.bytes += size;
    };
    for (let i = 0; i < this.log.length; i++) {
      if (this.log.kind(i) !== EventKind.Alloc) continue;
      this.log.read(i, e);
      count++;
      bytes += e.c;
      add(byLine, this.lineAt(i), e.c);
      add(byType, strings[e.b] ?? '?', e.c);
    }
    return { count, bytes, byLine: sortGroups([...byLine.values()]), byType: sortGroups([...byType.values()]) };
  }

  /**
   * Live objects and bytes sampled over the run (about `samples` points, always including the
   * last event) and the peak over every event. One replay of the log, cached. A Timeline made by
   * grown() replays only the new events: it keeps the earlier points and samples the new ones
   * at its own step, halving the points when there are more than 2 × samples.
   */
  memory(samples = 1000): MemorySeries {
    if (this.series && this.seriesSamples === samples) return this.series;
    const n = this.log.length;
    const step = Math.max(1, Math.ceil(n / Math.max(1, samples)));
    const carry = this.carry !== null && this.carry.samples === samples ? this.carry : null;
    this.carry = null;
    const state = carry ? carry.state : createHeapState();
    const e = this.scratch;
    const strings = this.log.strings;
    const series: MemorySeries = carry
      ? { index: [...carry.series.index], objects: [...carry.series.objects], bytes: [...carry.series.bytes], peak: carry.series.peak }
      : { index: [], objects: [], bytes: [], peak: { index: -1, bytes: -1, objects: 0 } };
    const from = series.index.length > 0 ? series.index[series.index.length - 1]! + 1 : 0;
    for (let i = from; i < n; i++) {
      applyEvent(state, this.log.read(i, e), strings);
      if (state.bytes > series.peak.bytes) series.peak = { index: i, bytes: state.bytes, objects: state.objects };
      if ((i + 1) % step === 0 || i === n - 1) {
        series.index.push(i);
        series.objects.push(state.objects);
        series.bytes.push(state.bytes);
      }
    }
    if (series.index.length > 2 * samples) thin(series);
    this.series = series;
    this.seriesSamples = samples;
    this.seriesState = this.growing ? state : null;
    return series;
  }
}

/** Drops every other point of a series, keeping its last. */
function thin(s: MemorySeries): void {
  const last = s.index.length - 1;
  let k = 0;
  for (let j = 0; j <= last; j++) {
    if (j % 2 === 1 && j !== last) continue;
    s.index[k] = s.index[j]!;
    s.objects[k] = s.objects[j]!;
    s.bytes[k] = s.bytes[j]!;
    k++;
  }
  s.index.length = s.objects.length = s.bytes.length = k;
}

/** Everything a run allocated, live or not (what memray's and tracemalloc's statistics count). */
export interface Allocations {
  /** Allocations and their bytes (size at allocation) over the whole run. */
  count: number;
  bytes: number;
  /** The same per allocating line and per type, most bytes first. */
  byLine: Group[];
  byType: Group[];
}

/** Live objects allocated in the log, grouped by `key`, by bytes (then count, then key) descending. */
export function groupLive(state: HeapState, key: (o: { type: string; allocLine: number }) => string | number): Group[] {
  const groups = new Map<string | number, Group>();
  for (const o of allObjects(state)) {
    if (!o.alive || o.allocEvent < 0) continue;
    const k = key(o);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { key: k, objects: 0, bytes: 0 }));
    g.objects++;
    g.bytes += o.size;
  }
  return sortGroups([...groups.values()]);
}

/** Most bytes first, then most objects, then by key. */
function sortGroups(groups: Group[]): Group[] {
  return groups.sort(
    (x, y) => y.bytes - x.bytes || y.objects - x.objects || (String(x.key) < String(y.key) ? -1 : String(x.key) > String(y.key) ? 1 : 0),
  );
}

