// The abstract object protocol (Objects/abstract.c, object.c): attribute access, calls,
// comparison, arithmetic, hashing, iteration, repr/str — dispatching to builtin behaviour or to
// the dunder methods of Python classes.
import { Holder } from '../events/kinds.js';
import {
  PyObject, PyType, PyInt, PyBool, PyFloat, PyStr, PyTuple, PyList, PyDict, PySet, PyNone, PyFunction,
  PyBuiltin, PyMethodDescr, PyGetSetDescr, PyMethod, PyStaticMethod, PyClassMethod, PyProperty, PyModule,
  PyInstance, PyBaseException, PyBytes, PyRange, PyCell, PyWeakref, PyNativeIter, PyNativeObject, PySlice,
  PyComplex, PyByteArray, PySuper, PyCode, PyEllipsis, PyNotImplemented,
} from './object.js';
import { PyThrow, type Runtime } from './runtime.js';
import { err, newException } from './errors.js';
import { dictGet, dictSet, dictDel, keySlot, dictItems } from './dict.js';
import { floatRepr } from '../values/float.js';
import { vectorcallOf, viaTpCall, withKwnamesTuple } from './tpcall.js';
import { fixMinusOne, hashFrozenset, hashPointer } from '../values/hash.js';
import { strRepr as valuesStrRepr } from '../values/repr.js';

/** The type's tp_name, as CPython's messages print it. */
export function typeName(o: PyObject): string {
  return o.type.tpName ?? o.type.name;
}

export function isSubtype(a: PyType, b: PyType): boolean {
  return a === b || a.mro.includes(b);
}

export function isInstance(o: PyObject, t: PyType): boolean {
  return isSubtype(o.type, t);
}

/** _PyType_Lookup: the attribute `name` found along the MRO (borrowed). */
export function lookup(type: PyType, name: string): PyObject | null {
  const mro = type.mro;
  for (let i = 0; i < mro.length; i++) {
    const v = mro[i]!.dict.get(name);
    if (v !== undefined) return v;
  }
  return null;
}

/** PyCallable_Check: what callable() answers, and what partial() and method() require. */
export function isCallable(o: PyObject): boolean {
  if (o instanceof PyFunction || o instanceof PyBuiltin || o instanceof PyMethod || o instanceof PyMethodDescr || o instanceof PyType) return true;
  return lookup(o.type, '__call__') !== null;
}

// ---------------------------------------------------------------------------------------------
// Calls

export function call(rt: Runtime, f: PyObject, args: PyObject[], kwnames: string[] | null = null): PyObject {
  if (f instanceof PyFunction) return rt.callPython(f, args, kwnames, null);
  if (f instanceof PyBuiltin) return f.varargs ? viaTpCall(rt, args, kwnames, () => f.fn(args, kwnames, f.self)) : f.fn(args, kwnames, f.self);
  if (f instanceof PyMethod) {
    if (f.func instanceof PyFunction) return rt.callPython(f.func, args, kwnames, f.self);
    return call(rt, f.func, [f.self, ...args], kwnames);
  }
  if (f instanceof PyMethodDescr) {
    if (args.length === 0) throw err(rt, 'TypeError', `unbound method ${f.owner.name}.${f.name}() needs an argument`);
    return f.fn(args.slice(1), kwnames, args[0]!);
  }
  if (f instanceof PyType) return callType(rt, f, args, kwnames);
  if (f instanceof PyNativeObject) {
    const vc = vectorcallOf(f);
    if (vc !== null) return vc(args, kwnames);
  }
  const c = lookup(f.type, '__call__');
  if (c !== null) {
    // slot_tp_call: reached through tp_call (an argument tuple, a keyword dict), it calls a
    // Python __call__ with the keywords unpacked again (a names tuple).
    return viaTpCall(rt, args, kwnames, () => (c instanceof PyFunction ? withKwnamesTuple(rt, kwnames, () => callBound(rt, c, f, args, kwnames)) : callBound(rt, c, f, args, kwnames)));
  }
  throw err(rt, 'TypeError', `'${typeName(f)}' object is not callable`);
}

/** Calls attribute `fn` found on the type of `self` as a method of `self`. */
export function callBound(rt: Runtime, fn: PyObject, self: PyObject, args: PyObject[], kwnames: string[] | null = null): PyObject {
  if (fn instanceof PyFunction) return rt.callPython(fn, args, kwnames, self);
  if (fn instanceof PyMethodDescr) return fn.fn(args, kwnames, self);
  if (fn instanceof PyStaticMethod && !(fn instanceof PyClassMethod)) return call(rt, fn.func!, args, kwnames);
  if (fn instanceof PyClassMethod) return call(rt, fn.func!, [self.type, ...args], kwnames);
  const bound = descrGet(rt, fn, self, self.type);
  try {
    return call(rt, bound, args, kwnames);
  } finally {
    rt.tempDecref(bound);
  }
}

/** Calls the dunder `name` on o's type, or returns null when the type has none. */
export function callDunder(rt: Runtime, o: PyObject, name: string, args: PyObject[]): PyObject | null {
  const fn = lookup(o.type, name);
  if (fn === null) return null;
  return callBound(rt, fn, o, args);
}

export function callType(rt: Runtime, t: PyType, args: PyObject[], kwnames: string[] | null): PyObject {
  // type_call is the metaclass's tp_call: a class whose metaclass defines __call__ is called
  // through it (type.__call__, reached by super().__call__, is callTypeDirect).
  const meta = t.type as PyType;
  if (meta !== rt.typeType && meta.heap) {
    const c = lookup(meta, '__call__');
    if (c !== null && !(c instanceof PyMethodDescr)) return callBound(rt, c, t, args, kwnames);
  }
  return callTypeDirect(rt, t, args, kwnames);
}

