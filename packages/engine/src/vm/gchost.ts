// The runtime's side of the collector (gc/host.ts): tp_traverse and tp_clear of every object
// kind, finalizers, weakrefs, and the gc.callbacks / gc.garbage state.
import type { NativeHooks } from '../runtime/object.js';
import { Holder } from '../events/kinds.js';
import type { GcHost, GcVisit, GcCallbackPhase } from '../gc/host.js';
import {
  PyObject, PyType, PyTuple, PyList, PyDict, PySet, PyCell, PyFunction, PyBuiltin, PyMethod, PyStaticMethod,
  PyProperty, PyModule, PyInstance, PyBaseException, PyWeakref, PyNativeIter, PyNativeObject, PySuper, PySlice, PyStr,
  PyTraceback, PyFrameObj, PyGetSetDescr,
} from '../runtime/object.js';
import { PyThrow, type Runtime } from '../runtime/runtime.js';
import { dictSet } from '../runtime/dict.js';
import { setClear, setMembers } from '../runtime/sets.js';
import { instanceValues, releaseAttrDict } from '../runtime/types.js';
import { call, lookup } from '../runtime/ops.js';
import { Generator } from './generator.js';
import type { Process } from './process.js';

/** Py_VISIT: visits `x` unless the slot is empty. A plain function, so traverse allocates nothing. */
function visitOpt(visit: GcVisit<PyObject>, x: PyObject | null | undefined): void {
  if (x !== null && x !== undefined) visit(x);
}

export class RuntimeGcHost implements GcHost<PyObject> {
  /** gc.garbage and gc.callbacks (lists owned by the gc module). */
  garbage: PyList | null = null;
  callbacks: PyList | null = null;

  constructor(readonly rt: Runtime, readonly proc: Process) {}

  isGc(o: PyObject): boolean {
    return o.type.gcInstances && !(o instanceof PyType && !o.heap);
  }

