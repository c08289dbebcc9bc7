// "Why is X alive at i?": a shortest chain of references from a root to X.
//
// What the events say exactly. Every reference one object holds to another is recorded with its
// holder (Incref/Decref with an object holder), so the heap state's `refs` tables are the exact
// object graph, and for any object n
//
//     root references(n) = rc(n) − references live objects hold to n
//
// is exact too: the references nothing in the heap explains are held by the running program —
// a frame's local variable or value-stack slot, a C temporary of the interpreter, an interpreter
// root, the collector. So whether an object is held from outside the heap, and the shortest chain
// from such an object to X (a breadth-first search over the exact referrer edges), are exact. A
// module's globals dict counts as a root ("global") too, and objects that existed before the log
// started (their refcounts are relative) are held by the interpreter.
//
// What they do not say exactly: which of those outside holders it is. The engine moves a
// reference between a temporary, a value-stack slot and a local variable without events where
// CPython does (a pop hands the stack's reference to the instruction, STORE_FAST hands it to the
// local, a call result is pushed: docs/events.md, "Root references"), and the Decref that ends it
// may name another holder than the Incref that began it. `rootLedger` follows the object's own
// events with those moves modelled, and looks ahead to the release of a reference to learn the
// local it was stored in; `RootRef.exact` says whether the holder it names is certain.
import { EventKind, Holder, HOLDER_NAMES } from '../events/kinds.js';
import type { EventLog, EventRecord } from '../events/log.js';
import { allObjects, getObject, type HeapState, type ObjectState } from '../state/heap.js';
import { holdsObject } from '../state/reduce.js';
import { subjectOf } from './objects.js';

export type RootKind = 'global' | 'local' | 'stack' | 'root' | 'gc' | 'temp' | 'interpreter';

export interface RootRef {
  kind: RootKind;
  /** The frame of a local or a stack slot; for a temporary, the frame running when it was taken. */
  frame?: number;
  /** The local variable's name. */
  name?: string;
  /** The globals dict (global), or the object held by the interpreter (interpreter). */
  obj?: number;
  /** The module owning the globals dict. */
  module?: number;
  /** References to the path's first object held from outside the heap (exact: rc minus what live objects hold). */
  refs?: number;
  /**
   * Whether the holder named is certain. False when the reference may have moved between a
   * temporary, the frame's value stack and its locals without an event since the one naming it.
   */
  exact: boolean;
}

export interface PathStep {
  obj: number;
  type: string;
  /** How the previous step (or the root, for the first step) holds this object. */
  holder: string;
  /** The slot of that reference: a name, an index, or null. */
  slot: string | number | null;
}

export interface WhyAlive {
  obj: number;
  index: number;
  alive: boolean;
  /** What holds the chain; null when X is alive but nothing reaches it (garbage awaiting a collection). */
  root: RootRef | null;
  /** From the object the root holds to X itself (empty when X is not alive). */
  path: PathStep[];
}

/** One reference to an object held from outside the heap, as the object's events account for it. */
export interface RootHold {
  holder: Holder;
  /** Holder object or frame (-1 if none), and slot, as the events give them. */
  c: number;
  d: number;
  /** The event that gave the reference this holder. */
  since: number;
  /** True only for holders no silent move can change (a local taken by an event, a root, the collector). */
  exact: boolean;
}

const scratch = (): EventRecord => ({ kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 });

/** Holders a reference can move between without an event (the running frame's own hands). */
function transient(h: Holder): boolean {
  return h === Holder.Temp || h === Holder.Stack;
}

/** The latest hold matching `pred`, or -1. */
function latest(holds: RootHold[], pred: (h: RootHold) => boolean): number {
  for (let k = holds.length - 1; k >= 0; k--) if (pred(holds[k]!)) return k;
  return -1;
}

/**
 * The references to `n` held from outside the heap after event `index`, one entry per reference,
 * from n's own events (`events`: their indices, ascending, as ObjectIndex lists them) and `rootRefs`,
 * the exact number of them (rc − object-held references).
 *
 * Replay: the Alloc gives the creator a temporary reference; an Incref with a non-object holder
 * adds one; a Decref removes the one it names, or, when none matches, the one a silent move
 * explains: a Local release takes a value-stack or temporary reference of the same frame
 * (STORE_FAST moved it there), a Temp release takes a stack reference (a pop), anything else the
 * latest transient one. Look-ahead: a later Local release of n that no later Incref explains
 * is a reference stored silently into that local, now or after `index`; it comes from a transient
 * reference of the frame, which is relabelled as that local unless the store is known to come
 * after `index` (the reference was taken at `index`, or the slot held another value after it).
 * Relabelled holds are not exact.
 */
