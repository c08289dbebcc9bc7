// Checkpoints: immutable snapshots of the heap state every K events, for seeking in a recording.
//
// A checkpoint is the previous one advanced through the next K events by the one reducer
// (applyEvent), with structural sharing: object pages, objects and the tables inside them that the
// batch did not touch are the very arrays and records of the previous checkpoint, so checkpoint
// memory grows with what changed, not with the size of the heap.
//
// The sharing is immer's model — copy on first write, freeze what is shared — done by hand rather
// than by `produce` over a draft. Under a draft every field read and write of the reducer goes
// through a Proxy (0.35M events/s, against 15M+ on plain state), and a 10M-event log must be
// checkpointed in seconds. Here the reducer runs on plain objects; before each event, the objects
// that event will write to are made this state's own, which the event itself tells: the object in
// its `a` field and, for a refcount change held by an object, the holder in `c` (exactly what
// applyEvent writes; NAMES_OBJECT_IN_A and holdsObject are the reducer's own rules). A page and an
// object are copied at most once per batch; an object's table of held references is copied
// shallowly, and only the one entry an event updates is copied again. The small parts (gc
// counters, arenas, frames, output) are copied whole per batch. Everything a checkpoint shares is
// frozen, so a write this rule did not foresee throws instead of silently changing a state other
// states share.
//
// applyEvent stays an immer recipe (it only mutates its draft and returns nothing): test/state
// runs it under `produce` and checks it gives these checkpoints' states.
import { EventKind } from '../events/kinds.js';
import type { EventLog, EventRecord } from '../events/log.js';
import { createHeapState, PAGE_MASK, PAGE_SHIFT, type HeapState, type ObjectState } from './heap.js';
import { applyEvent, holdsObject, NAMES_OBJECT_IN_A } from './reduce.js';

/** Events between checkpoints unless told otherwise. */
export const CHECKPOINT_EVERY = 4096;

/** A copy of `o` whose refs table is its own; the (frozen) entries stay shared until written. */
function cloneObject(o: ObjectState): ObjectState {
  const c = { ...o };
  if (o.refs) c.refs = { ...o.refs };
  return c;
}

/** A mutable state over frozen shared parts, copying pages and objects on first write. */
class Writable {
  /** Pages and objects this state owns (copied since the last snapshot). */
  private readonly pages = new Set<number>();
  private readonly objects = new Set<number>();

  constructor(readonly state: HeapState) {}

  /** Makes object `id` (and its page) this state's own before the reducer writes to it. */
  private own(id: number): void {
    const p = id >>> PAGE_SHIFT;
    const pages = this.state.pages;
    if (!this.pages.has(p)) {
      this.pages.add(p);
      const page = pages[p];
      if (page) pages[p] = page.slice();
    }
    if (!this.objects.has(id)) {
      this.objects.add(id);
      const page = pages[p];
      const o = page?.[id & PAGE_MASK];
      if (page && o) page[id & PAGE_MASK] = cloneObject(o);
    }
  }

  /** Prepares for event e, then applies it. */
  apply(e: EventRecord, strings: readonly string[]): void {
    const k = e.kind;
    if (k > 0 && k < 32 && NAMES_OBJECT_IN_A[k] === 1 && e.a >= 0) {
      this.own(e.a);
      if ((k === EventKind.Incref || k === EventKind.Decref) && holdsObject(e.b, e.c)) {
        this.own(e.c);
        // The reducer updates the holder's entry for e.a in place: make that one entry ours.
        const holder = this.state.pages[e.c >>> PAGE_SHIFT]?.[e.c & PAGE_MASK];
        const ref = holder?.refs?.[e.a];
        if (ref && Object.isFrozen(ref)) holder!.refs![e.a] = { ...ref };
      }
    }
    applyEvent(this.state, e, strings);
  }

  /**
   * A frozen state equal to this one: it takes the pages and objects written so far (frozen, so
   * this state copies them again on its next write) and copies of the small parts.
   */
  snapshot(): HeapState {
    const s = this.state;
    for (const id of this.objects) {
      const o = s.pages[id >>> PAGE_SHIFT]?.[id & PAGE_MASK];
      if (o && !Object.isFrozen(o)) freezeObject(o);
    }
    for (const p of this.pages) {
      const page = s.pages[p];
      if (page) Object.freeze(page);
    }
    this.pages.clear();
    this.objects.clear();
    return freezeSmall(copySmall(s));
  }
}

