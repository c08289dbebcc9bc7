// diffLogs: how two recorded runs differ — the contracts.md `diff --json` object.
//
// First the event streams are compared in order; the first index where they differ (or where
// the shorter one ends) is the first divergence, reported with the line each side was on. Events
// are compared by meaning: string fields by their text, since two runs may number their string
// tables differently. Then the two heaps are compared where it matters for memory: at the end
// and at each run's peak (the first event after which its live bytes were highest), live
// objects and bytes per allocation line and per type, and the collections each generation ran.
import type { EventKind } from '../events/kinds.js';
import { eventToJSON, type EventJSON } from '../events/json.js';
import type { EventLog, EventRecord } from '../events/log.js';
import { createHeapState, type HeapState } from '../state/heap.js';
import { stringSlot } from '../recording/strings.js';
import { groupLive, Timeline, type Group } from '../timeline/timeline.js';

export interface DiffSide {
  /** The line executing at the divergence (the side's last line when its log ended before it). */
  line: number;
  /** The side's event at that index, or null when its log ended before it. */
  event: EventJSON | null;
}

export interface Amount {
  objects: number;
  bytes: number;
}

export interface DiffRow {
  /** An allocation line (byLine) or a type name (byType). */
  key: number | string;
  a: Amount;
  b: Amount;
  /** b minus a. */
  delta: Amount;
}

export interface Breakdown {
  byLine: DiffRow[];
  byType: DiffRow[];
}

export interface LogDiff {
  identical: boolean;
  firstDivergence: { index: number; a: DiffSide; b: DiffSide } | null;
  /** Events in each log. */
  total: { a: number; b: number };
  end: Breakdown & { a: Amount; b: Amount };
  peak: Breakdown & { a: Amount & { index: number }; b: Amount & { index: number } };
  /** Collections run per generation (gc.get_stats()[g]['collections']). */
  collections: { a: [number, number, number]; b: [number, number, number] };
}

type Side = EventLog | Timeline;

function timelineOf(x: Side): Timeline {
  return x instanceof Timeline ? x : new Timeline(x);
}

/** The first index where the two logs' events differ, or -1 when they are the same. */
export function firstDivergence(a: EventLog, b: EventLog): number {
  const n = Math.min(a.length, b.length);
  const x: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  const y: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  for (let i = 0; i < n; i++) {
    if (!sameEvent(a.read(i, x), b.read(i, y), a.strings, b.strings)) return i;
  }
  return a.length === b.length ? -1 : n;
}

/** Equal kinds and fields, a string field compared by its text. */
function sameEvent(x: EventRecord, y: EventRecord, sa: readonly string[], sb: readonly string[]): boolean {
  if (x.kind !== y.kind || x.c !== y.c) return false;
  const slot = stringSlot(x.kind, x.b);
  if (slot !== stringSlot(y.kind, y.b)) return false;
  for (const f of ['a', 'b', 'd'] as const) {
    if (f === slot ? x[f] !== y[f] && (x[f] < 0 || y[f] < 0 || sa[x[f]] === undefined || sa[x[f]] !== sb[y[f]]) : x[f] !== y[f]) return false;
    if (f === slot && x[f] === y[f] && x[f] >= 0 && sa[x[f]] !== sb[y[f]]) return false;
  }
  return true;
}

function compare(a: Group[], b: Group[]): DiffRow[] {
  const rows = new Map<string | number, DiffRow>();
  const row = (key: string | number): DiffRow => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { key, a: { objects: 0, bytes: 0 }, b: { objects: 0, bytes: 0 }, delta: { objects: 0, bytes: 0 } }));
    return r;
  };
  for (const g of a) row(g.key).a = { objects: g.objects, bytes: g.bytes };
  for (const g of b) row(g.key).b = { objects: g.objects, bytes: g.bytes };
  const out = [...rows.values()];
  for (const r of out) r.delta = { objects: r.b.objects - r.a.objects, bytes: r.b.bytes - r.a.bytes };
  return out.sort(
    (x, y) =>
      Math.abs(y.delta.bytes) - Math.abs(x.delta.bytes) ||
      Math.abs(y.delta.objects) - Math.abs(x.delta.objects) ||
      Math.max(y.a.bytes, y.b.bytes) - Math.max(x.a.bytes, x.b.bytes) ||
      (String(x.key) < String(y.key) ? -1 : String(x.key) > String(y.key) ? 1 : 0),
  );
}

function breakdown(a: HeapState, b: HeapState): Breakdown {
  return {
    byLine: compare(groupLive(a, (o) => o.allocLine), groupLive(b, (o) => o.allocLine)),
    byType: compare(groupLive(a, (o) => o.type), groupLive(b, (o) => o.type)),
  };
}

function endState(t: Timeline): HeapState {
  return t.length > 0 ? t.stateAt(t.length - 1) : createHeapState();
}

function peakState(t: Timeline): HeapState {
  if (t.length === 0) return createHeapState();
  const p = t.memory().peak;
  return t.stateAt(p.index);
}

function side(t: Timeline, index: number): DiffSide {
  if (t.length === 0) return { line: 0, event: null };
  if (index >= t.length) return { line: t.lineAt(t.length - 1), event: null };
  return { line: t.lineAt(index), event: eventToJSON(index, t.log.get(index), t.log.strings) };
}

/** Compares two runs (logs, or timelines already open on them). */
export function diffLogs(a: Side, b: Side): LogDiff {
  const ta = timelineOf(a);
  const tb = timelineOf(b);
  const at = firstDivergence(ta.log, tb.log);
  const endA = endState(ta);
  const endB = endState(tb);
  const peakA = peakState(ta);
  const peakB = peakState(tb);
  const gcA = endA.gc.collections;
  const gcB = endB.gc.collections;
  return {
    identical: at < 0,
    firstDivergence: at < 0 ? null : { index: at, a: side(ta, at), b: side(tb, at) },
    total: { a: ta.length, b: tb.length },
    end: {
      a: { objects: endA.objects, bytes: endA.bytes },
      b: { objects: endB.objects, bytes: endB.bytes },
      ...breakdown(endA, endB),
    },
    peak: {
      a: { index: peakA.index, objects: peakA.objects, bytes: peakA.bytes },
      b: { index: peakB.index, objects: peakB.objects, bytes: peakB.bytes },
      ...breakdown(peakA, peakB),
    },
    collections: { a: [gcA[0], gcA[1], gcA[2]], b: [gcB[0], gcB[1], gcB[2]] },
  };
}