/** type.__call__(cls, *args, **kwargs): __new__, then __init__ when it returned an instance. */
export function callTypeDirect(rt: Runtime, t: PyType, args: PyObject[], kwnames: string[] | null): PyObject {
  if (t === rt.typeType && args.length === 1 && kwnames === null) {
    const r = args[0]!.type;
    rt.incref(r, Holder.Temp, -1, -1);
    return r;
  }
  // A type without tp_vectorcall (every class statement's class among them) is called through
  // _PyObject_MakeTpCall: an argument tuple and a dict for keywords (tpcall.ts).
  if (t.heap || !t.vectorcall) {
    if (kwnames === null && rt.tpGiven === null) {
      // viaTpCall's common case written out (no closures on this hot path): positional
      // arguments only, so a tuple of them and no dict, current for the call's slots.
      const argsT = args.length > 0 ? rt.tuple(args, false) : null;
      const saved = rt.tpCurrent;
      rt.tpCurrent = { argsT, kwDict: null };
      try {
        return callTypeInner(rt, t, args, null, t.kind === 'exception' ? argsT : null);
      } finally {
        rt.tpCurrent = saved;
        if (argsT !== null) rt.tempDecref(argsT);
      }
    }
    return viaTpCall(rt, args, kwnames, (argsT) => callTypeInner(rt, t, args, kwnames, kwnames === null && t.kind === 'exception' ? argsT : null));
  }
  return callTypeInner(rt, t, args, kwnames, null);
}

/** [t, ...args], without the spread's iterator protocol. */
function prepend(t: PyObject, args: PyObject[]): PyObject[] {
  const out = new Array<PyObject>(args.length + 1);
  out[0] = t;
  for (let i = 0; i < args.length; i++) out[i + 1] = args[i]!;
  return out;
}

function callTypeInner(rt: Runtime, t: PyType, args: PyObject[], kwnames: string[] | null, argsT: PyObject | null): PyObject {
  // A builtin type's dict is fixed once the runtime is set up: its __new__ and __init__ are
  // looked up once.
  const newFn = t.heap ? lookup(t, '__new__') : (t.newSlot ??= lookup(t, '__new__'));
  let obj: PyObject;
  if (newFn instanceof PyStaticMethod && newFn.func instanceof PyFunction) {
    const fn = newFn.func;
    obj = withKwnamesTuple(rt, kwnames, () => rt.callPython(fn, prepend(t, args), kwnames, null));
  } else if (newFn instanceof PyBuiltin) {
    rt.typeCallArgs = argsT;
    try {
      obj = newFn.fn(prepend(t, args), kwnames, null);
    } finally {
      rt.typeCallArgs = null;
    }
  } else if (newFn instanceof PyStaticMethod && newFn.func instanceof PyBuiltin) {
    obj = newFn.func.fn(prepend(t, args), kwnames, null);
  } else {
    throw err(rt, 'TypeError', `cannot create '${t.name}' instances`);
  }
  const ot = obj.type;
  if (ot !== t && !isSubtype(ot, t)) return obj;
  const init = ot.heap ? lookup(ot, '__init__') : (ot.initSlot ??= lookup(ot, '__init__'));
  if (init !== null && init !== rt.objectInit) {
    try {
      if (init instanceof PyMethodDescr) rt.typeCallArgs = argsT;
      let r: PyObject;
      try {
        r = init instanceof PyFunction ? withKwnamesTuple(rt, kwnames, () => callBound(rt, init, obj, args, kwnames)) : callBound(rt, init, obj, args, kwnames);
      } finally {
        rt.typeCallArgs = null;
      }
      if (!(r instanceof PyNone)) {
        rt.tempDecref(r);
        throw err(rt, 'TypeError', `__init__() should return None, not '${typeName(r)}'`);
      }
      rt.tempDecref(r);
    } catch (e) {
      rt.tempDecref(obj);
      throw e;
    }
  }
  return obj;
}

// ---------------------------------------------------------------------------------------------
// Attributes

/** Binds a descriptor found on a type: functions become bound methods, etc. New reference. */
export function descrGet(rt: Runtime, d: PyObject, obj: PyObject | null, type: PyType): PyObject {
  if (d instanceof PyFunction) {
    if (obj === null) return rt.tempIncref(d);
    return rt.newMethod(d, obj);
  }
  if (d instanceof PyMethodDescr) {
    if (obj === null) return rt.tempIncref(d);
    const b = rt.newBuiltinMethod(d.name, d.fn, obj);
    return b;
  }
  if (d instanceof PyClassMethod) return rt.newMethod(d.func!, type);
  if (d instanceof PyStaticMethod) return rt.tempIncref(d.func!);
  if (d instanceof PyProperty) {
    if (obj === null) return rt.tempIncref(d);
    if (d.fget === null) throw err(rt, 'AttributeError', `property object has no getter`);
    return call(rt, d.fget, [obj]);
  }
  if (d instanceof PyGetSetDescr) {
    if (obj === null) return rt.tempIncref(d);
    return d.get(obj);
  }
  const get = d instanceof PyInstance || d instanceof PyNativeObject ? lookup(d.type, '__get__') : null;
  if (get !== null) return callBound(rt, get, d, [obj ?? rt.None, type]);
  return rt.tempIncref(d);
}

function isDataDescr(d: PyObject): boolean {
  if (d instanceof PyProperty || d instanceof PyGetSetDescr) return true;
  if (d instanceof PyInstance) return lookup(d.type, '__set__') !== null || lookup(d.type, '__delete__') !== null;
  return false;
}

/** Instance attribute storage: inline values or the materialised __dict__ (borrowed). */
function instanceAttr(rt: Runtime, o: PyObject, name: string): PyObject | null {
  if (o instanceof PyInstance || o instanceof PyWeakref) {
    if (o.values !== null) return o.values.get(name) ?? null;
    if (o.dict !== null) return dictGet(o.dict, name);
    return null;
  }
  if (o instanceof PyFunction || o instanceof PyNativeObject || o instanceof PyStaticMethod) {
    return o.dict !== null ? dictGet(o.dict, name) : null;
  }
  if (o instanceof PyModule) return dictGet(o.dict, name);
  if (keepsAttrDict(o)) {
    const d = rt.attrDicts.get(o);
    if (d !== undefined) return dictGet(d, name);
  }
  return null;
}