export function rootLedger(log: EventLog, n: ObjectState, index: number, events: ArrayLike<number>, rootRefs: number): RootHold[] {
  const holds: RootHold[] = [];
  const e = scratch();
  let k = 0;
  for (; k < events.length && events[k]! <= index; k++) {
    const i = events[k]!;
    log.read(i, e);
    if (e.a !== n.id) continue;
    if (e.kind === EventKind.Alloc) {
      holds.length = 0;
      holds.push({ holder: Holder.Temp, c: -1, d: -1, since: i, exact: false });
      continue;
    }
    if (e.kind === EventKind.Free) {
      holds.length = 0;
      continue;
    }
    if (e.kind !== EventKind.Incref && e.kind !== EventKind.Decref) continue;
    if (holdsObject(e.b, e.c)) continue;
    if (e.kind === EventKind.Incref) {
      holds.push({ holder: e.b as Holder, c: e.c, d: e.d, since: i, exact: !transient(e.b) });
      continue;
    }
    let at = latest(holds, (h) => h.holder === e.b && h.c === e.c && h.d === e.d);
    if (at < 0 && e.b === Holder.Local) at = latest(holds, (h) => transient(h.holder) && (h.holder === Holder.Temp || h.c === e.c));
    if (at < 0 && e.b === Holder.Stack) at = latest(holds, (h) => h.holder === Holder.Stack && h.c === e.c);
    if (at < 0 && e.b === Holder.Temp) at = latest(holds, (h) => h.holder === Holder.Stack);
    if (at < 0) at = latest(holds, (h) => transient(h.holder));
    if (at < 0) at = holds.length - 1;
    if (at >= 0) holds.splice(at, 1);
  }
  // The count is exact; if the replay disagrees (an engine move this model does not know), trust
  // the count: drop transient holds first, or add temporaries of unknown origin.
  while (holds.length > rootRefs) {
    let at = latest(holds, (h) => transient(h.holder));
    if (at < 0) at = holds.length - 1;
    holds.splice(at, 1);
  }
  while (holds.length < rootRefs) holds.push({ holder: Holder.Temp, c: -1, d: -1, since: -1, exact: false });

  // Look-ahead: silent stores into locals, learnt from their releases.
  const taken = new Map<string, number>();
  for (; k < events.length; k++) {
    const i = events[k]!;
    log.read(i, e);
    if (e.a !== n.id) continue;
    if (e.kind === EventKind.Free) break;
    if (e.kind !== EventKind.Incref && e.kind !== EventKind.Decref) continue;
    if (holdsObject(e.b, e.c)) continue;
    const key = `${e.b}:${e.c}:${e.d}`;
    const t = taken.get(key) ?? 0;
    if (e.kind === EventKind.Incref) {
      taken.set(key, t + 1);
      continue;
    }
    if (t > 0) {
      taken.set(key, t - 1);
      continue;
    }
    if (e.b !== Holder.Local) continue;
    if (holds.some((h) => h.holder === Holder.Local && h.c === e.c && h.d === e.d)) continue;
    const from = latest(holds, (h) => transient(h.holder) && (h.holder === Holder.Temp || h.c === e.c));
    if (from < 0) continue;
    const h = holds[from]!;
    if (h.since === index || slotChangedBetween(log, e.c, e.d, n.id, index, i)) {
      // Stored after `index` (the reference was taken by the very event asked about, or the slot
      // held another value since): for now it is in the frame's hands.
      if (h.holder === Holder.Temp) holds[from] = { ...h, c: e.c, exact: false };
      continue;
    }
    holds[from] = { holder: Holder.Local, c: e.c, d: e.d, since: h.since, exact: false };
  }
  return holds;
}

/** Whether local `slot` of `frame` took or released a value other than `obj` after event `from` and before `to`. */
function slotChangedBetween(log: EventLog, frame: number, slot: number, obj: number, from: number, to: number): boolean {
  const e = scratch();
  for (let j = to - 1; j > from; j--) {
    const k = log.kind(j);
    if (k !== EventKind.Incref && k !== EventKind.Decref) continue;
    log.read(j, e);
    if (e.b === Holder.Local && e.c === frame && e.d === slot && e.a !== obj) return true;
  }
  return false;
}

/**
 * Every dict a module object took as its `__dict__` up to event `upTo` (the module may later drop
 * or hand over that reference silently; the dict stays its globals). `takes` lists the events to
 * look at, when known: every Incref of a `__dict__` field (Timeline keeps them).
 */