  // No closure and no iterator per call (this runs once per object in every phase of every
  // collection): the visitor is passed down to the module-level `visitOpt`, arrays are walked by
  // index and Maps (whose values are never null) with forEach(visit), which hands visit extra
  // arguments (key, map) that a visitor ignores. Same order as before.
  traverse(o: PyObject, visit: GcVisit<PyObject>): void {
    // A builtin-subclass instance's __dict__ (runtime.attrDicts), before what its base holds.
    if (o.type.heap && !(o instanceof PyInstance)) {
      const d = this.rt.attrDicts.get(o);
      if (d !== undefined) visit(d);
    }
    if (o instanceof PyList || o instanceof PyTuple) {
      const items = o.items;
      for (let i = items.length - 1; i >= 0; i--) visitOpt(visit, items[i]);
      if (o.type.heap) visitOpt(visit, o.type);
      return;
    }
    if (o instanceof PyDict) {
      // dict_traverse: a str-keyed table visits only the values; a general one value then key.
      const entries = o.entries;
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i]!;
        if (e.key === null) continue;
        visitOpt(visit, e.value);
        if (!o.unicode) visitOpt(visit, e.key);
      }
      if (o.type.heap) visitOpt(visit, o.type);
      return;
    }
    if (o instanceof PySet) {
      // set_traverse: members in slot order.
      for (const x of setMembers(o)) visitOpt(visit, x);
      return;
    }
    if (o instanceof PyBaseException) {
      if (o.values !== null) o.values.forEach(visit);
      visitOpt(visit, o.dict);
      visitOpt(visit, o.args);
      visitOpt(visit, o.tbObj);
      visitOpt(visit, o.context);
      visitOpt(visit, o.cause);
      if (o.extra) o.extra.forEach(visit);
      if (o.type.heap) visitOpt(visit, o.type);
      return;
    }
    if (o instanceof PyInstance) {
      const slots = o.slots;
      if (slots !== null) for (let i = 0; i < slots.length; i++) visitOpt(visit, slots[i]);
      // Inline values in shared-keys order (_PyObject_VisitInstanceAttributes).
      if (o.values !== null) {
        if (o.values.size < 2) o.values.forEach(visit);
        else for (const [, v] of instanceValues(o)) visit(v);
      }
      visitOpt(visit, o.dict);
      visitOpt(visit, o.type);
      return;
    }
    if (o instanceof PyFunction) {
      visitOpt(visit, o.code);
      visitOpt(visit, o.globals);
      visitOpt(visit, o.defaults);
      visitOpt(visit, o.kwdefaults);
      visitOpt(visit, o.doc);
      visitOpt(visit, o.name);
      visitOpt(visit, o.dict);
      visitOpt(visit, o.closure);
      visitOpt(visit, o.annotations);
      visitOpt(visit, o.qualname);
      return;
    }
    if (o instanceof PyCell) return visitOpt(visit, o.ref);
    if (o instanceof PyMethod) {
      visitOpt(visit, o.func);
      visitOpt(visit, o.self);
      return;
    }
    if (o instanceof PyBuiltin) return visitOpt(visit, o.self);
    if (o instanceof PyStaticMethod) {
      visitOpt(visit, o.func);
      visitOpt(visit, o.dict);
      return;
    }
    if (o instanceof PyProperty) {
      visitOpt(visit, o.fget);
      visitOpt(visit, o.fset);
      visitOpt(visit, o.fdel);
      visitOpt(visit, o.doc);
      return;
    }
    if (o instanceof PyModule) return visitOpt(visit, o.dict);
    if (o instanceof PyType) {
      o.dict.forEach(visit);
      visitOpt(visit, o.tpDict);
      visitOpt(visit, o.mroTuple);
      visitOpt(visit, o.basesTuple);
      visitOpt(visit, o.base);
      return;
    }
    if (o instanceof PyWeakref) {
      visitOpt(visit, o.callback);
      if (o.values !== null) o.values.forEach(visit);
      visitOpt(visit, o.dict);
      return;
    }
    if (o instanceof PyNativeIter || o instanceof PyNativeObject) {
      if (o.type.traversesType) visit(o.type);
      if (o instanceof PyNativeObject) (o.state as NativeHooks | null)?.traverse?.(visit);
      const held = o.held;
      for (let i = 0; i < held.length; i++) visitOpt(visit, held[i]);
      if (o instanceof PyNativeObject) visitOpt(visit, o.dict);
      return;
    }
    if (o instanceof PySuper) {
      visitOpt(visit, o.thisType);
      visitOpt(visit, o.obj);
      visitOpt(visit, o.objType);
      return;
    }
    if (o instanceof PySlice) {
      visitOpt(visit, o.start);
      visitOpt(visit, o.stop);
      visitOpt(visit, o.step);
      return;
    }
    if (o instanceof PyGetSetDescr) {
      visitOpt(visit, o.owner);
      return;
    }
    if (o instanceof PyTraceback) {
      visitOpt(visit, o.next);
      visitOpt(visit, o.frame);
      return;
    }
    if (o instanceof PyFrameObj) {
      const owned = o.owned;
      visitOpt(visit, o.back);
      if (owned !== null) for (let i = 0; i < owned.length; i++) visitOpt(visit, owned[i]);
      visitOpt(visit, o.func);
      return;
    }
    if (o instanceof Generator) {
      const f = o.frame;
      if (f === null) return;
      const fast = f.fast;
      for (let i = 0; i < fast.length; i++) visitOpt(visit, fast[i]);
      for (let i = 0; i < f.sp; i++) visitOpt(visit, f.stack[i]);
      visitOpt(visit, f.func);
    }
  }

  clear(o: PyObject): void {
    const rt = this.rt;
    if (o.type.heap && !(o instanceof PyInstance)) releaseAttrDict(rt, o);
    if (o instanceof PyList) {
      rt.listClear(o);
      return;
    }
    if (o instanceof PyDict) {
      rt.dictClearAll(o);
      return;
    }
    if (o instanceof PySet) {
      setClear(rt, o);
      return;
    }
    if (o instanceof PyBaseException) {
      rt.clearException(o);
      rt.clearInstanceAttrs(o);
      // args must stay a tuple: put back an empty one.
      o.args = rt.tuple([]);
      return;
    }
    if (o instanceof PyInstance) {
      rt.clearInstanceAttrs(o);
      return;
    }
    if (o instanceof PyFunction) {
      const f = o;
      const drop = (name: string, x: PyObject | null): void => {
        if (x !== null) rt.decref(x, Holder.Field, f.id, rt.str(name));
      };
      const { defaults, kwdefaults, closure, dict, doc, annotations } = f;
      f.defaults = null;
      f.kwdefaults = null;
      f.closure = null;
      f.dict = null;
      f.doc = null;
      f.annotations = null;
      drop('__defaults__', defaults);
      drop('__kwdefaults__', kwdefaults);
      drop('__doc__', doc);
      drop('__dict__', dict);
      drop('__closure__', closure);
      drop('__annotations__', annotations);
      return;
    }
    if (o instanceof PyCell) {
      const r = o.ref;
      if (r !== null) {
        o.ref = null;
        rt.decref(r, Holder.Cell, o.id, -1);
      }
      return;
    }
    if (o instanceof PyModule) return;
    if (o instanceof PyType) {
      rt.clearType(o);
      return;
    }
    if (o instanceof PyNativeIter || o instanceof PyNativeObject) {
      if (o instanceof PyNativeObject) (o.state as NativeHooks | null)?.clear?.();
      const held = o.held;
      o.held = [];
      for (let i = 0; i < held.length; i++) {
        const x = held[i];
        if (x) rt.decref(x, Holder.Field, o.id, i);
      }
      return;
    }
    if (o instanceof PyWeakref) {
      if (o.callback !== null) {
        const cb = o.callback;
        o.callback = null;
        rt.decref(cb, Holder.Field, o.id, rt.str('__callback__'));
      }
      return;
    }
    if (o instanceof Generator) {
      rt.clearGenerator(o);
      return;
    }
    if (o instanceof PyStaticMethod) {
      const f = o.func;
      if (f !== null) {
        o.func = null;
        rt.decref(f, Holder.Field, o.id, rt.str('__func__'));
      }
      const d = o.dict;
      if (d !== null) {
        o.dict = null;
        rt.decref(d, Holder.Field, o.id, rt.str('__dict__'));
      }
      return;
    }
    if (o instanceof PyProperty) {
      const fs = [['fget', o.fget], ['fset', o.fset], ['fdel', o.fdel], ['doc', o.doc]] as const;
      o.fget = o.fset = o.fdel = o.doc = null;
      for (const [n, x] of fs) if (x !== null) rt.decref(x, Holder.Field, o.id, rt.str(n));
    }
  }

  incref(o: PyObject): void {
    this.rt.incref(o, Holder.Gc, -1, -1);
  }

  decref(o: PyObject): void {
    this.rt.decref(o, Holder.Gc, -1, -1);
  }

  hasFinalizer(o: PyObject): boolean {
    return o.type.hasFinalizer || (o instanceof Generator && o.frame !== null && o.state === 1);
  }

  finalize(o: PyObject): void {
    // The collector has emitted Finalize already.
    this.proc.callDel(o, false);
  }

  hasLegacyFinalizer(): boolean {
    return false;
  }

  isWeakref(o: PyObject): boolean {
    return o instanceof PyWeakref;
  }

  firstWeakref(o: PyObject): PyObject | null {
    const refs = o.weakrefs;
    if (refs === null || refs.length === 0) return null;
    return refs[0]!;
  }

  clearWeakref(wr: PyObject): void {
    const w = wr as PyWeakref;
    const r = w.referent;
    if (r === null) return;
    if (r.weakrefs !== null) {
      const i = r.weakrefs.indexOf(w);
      if (i >= 0) r.weakrefs.splice(i, 1);
      if (r.weakrefs.length === 0) r.weakrefs = null;
    }
    w.referent = null;
  }

  weakrefHasCallback(wr: PyObject): boolean {
    return (wr as PyWeakref).callback !== null;
  }

  callWeakrefCallback(wr: PyObject): void {
    const w = wr as PyWeakref;
    const cb = w.callback;
    if (cb === null) return;
    this.rt.hooks.weakrefCallback(cb, w);
  }

  isExactTuple(o: PyObject): boolean {
    return o instanceof PyTuple && o.type === this.rt.tupleType;
  }

  isExactDict(o: PyObject): boolean {
    return o instanceof PyDict && o.type === this.rt.dictT;
  }

  saveGarbage(o: PyObject): void {
    if (this.garbage !== null) this.rt.listAppend(this.garbage, o);
  }

  clearFreeLists(): void {
    this.rt.clearFreeLists();
  }

  invokeCallbacks(phase: GcCallbackPhase, generation: number, collected: number, uncollectable: number): void {
    const rt = this.rt;
    const cbs = this.callbacks;
    if (cbs === null || cbs.items.length === 0) return;
    const ph = rt.newStr(phase);
    const info = rt.newDict();
    for (const [k, val] of [['generation', generation], ['collected', collected], ['uncollectable', uncollectable]] as const) {
      const ks = rt.intern(k);
      const vs = rt.int(val);
      dictSet(rt, info, ks, k, vs);
      rt.tempDecref(ks);
      rt.tempDecref(vs);
    }
    try {
      for (const cb of cbs.items.slice()) {
        rt.tempIncref(cb);
        try {
          rt.tempDecref(call(rt, cb, [ph, info]));
        } catch (e) {
          if (!(e instanceof PyThrow)) throw e;
          this.proc.unraisable(e, cb, 'Exception ignored in: ');
        } finally {
          rt.tempDecref(cb);
        }
      }
    } finally {
      rt.tempDecref(ph);
      rt.tempDecref(info);
    }
  }

  /**
   * _PyErr_Occurred(tstate) at a GC allocation: never true for the allocations this runtime
   * makes. CPython 3.11 clears the indicator around every allocation of the raise/unwind path:
   * _PyFrame_MakeAndSetFrameObject and PyTraceBack_Here PyErr_Fetch before allocating the frame
   * object and the traceback, exception_unwind normalizes the exception after _PyErr_Fetch, and
   * __del__, generator finalization and weakref callbacks run with the error fetched. So the
   * automatic collection does run while an exception propagates, at threshold + 1 like any other
   * (test/runtime/gc-wiring.test.ts checks this against python3). A native function that
   * allocates after setting an error would need this to become true for that allocation.
   */
  errorOccurred(): boolean {
    return false;
  }
}

export { lookup, PyStr };