/**
 * Whether `o` is an instance of a subclass of a builtin value type (list, dict, str, int, float,
 * tuple), whose __dict__, if it has one, lives in runtime.attrDicts.
 */
export function keepsAttrDict(o: PyObject): boolean {
  return o.type.heap && (o instanceof PyList || o instanceof PyDict || o instanceof PyStr || o instanceof PyInt || o instanceof PyFloat || o instanceof PyTuple);
}

export function getattr(rt: Runtime, o: PyObject, name: string): PyObject {
  const r = getattrOpt(rt, o, name);
  if (r !== null) return r;
  throw attributeError(rt, o, name);
}

export function attributeError(rt: Runtime, o: PyObject, name: string): PyThrow {
  let msg: string;
  if (o instanceof PyModule) msg = `module '${o.name}' has no attribute '${name}'`;
  else if (o instanceof PyType) msg = `type object '${o.name}' has no attribute '${name}'`;
  else msg = `'${typeName(o)}' object has no attribute '${name}'`;
  const t = err(rt, 'AttributeError', msg);
  rt.setExcExtra(t.exc, 'name', rt.newStr(name));
  rt.setExcExtra(t.exc, 'obj', rt.tempIncref(o));
  return t;
}

/** getattr, or null when the attribute does not exist (AttributeError swallowed). */
export function getattrOpt(rt: Runtime, o: PyObject, name: string): PyObject | null {
  const type = o.type;
  if (!type.genericGetattr && !(o instanceof PyType)) {
    // slot_tp_getattr_hook: a class's own __getattribute__, then its __getattr__ if that raised
    // AttributeError.
    const gab = lookup(type, '__getattribute__');
    if (gab instanceof PyFunction) {
      const r = getattrHook(rt, rt.newStr(name), (n) => callBound(rt, gab, o, [n]));
      if (r !== null) return r;
      const ga = lookup(type, '__getattr__');
      return ga === null ? null : getattrHook(rt, rt.newStr(name), (n) => callBound(rt, ga, o, [n]));
    }
  }
  const found = genericGetattrOpt(rt, o, name);
  if (found !== null || o instanceof PyType) return found;
  const ga = type.heap ? lookup(type, '__getattr__') : null;
  if (ga !== null) {
    // slot_tp_getattr_hook: the generic lookup fails first, building its AttributeError (name
    // and obj attached), which is dropped before __getattr__ is called.
    rt.tempDecref(attributeError(rt, o, name).exc);
    return getattrHook(rt, rt.newStr(name), (n) => callBound(rt, ga, o, [n]));
  }
  if (o instanceof PyModule) {
    // module_getattro tries the generic lookup first. Its failure builds the AttributeError at
    // once (3.11's set_attribute_error_context attaches name and obj), and module_getattro drops
    // it before raising its own, which stays unbuilt until somebody looks at it.
    rt.tempDecref(attributeError(rt, o, name).exc);
    // PEP 562: a module's own __getattr__ is called with the name (PyObject_CallOneArg).
    const ga = dictGet(o.dict, '__getattr__');
    if (ga !== null) return getattrHook(rt, rt.intern(name), (n) => call(rt, ga, [n]));
  }
  return null;
}

/**
 * PyObject_GenericGetAttr (object.__getattribute__): data descriptors, the instance's own
 * attributes, then other class attributes; null when none has the name. No __getattr__.
 */
export function genericGetattrOpt(rt: Runtime, o: PyObject, name: string): PyObject | null {
  if (o instanceof PyType) return typeGetattr(rt, o, name);
  if (o instanceof PySuper) {
    const r = rt.superGetattr(o, name);
    if (r !== null) return r;
  }
  if (o instanceof PyWeakref && o.proxy && name !== '__class__') return getattrOpt(rt, rt.proxyReferent(o)!, name);
  const special = rt.specialGetattr(o, name);
  if (special !== undefined) return special;
  const type = o.type;
  const d = lookup(type, name);
  if (d !== null && isDataDescr(d)) return descrGet(rt, d, o, type);
  const v = instanceAttr(rt, o, name);
  if (v !== null) return rt.tempIncref(v);
  if (d !== null) return descrGet(rt, d, o, type);
  return null;
}

/**
 * A __getattr__ hook (a class's or a module's) called with the attribute's name `n` (a new
 * reference, dropped after): its result, or null when it raised AttributeError.
 */
function getattrHook(rt: Runtime, n: PyStr, invoke: (n: PyStr) => PyObject): PyObject | null {
  try {
    return invoke(n);
  } catch (e) {
    if (e instanceof PyThrow && isInstance(e.exc, rt.t.AttributeError!)) {
      rt.tempDecref(e.exc);
      return null;
    }
    throw e;
  } finally {
    rt.tempDecref(n);
  }
}

function typeGetattr(rt: Runtime, t: PyType, name: string): PyObject | null {
  const special = rt.specialGetattr(t, name);
  if (special !== undefined) return special;
  const meta = lookup(t.type, name);
  if (meta !== null && isDataDescr(meta)) return descrGet(rt, meta, t, t.type);
  const d = lookup(t, name);
  if (d !== null) {
    if (d instanceof PyFunction || d instanceof PyMethodDescr || d instanceof PyProperty || d instanceof PyGetSetDescr) return rt.tempIncref(d);
    return descrGet(rt, d, null, t);
  }
  if (meta !== null) return descrGet(rt, meta, t, t.type);
  return null;
}

