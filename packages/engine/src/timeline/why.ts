// "Why is X alive at i?": a shortest chain of references from a root to X.
//
// Object-to-object references come from the heap state (each object's `refs`, folded from the
// holders of Incref/Decref events). References whose holder is not an object — a frame's local
// variable or stack slot, an interpreter root, the collector's lists, a temporary — are not in
// the state, so they are counted by one pass over the log up to i. Then a breadth-first search
// walks referrers outward from X and stops at the first object a root holds, which gives the
// shortest chain. A module's globals dict counts as a root ("global"), and so does an object
// holding more references than any recorded holder explains (held by the interpreter itself:
// builtin modules, objects that existed before the log started).
import { EventKind, Holder, HOLDER_NAMES } from '../events/kinds.js';
import type { EventLog, EventRecord } from '../events/log.js';
import { allObjects, getObject, type HeapState, type ObjectState } from '../state/heap.js';
import { holdsObject } from '../state/reduce.js';

export type RootKind = 'global' | 'local' | 'stack' | 'root' | 'gc' | 'temp' | 'interpreter';

export interface RootRef {
  kind: RootKind;
  /** The frame of a local or a stack slot. */
  frame?: number;
  /** The globals dict (global), or the object held by the interpreter (interpreter). */
  obj?: number;
  /** The module owning the globals dict. */
  module?: number;
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

/** A reference not held by an object: who holds it and how many times. */
interface RootHold {
  holder: Holder;
  c: number;
  d: number;
  n: number;
}

/**
 * Non-object references alive after event `upTo`, by target object, and the module globals:
 * every dict a module object took as its `__dict__` (the module may drop or hand over that
 * reference silently later; the dict stays its globals).
 */
export function rootHolds(log: EventLog, upTo: number, state: HeapState): { holds: Map<number, RootHold[]>; globals: Set<number> } {
  const holds = new Map<number, RootHold[]>();
  const globals = new Set<number>();
  const dictName = log.strings.indexOf('__dict__');
  const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  for (let i = 0; i <= upTo; i++) {
    const k = log.kind(i);
    if (k !== EventKind.Incref && k !== EventKind.Decref) continue;
    log.read(i, e);
    if (holdsObject(e.b, e.c)) {
      if (e.b === Holder.Field && e.d === dictName && k === EventKind.Incref && getObject(state, e.c)?.type === 'module') globals.add(e.a);
      continue;
    }
    let list = holds.get(e.a);
    if (!list) holds.set(e.a, (list = []));
    let h: RootHold | undefined;
    for (const x of list) if (x.holder === e.b && x.c === e.c && x.d === e.d) h = x;
    if (k === EventKind.Incref) {
      if (h) h.n++;
      else list.push({ holder: e.b, c: e.c, d: e.d, n: 1 });
    } else if (h && --h.n === 0) {
      list.splice(list.indexOf(h), 1);
      if (list.length === 0) holds.delete(e.a);
    }
  }
  return { holds, globals };
}


const NO_EVENTS = new Int32Array(0);

const ROOT_ORDER: Record<number, number> = {
  [Holder.Local]: 0, [Holder.Stack]: 1, [Holder.Root]: 2, [Holder.Gc]: 3, [Holder.Temp]: 4,
};

/**
 * The engine may hand a reference from one holder to another without events (a value stack slot
 * stored into a local or a new list steals it; docs/events.md allows it), so the holders counted
 * from events can disagree with the refcount. `reconcile` settles that for object `n` at `index`:
 * surplus holds are dropped, value-stack and temporary ones first (those are the ones handed on
 * silently); a shortfall is explained by looking ahead in n's own events for the first releases
 * by holders that, as far as events tell, never took a reference: they held it all along.
 */
function reconcile(
  n: ObjectState,
  holds: RootHold[],
  objectRefs: number,
  future: Int32Array,
  index: number,
  log: EventLog,
): { holder: Holder; c: number; d: number }[] {
  let total = objectRefs;
  for (const h of holds) total += h.n;
  if (n.allocEvent < 0) return [];
  for (const kind of [Holder.Stack, Holder.Temp, Holder.Gc, Holder.Local, Holder.Root]) {
    for (const h of holds) {
      while (total > n.rc && h.holder === kind && h.n > 0) {
        h.n--;
        total--;
      }
    }
  }
  for (let k = holds.length - 1; k >= 0; k--) if (holds[k]!.n === 0) holds.splice(k, 1);
  let missing = n.rc - total;
  const inferred: { holder: Holder; c: number; d: number }[] = [];
  if (missing <= 0) return inferred;
  const taken = new Map<string, number>();
  const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  let start = 0;
  while (start < future.length && future[start]! <= index) start++;
  for (let k = start; k < future.length && missing > 0; k++) {
    log.read(future[k]!, e);
    if (e.a !== n.id) continue;
    if (e.kind === EventKind.Free) break;
    if (e.kind !== EventKind.Incref && e.kind !== EventKind.Decref) continue;
    const key = `${e.b}:${e.c}:${e.d}`;
    const t = taken.get(key) ?? 0;
    if (e.kind === EventKind.Incref) taken.set(key, t + 1);
    else if (t > 0) taken.set(key, t - 1);
    else {
      const held = holds.find((h) => h.holder === e.b && h.c === e.c && h.d === e.d && h.n > 0);
      if (held) continue; // released a hold we already count
      inferred.push({ holder: e.b, c: e.c, d: e.d });
      missing--;
    }
  }
  return inferred;
}

/**
 * Why `obj` is alive in `state`. `eventsOf(n)` lists the indices of n's events (Timeline's
 * object index) for the look-ahead `reconcile` needs; without it, unexplained references are
 * attributed to the interpreter.
 */
export function whyAlive(state: HeapState, log: EventLog, obj: number, eventsOf?: (n: number) => Int32Array): WhyAlive {
  const target = getObject(state, obj);
  const index = state.index;
  if (!target || !target.alive) return { obj, index, alive: false, root: null, path: [] };
  const { holds, globals } = rootHolds(log, index, state);
  // Reverse edges: target → holders, and how many references to each object are explained.
  const referrers = new Map<number, { from: ObjectState; holder: Holder; slot: number }[]>();
  const known = new Map<number, number>();
  for (const o of allObjects(state)) {
    if (!o.alive || !o.refs) continue;
    for (const key in o.refs) {
      const ref = o.refs[key]!;
      if (ref.n <= 0) continue;
      const t = Number(key);
      let list = referrers.get(t);
      if (!list) referrers.set(t, (list = []));
      list.push({ from: o, holder: ref.holder, slot: ref.slot });
      known.set(t, (known.get(t) ?? 0) + ref.n);
    }
  }
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
      const own = holds.get(n) ?? [];
      let explained = known.get(n) ?? 0;
      for (const h of reconcile(o, own, explained, eventsOf ? eventsOf(n) : NO_EVENTS, index, log)) {
        if (!holdsObject(h.holder, h.c)) {
          own.push({ ...h, n: 1 });
          continue;
        }
        const from = getObject(state, h.c);
        if (!from?.alive) continue;
        let list = referrers.get(n);
        if (!list) referrers.set(n, (list = []));
        list.push({ from, holder: h.holder, slot: h.d });
        explained++;
      }
      for (const h of own) explained += h.n;
      const root = rootOf(o, own, explained, referrers.get(n));
      if (root) return { obj, index, alive: true, root: root.root, path: chain(root.first) };
      for (const r of referrers.get(n) ?? []) {
        if (via.has(r.from.id)) continue;
        via.set(r.from.id, { next: n, holder: r.holder, slot: r.slot });
        nextFrontier.push(r.from.id);
      }
    }
    frontier = nextFrontier;
  }
  return { obj, index, alive: true, root: null, path: [] };

  /** The path from `first` (with how the root holds it) down to X. */
  function chain(first: { obj: number; holder: Holder | null; slot: number }): PathStep[] {
    const out: PathStep[] = [];
    let n = first.obj;
    let holder = first.holder;
    let slot = first.slot;
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

  function rootOf(
    o: ObjectState,
    rootRefs: RootHold[] | undefined,
    explained: number,
    refs: { from: ObjectState; holder: Holder; slot: number }[] | undefined,
  ): { root: RootRef; first: { obj: number; holder: Holder | null; slot: number } } | null {
    // A module's globals: the dict a module took as its __dict__. The chain starts below it.
    if (globals.has(o.id) && o.id !== obj) {
      const step = via.get(o.id)!;
      const owner = refs?.find((r) => r.from.type === 'module' && r.holder === Holder.Field);
      const root: RootRef = { kind: 'global', obj: o.id };
      if (owner) root.module = owner.from.id;
      return { root, first: { obj: step.next, holder: step.holder, slot: step.slot } };
    }
    if (rootRefs && rootRefs.length > 0) {
      const best = [...rootRefs].sort((x, y) => (ROOT_ORDER[x.holder] ?? 9) - (ROOT_ORDER[y.holder] ?? 9))[0]!;
      const kind: RootKind =
        best.holder === Holder.Local ? 'local' : best.holder === Holder.Stack ? 'stack' : best.holder === Holder.Gc ? 'gc'
          : best.holder === Holder.Temp ? 'temp' : 'root';
      const root: RootRef = { kind };
      if (kind === 'local' || kind === 'stack') root.frame = best.c;
      return { root, first: { obj: o.id, holder: best.holder, slot: best.d } };
    }
    if (o.allocEvent < 0 || o.rc > explained) {
      return { root: { kind: 'interpreter', obj: o.id }, first: { obj: o.id, holder: null, slot: -1 } };
    }
    return null;
  }
}