export function moduleGlobals(log: EventLog, upTo: number, state: HeapState, takes?: ArrayLike<number>): Set<number> {
  const globals = new Set<number>();
  const e = scratch();
  const consider = (i: number): void => {
    log.read(i, e);
    if (e.b === Holder.Field && getObject(state, e.c)?.type === 'module') globals.add(e.a);
  };
  if (takes) {
    for (let k = 0; k < takes.length && takes[k]! <= upTo; k++) consider(takes[k]!);
    return globals;
  }
  for (const i of dictTakes(log, upTo)) consider(i);
  return globals;
}

/** Indices of the Incref events through event `upTo` that give an object a `__dict__` field. */
export function dictTakes(log: EventLog, upTo: number = log.length - 1): Int32Array {
  const dictName = log.strings.indexOf('__dict__');
  const out: number[] = [];
  if (dictName < 0) return Int32Array.from(out);
  const e = scratch();
  for (let i = 0; i <= upTo; i++) {
    if (log.kind(i) !== EventKind.Incref) continue;
    log.read(i, e);
    if (e.b === Holder.Field && e.d === dictName) out.push(i);
  }
  return Int32Array.from(out);
}

/** Indices of the events about `obj`, found by a scan (Timeline passes its index instead). */
function scanEvents(log: EventLog, obj: number): Int32Array {
  const e = scratch();
  const out: number[] = [];
  for (let i = 0; i < log.length; i++) if (subjectOf(log, i, e) === obj) out.push(i);
  return Int32Array.from(out);
}

/** The object graph reversed: who holds each object, and how many references live objects hold to it. */
export interface HeapGraph {
  referrers: Map<number, { from: ObjectState; holder: Holder; slot: number }[]>;
  held: Map<number, number>;
}

export function heapGraph(state: HeapState): HeapGraph {
  const referrers = new Map<number, { from: ObjectState; holder: Holder; slot: number }[]>();
  const held = new Map<number, number>();
  for (const o of allObjects(state)) {
    if (!o.alive || !o.refs) continue;
    for (const key in o.refs) {
      const ref = o.refs[key]!;
      if (ref.n <= 0) continue;
      const t = Number(key);
      let list = referrers.get(t);
      if (!list) referrers.set(t, (list = []));
      list.push({ from: o, holder: ref.holder, slot: ref.slot });
      held.set(t, (held.get(t) ?? 0) + ref.n);
    }
  }
  return { referrers, held };
}

/** The preference among an object's outside holders when naming its root: the most telling first. */
function rank(h: RootHold): number {
  const base = h.holder === Holder.Local ? 0 : h.holder === Holder.Stack ? 2 : h.holder === Holder.Root ? 4 : h.holder === Holder.Gc ? 5 : 6;
  return base + (h.exact ? 0 : 1);
}

function rootOfHold(h: RootHold, strings: readonly string[], refs: number): RootRef {
  const kind: RootKind = h.holder === Holder.Local ? 'local' : h.holder === Holder.Stack ? 'stack' : h.holder === Holder.Gc ? 'gc'
    : h.holder === Holder.Temp ? 'temp' : 'root';
  const root: RootRef = { kind, refs, exact: h.exact };
  if ((kind === 'local' || kind === 'stack' || kind === 'temp') && h.c >= 0) root.frame = h.c;
  if (kind === 'local' && h.d >= 0 && h.d < strings.length) root.name = strings[h.d]!;
  return root;
}

/** What a Timeline already knows, to spare whyAlive scans of the log; each is computed when absent. */
export interface WhyContext {
  /** Indices of n's events, ascending (Timeline's object index). */
  eventsOf?: (n: number) => ArrayLike<number>;
  /** The result of `dictTakes(log)`. */
  dictEvents?: ArrayLike<number>;
  /** The result of `heapGraph(state)`. */
  reverse?: HeapGraph;
  /** The frame running after event j (LineTrack.frameAt); names the frame of a temporary. */
  frameAt?: (j: number) => number;
}

/**
 * Why `obj` is alive in `state` (the state after event state.index of `log`). The fourth argument
 * is a WhyContext, or (the first form) the `eventsOf` function alone.
 */