export function setattr(rt: Runtime, o: PyObject, name: string, v: PyObject | null): void {
  if (o instanceof PyWeakref && o.proxy) return setattr(rt, rt.proxyReferent(o)!, name, v);
  if (o instanceof PyType) {
    if (!o.heap) throw err(rt, 'TypeError', `cannot set '${name}' attribute of immutable type '${o.name}'`);
    rt.setTypeAttr(o, name, v);
    return;
  }
  const type = o.type;
  const d = lookup(type, name);
  if (d !== null) {
    if (d instanceof PyProperty) {
      const f = v === null ? d.fdel : d.fset;
      if (f === null) {
        const what = v === null ? 'deleter' : 'setter';
        throw err(rt, 'AttributeError', d.name !== null ? `property '${d.name}' of '${o.type.qualname}' object has no ${what}` : `property of '${o.type.qualname}' object has no ${what}`);
      }
      rt.tempDecref(call(rt, f, v === null ? [o] : [o, v]));
      return;
    }
    if (d instanceof PyGetSetDescr && d.set !== null) {
      d.set(o, v);
      return;
    }
    if (d instanceof PyInstance) {
      const s = lookup(d.type, v === null ? '__delete__' : '__set__');
      if (s !== null) {
        rt.tempDecref(callBound(rt, s, d, v === null ? [o] : [o, v]));
        return;
      }
    }
  }
  if (type.heap && lookup(type, '__setattr__') !== rt.objectSetattr && lookup(type, '__setattr__') !== null) {
    const f = lookup(type, v === null ? '__delattr__' : '__setattr__');
    if (f !== null && f !== rt.objectSetattr && f !== rt.objectDelattr) {
      const n = rt.newStr(name);
      try {
        rt.tempDecref(callBound(rt, f, o, v === null ? [n] : [n, v]));
      } finally {
        rt.tempDecref(n);
      }
      return;
    }
  }
  genericSetattr(rt, o, name, v);
}

export function genericSetattr(rt: Runtime, o: PyObject, name: string, v: PyObject | null): void {
  if (o instanceof PyBaseException) {
    // BaseException keeps a plain dict pointer (tp_dictoffset, not a managed dict): the first
    // attribute set makes an ordinary dict, one GC allocation (PyObject_GenericSetAttr).
    if (o.dict === null) {
      if (v === null) throw attributeError(rt, o, name);
      o.dict = rt.newDict();
      rt.give(o.dict, Holder.Field, o.id, rt.str('__dict__'));
    }
    dictSetOrDel(rt, o, o.dict, name, v);
    return;
  }
  if ((o instanceof PyInstance || o instanceof PyWeakref) && (o.type.hasDict)) {
    if (o.dict === null) {
      o.values ??= new Map();
      const slot = rt.str(name);
      const old = o.values.get(name);
      if (v === null) {
        if (old === undefined) throw attributeError(rt, o, name);
        o.values.delete(name);
        rt.decref(old, Holder.Attr, o.id, slot);
        return;
      }
      const shared = o.type.sharedKeys;
      if (shared !== null && o instanceof PyInstance && shared.store(name) < 0) {
        // The shared keys are full: the instance gets a real dict, which takes the store.
        dictSetOrDel(rt, o, rt.materializeDict(o), name, v);
        return;
      }
      rt.incref(v, Holder.Attr, o.id, slot);
      o.values.set(name, v);
      if (old !== undefined) rt.decref(old, Holder.Attr, o.id, slot);
      return;
    }
    dictSetOrDel(rt, o, o.dict, name, v);
    return;
  }
  if (o instanceof PyFunction || o instanceof PyNativeObject) {
    if (o.dict === null) {
      if (v === null) throw attributeError(rt, o, name);
      o.dict = rt.newDict();
      rt.give(o.dict, Holder.Field, o.id, rt.str('__dict__'));
    }
    dictSetOrDel(rt, o, o.dict, name, v);
    return;
  }
  if (o instanceof PyModule) {
    dictSetOrDel(rt, o, o.dict, name, v);
    return;
  }
  if (keepsAttrDict(o) && o.type.hasDict) {
    // An instance of a subclass of list or dict: its __dict__ (runtime.attrDicts).
    if (v === null && !rt.attrDicts.has(o)) throw attributeError(rt, o, name);
    dictSetOrDel(rt, o, rt.attrDict(o), name, v);
    return;
  }
  if (lookup(o.type, name) !== null) throw err(rt, 'AttributeError', `'${typeName(o)}' object attribute '${name}' is read-only`);
  throw err(rt, 'AttributeError', `'${typeName(o)}' object has no attribute '${name}'`);
}

function dictSetOrDel(rt: Runtime, o: PyObject, d: PyDict, name: string, v: PyObject | null): void {
  if (v === null) {
    if (!dictDel(rt, d, name)) throw attributeError(rt, o, name);
    return;
  }
  const k = rt.intern(name);
  dictSet(rt, d, k, name, v);
  rt.tempDecref(k);
}

// ---------------------------------------------------------------------------------------------
// Hashing

const HASH_MOD = (1n << 61n) - 1n;

export function hashInt(v: bigint): bigint {
  const neg = v < 0n;
  let h = (neg ? -v : v) % HASH_MOD;
  if (neg) h = -h;
  if (h === -1n) h = -2n;
  return h;
}

