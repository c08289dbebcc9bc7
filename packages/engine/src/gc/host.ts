// What the collector needs from the object model: the tp_* slots gcmodule.c calls, and the few
// pieces of interpreter state it touches (gc.garbage, gc.callbacks, the free lists, the error
// indicator). The runtime implements this interface; the tests implement it over a mock heap.
//
// Every method may run Python code or deallocate objects (a decref that reaches zero, a
// finalizer, a weakref callback). Deallocation of a tracked object must go through
// `Collector.untrack` (PyObject_GC_UnTrack) and then `Collector.onGcFree` (PyObject_GC_Del), as
// the collector relies on a dead object leaving whatever list it was on.
import type { GcObject } from './object.js';

/** A visit callback handed to `traverse` (visitproc). */
export type GcVisit<T extends GcObject> = (ref: T) => void;

/** The phase argument of gc.callbacks entries. */
export type GcCallbackPhase = 'start' | 'stop';

export interface GcHost<T extends GcObject = GcObject> {
  /**
   * _PyObject_IS_GC: the object's type has Py_TPFLAGS_HAVE_GC (and, for types, it is a heap
   * type). Non-GC objects are never tracked, never visited by the collector's bookkeeping, and
   * gc.get_referents skips them as arguments.
   */
  isGc(o: T): boolean;

  /**
   * tp_traverse: calls `visit` once for each reference `o` holds, GC objects or not (ints and
   * strs too: gc.get_referents([1, 's']) lists them), in the type's traverse order. This order
   * is observable: it decides gc.get_referents() and, through move_unreachable, the order of
   * `__del__` calls and weakref callbacks. CPython 3.11's orders:
   * - list, tuple: items last to first;
   * - dict: for a table of str keys only the values, in entry order; otherwise, per entry, the
   *   value then the key;
   * - instance of a class (subtype_traverse): `__slots__` values, inline values or `__dict__`,
   *   the class, then the builtin base's traverse (a list subclass's items come last);
   * - function: code, globals, builtins, module, defaults, kwdefaults, doc, name, dict,
   *   closure, annotations, qualname; bound method: function, self; cell: its content.
   * Must not run Python code or change refcounts, and should allocate nothing (no closure per
   * call): it runs once per object in each phase of every collection.
   */
  traverse(o: T, visit: GcVisit<T>): void;

  /**
   * The type has tp_clear (assumed when absent). Tuples do not: their items go only when the
   * tuple is deallocated, so delete_garbage neither clears a tuple nor takes a reference to it
   * (no Incref/Decref events); it dies when the rest of its cycle is cleared.
   */
  hasClear?(o: T): boolean;
  /**
   * tp_clear: drops the references `o` holds that may form cycles (decrefs, which may free
   * objects). delete_garbage holds a reference to `o` around the call.
   */
  clear(o: T): void;

  /** Py_INCREF on behalf of the collector (holder Gc). */
  incref(o: T): void;
  /** Py_DECREF on behalf of the collector (holder Gc); may deallocate `o` and more. */
  decref(o: T): void;

  /** The type has tp_finalize (a Python `__del__` anywhere in its MRO). */
  hasFinalizer(o: T): boolean;
  /**
   * Calls tp_finalize (`__del__`). The collector has already set GC_FINALIZED, emitted the
   * Finalize event (so this must not emit another) and holds a reference. An exception is
   * reported as unraisable ("Exception ignored in: ..."), not raised.
   */
  finalize(o: T): void;
  /** The type has a legacy tp_del (never for classes defined in Python 3; the path is kept). */
  hasLegacyFinalizer(o: T): boolean;

  /**
   * PyWeakref_Check: `o` is a weak reference (ref, proxy, or a subclass of ref). Weak references
   * are GC objects, tracked for their whole life (handle_weakrefs moves them between lists).
   */
  isWeakref(o: T): boolean;
  /**
   * The first weak reference in `o`'s weakref list (CPython's order: the basic ref and proxy
   * without callback first, then callback refs newest first), or null when there are none or
   * the type does not support weak references.
   */
  firstWeakref(o: T): T | null;
  /**
   * _PyWeakref_ClearRef: the weakref `wr` stops referring to its object (calling it returns
   * None) and leaves the object's list; its callback is kept. No-op when already cleared.
   */
  clearWeakref(wr: T): void;
  /** `wr` has a callback (wr_callback != NULL). */
  weakrefHasCallback(wr: T): boolean;
  /**
   * Calls `wr`'s callback with `wr` as its argument; an exception is reported as unraisable.
   * The collector holds a reference to `wr` around the call and has emitted the
   * WeakrefCallback event.
   */
  callWeakrefCallback(wr: T): void;

  /**
   * PyTuple_CheckExact (tuples are untracked by _PyTuple_MaybeUntrack during any collection)
   * — subclasses return false.
   */
  isExactTuple(o: T): boolean;
  /**
   * PyDict_CheckExact (dicts are untracked by _PyDict_MaybeUntrack during full collections)
   * — subclasses return false.
   */
  isExactDict(o: T): boolean;

  /** Appends `o` to gc.garbage (DEBUG_SAVEALL, legacy finalizers); the list takes a reference. */
  saveGarbage(o: T): void;
  /** Empties the free lists (tuple, float, list, dict, ...): full collections do this. */
  clearFreeLists(): void;
  /**
   * Runs every entry of gc.callbacks with (phase, {"generation", "collected", "uncollectable"}).
   * Exceptions are reported as unraisable. Allocations made here count in gen0 as usual.
   */
  invokeCallbacks(phase: GcCallbackPhase, generation: number, collected: number, uncollectable: number): void;
  /** An exception is set (the automatic trigger does not run then). */
  errorOccurred(): boolean;

  /**
   * Writes gc.set_debug() reports to stderr (PySys_WriteStderr). Without it the DEBUG_STATS,
   * DEBUG_COLLECTABLE and DEBUG_UNCOLLECTABLE reports are not produced. The engine has no clock,
   * so DEBUG_STATS reports "0.0000s elapsed".
   */
  debugWrite?(text: string): void;
  /** `<%s %p>` of debug_cycle: the type name and the address id() reports, e.g. "Node 0x7f3a2c1e4b50". */
  debugDescribe?(o: T): string;
}
