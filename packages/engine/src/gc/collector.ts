// The cyclic garbage collector of CPython 3.11 (Modules/gcmodule.c), step by step.
//
// Reference counting frees everything except cycles. To find cycles the collector looks at one
// generation (and all younger ones) at a time: every container in it gets a scratch count equal
// to its refcount (update_refs); each reference from a container of the set to another member
// is subtracted (subtract_refs), leaving in gcRefs only the references from outside the set.
// Anything with gcRefs > 0 is reachable from outside, and so is everything it reaches
// (move_unreachable); the rest is cyclic garbage. Before freeing it the collector clears weak
// references (running the callbacks of those that outlive the garbage), calls `__del__` once
// per object (PEP 442), checks whether a finalizer resurrected anything, and finally breaks the
// cycles with tp_clear, so ordinary refcounting deallocates the objects.
//
// Objects are kept on intrusive lists (object.ts), so a collection allocates nothing per
// object, and the order of every list is CPython's: it decides the order of `__del__` calls,
// weakref callbacks and gc.get_objects(). Every step is recorded in the event log.
import { EventKind, GcPhase } from '../events/kinds.js';
import type { EventLog } from '../events/log.js';
import type { GcHost, GcVisit } from './host.js';
import {
  type GcObject, GC_COLLECTING, GC_FINALIZED, GC_TRACKED, GC_UNREACHABLE, GEN_PERMANENT, GEN_UNTRACKED,
  gcListAppend, gcListIsEmpty, gcListMerge, gcListMove, gcListNew, gcListRemove,
} from './object.js';

/** gc.DEBUG_* flags. Only SAVEALL changes what the collector does; the others ask for reports. */
export const DEBUG_STATS = 1;
export const DEBUG_COLLECTABLE = 2;
export const DEBUG_UNCOLLECTABLE = 4;
export const DEBUG_SAVEALL = 32;
export const DEBUG_LEAK = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

/** The number of generations (NUM_GENERATIONS). */
export const NUM_GENERATIONS = 3;

/** One entry of gc.get_stats(). */
export interface GcGenerationStats {
  collections: number;
  collected: number;
  uncollectable: number;
}

export class Collector<T extends GcObject = GcObject> {
  /** The list heads of generations 0, 1, 2 and, at GEN_PERMANENT, the permanent generation. */
  private readonly gens: GcObject[] = [gcListNew(), gcListNew(), gcListNew(), gcListNew()];
  /** generations[i].count: gen0 = GC allocations minus frees; gen i>0 = collections of gen i-1. */
  private readonly count = [0, 0, 0];
  private readonly threshold = [700, 10, 10];
  private readonly stats: GcGenerationStats[] = [
    { collections: 0, collected: 0, uncollectable: 0 },
    { collections: 0, collected: 0, uncollectable: 0 },
    { collections: 0, collected: 0, uncollectable: 0 },
  ];
  /** gc.isenabled(): automatic collection runs. */
  enabled = true;
  /** gc.get_debug() flags. */
  debug = 0;
  /** A collection is running (gcstate->collecting); no other one starts. */
  collecting = false;
  /** Objects in gen2 after the last full collection. */
  longLivedTotal = 0;
  /** Objects promoted into gen2 since the last full collection. */
  longLivedPending = 0;
  /**
   * Long-lived objects a real CPython process has that the simulation does not model (the
   * modules, functions and types of a real startup: 11,092 tracked objects after gc.collect()
   * at the start of `python3 script.py`). They would sit in gen2 for good, so every full
   * collection counts them in long_lived_total, which decides when the next automatic full
   * collection may run (the 25% rule). The runtime sets it; 0 models an empty interpreter.
   */
  hiddenLongLived = 0;
  /** What the last collection found: collected (m) and uncollectable (n). */
  lastCollected = 0;
  lastUncollectable = 0;