function freezeObject(o: ObjectState): void {
  if (o.refs) {
    for (const k in o.refs) {
      const ref = o.refs[k as unknown as number]!;
      if (!Object.isFrozen(ref)) Object.freeze(ref);
    }
    Object.freeze(o.refs);
  }
  Object.freeze(o);
}

/** `base` with fresh copies of everything but the object pages, whose array is copied but not the pages. */
function copySmall(base: HeapState): HeapState {
  const gc = base.gc;
  const arenas: HeapState['alloc']['arenas'] = {};
  for (const a in base.alloc.arenas) {
    const pools: Record<number, { size: number; used: number }> = {};
    const src = base.alloc.arenas[a]!;
    for (const p in src) pools[p as unknown as number] = { ...src[p as unknown as number]! };
    arenas[a as unknown as number] = pools;
  }
  return {
    ...base,
    pages: base.pages.slice(),
    gc: {
      ...gc,
      count: [gc.count[0], gc.count[1], gc.count[2]],
      threshold: [gc.threshold[0], gc.threshold[1], gc.threshold[2]],
      collections: [gc.collections[0], gc.collections[1], gc.collections[2]],
      collected: [gc.collected[0], gc.collected[1], gc.collected[2]],
      uncollectable: [gc.uncollectable[0], gc.uncollectable[1], gc.uncollectable[2]],
      last: gc.last ? { ...gc.last } : null,
    },
    alloc: { ...base.alloc, arenas },
    frames: base.frames.map((f) => ({ ...f })),
  };
}

function freezeSmall(s: HeapState): HeapState {
  Object.freeze(s.pages);
  const gc = s.gc;
  Object.freeze(gc.count);
  Object.freeze(gc.threshold);
  Object.freeze(gc.collections);
  Object.freeze(gc.collected);
  Object.freeze(gc.uncollectable);
  if (gc.last) Object.freeze(gc.last);
  Object.freeze(gc);
  for (const a in s.alloc.arenas) {
    const pools = s.alloc.arenas[a]!;
    for (const p in pools) Object.freeze(pools[p as unknown as number]);
    Object.freeze(pools);
  }
  Object.freeze(s.alloc.arenas);
  Object.freeze(s.alloc);
  for (const f of s.frames) Object.freeze(f);
  Object.freeze(s.frames);
  return Object.freeze(s);
}

/** The frozen state before event 0. */
export function emptyState(): HeapState {
  return freezeSmall(createHeapState());
}

/**
 * `base` advanced through event `upTo` (inclusive) as a new frozen state that shares with `base`
 * everything the events do not touch; `base` itself is never written. (A `base` that is not frozen
 * must not be mutated afterwards either, since the result shares its pages.)
 */
export function advance(base: HeapState, log: EventLog, upTo: number): HeapState {
  if (upTo >= log.length) throw new RangeError(`event ${upTo} is outside 0..${log.length - 1}`);
  if (upTo <= base.index) return base;
  const w = new Writable(copySmall(base));
  const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  const strings = log.strings;
  for (let i = base.index + 1; i <= upTo; i++) w.apply(log.read(i, e), strings);
  return w.snapshot();
}

/**
 * Appends to `out` the checkpoints after events every-1, 2*every-1, ... up to `upTo`, continuing
 * from the last one in `out` (which must be on that grid), in one replay. Returns `out`.
 */
export function extendCheckpoints(out: HeapState[], log: EventLog, every: number, upTo: number): HeapState[] {
  const prev = out.length > 0 ? out[out.length - 1]! : emptyState();
  const last = Math.min(upTo, log.length - 1);
  if (prev.index + every > last) return out;
  const w = new Writable(copySmall(prev));
  const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  const strings = log.strings;
  for (let i = prev.index + 1; i <= last; i++) {
    w.apply(log.read(i, e), strings);
    if ((i + 1) % every === 0) out.push(w.snapshot());
  }
  return out;
}

/** Checkpoints at events K-1, 2K-1, ... and at the last event. checkpoints[j].index is their position. */
export function buildCheckpoints(log: EventLog, every: number = CHECKPOINT_EVERY): HeapState[] {
  const out = extendCheckpoints([], log, every, log.length - 1);
  const last = out[out.length - 1];
  if (log.length > 0 && (!last || last.index < log.length - 1)) out.push(advance(last ?? emptyState(), log, log.length - 1));
  return out;
}

/** The state at event `n`, starting from the nearest checkpoint at or before it. */
export function stateAt(checkpoints: readonly HeapState[], log: EventLog, n: number): HeapState {
  let lo = 0;
  let hi = checkpoints.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (checkpoints[mid]!.index <= n) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return advance(best >= 0 ? checkpoints[best]! : emptyState(), log, n);
}