export function whyAlive(
  state: HeapState,
  log: EventLog,
  obj: number,
  context: WhyContext | ((n: number) => ArrayLike<number>) = {},
): WhyAlive {
  const ctx: WhyContext = typeof context === 'function' ? { eventsOf: context } : context;
  const { eventsOf, dictEvents, reverse, frameAt } = ctx;
  const target = getObject(state, obj);
  const index = state.index;
  if (!target || !target.alive) return { obj, index, alive: false, root: null, path: [] };
  const globals = moduleGlobals(log, index, state, dictEvents);
  const { referrers, held } = reverse ?? heapGraph(state);
  const strings = log.strings;
  const slotOf = (holder: Holder, slot: number): string | number | null =>
    holder === Holder.Item || holder === Holder.Stack ? slot : slot >= 0 && slot < strings.length ? strings[slot]! : null;

  // Breadth-first from X over referrers; `via` remembers how each visited object is held on the way to X.
  const via = new Map<number, { next: number; holder: Holder; slot: number } | null>([[obj, null]]);
  let frontier = [obj];
  while (frontier.length > 0) {
    const nextFrontier: number[] = [];
    for (const n of frontier) {
      const o = getObject(state, n)!;
      if (o.allocEvent < 0) return found({ kind: 'interpreter', obj: n, exact: true }, chain(n, null, -1));
      const outside = o.rc - (held.get(n) ?? 0);
      if (outside > 0) {
        const holds = rootLedger(log, o, index, eventsOf ? eventsOf(n) : scanEvents(log, n), outside);
        const best = holds.reduce((x, y) => (rank(y) < rank(x) ? y : x));
        const root = rootOfHold(best, strings, outside);
        // A temporary belongs to the frame that was running when it was taken.
        if (root.kind === 'temp' && root.frame === undefined && frameAt && best.since >= 0) {
          const f = frameAt(best.since);
          if (f >= 0) root.frame = f;
        }
        return found(root, chain(n, best.holder, best.d));
      }
      for (const r of referrers.get(n) ?? []) {
        if (via.has(r.from.id)) continue;
        via.set(r.from.id, { next: n, holder: r.holder, slot: r.slot });
        nextFrontier.push(r.from.id);
      }
    }
    frontier = nextFrontier;
  }
  return { obj, index, alive: true, root: null, path: [] };

  /**
   * The answer for a chain from a root: when it passes through a module's globals (the dict a
   * module took as its `__dict__`), it is told as a global variable, from the last such dict down.
   */
  function found(root: RootRef, path: PathStep[]): WhyAlive {
    for (let k = path.length - 2; k >= 0; k--) {
      const dict = path[k]!.obj;
      if (!globals.has(dict)) continue;
      const owner = referrers.get(dict)?.find((r) => r.from.type === 'module' && r.holder === Holder.Field);
      const g: RootRef = { kind: 'global', obj: dict, exact: true };
      if (owner) g.module = owner.from.id;
      return { obj, index, alive: true, root: g, path: path.slice(k + 1) };
    }
    return { obj, index, alive: true, root, path };
  }

  /** The path from `first` (held by the root as `holder`, `slot`) down to X. */
  function chain(first: number, firstHolder: Holder | null, firstSlot: number): PathStep[] {
    const out: PathStep[] = [];
    let n = first;
    let holder = firstHolder;
    let slot = firstSlot;
    for (;;) {
      const o = getObject(state, n);
      out.push({
        obj: n, type: o?.type ?? '?',
        holder: holder === null ? 'interpreter' : HOLDER_NAMES[holder] ?? String(holder),
        slot: holder === null ? null : slotOf(holder, slot),
      });
      const step = via.get(n);
      if (!step) return out;
      n = step.next;
      holder = step.holder;
      slot = step.slot;
    }
  }
}

/**
 * Non-object references by target object as Incref/Decref holders name them up to event `upTo`,
 * matched literally (no silent moves modelled), and the module globals. Kept for callers of the
 * first why-alive; `rootLedger` is the account whyAlive uses.
 */
export function rootHolds(
  log: EventLog,
  upTo: number,
  state: HeapState,
): { holds: Map<number, { holder: Holder; c: number; d: number; n: number }[]>; globals: Set<number> } {
  const holds = new Map<number, { holder: Holder; c: number; d: number; n: number }[]>();
  const e = scratch();
  for (let i = 0; i <= upTo; i++) {
    const k = log.kind(i);
    if (k !== EventKind.Incref && k !== EventKind.Decref) continue;
    log.read(i, e);
    if (holdsObject(e.b, e.c)) continue;
    let list = holds.get(e.a);
    if (!list) holds.set(e.a, (list = []));
    const h = list.find((x) => x.holder === e.b && x.c === e.c && x.d === e.d);
    if (k === EventKind.Incref) {
      if (h) h.n++;
      else list.push({ holder: e.b as Holder, c: e.c, d: e.d, n: 1 });
    } else if (h && --h.n === 0) {
      list.splice(list.indexOf(h), 1);
      if (list.length === 0) holds.delete(e.a);
    }
  }
  return { holds, globals: moduleGlobals(log, upTo, state) };
}
