// Declaring native types for the builtin modules: a static type whose instances are
// PyNativeObjects (held references + JS state), with methods, getsets, repr and size hooks.
import { PyGetSetDescr, PyNativeIter, PyNativeObject, PyType, type NativeFn, type PyObject } from '../object.js';
import type { Runtime } from '../runtime.js';
import { Holder } from '../../events/kinds.js';

export interface NativeTypeSpec {
  name: string;
  /** __module__ as CPython reports it (`collections`, `_io`, `itertools`). */
  module: string;
  gc: boolean;
  weakrefs?: boolean;
  /** Instances visit their type when traversed (a heap type made from a spec in CPython). */
  traversesType?: boolean;
  /** `__new__`: receives [cls, ...args]. */
  create: NativeFn;
  methods?: Record<string, NativeFn>;
  getsets?: Record<string, [(self: PyObject) => PyObject, ((self: PyObject, v: PyObject | null) => void) | null]>;
  repr?: (self: PyObject) => string;
  sizeof?: (self: PyObject) => number;
}

/** Creates the type and hooks its repr and size into the runtime. */
export function nativeType(rt: Runtime, spec: NativeTypeSpec): PyType {
  const T = rt.t;
  const t = rt.staticType(spec.name);
  t.module = spec.module;
  t.tpName = `${spec.module}.${spec.name}`;
  t.kind = 'NativeObject';
  t.gcInstances = spec.gc;
  t.hasWeakref = spec.weakrefs ?? false;
  t.traversesType = spec.traversesType ?? false;
  t.dict.set('__new__', rt.immortal(new rt.BuiltinCtor('__new__', spec.create), T.builtin_function_or_method!));
  for (const [name, fn] of Object.entries(spec.methods ?? {})) t.dict.set(name, rt.newMethodDescr(t, name, fn));
  for (const [name, [get, set]] of Object.entries(spec.getsets ?? {})) {
    t.dict.set(name, rt.immortal(new PyGetSetDescr(name, t, get, set), T.getset_descriptor!));
  }
  if (spec.repr !== undefined) {
    const repr = spec.repr;
    const prev = rt.builtinRepr;
    rt.builtinRepr = (o) => (o.type === t || (o.type.heap && o.type.mro.includes(t)) ? repr(o) : prev(o));
  }
  if (spec.sizeof !== undefined) {
    const size = spec.sizeof;
    const prev = rt.nativeSizeExtra;
    rt.nativeSizeExtra = (o) => (o.type === t || o.type.mro.includes(t) ? size(o) : prev(o));
  }
  return t;
}

/** Allocates an instance of a native type (tracked when the type is GC). */
export function newNative<S>(rt: Runtime, t: PyType, state: S, size: number): PyNativeObject & { state: S } {
  const o = rt.alloc(new PyNativeObject(), t, size, t.gcInstances);
  o.state = state;
  if (t.gcInstances) rt.track(o);
  return o as PyNativeObject & { state: S };
}

/** An iterator type: its instances hold `source` (held[0]) and produce items with `next`. */
export function iteratorType(rt: Runtime, name: string, module: string): PyType {
  const t = rt.staticType(name);
  t.module = module;
  t.tpName = `${module}.${name}`;
  t.gcInstances = true;
  t.kind = 'NativeIter';
  return t;
}

export function newIterator(rt: Runtime, t: PyType, source: PyObject | null, size: number, next: (it: PyNativeIter) => PyObject | null): PyNativeIter {
  const it = rt.alloc(new PyNativeIter(next), t, size, true);
  if (source !== null) {
    it.held = [source];
    rt.incref(source, Holder.Field, it.id, 0);
  }
  rt.track(it);
  return it;
}