/** The JS value dicts and sets use to identify a key: equal for equal Python keys. */
export function hashKey(rt: Runtime, o: PyObject): unknown {
  if (o instanceof PyStr) return o.type === rt.strType || !o.type.heap ? o.value : userHashKey(rt, o) ?? o.value;
  if (o instanceof PyInt) return o.type.heap ? userHashKey(rt, o) ?? o.value : o.value;
  if (o instanceof PyFloat) {
    const v = o.value;
    if (Number.isInteger(v)) return BigInt(v);
    if (Number.isNaN(v)) return o;
    return v;
  }
  if (o instanceof PyTuple) return '\u0000t(' + o.items.map((x) => keyString(rt, hashKey(rt, x))).join(',') + ')';
  // meth_hash and meth_richcompare: a bound method is equal to another bound to the same object
  // (by identity) and an equal function, however many times it was looked up.
  if (o instanceof PyMethod) return '\u0000M' + keyString(rt, o.self) + ',' + keyString(rt, hashKey(rt, o.func));
  if (o instanceof PyBuiltin && o.self !== null) return '\u0000C' + keyString(rt, o.self) + ',' + keyString(rt, o.fn);
  if (o instanceof PyNone || o instanceof PyType || o instanceof PyFunction || o instanceof PyBuiltin) return o;
  if (o instanceof PyList || o instanceof PyDict || (o instanceof PySet && !o.frozen) || o instanceof PyByteArray) {
    throw err(rt, 'TypeError', `unhashable type: '${typeName(o)}'`);
  }
  if (o instanceof PySet) {
    const ks = [...o.keys.keys()].map((k) => keyString(rt, k)).sort();
    return '\u0000f{' + ks.join(',') + '}';
  }
  if (o instanceof PyBytes) return '\u0000b' + Array.from(o.value).join(',');
  if (o instanceof PyWeakref) {
    if (o.referent === null) {
      // A dead ref still finds the dict slot it was stored under (its hash was cached then).
      const k = weakrefKeys.get(o);
      if (k !== undefined) return k;
      if (o.hash === null) throw err(rt, 'TypeError', 'weak object has gone away');
      return '\u0000h' + o.hash;
    }
    const k = hashKey(rt, o.referent);
    weakrefKeys.set(o, k);
    return k;
  }
  if (o.type.heap) {
    const k = userHashKey(rt, o);
    if (k !== null) return k;
  }
  return o;
}

/** The key each weakref was last hashed under while alive (CPython caches the referent's hash). */
const weakrefKeys = new WeakMap<PyWeakref, unknown>();

const keyIds = new WeakMap<object, number>();
let nextKeyId = 1;
function keyString(_rt: Runtime, k: unknown): string {
  if (typeof k === 'string') return 's' + k.length + ':' + k;
  if (typeof k === 'bigint') return 'i' + k;
  if (typeof k === 'number') return 'f' + k;
  if (typeof k === 'object' && k !== null) {
    let id = keyIds.get(k);
    if (id === undefined) keyIds.set(k, (id = nextKeyId++));
    return 'o' + id;
  }
  return String(k);
}

function userHashKey(rt: Runtime, o: PyObject): unknown | null {
  const h = lookup(o.type, '__hash__');
  if (h === null || h === rt.objectHash) {
    const eq = lookup(o.type, '__eq__');
    if (eq !== null && eq !== rt.objectEq && h === null) return null;
    return null;
  }
  if (h instanceof PyNone) throw err(rt, 'TypeError', `unhashable type: '${typeName(o)}'`);
  const r = callBound(rt, h, o, []);
  const v = r instanceof PyInt ? r.value : 0n;
  rt.tempDecref(r);
  return '\u0000h' + hashInt(v);
}

/**
 * A made-up address for the C function behind a builtin (its ml_meth, which meth_hash mixes in):
 * one per native function of this runtime, in the order they are first hashed, as if in the
 * executable's text.
 */
function nativeAddress(rt: Runtime, fn: object): number {
  let a = rt.nativeAddresses.get(fn);
  if (a === undefined) rt.nativeAddresses.set(fn, (a = 0x55e000100000 + 16 * rt.nativeAddresses.size));
  return a;
}

/** hash(o) as CPython computes it (ints exactly; str via rt.strHash). */
export function pyHash(rt: Runtime, o: PyObject): bigint {
  if (o instanceof PyInt && !o.type.heap) return hashInt(o.value);
  if (o instanceof PyStr && !o.type.heap) return rt.strHash(o.value);
  if (o instanceof PyFloat) return rt.floatHash(o.value);
  if (o instanceof PyTuple) return tupleHash(o.items.map((x) => pyHash(rt, x)));
  if (o instanceof PySet && o.frozen) return hashFrozenset([...o.keys.values()].map((x) => pyHash(rt, x)));
  if (o instanceof PyMethod) return fixMinusOne(hashPointer(BigInt(rt.idOf(o.self))) ^ pyHash(rt, o.func));
  if (o instanceof PyBuiltin && o.self !== null) {
    return fixMinusOne(hashPointer(BigInt(rt.idOf(o.self))) ^ hashPointer(BigInt(nativeAddress(rt, o.fn))));
  }
  if (o instanceof PyWeakref && !o.proxy) {
    // weakref_hash: the referent's hash, computed once and kept after the referent dies.
    if (o.hash === null) {
      if (o.referent === null) throw err(rt, 'TypeError', 'weak object has gone away');
      o.hash = pyHash(rt, o.referent);
    }
    return o.hash;
  }
  const k = hashKey(rt, o);
  if (typeof k === 'string' && k.startsWith('\u0000h')) return BigInt(k.slice(2));
  // _Py_HashPointer: the address rotated right by 4 bits, its low 4 bits being zero a shift.
  return BigInt(rt.idOf(o) / 16);
}

const M64 = (1n << 64n) - 1n;
function toSigned(x: bigint): bigint {
  x &= M64;
  return x >= 1n << 63n ? x - (1n << 64n) : x;
}
/** tuplehash (xxHash-based, 3.8+). */
export function tupleHash(hs: bigint[]): bigint {
  const P1 = 11400714785074694791n;
  const P2 = 14029467366897019727n;
  const P5 = 2870177450012600261n;
  let acc = P5;
  for (const h of hs) {
    acc = (acc + (h & M64) * P2) & M64;
    acc = ((acc << 31n) | (acc >> 33n)) & M64;
    acc = (acc * P1) & M64;
  }
  acc = (acc + (BigInt(hs.length) ^ (P5 ^ 3527539n))) & M64;
  if (acc === M64) return 1546275796n;
  return toSigned(acc);
}

// ---------------------------------------------------------------------------------------------
// Truth, length, repr, str

