// A small object heap implementing GcHost, for testing the collector without the runtime.
//
// Objects hold strong references in `refs` (in the order the program stored them); traverse
// visits them in the order CPython's tp_traverse would (list and tuple items last to first,
// instance values then the class). Refcounts are real: `rc` counts the references held by other
// heap objects plus those the test holds through `hold`/`release`. Deallocation follows
// CPython's: subtype_dealloc runs `__del__` (once, and it may resurrect), then clears the weak
// references and calls their callbacks newest first, then drops what the object held.
import { EventLog } from '../../packages/engine/src/events/log.js';
import {
  Collector, GC_FINALIZED, type GcHost, type GcObject, type GcVisit,
} from '../../packages/engine/src/gc/index.js';

export type Kind = 'instance' | 'list' | 'tuple' | 'dict' | 'weakref' | 'function' | 'int' | 'class' | 'namedtuple';

export class Obj implements GcObject {
  id: number;
  rc = 1;
  gcPrev: GcObject | null = null;
  gcNext: GcObject | null = null;
  gcRefs = 0;
  gcFlags = 0;
  gcGen = -1;
  /** Strong references this object holds, in storage order. */
  refs: Obj[] = [];
  /** The weak references to this object, in CPython's list order. */
  weakrefs: Obj[] = [];
  /** For a weakref: its referent (null once cleared) and its callback. */
  referent: Obj | null = null;
  callback: ((wr: Obj) => void) | null = null;
  /** For an instance: the class (a heap type, visited last by traverse) and `__del__`. */
  cls: Obj | null = null;
  del: ((self: Obj) => void) | null = null;
  legacyDel = false;
  alive = true;
  constructor(readonly kind: Kind, id: number, readonly name: string) {
    this.id = id;
  }
  toString(): string {
    return this.name;
  }
}

const GC_KINDS = new Set<Kind>(['instance', 'list', 'tuple', 'dict', 'weakref', 'function', 'class', 'namedtuple']);

export class Heap implements GcHost<Obj> {
  readonly log = new EventLog();
  readonly gc: Collector<Obj>;
  private nextId = 1;
  /** What happened, in order: 'del NAME', 'cb NAME', 'free NAME', 'start G', 'stop G m n'. */
  readonly trace: string[] = [];
  readonly garbage: Obj[] = [];
  freeListClears = 0;
  /** Run by invokeCallbacks (gc.callbacks), after the trace entry. */
  onCallback: ((phase: string, generation: number) => void) | null = null;
  errorSet = false;

  constructor() {
    this.gc = new Collector<Obj>(this, this.log);
  }

  // -- building objects ---------------------------------------------------------------------------

  /** Allocates an object the test holds one reference to, counting and tracking it as CPython would. */
  alloc(kind: Kind, name = `${kind}${this.nextId}`): Obj {
    const o = new Obj(kind, this.nextId++, name);
    if (GC_KINDS.has(kind)) {
      this.gc.onGcAlloc();
      // Dicts start untracked; everything else (and a tuple, once built) is tracked at birth.
      if (kind !== 'dict') this.gc.track(o);
    }
    return o;
  }

  instance(name?: string, cls: Obj | null = null): Obj {
    const o = this.alloc('instance', name);
    if (cls) {
      o.cls = cls;
      o.del = cls.del;
      o.legacyDel = cls.legacyDel;
      this.incref(cls);
    }
    return o;
  }

  /** A class whose instances run `del` as `__del__`. */
  cls(name: string, del: ((self: Obj) => void) | null = null): Obj {
    const c = this.alloc('class', name);
    c.del = del;
    return c;
  }

  list(items: Obj[] = [], name?: string): Obj {
    const l = this.alloc('list', name);
    for (const it of items) this.append(l, it);
    return l;
  }

  /** A tuple built from items (each gains a reference), tracked at creation like PyTuple_New. */
  tuple(items: Obj[], name?: string, kind: Kind = 'tuple'): Obj {
    const t = this.alloc(kind, name);
    for (const it of items) {
      this.incref(it);
      t.refs.push(it);
    }
    return t;
  }

  int(name?: string): Obj {
    return this.alloc('int', name);
  }

  dict(name?: string): Obj {
    return this.alloc('dict', name);
  }

  /** d[key] = value: MAINTAIN_TRACKING tracks the dict when the value may be tracked. */
  dictSet(d: Obj, value: Obj): void {
    this.incref(value);
    d.refs.push(value);
    if (d.gcNext === null && this.mayBeTracked(value)) this.gc.track(d);
  }

  dictDelLast(d: Obj): void {
    this.decref(d.refs.pop()!);
  }

  /** Stores a reference in `o` (an attribute, a list item): `o` holds `target`. */
  append(o: Obj, target: Obj): void {
    this.incref(target);
    o.refs.push(target);
  }

  /** Drops the reference `o` holds to `target` (the last one stored). */
  remove(o: Obj, target: Obj): void {
    const i = o.refs.lastIndexOf(target);
    if (i < 0) throw new Error(`${o} does not hold ${target}`);
    o.refs.splice(i, 1);
    this.decref(target);
  }

  /**
   * weakref.ref(o, callback): a basic ref (no callback) is reused and kept at the head of the
   * list; a callback ref is inserted after the basic refs, so the newest comes first.
   */
  weakref(o: Obj, callback: ((wr: Obj) => void) | null = null, callbackObj: Obj | null = null): Obj {
    if (callback === null && o.weakrefs[0]?.callback === null) {
      this.incref(o.weakrefs[0]);
      return o.weakrefs[0];
    }
    const wr = this.alloc('weakref', `wr${this.nextId}`);
    wr.referent = o;
    wr.callback = callback;
    if (callbackObj) this.append(wr, callbackObj);
    if (callback === null) o.weakrefs.unshift(wr);
    else {
      let i = 0;
      while (i < o.weakrefs.length && o.weakrefs[i]!.callback === null) i++;
      o.weakrefs.splice(i, 0, wr);
    }
    return wr;
  }