  // Work lists of a collection, allocated once.
  private readonly unreachable = gcListNew();
  private readonly stillUnreachable = gcListNew();
  private readonly finalizers = gcListNew();
  private readonly wrcbToCall = gcListNew();
  private readonly seen = gcListNew();
  /** The list move_unreachable is scanning (visit_reachable moves objects back to its tail). */
  private young: GcObject;
  /** Objects on `unreachable` while move_unreachable runs. */
  private unreachableCount = 0;
  /** Scratch of the tuple/dict untracking predicate. */
  private mayBeTracked = false;
  /** Scratch of getReferrers. */
  private referrerTargets: ReadonlySet<GcObject> | null = null;
  private referrerFound = false;
  private referentsOut: T[] | null = null;

  constructor(readonly host: GcHost<T>, readonly log: EventLog) {
    this.young = this.gens[0]!;
  }

  // ---------------------------------------------------------------------------------------------
  // Tracking and the allocation counter

  /** _PyObject_GC_TRACK: appends `o` to generation 0. Tracking a tracked object does nothing. */
  track(o: T): void {
    if (o.gcNext !== null) return;
    gcListAppend(o, this.gens[0]!);
    o.gcFlags |= GC_TRACKED;
    o.gcGen = 0;
    this.log.push(EventKind.Track, o.id, 0);
  }

  /** PyObject_GC_UnTrack: takes `o` off whatever list holds it; keeps only the FINALIZED bit. */
  untrack(o: T): void {
    if (o.gcNext === null) return;
    gcListRemove(o);
    o.gcFlags &= GC_FINALIZED;
    o.gcGen = GEN_UNTRACKED;
    this.log.push(EventKind.Untrack, o.id);
  }

  /** gc.is_tracked (for a GC object; non-GC objects are never tracked). */
  isTracked(o: T): boolean {
    return o.gcNext !== null;
  }

  /** gc.is_finalized. */
  isFinalized(o: T): boolean {
    return (o.gcFlags & GC_FINALIZED) !== 0;
  }

  /**
   * _PyObject_GC_Link: a GC-capable object was freshly allocated (tracked or not; not when it
   * came off a free list). May run a collection right here, before the new object is tracked.
   */
  onGcAlloc(): void {
    const c = ++this.count[0]!;
    this.log.push(EventKind.GcCount, c, this.count[1]!, this.count[2]!);
    const t = this.threshold[0]!;
    if (c > t && this.enabled && t !== 0 && !this.collecting && !this.host.errorOccurred()) {
      this.collecting = true;
      try {
        this.collectGenerations();
      } finally {
        this.collecting = false;
      }
    }
  }