export function truthy(rt: Runtime, o: PyObject): boolean {
  if (o === rt.True) return true;
  if (o === rt.False || o === rt.None) return false;
  if (o instanceof PyInt) return o.num !== 0; // num is NaN only for ints too big for it: never 0
  if (o instanceof PyFloat) return o.value !== 0;
  if (o instanceof PyStr) return o.value.length > 0;
  if (o instanceof PyList || o instanceof PyTuple) return o.items.length > 0;
  if (o instanceof PyDict) return o.used > 0;
  if (o instanceof PySet) return o.used > 0;
  if (o instanceof PyBytes) return o.value.length > 0;
  if (o instanceof PyInstance || o instanceof PyNativeObject) {
    const b = lookup(o.type, '__bool__');
    if (b !== null) {
      const r = callBound(rt, b, o, []);
      rt.tempDecref(r);
      return r === rt.True;
    }
    const l = lookup(o.type, '__len__');
    if (l !== null) return len(rt, o) > 0;
    return true;
  }
  if (o instanceof PyRange) return rangeLen(o) > 0n;
  return true;
}

export function rangeLen(r: PyRange): bigint {
  const { start, stop, step } = r;
  if (step > 0n) return start < stop ? (stop - start - 1n) / step + 1n : 0n;
  return start > stop ? (start - stop - 1n) / -step + 1n : 0n;
}

export function len(rt: Runtime, o: PyObject, builtin = false): number {
  if (!builtin && o.type.heap) {
    const f = lookup(o.type, '__len__');
    if (f !== null && !(f instanceof PyMethodDescr)) return lenFrom(rt, callBound(rt, f, o, []));
  }
  if (o instanceof PyStr) return [...o.value].length;
  if (o instanceof PyList || o instanceof PyTuple) return o.items.length;
  if (o instanceof PyDict) return o.used;
  if (o instanceof PySet) return o.used;
  if (o instanceof PyBytes) return o.value.length;
  if (o instanceof PyByteArray) return o.value.length;
  if (o instanceof PyRange) return Number(rangeLen(o));
  // dict views: the size of the dict they look at.
  const t = o.type;
  if (t === rt.t.dict_keys || t === rt.t.dict_values || t === rt.t.dict_items) return ((o as PyNativeObject).held[0] as PyDict).used;
  const l = lookup(o.type, '__len__');
  if (l !== null) return lenFrom(rt, callBound(rt, l, o, []));
  throw err(rt, 'TypeError', `object of type '${typeName(o)}' has no len()`);
}

/** What a __len__ returned, checked as len() checks it. */
function lenFrom(rt: Runtime, r: PyObject): number {
  rt.tempDecref(r);
  if (!(r instanceof PyInt)) throw err(rt, 'TypeError', `'${typeName(r)}' object cannot be interpreted as an integer`);
  if (r.value < 0n) throw err(rt, 'ValueError', '__len__() should return >= 0');
  return Number(r.value);
}

/** repr() of a str: values/repr.ts, which is checked against python3 on every plane. */
export const strRepr = valuesStrRepr;

export function bytesRepr(b: ArrayLike<number>, prefix = 'b'): string {
  let hasSq = false;
  let hasDq = false;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x27) hasSq = true;
    if (b[i] === 0x22) hasDq = true;
  }
  const q = hasSq && !hasDq ? '"' : "'";
  let out = prefix + q;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0x5c) out += '\\\\';
    else if (String.fromCharCode(c) === q) out += '\\' + q;
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += String.fromCharCode(c);
  }
  return out + q;
}

/** Calls a user class's `__repr__`/`__str__` and checks it returned a str, as PyObject_Repr/PyObject_Str do; null when the type has none of its own. */
function userStringDunder(rt: Runtime, o: PyObject, name: '__repr__' | '__str__'): string | null {
  if (!(o.type.heap || o instanceof PyInstance)) return null;
  const f = lookup(o.type, name);
  if (f === null || f instanceof PyMethodDescr) return null;
  const r = callBound(rt, f, o, []);
  if (!(r instanceof PyStr)) {
    rt.tempDecref(r);
    throw err(rt, 'TypeError', `${name} returned non-string (type ${typeName(r)})`);
  }
  const s = r.value;
  rt.tempDecref(r);
  return s;
}

export function repr(rt: Runtime, o: PyObject): string {
  return userStringDunder(rt, o, '__repr__') ?? rt.builtinRepr(o);
}

export function str(rt: Runtime, o: PyObject): string {
  if (o instanceof PyStr) return o.value;
  const s = userStringDunder(rt, o, '__str__');
  if (s !== null) return s;
  if (o instanceof PyBaseException) return rt.exceptionStr(o);
  // proxy_str: str() of a weak proxy is str() of its referent (ReferenceError once it is gone).
  const referent = rt.proxyReferent(o);
  if (referent !== null) return str(rt, referent);
  return repr(rt, o);
}

export function floatStr(v: number): string {
  return floatRepr(v);
}

// ---------------------------------------------------------------------------------------------
// Comparison

export const LT = 0, LE = 1, EQ = 2, NE = 3, GT = 4, GE = 5;
/** The value keys of a set or of a dict's keys view (what set comparisons compare), else null. */
function setLikeKeys(rt: Runtime, o: PyObject): ReadonlySet<unknown> | null {
  if (o instanceof PySet) return new Set(o.keys.keys());
  if (o.type === rt.t.dict_keys) return new Set(((o as PyNativeObject).held[0] as PyDict).index.keys());
  return null;
}

const SWAPPED = [GT, GE, EQ, NE, LT, LE];
const CMP_DUNDER = ['__lt__', '__le__', '__eq__', '__ne__', '__gt__', '__ge__'];
const CMP_SYM = ['<', '<=', '==', '!=', '>', '>='];