  hold(o: Obj): Obj {
    this.incref(o);
    return o;
  }

  release(o: Obj): void {
    this.decref(o);
  }

  // -- reference counting and deallocation ---------------------------------------------------

  incref(o: Obj): void {
    o.rc++;
  }

  decref(o: Obj): void {
    if (o.rc <= 0) throw new Error(`decref of ${o} at rc ${o.rc}`);
    if (--o.rc !== 0) return;
    // The trashcan: deallocations nested deeper than a few levels are queued and run by the
    // outermost one, so a long chain does not overflow the stack (Py_TRASHCAN_BEGIN).
    if (this.deallocDepth >= 50) {
      this.trashcan.push(o);
      return;
    }
    this.deallocDepth++;
    this.dealloc(o);
    this.deallocDepth--;
    if (this.deallocDepth === 0) {
      while (this.trashcan.length) {
        this.deallocDepth++;
        this.dealloc(this.trashcan.pop()!);
        this.deallocDepth--;
      }
    }
  }

  private deallocDepth = 0;
  private readonly trashcan: Obj[] = [];

  private dealloc(o: Obj): void {
    const wasTracked = o.gcNext !== null;
    this.gc.untrack(o);
    if (o.del && !(o.gcFlags & GC_FINALIZED)) {
      // PyObject_CallFinalizerFromDealloc: temporarily resurrect, run __del__ once.
      o.rc = 1;
      o.gcFlags |= GC_FINALIZED;
      this.trace.push(`del ${o}`);
      o.del(o);
      if (--o.rc !== 0) {
        if (wasTracked) this.gc.track(o);
        return; // resurrected
      }
    }
    // PyObject_ClearWeakRefs: clear all, then call the callbacks in list order.
    if (o.weakrefs.length) {
      const refs = o.weakrefs.slice();
      for (const wr of refs) this.clearWeakref(wr);
      for (const wr of refs) {
        if (wr.callback && wr.alive) {
          this.incref(wr);
          this.trace.push(`cb ${wr}`);
          wr.callback(wr);
          this.decref(wr);
        }
      }
    }
    if (o.kind === 'weakref') this.clearWeakref(o);
    o.alive = false;
    this.trace.push(`free ${o}`);
    const held = o.refs;
    o.refs = [];
    for (let i = held.length - 1; i >= 0; i--) this.decref(held[i]!);
    if (o.cls) this.decref(o.cls);
    if (GC_KINDS.has(o.kind)) this.gc.onGcFree();
  }

  private mayBeTracked(o: Obj): boolean {
    if (!this.isGc(o)) return false;
    if (o.kind === 'tuple') return o.gcNext !== null;
    return true;
  }

  // -- GcHost ---------------------------------------------------------------------------------

  isGc(o: Obj): boolean {
    return GC_KINDS.has(o.kind);
  }

  traverse(o: Obj, visit: GcVisit<Obj>): void {
    const r = o.refs;
    if (o.kind === 'list' || o.kind === 'tuple' || o.kind === 'namedtuple') {
      for (let i = r.length - 1; i >= 0; i--) visit(r[i]!);
    } else {
      for (let i = 0; i < r.length; i++) visit(r[i]!);
    }
    if (o.cls) visit(o.cls);
  }

  hasClear(o: Obj): boolean {
    return o.kind !== 'tuple' && o.kind !== 'namedtuple';
  }

  clear(o: Obj): void {
    const held = o.refs;
    o.refs = [];
    for (let i = held.length - 1; i >= 0; i--) this.decref(held[i]!);
  }

  hasFinalizer(o: Obj): boolean {
    return o.del !== null;
  }

  finalize(o: Obj): void {
    this.trace.push(`del ${o}`);
    o.del!(o);
  }

  hasLegacyFinalizer(o: Obj): boolean {
    return o.legacyDel;
  }

  isWeakref(o: Obj): boolean {
    return o.kind === 'weakref';
  }

  firstWeakref(o: Obj): Obj | null {
    return o.weakrefs[0] ?? null;
  }

  clearWeakref(wr: Obj): void {
    const target = wr.referent;
    if (target === null) return;
    wr.referent = null;
    const i = target.weakrefs.indexOf(wr);
    if (i >= 0) target.weakrefs.splice(i, 1);
  }

  weakrefHasCallback(wr: Obj): boolean {
    return wr.callback !== null;
  }

  callWeakrefCallback(wr: Obj): void {
    this.trace.push(`cb ${wr}`);
    wr.callback!(wr);
  }

  isExactTuple(o: Obj): boolean {
    return o.kind === 'tuple';
  }

  isExactDict(o: Obj): boolean {
    return o.kind === 'dict';
  }

  saveGarbage(o: Obj): void {
    this.incref(o);
    this.garbage.push(o);
  }

  clearFreeLists(): void {
    this.freeListClears++;
  }

  invokeCallbacks(phase: 'start' | 'stop', generation: number, collected: number, uncollectable: number): void {
    this.trace.push(phase === 'start' ? `start ${generation}` : `stop ${generation} ${collected} ${uncollectable}`);
    this.onCallback?.(phase, generation);
  }

  errorOccurred(): boolean {
    return this.errorSet;
  }

  debugWrite?: (text: string) => void;
  debugDescribe?: (o: Obj) => string;
}
