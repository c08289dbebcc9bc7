// Copy-on-write snapshots of the heap state, for seeking.
//
// state/checkpoint.ts folds each batch of events through an immer draft; that is exact but costs
// a proxy access per field, too slow for the 10M-event logs the timeline must seek in. Here the
// same reducer (applyEvent) runs on plain state, and copy-on-write is done by hand, the way immer
// would: before an event is applied, the objects it will write to — the object in its `a` field
// and, for a refcount change held by an object, the holder in `c`, exactly the objects
// applyEvent writes — are copied, with the page holding them, unless this state already owns
// them (an object's table of held references is copied shallowly, and only the one entry an
// event updates is copied again). A snapshot then takes the pages and objects written since the
// previous one and freezes them, sharing everything else. Because shared parts are frozen, a write this rule did not
// foresee throws instead of silently changing a snapshot other states share.
import { EventKind, Holder } from '../events/kinds.js';
import type { EventLog, EventRecord } from '../events/log.js';
import { createHeapState, PAGE_MASK, PAGE_SHIFT, type HeapState, type ObjectState } from '../state/heap.js';
import { applyEvent, holdsObject, NAMES_OBJECT_IN_A } from '../state/reduce.js';

/** A copy of `o` whose refs record is its own; the (frozen) entries stay shared until written. */
function cloneObject(o: ObjectState): ObjectState {
  const c = { ...o };
  if (o.refs) c.refs = { ...o.refs };
  return c;
}

/** A mutable state over frozen shared parts, copying pages and objects on first write. */
class Writable {
  private readonly pages = new Set<number>();
  private readonly objects = new Set<number>();

  constructor(readonly state: HeapState) {}

  /** Makes object `id` (and its page) this state's own before the reducer writes to it. */
  own(id: number): void {
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
    if (e.kind > 0 && e.kind < 32 && NAMES_OBJECT_IN_A[e.kind] === 1 && e.a >= 0) {
      this.own(e.a);
      if ((e.kind === EventKind.Incref || e.kind === EventKind.Decref) && holdsObject(e.b, e.c)) {
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
    return freezeSmall(copySmall(s, s.pages.slice()));
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

/** `base` with fresh copies of everything but the object pages, which are `pages`. */
function copySmall(base: HeapState, pages: HeapState['pages']): HeapState {
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
    pages,
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

/** Events base.index+1 .. upTo folded into a new frozen state that shares what they do not touch with `base`. */
export function advanceFrozen(base: HeapState, log: EventLog, upTo: number): HeapState {
  if (upTo >= log.length) throw new RangeError(`event ${upTo} is outside 0..${log.length - 1}`);
  if (upTo <= base.index) return base;
  const w = new Writable(copySmall(base, base.pages.slice()));
  const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  const strings = log.strings;
  for (let i = base.index + 1; i <= upTo; i++) w.apply(log.read(i, e), strings);
  return w.snapshot();
}

/**
 * Appends to `out` the snapshots after events every-1, 2*every-1, ... up to `upTo`, continuing
 * from the last one in `out`, in one replay. Returns `out`.
 */
export function extendSnapshots(out: HeapState[], log: EventLog, every: number, upTo: number): HeapState[] {
  const prev = out.length > 0 ? out[out.length - 1]! : emptyState();
  const last = Math.min(upTo, log.length - 1);
  if (prev.index + every > last) return out;
  const w = new Writable(copySmall(prev, prev.pages.slice()));
  const e: EventRecord = { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 };
  const strings = log.strings;
  for (let i = prev.index + 1; i <= last; i++) {
    w.apply(log.read(i, e), strings);
    if ((i + 1) % every === 0) out.push(w.snapshot());
  }
  return out;
}