function cmpNum(a: number | bigint, b: number | bigint, op: number): boolean {
  switch (op) {
    case LT: return a < b;
    case LE: return a <= b;
    case EQ: return a == b; // eslint-disable-line eqeqeq
    case NE: return a != b; // eslint-disable-line eqeqeq
    case GT: return a > b;
    default: return a >= b;
  }
}

function cmpOrd(c: number, op: number): boolean {
  return cmpNum(c, 0, op);
}

/** Builtin comparison; null = NotImplemented. */
function builtinCompare(rt: Runtime, a: PyObject, b: PyObject, op: number): boolean | null {
  if ((a instanceof PyInt || a instanceof PyFloat) && (b instanceof PyInt || b instanceof PyFloat)) {
    if (a instanceof PyInt && b instanceof PyInt) return a.num === a.num && b.num === b.num ? cmpNum(a.num, b.num, op) : cmpNum(a.value, b.value, op);
    const x = a instanceof PyInt ? a.value : a.value;
    const y = b instanceof PyInt ? b.value : b.value;
    if (typeof x === 'number' && Number.isNaN(x)) return op === NE;
    if (typeof y === 'number' && Number.isNaN(y)) return op === NE;
    return cmpNum(x, y, op);
  }
  if (a instanceof PyStr && b instanceof PyStr) return cmpOrd(a.value < b.value ? -1 : a.value > b.value ? 1 : 0, op);
  if (a instanceof PyBytes && b instanceof PyBytes) {
    const n = Math.min(a.value.length, b.value.length);
    for (let i = 0; i < n; i++) if (a.value[i] !== b.value[i]) return cmpOrd(a.value[i]! - b.value[i]!, op);
    return cmpOrd(a.value.length - b.value.length, op);
  }
  if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple && !(a.type.heap && b.type.heap))) {
    return seqCompare(rt, (a as PyList).items, (b as PyList).items, op);
  }
  if (a instanceof PyDict && b instanceof PyDict) {
    if (op !== EQ && op !== NE) return null;
    let eq = a.used === b.used;
    if (eq) {
      for (const [k, v] of dictItems(a)) {
        const w = dictGet(b, hashKey(rt, k));
        if (w === null || !equal(rt, v, w)) {
          eq = false;
          break;
        }
      }
    }
    return op === EQ ? eq : !eq;
  }
  // Sets and dict key views compare as sets (subset / superset / equal), by value keys.
  const ka = setLikeKeys(rt, a);
  const kb = ka === null ? null : setLikeKeys(rt, b);
  if (ka !== null && kb !== null) {
    const sub = [...ka].every((k) => kb.has(k));
    const sup = [...kb].every((k) => ka.has(k));
    switch (op) {
      case EQ: return sub && sup;
      case NE: return !(sub && sup);
      case LE: return sub;
      case GE: return sup;
      case LT: return sub && !sup;
      default: return sup && !sub;
    }
  }
  if (a instanceof PyRange && b instanceof PyRange && (op === EQ || op === NE)) {
    const la = rangeLen(a);
    const same = la === rangeLen(b) && (la === 0n || (a.start === b.start && (la === 1n || a.step === b.step)));
    return op === EQ ? same : !same;
  }
  if (a instanceof PyMethod && b instanceof PyMethod && (op === EQ || op === NE)) {
    // meth_richcompare: the same self (by identity) bound to equal functions.
    const e = a.self === b.self && (a.func === b.func || equal(rt, a.func, b.func));
    return op === EQ ? e : !e;
  }
  if (a instanceof PyBuiltin && b instanceof PyBuiltin && a.self !== null && (op === EQ || op === NE)) {
    // meth_richcompare of builtins: the same self (by identity) and the same C function.
    const e = a.self === b.self && a.fn === b.fn;
    return op === EQ ? e : !e;
  }
  if (a instanceof PyWeakref && b instanceof PyWeakref && (op === EQ || op === NE)) {
    if (a.referent !== null && b.referent !== null) {
      const e = equal(rt, a.referent, b.referent);
      return op === EQ ? e : !e;
    }
    return op === EQ ? a === b : a !== b;
  }
  return null;
}

function seqCompare(rt: Runtime, x: PyObject[], y: PyObject[], op: number): boolean {
  const n = Math.min(x.length, y.length);
  let i = 0;
  for (; i < n; i++) if (!(x[i] === y[i] || equal(rt, x[i]!, y[i]!))) break;
  if (i >= n) return cmpOrd(x.length - y.length, op);
  if (op === EQ) return false;
  if (op === NE) return true;
  return truthyCompare(rt, x[i]!, y[i]!, op);
}

function truthyCompare(rt: Runtime, a: PyObject, b: PyObject, op: number): boolean {
  const r = richCompare(rt, a, b, op);
  const t = truthy(rt, r);
  rt.tempDecref(r);
  return t;
}

