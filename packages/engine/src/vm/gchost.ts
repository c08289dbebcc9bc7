// The runtime's side of the collector (gc/host.ts): tp_traverse and tp_clear of every object
// kind, finalizers, weakrefs, and the gc.callbacks / gc.garbage state.
import { Holder } from '../events/kinds.js';
import type { GcHost, GcVisit, GcCallbackPhase } from '../gc/host.js';
import {
  PyObject, PyType, PyTuple, PyList, PyDict, PySet, PyCell, PyFunction, PyBuiltin, PyMethod, PyStaticMethod,
  PyProperty, PyModule, PyInstance, PyBaseException, PyWeakref, PyNativeIter, PyNativeObject, PySuper, PySlice, PyStr,
  PyTraceback, PyFrameObj, PyGetSetDescr,
} from '../runtime/object.js';
import { PyThrow, type Runtime } from '../runtime/runtime.js';
import { dictSet } from '../runtime/dict.js';
import { call, lookup } from '../runtime/ops.js';
import { Generator } from './generator.js';
import type { Process } from './process.js';

export class RuntimeGcHost implements GcHost<PyObject> {
  /** gc.garbage and gc.callbacks (lists owned by the gc module). */
  garbage: PyList | null = null;
  callbacks: PyList | null = null;

  constructor(readonly rt: Runtime, readonly proc: Process) {}

  isGc(o: PyObject): boolean {
    return o.type.gcInstances && !(o instanceof PyType && !o.heap);
  }

  traverse(o: PyObject, visit: GcVisit<PyObject>): void {
    const v = (x: PyObject | null | undefined): void => {
      if (x !== null && x !== undefined) visit(x);
    };
    if (o instanceof PyList || o instanceof PyTuple) {
      const items = o.items;
      for (let i = items.length - 1; i >= 0; i--) v(items[i]);
      if (o.type.heap) v(o.type);
      return;
    }
    if (o instanceof PyDict) {
      // dict_traverse: a str-keyed table visits only the values; a general one value then key.
      for (const e of o.entries) {
        if (e.key === null) continue;
        v(e.value);
        if (!o.unicode) v(e.key);
      }
      if (o.type.heap) v(o.type);
      return;
    }
    if (o instanceof PySet) {
      for (const x of o.table) v(x);
      return;
    }
    if (o instanceof PyBaseException) {
      if (o.values !== null) for (const x of o.values.values()) v(x);
      v(o.dict);
      v(o.args);
      v(o.tbObj);
      v(o.context);
      v(o.cause);
      if (o.extra) for (const x of o.extra.values()) v(x);
      if (o.type.heap) v(o.type);
      return;
    }
    if (o instanceof PyInstance) {
      if (o.slots !== null) for (const x of o.slots) v(x);
      if (o.values !== null) for (const x of o.values.values()) v(x);
      v(o.dict);
      v(o.type);
      return;
    }
    if (o instanceof PyFunction) {
      v(o.code);
      v(o.globals);
      v(o.defaults);
      v(o.kwdefaults);
      v(o.doc);
      v(o.name);
      v(o.dict);
      v(o.closure);
      v(o.qualname);
      return;
    }
    if (o instanceof PyCell) return v(o.ref);
    if (o instanceof PyMethod) {
      v(o.func);
      v(o.self);
      return;
    }
    if (o instanceof PyBuiltin) return v(o.self);
    if (o instanceof PyStaticMethod) {
      v(o.func);
      v(o.dict);
      return;
    }
    if (o instanceof PyProperty) {
      v(o.fget);
      v(o.fset);
      v(o.fdel);
      v(o.doc);
      return;
    }
    if (o instanceof PyModule) return v(o.dict);
    if (o instanceof PyType) {
      for (const x of o.dict.values()) v(x);
      v(o.tpDict);
      v(o.mroTuple);
      v(o.basesTuple);
      v(o.base);
      return;
    }
    if (o instanceof PyWeakref) {
      v(o.callback);
      if (o.values !== null) for (const x of o.values.values()) v(x);
      v(o.dict);
      return;
    }
    if (o instanceof PyNativeIter || o instanceof PyNativeObject) {
      for (const x of o.held) v(x);
      if (o instanceof PyNativeObject) v(o.dict);
      return;
    }
    if (o instanceof PySuper) {
      v(o.thisType);
      v(o.obj);
      v(o.objType);
      return;
    }
    if (o instanceof PySlice) {
      v(o.start);
      v(o.stop);
      v(o.step);
      return;
    }
    if (o instanceof PyGetSetDescr) {
      v(o.owner);
      return;
    }
    if (o instanceof PyTraceback) {
      v(o.next);
      v(o.frame);
      return;
    }
    if (o instanceof PyFrameObj) {
      if (o.owned !== null) for (const x of o.owned) v(x);
      v(o.func);
      return;
    }
    if (o instanceof Generator) {
      const f = o.frame;
      if (f === null) return;
      for (const x of f.fast) v(x);
      for (let i = 0; i < f.sp; i++) v(f.stack[i]);
      v(f.func);
    }
  }

  clear(o: PyObject): void {
    const rt = this.rt;
    if (o instanceof PyList) {
      rt.listClear(o);
      return;
    }
    if (o instanceof PyDict) {
      rt.dictClearAll(o);
      return;
    }
    if (o instanceof PySet) {
      const items = o.table.slice() as PyObject[];
      o.keys.clear();
      o.table = [];
      o.hashes = [];
      o.used = 0;
      o.fill = 0;
      for (const x of items) rt.decref(x, Holder.Item, o.id, -1);
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
      const { defaults, kwdefaults, closure, dict, doc } = f;
      f.defaults = null;
      f.kwdefaults = null;
      f.closure = null;
      f.dict = null;
      f.doc = null;
      drop('__defaults__', defaults);
      drop('__kwdefaults__', kwdefaults);
      drop('__doc__', doc);
      drop('__dict__', dict);
      drop('__closure__', closure);
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
    return o instanceof PyTuple && o.type === this.rt.t.tuple;
  }

  isExactDict(o: PyObject): boolean {
    return o instanceof PyDict && o.type === this.rt.t.dict;
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

  errorOccurred(): boolean {
    return false;
  }
}

export { lookup, PyStr };