  /** PyObject_GC_Del: a GC object's memory was released (not when it went to a free list). */
  onGcFree(): void {
    if (this.count[0]! > 0) {
      this.log.push(EventKind.GcCount, --this.count[0]!, this.count[1]!, this.count[2]!);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The gc module's API

  /** gc.get_count(). */
  getCount(): [number, number, number] {
    return [this.count[0]!, this.count[1]!, this.count[2]!];
  }

  /**
   * Sets the counts, as a process starting from CPython's post-startup state would
   * (`python3 script.py` begins with counts like (248, 0, 2): the startup ran collections).
   */
  setCount(c0: number, c1: number, c2: number): void {
    this.count[0] = c0;
    this.count[1] = c1;
    this.count[2] = c2;
    this.log.push(EventKind.GcCount, c0, c1, c2);
  }

  /** Sets gc.get_stats()'s cumulative figures (CPython's startup already ran collections). */
  setStats(stats: readonly GcGenerationStats[]): void {
    for (let g = 0; g < NUM_GENERATIONS; g++) Object.assign(this.stats[g]!, stats[g]);
  }

  /** gc.get_threshold(). */
  getThreshold(): [number, number, number] {
    return [this.threshold[0]!, this.threshold[1]!, this.threshold[2]!];
  }

  /** gc.set_threshold(threshold0[, threshold1[, threshold2]]). */
  setThreshold(t0: number, t1?: number, t2?: number): void {
    this.threshold[0] = t0;
    if (t1 !== undefined) this.threshold[1] = t1;
    if (t2 !== undefined) this.threshold[2] = t2;
  }

  /** gc.get_stats(): cumulative per-generation statistics (fresh objects). */
  getStats(): GcGenerationStats[] {
    return this.stats.map((s) => ({ ...s }));
  }

  /**
   * gc.collect(generation): collects `generation` and all younger ones, with callbacks, and
   * returns collected + uncollectable; 0 without collecting when a collection is running.
   * The caller raises ValueError for a generation outside 0..2.
   */
  collect(generation = NUM_GENERATIONS - 1): number {
    if (generation < 0 || generation >= NUM_GENERATIONS) throw new RangeError(`invalid generation ${generation}`);
    if (this.collecting) return 0;
    this.collecting = true;
    try {
      return this.collectWithCallback(generation);
    } finally {
      this.collecting = false;
    }
  }

  /**
   * _PyGC_CollectNoFail: a full collection at interpreter shutdown, without the gc.callbacks
   * (and none at all while another collection is running).
   */
  collectNoFail(): number {
    if (this.collecting) return 0;
    this.collecting = true;
    try {
      return this.collectMain(NUM_GENERATIONS - 1);
    } finally {
      this.collecting = false;
    }
  }

  /**
   * gc_collect_generations: collects the oldest generation whose count exceeds its threshold,
   * except that gen2 waits until the objects promoted into it since the last full collection
   * are at least 25% of those that survived it. The caller sets `collecting`.
   */
  collectGenerations(): number {
    for (let i = NUM_GENERATIONS - 1; i >= 0; i--) {
      if (this.count[i]! > this.threshold[i]!) {
        if (i === NUM_GENERATIONS - 1 && this.longLivedPending < Math.floor(this.longLivedTotal / 4)) continue;
        return this.collectWithCallback(i);
      }
    }
    return 0;
  }

  /** gc.freeze(): moves every tracked object to the permanent generation and zeroes the counts. */
  freeze(): void {
    const perm = this.gens[GEN_PERMANENT]!;
    for (let i = 0; i < NUM_GENERATIONS; i++) {
      this.mergeInto(this.gens[i]!, perm, GEN_PERMANENT);
      this.count[i] = 0;
    }
    this.log.push(EventKind.GcCount, 0, 0, 0);
  }

  /** gc.unfreeze(): moves the permanent generation into generation 2. */
  unfreeze(): void {
    this.mergeInto(this.gens[GEN_PERMANENT]!, this.gens[2]!, 2);
  }

  /** gc.get_freeze_count(). */
  getFreezeCount(): number {
    return this.size(GEN_PERMANENT);
  }

  /** The number of objects on generation `gen`'s list (len(gc.get_objects(gen))). */
  size(gen: number): number {
    const head = this.gens[gen]!;
    let n = 0;
    for (let o = head.gcNext!; o !== head; o = o.gcNext!) n++;
    return n;
  }

  /**
   * gc.get_objects(generation=None): the tracked objects of one generation, or of 0, 1, 2 in
   * turn, in list order. `ignore` is left out (CPython leaves out the result list itself).
   */
  getObjects(generation?: number, ignore?: T): T[] {
    const out: T[] = [];
    const from = generation ?? 0;
    const to = generation ?? NUM_GENERATIONS - 1;
    for (let g = from; g <= to; g++) {
      const head = this.gens[g]!;
      for (let o = head.gcNext!; o !== head; o = o.gcNext!) if (o !== ignore) out.push(o as T);
    }
    return out;
  }

  /**
   * gc.get_referrers(*objs): the tracked objects of generations 0..2 (not the permanent one)
   * whose tp_traverse visits one of `objs`, each once, in list order. `ignore` lists objects
   * to pass over (CPython passes over the argument tuple and the result list).
   */
  getReferrers(objs: readonly T[], ignore: readonly T[] = []): T[] {
    const out: T[] = [];
    this.referrerTargets = new Set<GcObject>(objs);
    try {
      for (let g = 0; g < NUM_GENERATIONS; g++) {
        const head = this.gens[g]!;
        for (let o = head.gcNext!; o !== head; o = o.gcNext!) {
          if (ignore.includes(o as T)) continue;
          this.referrerFound = false;
          this.host.traverse(o as T, this.visitReferrer);
          if (this.referrerFound) out.push(o as T);
        }
      }
    } finally {
      this.referrerTargets = null;
    }
    return out;
  }

  /** gc.get_referents(*objs): everything tp_traverse visits, for the GC objects among `objs`. */
  getReferents(objs: readonly T[]): T[] {
    const out: T[] = [];
    this.referentsOut = out;
    try {
      for (const o of objs) if (this.host.isGc(o)) this.host.traverse(o, this.visitReferent);
    } finally {
      this.referentsOut = null;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // A collection

  /** gc_collect_with_callback: "start" callbacks, the collection, "stop" callbacks. */
  private collectWithCallback(generation: number): number {
    this.host.invokeCallbacks('start', generation, 0, 0);
    const result = this.collectMain(generation);
    this.host.invokeCallbacks('stop', generation, this.lastCollected, this.lastUncollectable);
    return result;
  }

  /** gc_collect_main: one collection of `generation` (and the younger ones). */
  private collectMain(generation: number): number {
    const { host, log, gens } = this;
    const debug = host.debugWrite !== undefined ? this.debug : 0;
    if (debug & DEBUG_STATS) {
      host.debugWrite!(
        `gc: collecting generation ${generation}...\n` +
          `gc: objects in each generation: ${this.size(0)} ${this.size(1)} ${this.size(2)}\n` +
          `gc: objects in permanent generation: ${this.size(GEN_PERMANENT)}\n`,
      );
    }

    // Update the collection and allocation counters.
    if (generation + 1 < NUM_GENERATIONS) this.count[generation + 1]!++;
    for (let i = 0; i <= generation; i++) this.count[i] = 0;
    log.push(EventKind.GcStart, generation, this.count[0]!, this.count[1]!, this.count[2]!);

    // Merge the younger generations into the one being collected (each at the tail, so a full
    // collection scans gen2, then gen0, then gen1).
    const young = gens[generation]!;
    for (let i = 0; i < generation; i++) this.mergeInto(gens[i]!, young, generation);
    const oldGen = generation < NUM_GENERATIONS - 1 ? generation + 1 : generation;
    const old = gens[oldGen]!;

    let m: number; // collected
    let n = 0; // uncollectable
    try {
      m = this.collectYoung(generation, young, old, oldGen, debug);
      const finalizers = this.finalizers;
      for (let o = finalizers.gcNext!; o !== finalizers; o = o.gcNext!) {
        n++;
        if (debug & DEBUG_UNCOLLECTABLE) this.debugCycle('uncollectable', o);
      }
      if (debug & DEBUG_STATS) host.debugWrite!(`gc: done, ${n + m} unreachable, ${n} uncollectable, 0.0000s elapsed\n`);
      // Uncollectable objects go to gc.garbage, then to the old generation.
      this.handleLegacyFinalizers(finalizers, old, oldGen);
      if (generation === NUM_GENERATIONS - 1) host.clearFreeLists();
    } catch (e) {
      // The host threw: an internal error, not a Python exception (those are reported as
      // unraisable). Put every object back on a generation list so the heap stays whole.
      this.recover(young, old, oldGen);
      log.push(EventKind.GcStop, generation, 0, 0);
      throw e;
    }

    const stats = this.stats[generation]!;
    stats.collections++;
    stats.collected += m;
    stats.uncollectable += n;
    this.lastCollected = m;
    this.lastUncollectable = n;
    log.push(EventKind.GcStop, generation, m, n);
    return n + m;
  }

  /**
   * The heart of gc_collect_main: finds the garbage among `young`, promotes the survivors to
   * `old`, and frees the garbage (weakrefs, finalizers, resurrection, tp_clear). Leaves the
   * uncollectable objects on `this.finalizers`. Returns how many objects it collected.
   */
  private collectYoung(generation: number, young: GcObject, old: GcObject, oldGen: number, debug: number): number {
    const log = this.log;
    let m = 0;

    // Find the cyclic garbage.
    const unreachable = this.unreachable;
    const examined = this.deduceUnreachable(young, unreachable);
    log.push(EventKind.GcPhase, GcPhase.UpdateRefs, examined);
    log.push(EventKind.GcPhase, GcPhase.SubtractRefs, examined);
    log.push(EventKind.GcPhase, GcPhase.MoveUnreachable, this.unreachableCount);
    for (let o = unreachable.gcNext!; o !== unreachable; o = o.gcNext!) log.push(EventKind.Unreachable, o.id);

    // The survivors: untrack tuples (and, in a full collection, dicts) that hold nothing
    // trackable, then promote them (relabelled in the same pass as the tuples).
    if (young !== old) {
      const survivors = this.untrackTuples(young, oldGen);
      gcListMerge(young, old);
      if (generation === NUM_GENERATIONS - 2) this.longLivedPending += survivors;
    } else {
      this.untrackTuples(young, -1);
      this.longLivedTotal = this.untrackDicts(young) + this.hiddenLongLived;
      this.longLivedPending = 0;
    }

    // Unreachable objects with a legacy finalizer (tp_del), and all they reach, are
    // uncollectable.
    const finalizers = this.finalizers;
    this.moveLegacyFinalizers(unreachable, finalizers);
    this.moveLegacyFinalizerReachable(finalizers);
    if (debug & DEBUG_COLLECTABLE) {
      for (let o = unreachable.gcNext!; o !== unreachable; o = o.gcNext!) this.debugCycle('collectable', o);
    }

    // Clear weakrefs to the garbage and run the callbacks that outlive it.
    m += this.handleWeakrefs(unreachable, old, oldGen);

    // Call __del__ on the garbage that has one (once per object).
    this.finalizeGarbage(unreachable);

    // A finalizer may have resurrected objects: those move to the old generation.
    const final = this.stillUnreachable;
    this.handleResurrectedObjects(unreachable, final, old, oldGen);

    // Break the cycles with tp_clear; refcounting frees the rest.
    let garbage = 0;
    for (let o = final.gcNext!; o !== final; o = o.gcNext!) garbage++;
    m += garbage;
    log.push(EventKind.GcPhase, GcPhase.DeleteGarbage, garbage);
    this.deleteGarbage(final, old, oldGen);
    return m;
  }

  /** debug_cycle: "gc: collectable <Node 0x7f...>". */
  private debugCycle(msg: string, o: GcObject): void {
    const host = this.host;
    const what = host.debugDescribe !== undefined ? host.debugDescribe(o as T) : `object #${o.id}`;
    host.debugWrite!(`gc: ${msg} <${what}>\n`);
  }

  /**
   * After a host failure mid-collection: every object on a work list goes to `old`, and the
   * collection marks are cleared, so the generations hold every tracked object again.
   */
  private recover(young: GcObject, old: GcObject, oldGen: number): void {
    for (const list of [this.unreachable, this.stillUnreachable, this.finalizers, this.wrcbToCall, this.seen]) {
      this.mergeInto(list, old, oldGen);
    }
    for (const head of [young, old]) {
      for (let o = head.gcNext!; o !== head; o = o.gcNext!) o.gcFlags &= ~(GC_COLLECTING | GC_UNREACHABLE);
    }
  }

  /**
   * deduce_unreachable: leaves in `base` what is reachable from outside it and moves the rest
   * to `unreachable` (marked GC_UNREACHABLE and still GC_COLLECTING). Returns the size of base.
   */
  private deduceUnreachable(base: GcObject, unreachable: GcObject): number {
    // update_refs: gcRefs := refcount, and mark the set.
    let size = 0;
    for (let o = base.gcNext!; o !== base; o = o.gcNext!) {
      o.gcRefs = o.rc;
      o.gcFlags |= GC_COLLECTING;
      size++;
    }
    // subtract_refs: remove the references from inside the set.
    const host = this.host;
    for (let o = base.gcNext!; o !== base; o = o.gcNext!) host.traverse(o as T, this.visitDecref);
    this.moveUnreachable(base, unreachable);
    return size;
  }

  /**
   * move_unreachable: scans `young` in list order. An object with gcRefs > 0 is reachable: its
   * referents in the set become reachable too (visit_reachable), and it leaves the set. An
   * object with gcRefs == 0 is tentatively unreachable and moves to `unreachable`; if a later
   * object reaches it, it moves back to the end of `young` and is scanned again there.
   */
  private moveUnreachable(young: GcObject, unreachable: GcObject): void {
    const host = this.host;
    this.young = young;
    this.unreachableCount = 0;
    let o = young.gcNext!;
    while (o !== young) {
      if (o.gcRefs > 0) {
        host.traverse(o as T, this.visitReachable);
        o.gcFlags &= ~GC_COLLECTING;
        o = o.gcNext!; // read after traversing: it may have appended objects after `o`
      } else {
        const next = o.gcNext!;
        gcListMove(o, unreachable);
        o.gcFlags |= GC_UNREACHABLE;
        this.unreachableCount++;
        o = next;
      }
    }
  }

  /** visit_decref: a reference from inside the set. */
  private readonly visitDecref: GcVisit<T> = (o) => {
    if (o.gcFlags & GC_COLLECTING) o.gcRefs--;
  };

  /** visit_reachable: `o` is referenced by a reachable object. */
  private readonly visitReachable: GcVisit<T> = (o) => {
    const flags = o.gcFlags;
    // Objects outside the set, and those already scanned, are not COLLECTING.
    if (!(flags & GC_COLLECTING)) return;
    if (flags & GC_UNREACHABLE) {
      // It had gcRefs == 0 when the scan got to it, but is reachable after all.
      o.gcFlags = flags & ~GC_UNREACHABLE;
      gcListMove(o, this.young);
      o.gcRefs = 1;
      this.unreachableCount--;
    } else if (o.gcRefs === 0) {
      // Not scanned yet: tell move_unreachable it is reachable.
      o.gcRefs = 1;
    }
  };

  /**
   * untrack_tuples: _PyTuple_MaybeUntrack on every exact tuple of `head`, in list order (so a
   * tuple holding a tuple found later stays tracked until the next collection). With
   * `promoteTo` >= 0 the objects that stay are relabelled as that generation on the way, for
   * the gc_list_merge that follows. Returns how many stay.
   */
  private untrackTuples(head: GcObject, promoteTo: number): number {
    const { host, log } = this;
    let n = 0;
    for (let o = head.gcNext!, next: GcObject; o !== head; o = next) {
      next = o.gcNext!;
      if (host.isExactTuple(o as T) && !this.holdsTrackable(o as T)) {
        this.untrack(o as T);
        continue;
      }
      n++;
      if (promoteTo >= 0 && o.gcGen !== promoteTo) {
        o.gcGen = promoteTo;
        log.push(EventKind.Promote, o.id, promoteTo);
      }
    }
    return n;
  }

  /** untrack_dicts: _PyDict_MaybeUntrack on every exact dict of `head` (full collections only). Returns how many stay. */
  private untrackDicts(head: GcObject): number {
    const host = this.host;
    let n = 0;
    for (let o = head.gcNext!, next: GcObject; o !== head; o = next) {
      next = o.gcNext!;
      if (host.isExactDict(o as T) && !this.holdsTrackable(o as T)) this.untrack(o as T);
      else n++;
    }
    return n;
  }

  /** Whether one of `o`'s referents may be tracked (_PyObject_GC_MAY_BE_TRACKED). */
  private holdsTrackable(o: T): boolean {
    this.mayBeTracked = false;
    this.host.traverse(o, this.visitMayBeTracked);
    return this.mayBeTracked;
  }

  /** A GC object may be tracked, unless it is an exact tuple that is not tracked now. */
  private readonly visitMayBeTracked: GcVisit<T> = (o) => {
    if (this.mayBeTracked || !this.host.isGc(o)) return;
    if (this.host.isExactTuple(o) && o.gcNext === null) return;
    this.mayBeTracked = true;
  };

  /**
   * move_legacy_finalizers: clears the UNREACHABLE marks and moves the objects with tp_del to
   * `finalizers` (no longer COLLECTING).
   */
  private moveLegacyFinalizers(unreachable: GcObject, finalizers: GcObject): void {
    const host = this.host;
    for (let o = unreachable.gcNext!, next: GcObject; o !== unreachable; o = next) {
      next = o.gcNext!;
      o.gcFlags &= ~GC_UNREACHABLE;
      if (host.hasLegacyFinalizer(o as T)) {
        o.gcFlags &= ~GC_COLLECTING;
        gcListMove(o, finalizers);
      }
    }
  }

  /** move_legacy_finalizer_reachable: what a legacy finalizer reaches is uncollectable too. */
  private moveLegacyFinalizerReachable(finalizers: GcObject): void {
    for (let o = finalizers.gcNext!; o !== finalizers; o = o.gcNext!) this.host.traverse(o as T, this.visitMove);
  }

  private readonly visitMove: GcVisit<T> = (o) => {
    if (o.gcFlags & GC_COLLECTING) {
      gcListMove(o, this.finalizers);
      o.gcFlags &= ~GC_COLLECTING;
    }
  };

  /**
   * handle_weakrefs: clears every weakref to an unreachable object. A weakref that is itself
   * garbage is cleared too and its callback never runs; the callbacks of the others run after
   * all are cleared (so none can reach the garbage through a live weakref), in the order the
   * weakrefs were found. Returns how many of those weakrefs died as a result.
   */
  private handleWeakrefs(unreachable: GcObject, old: GcObject, oldGen: number): number {
    const { host, log } = this;
    const wrcb = this.wrcbToCall;
    let queued = 0;
    for (let o = unreachable.gcNext!, next: GcObject; o !== unreachable; o = next) {
      next = o.gcNext!;
      const op = o as T;
      // A weakref inside the garbage must not call back into objects being torn down.
      if (host.isWeakref(op)) host.clearWeakref(op);
      for (let wr = host.firstWeakref(op); wr !== null; wr = host.firstWeakref(op)) {
        host.clearWeakref(wr);
        if (!host.weakrefHasCallback(wr)) continue;
        // A weakref that is garbage too goes with its referent, callback unrun.
        if (wr.gcFlags & GC_COLLECTING) continue;
        host.incref(wr);
        wr.gcRefs = op.id; // scratch: the referent, for the WeakrefCallback event
        gcListMove(wr, wrcb);
        queued++;
      }
    }
    log.push(EventKind.GcPhase, GcPhase.HandleWeakrefs, queued);
    let freed = 0;
    while (!gcListIsEmpty(wrcb)) {
      const wr = wrcb.gcNext! as T;
      log.push(EventKind.WeakrefCallback, wr.id, wr.gcRefs);
      host.callWeakrefCallback(wr);
      host.decref(wr);
      if (wrcb.gcNext === wr) {
        wr.gcRefs = 0;
        this.moveTo(wr, old, oldGen);
      } else {
        freed++;
      }
    }
    return freed;
  }

  /**
   * finalize_garbage: calls tp_finalize on each object not yet finalized, in list order. A
   * finalizer may free or resurrect anything, so the first object is always taken off the list
   * (to `seen`) before its finalizer runs.
   */
  private finalizeGarbage(collectable: GcObject): void {
    const { host, log } = this;
    let n = 0;
    for (let o = collectable.gcNext!; o !== collectable; o = o.gcNext!) n++;
    log.push(EventKind.GcPhase, GcPhase.FinalizeGarbage, n);
    const seen = this.seen;
    while (!gcListIsEmpty(collectable)) {
      const o = collectable.gcNext! as T;
      gcListMove(o, seen);
      if (!(o.gcFlags & GC_FINALIZED) && host.hasFinalizer(o)) {
        o.gcFlags |= GC_FINALIZED;
        log.push(EventKind.Finalize, o.id);
        host.incref(o);
        host.finalize(o);
        host.decref(o);
      }
    }
    gcListMerge(seen, collectable);
  }

  /**
   * handle_resurrected_objects: deduce_unreachable again over the garbage alone; what a
   * finalizer made reachable moves to the old generation, the rest stays in `still`.
   */
  private handleResurrectedObjects(unreachable: GcObject, still: GcObject, old: GcObject, oldGen: number): void {
    for (let o = unreachable.gcNext!; o !== unreachable; o = o.gcNext!) o.gcFlags &= ~GC_COLLECTING;
    this.deduceUnreachable(unreachable, still);
    for (let o = still.gcNext!; o !== still; o = o.gcNext!) o.gcFlags &= ~GC_UNREACHABLE;
    const resurrected = this.mergeInto(unreachable, old, oldGen);
    this.log.push(EventKind.GcPhase, GcPhase.CheckResurrected, resurrected);
  }

  /**
   * delete_garbage: with DEBUG_SAVEALL, appends each object to gc.garbage; otherwise calls
   * tp_clear holding a reference, which breaks the cycle. Objects still alive afterwards move
   * to the old generation (they may die later).
   */
  private deleteGarbage(collectable: GcObject, old: GcObject, oldGen: number): void {
    const host = this.host;
    const saveAll = (this.debug & DEBUG_SAVEALL) !== 0;
    while (!gcListIsEmpty(collectable)) {
      const o = collectable.gcNext! as T;
      if (saveAll) {
        host.saveGarbage(o);
      } else if (host.hasClear === undefined || host.hasClear(o)) {
        host.incref(o);
        host.clear(o);
        host.decref(o);
      }
      if (collectable.gcNext === o) {
        o.gcFlags &= ~GC_COLLECTING;
        this.moveTo(o, old, oldGen);
      }
    }
  }

  /** handle_legacy_finalizers: uncollectable objects go to gc.garbage, then to `old`. */
  private handleLegacyFinalizers(finalizers: GcObject, old: GcObject, oldGen: number): void {
    const host = this.host;
    const saveAll = (this.debug & DEBUG_SAVEALL) !== 0;
    for (let o = finalizers.gcNext!; o !== finalizers; o = o.gcNext!) {
      if (saveAll || host.hasLegacyFinalizer(o as T)) host.saveGarbage(o as T);
    }
    this.mergeInto(finalizers, old, oldGen);
  }

  // ---------------------------------------------------------------------------------------------
  // List moves that change an object's generation (and say so in the log)

  /** gc_list_merge of `from` into `to`, relabelling the objects as generation `gen`. Returns how many moved. */
  private mergeInto(from: GcObject, to: GcObject, gen: number): number {
    const log = this.log;
    let n = 0;
    for (let o = from.gcNext!; o !== from; o = o.gcNext!) {
      if (o.gcGen !== gen) {
        o.gcGen = gen;
        log.push(EventKind.Promote, o.id, gen);
      }
      n++;
    }
    gcListMerge(from, to);
    return n;
  }

  /** gc_list_move of one object to `to`, relabelling it as generation `gen`. */
  private moveTo(o: GcObject, to: GcObject, gen: number): void {
    gcListMove(o, to);
    if (o.gcGen !== gen) {
      o.gcGen = gen;
      this.log.push(EventKind.Promote, o.id, gen);
    }
  }

  private readonly visitReferrer: GcVisit<T> = (o) => {
    if (!this.referrerFound && this.referrerTargets!.has(o)) this.referrerFound = true;
  };

  private readonly visitReferent: GcVisit<T> = (o) => {
    this.referentsOut!.push(o);
  };
}