/** PyObject_RichCompare: a new reference to the result. */
export function richCompare(rt: Runtime, a: PyObject, b: PyObject, op: number): PyObject {
  // Two ints of builtin types: no user method can take part, so the general path below would
  // come straight to builtinCompare.
  if (a instanceof PyInt && b instanceof PyInt && !a.type.heap && !b.type.heap) {
    const r = builtinCompare(rt, a, b, op);
    if (r !== null) return rt.bool(r);
  }
  const reflectedFirst = a.type !== b.type && isSubtype(b.type, a.type) && lookup(b.type, CMP_DUNDER[SWAPPED[op]!]!) !== null && b.type.heap;
  if (reflectedFirst) {
    const r = tryCmp(rt, b, a, SWAPPED[op]!);
    if (r !== null) return r;
  }
  let r = tryCmp(rt, a, b, op);
  if (r !== null) return r;
  if (!reflectedFirst) {
    r = tryCmp(rt, b, a, SWAPPED[op]!);
    if (r !== null) return r;
  }
  if (op === EQ) return rt.bool(a === b);
  if (op === NE) return rt.bool(a !== b);
  throw err(rt, 'TypeError', `'${CMP_SYM[op]}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

function tryCmp(rt: Runtime, a: PyObject, b: PyObject, op: number): PyObject | null {
  if (a.type.heap) {
    const f = lookup(a.type, CMP_DUNDER[op]!);
    if (f !== null && !(f instanceof PyMethodDescr)) {
      const r = callBound(rt, f, a, [b]);
      if (r === rt.NotImplemented) {
        rt.tempDecref(r);
        return null;
      }
      return r;
    }
    if (op === NE) {
      const eq = lookup(a.type, '__eq__');
      if (eq !== null && !(eq instanceof PyMethodDescr)) {
        const r = callBound(rt, eq, a, [b]);
        if (r === rt.NotImplemented) {
          rt.tempDecref(r);
          return null;
        }
        const t = truthy(rt, r);
        rt.tempDecref(r);
        return rt.bool(!t);
      }
    }
  }
  if (a instanceof PyNativeObject) {
    // Native types of the builtin modules (deque) compare through their method descriptors.
    const f = lookup(a.type, CMP_DUNDER[op]!);
    if (f instanceof PyMethodDescr) {
      const r = f.fn([b], null, a);
      if (r !== rt.NotImplemented) return r;
      rt.tempDecref(r);
      return null;
    }
  }
  const r = builtinCompare(rt, a, b, op);
  return r === null ? null : rt.bool(r);
}

/** a == b as a JS boolean (identity first, as containers do). */
export function equal(rt: Runtime, a: PyObject, b: PyObject): boolean {
  if (a === b) return true;
  if (a instanceof PyInt && b instanceof PyInt && !a.type.heap && !b.type.heap) return a.num === a.num && b.num === b.num ? a.num === b.num : a.value === b.value;
  if (a instanceof PyStr && b instanceof PyStr && !a.type.heap && !b.type.heap) return a.value === b.value;
  return truthyCompare(rt, a, b, EQ);
}

// ---------------------------------------------------------------------------------------------
// Iteration

export function iter(rt: Runtime, o: PyObject, builtin = false): PyObject {
  if (o.type.heap && !builtin) {
    const f = lookup(o.type, '__iter__');
    if (f !== null && !(f instanceof PyMethodDescr)) {
      const r = callBound(rt, f, o, []);
      if (!isIterator(rt, r)) {
        rt.tempDecref(r);
        throw err(rt, 'TypeError', `iter() returned non-iterator of type '${typeName(r)}'`);
      }
      return r;
    }
    if (f === null && lookup(o.type, '__getitem__') !== null) return rt.seqIter(o);
  }
  const it = rt.builtinIter(o);
  if (it !== null) return it;
  throw err(rt, 'TypeError', `'${typeName(o)}' object is not iterable`);
}

export function isIterator(rt: Runtime, o: PyObject): boolean {
  return o instanceof PyNativeIter || rt.isGenerator(o) || lookup(o.type, '__next__') !== null;
}

/** Next item (new reference), or null when exhausted. */
export function next(rt: Runtime, it: PyObject): PyObject | null {
  if (it instanceof PyNativeIter) return it.next(it);
  if (rt.isGenerator(it)) return rt.genNext(it);
  const f = lookup(it.type, '__next__');
  if (f === null) throw err(rt, 'TypeError', `'${typeName(it)}' object is not an iterator`);
  try {
    return callBound(rt, f, it, []);
  } catch (e) {
    if (e instanceof PyThrow && isInstance(e.exc, rt.t.StopIteration!)) {
      rt.tempDecref(e.exc);
      return null;
    }
    throw e;
  }
}

/** Collects an iterable's items (new references). */
export function toArray(rt: Runtime, o: PyObject): PyObject[] {
  if ((o instanceof PyList || o instanceof PyTuple) && !o.type.heap) {
    for (const x of o.items) rt.tempIncref(x);
    return o.items.slice();
  }
  const it = iter(rt, o);
  const out: PyObject[] = [];
  try {
    for (;;) {
      const x = next(rt, it);
      if (x === null) break;
      out.push(x);
    }
  } catch (e) {
    for (const x of out) rt.tempDecref(x);
    throw e;
  } finally {
    rt.tempDecref(it);
  }
  return out;
}

export function contains(rt: Runtime, container: PyObject, item: PyObject, builtin = false): boolean {
  // A class's own __contains__ first (`builtin`: the base type's, for list.__contains__ & co.);
  // builtin types only have method descriptors, which the cases below implement.
  if (!builtin && container.type.heap) {
    const f = lookup(container.type, '__contains__');
    if (f !== null && !(f instanceof PyMethodDescr)) {
      const r = callBound(rt, f, container, [item]);
      const t = truthy(rt, r);
      rt.tempDecref(r);
      return t;
    }
  }
  if (container instanceof PyDict) return dictGet(container, hashKey(rt, item)) !== null;
  if (container instanceof PySet) return container.keys.has(hashKey(rt, item));
  if (container instanceof PyList || container instanceof PyTuple) {
    for (const x of container.items) if (x === item || equal(rt, x, item)) return true;
    return false;
  }
  if (container instanceof PyStr) {
    if (!(item instanceof PyStr)) throw err(rt, 'TypeError', `'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.value.includes(item.value);
  }
  if (container instanceof PyRange && item instanceof PyInt) {
    const { start, stop, step } = container;
    const v = item.value;
    if (step > 0n ? v < start || v >= stop : v > start || v <= stop) return false;
    return (v - start) % step === 0n;
  }
  // Otherwise (a type's own __contains__ was taken above): compare with what iteration gives.
  const it = iter(rt, container);
  try {
    for (;;) {
      const x = next(rt, it);
      if (x === null) return false;
      const eq = x === item || equal(rt, x, item);
      rt.tempDecref(x);
      if (eq) return true;
    }
  } finally {
    rt.tempDecref(it);
  }
}

export { PyCell, PyCode, PySlice, PyComplex, PySuper, PyEllipsis, PyNotImplemented, PyBool, newException, keySlot };
