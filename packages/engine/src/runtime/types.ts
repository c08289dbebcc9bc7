// The builtin types: their type objects, sizes, teardown order, repr, iteration and the common
// methods. Installs the late-bound pieces of Runtime.
import type { NativeHooks } from './object.js';
import { VECTORCALL_TYPES } from './tpcall.js';
import { EventKind, Holder } from '../events/kinds.js';
import {
  PyObject, PyType, PyInt, PyBool, PyFloat, PyStr, PyBytes, PyByteArray, PyTuple, PyList, PyDict, PySet, PyRange,
  PySlice, PyCell, PyCode, PyFunction, PyBuiltin, PyMethodDescr, PyGetSetDescr, PyMethod, PyStaticMethod,
  PyClassMethod, PyProperty, PyModule, PyInstance, PyBaseException, PyWeakref, PyNativeIter, PyNativeObject,
  PySuper, PyNone, PyComplex, PyTraceback, PyFrameObj, type NativeFn,
} from './object.js';
import { Runtime, PyThrow, GC_TRACKED } from './runtime.js';
import { err, newException } from './errors.js';
import {
  dictCloneInto, dictGet, dictSet, dictPop, dictClear, dictSize, dictItems, keySlot, dictPresize, mayBeTracked,
} from './dict.js';
import {
  lookup, call, callBound, getattr, getattrOpt, setattr, genericGetattrOpt, attributeError, repr, str, hashKey, pyHash, truthy, len, iter, next, toArray, equal,
  richCompare, LT, strRepr, bytesRepr, isSubtype, typeName, rangeLen, hashInt, contains, genericSetattr, descrGet,
} from './ops.js';
import { floatRepr } from '../values/float.js';
import * as L from '../memory/list.js';
import {
  setAdd, setClear, setDifference, setDifferenceUpdate, setDiscard, setFrom, setIntersection, setIntersectionUpdate,
  setIsSubset, setOf, setPop, setRelease, setSize, setSymmetricDifferenceUpdate, setUnion, setUpdate,
} from './sets.js';

export type ArgSpec = string[];

/** Binds positional + keyword arguments to names (null = missing). */
export function parseArgs(rt: Runtime, fname: string, args: PyObject[], kwnames: string[] | null, names: string[], required: number): (PyObject | null)[] {
  const npos = args.length - (kwnames?.length ?? 0);
  const out = new Array<PyObject | null>(names.length).fill(null);
  if (npos > names.length) throw err(rt, 'TypeError', `${fname}() takes at most ${names.length} argument${names.length === 1 ? '' : 's'} (${npos} given)`);
  for (let i = 0; i < npos; i++) out[i] = args[i]!;
  if (kwnames !== null) {
    for (let k = 0; k < kwnames.length; k++) {
      const idx = names.indexOf(kwnames[k]!);
      if (idx < 0) throw err(rt, 'TypeError', `${fname}() got an unexpected keyword argument '${kwnames[k]}'`);
      out[idx] = args[npos + k]!;
    }
  }
  for (let i = 0; i < required; i++) {
    if (out[i] === null) throw err(rt, 'TypeError', `${fname}() missing required argument '${names[i]}' (pos ${i + 1})`);
  }
  return out;
}

export function noKw(rt: Runtime, fname: string, kwnames: string[] | null): void {
  if (kwnames !== null && kwnames.length > 0) throw err(rt, 'TypeError', `${fname}() takes no keyword arguments`);
}

export function asInt(rt: Runtime, o: PyObject, what = 'an integer'): bigint {
  if (o instanceof PyInt) return o.value;
  const f = lookup(o.type, '__index__');
  if (f !== null) {
    const r = callBound(rt, f, o, []);
    rt.tempDecref(r);
    if (r instanceof PyInt) return r.value;
  }
  throw err(rt, 'TypeError', `'${typeName(o)}' object cannot be interpreted as ${what}`);
}

function checkArgs(rt: Runtime, name: string, args: PyObject[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    if (min === max) {
      if (min === 0) throw err(rt, 'TypeError', `${name}() takes no arguments (${args.length} given)`);
      throw err(rt, 'TypeError', `${name}() takes exactly ${min === 1 ? 'one argument' : `${min} arguments`} (${args.length} given)`);
    }
    if (args.length < min) throw err(rt, 'TypeError', `${name} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${args.length}`);
    throw err(rt, 'TypeError', `${name} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${args.length}`);
  }
}

export function installTypes(rt: Runtime): void {
  const T = rt.t;
  const obj = T.object!;
  const mk = (name: string, base?: PyType, kind?: string): PyType => {
    const t = T[name] ?? rt.staticType(name, base);
    if (base !== undefined && t.base !== base) {
      t.base = base;
      t.bases = [base];
      t.mro = [t, ...base.mro];
    }
    t.kind = kind ?? base?.kind ?? name;
    return t;
  };
  for (const t of Object.values(T)) t.type = T.type!;
  mk('type', obj, 'type');
  mk('NoneType', obj);
  mk('NotImplementedType', obj);
  mk('ellipsis', obj);
  mk('int', obj);
  mk('bool', T.int!);
  mk('str', obj);
  mk('tuple', obj);
  for (const n of ['float', 'complex', 'bytes', 'bytearray', 'list', 'dict', 'set', 'frozenset', 'range', 'slice', 'cell',
    'code', 'function', 'builtin_function_or_method', 'method_descriptor', 'getset_descriptor', 'member_descriptor', 'method',
    'staticmethod', 'classmethod', 'property', 'module', 'super', 'generator', 'frame', 'traceback', 'mappingproxy',
    'list_iterator', 'list_reverseiterator', 'tuple_iterator', 'str_ascii_iterator', 'str_iterator', 'bytes_iterator', 'set_iterator',
    'dict_keyiterator', 'dict_valueiterator', 'dict_itemiterator', 'dict_keys', 'dict_values', 'dict_items', 'range_iterator',
    'reversed', 'iterator', 'enumerate', 'zip', 'map', 'filter', 'callable_iterator', 'NativeObject']) {
    mk(n, obj);
  }
  for (const n of VECTORCALL_TYPES) T[n]!.vectorcall = true;
  T.classmethod!.base = obj;
  rt.t.object!.kind = 'object';
  for (const t of Object.values(T)) t.type = T.type!;
  T.bool!.kind = 'int';

  // Exceptions.
  // Every exception instance has a __dict__ (BaseException's dict member, inherited).
  const exc = (name: string, base: PyType): PyType => {
    const t = mk(name, base, 'exception');
    t.hasDict = true;
    return t;
  };
  const BaseException = exc('BaseException', obj);
  const Exception = exc('Exception', BaseException);
  for (const n of ['GeneratorExit', 'KeyboardInterrupt', 'SystemExit']) exc(n, BaseException);
  for (const n of ['ArithmeticError', 'AssertionError', 'AttributeError', 'BufferError', 'EOFError', 'ImportError', 'LookupError',
    'MemoryError', 'NameError', 'OSError', 'ReferenceError', 'RuntimeError', 'StopIteration', 'StopAsyncIteration', 'SyntaxError',
    'SystemError', 'TypeError', 'ValueError', 'Warning']) exc(n, Exception);
  exc('FloatingPointError', T.ArithmeticError!);
  exc('OverflowError', T.ArithmeticError!);
  exc('ZeroDivisionError', T.ArithmeticError!);
  exc('ModuleNotFoundError', T.ImportError!);
  exc('IndexError', T.LookupError!);
  exc('KeyError', T.LookupError!);
  exc('UnboundLocalError', T.NameError!);
  exc('NotImplementedError', T.RuntimeError!);
  exc('RecursionError', T.RuntimeError!);
  exc('IndentationError', T.SyntaxError!);
  exc('TabError', T.IndentationError!);
  exc('UnicodeError', T.ValueError!);
  exc('UnicodeDecodeError', T.UnicodeError!);
  exc('UnicodeEncodeError', T.UnicodeError!);
  exc('FileNotFoundError', T.OSError!);
  for (const n of ['DeprecationWarning', 'RuntimeWarning', 'UserWarning', 'ResourceWarning']) exc(n, T.Warning!);
  for (const t of Object.values(T)) t.type = T.type!;

  for (const t of Object.values(T)) {
    t.gcInstances = GC_KINDS.has(t.name) || t.kind === 'exception';
  }

  // -------------------------------------------------------------------------------------------
  // Helpers bound to rt

  const immortalFn = (name: string, fn: NativeFn): PyBuiltin => rt.immortal(new PyBuiltin(name, fn), T.builtin_function_or_method!);
  const method = (t: PyType, name: string, fn: NativeFn): void => {
    t.dict.set(name, rt.immortal(new PyMethodDescr(name, t, fn), T.method_descriptor!));
  };
  const getset = (t: PyType, name: string, get: (o: PyObject) => PyObject, set: ((o: PyObject, v: PyObject | null) => void) | null = null): void => {
    t.dict.set(name, rt.immortal(new PyGetSetDescr(name, t, get, set), T.getset_descriptor!));
  };
  const staticNew = (t: PyType, fn: NativeFn): void => {
    t.dict.set('__new__', immortalFn('__new__', fn));
  };
  const staticNewRet = (t: PyType, fn: NativeFn): PyObject => {
    const b = immortalFn('__new__', fn);
    t.dict.set('__new__', b);
    return b;
  };

  // Looked up once: T is a dictionary-mode object (a hash lookup per access).
  const dictT = T.dict!;
  const listT = T.list!;
  rt.newDict = () => {
    const d = rt.alloc(new PyDict(), dictT, 64, true);
    return d;
  };
  rt.newList = (items) => {
    const l = rt.alloc(new PyList(items), listT, 56 + 8 * items.length, true);
    l.allocated = items.length;
    rt.adoptItems(l, items, true);
    rt.track(l);
    return l;
  };
  // bytes of length 0 and 1 made from data are static singletons (b'' and the 256 characters of
  // bytesobject.c), as literals, slices, joins and bytes([n]) all give; `freshBytes` is the
  // calloc path (bytes(n)), which makes a new object even for one byte.
  const freshBytes = (v: Uint8Array): PyObject => rt.alloc(new PyBytes(v), T.bytes!, 33 + v.length, false);
  const emptyBytes = rt.immortal(new PyBytes(new Uint8Array(0)), T.bytes!);
  const byteChars: PyBytes[] = [];
  rt.newBytes = (v) => {
    if (v.length > 1) return freshBytes(v);
    let o: PyBytes;
    if (v.length === 0) o = emptyBytes;
    else o = byteChars[v[0]!] ??= rt.immortal(new PyBytes(Uint8Array.of(v[0]!)), T.bytes!);
    o.rc++;
    return o;
  };
  rt.newMethod = (f, self) => {
    const m = rt.alloc(new PyMethod(f, self), T.method!, 64, true);
    rt.incref(f, Holder.Field, m.id, rt.str('__func__'));
    rt.incref(self, Holder.Field, m.id, rt.str('__self__'));
    rt.track(m);
    return m;
  };
  rt.newBuiltinMethod = (name, fn, self) => {
    const b = rt.alloc(new PyBuiltin(name, fn), T.builtin_function_or_method!, 72, true);
    b.self = self;
    rt.incref(self, Holder.Field, b.id, rt.str('__self__'));
    rt.track(b);
    return b;
  };
  rt.setExcExtra = (e, name, v) => {
    e.extra ??= new Map();
    const old = e.extra.get(name);
    rt.give(v, Holder.Field, e.id, rt.str(name));
    e.extra.set(name, v);
    if (old !== undefined) rt.decref(old, Holder.Field, e.id, rt.str(name));
  };

  // -------------------------------------------------------------------------------------------
  // Sizes and GC-ness

  rt.isGcObject = (o) => o.type.gcInstances;
  rt.sizeOf = (o) => sizeOf(rt, o);

  // -------------------------------------------------------------------------------------------
  // Teardown: what each object releases, in CPython's order.

  // The commonest frees hold nothing: exact ints, strs and floats skip the chain of kinds (a
  // failed instanceof per kind) that would end at clearOther doing nothing for them.
  const intT = rt.t.int!;
  const strT = rt.t.str!;
  const floatT = rt.t.float!;
  rt.clearContents = (o) => {
    const t = o.type;
    if (t !== intT && t !== strT && t !== floatT) clearContents(rt, o);
  };
  rt.dictClearAll = (d) => dictClear(rt, d);
  rt.clearInstanceAttrs = (o) => clearInstance(rt, o);

  // -------------------------------------------------------------------------------------------
  // Lists

  const listSetAllocated = (l: PyList, cap: number): void => {
    if (cap !== l.allocated) {
      l.allocated = cap;
      rt.log.push(EventKind.Resize, l.id, 56 + 8 * cap);
    }
  };
  rt.listAppend = (l, v) => {
    listSetAllocated(l, L.appendCapacity(l.allocated, l.items.length));
    rt.incref(v, Holder.Item, l.id, l.items.length);
    l.items.push(v);
  };
  rt.listExtend = (l, other) => {
    if (other instanceof PyList || other instanceof PyTuple) {
      const src = other.items.slice();
      if (src.length === 0) return;
      listSetAllocated(l, L.extendSeqCapacity(l.allocated, l.items.length, src.length));
      for (const x of src) {
        rt.incref(x, Holder.Item, l.id, l.items.length);
        l.items.push(x);
      }
      return;
    }
    const hasLen = other instanceof PyDict || other instanceof PySet || other instanceof PyStr || other instanceof PyRange || other instanceof PyBytes;
    const items = toArray(rt, other);
    if (hasLen) {
      if (items.length > 0) listSetAllocated(l, L.extendSeqCapacity(l.allocated, l.items.length, items.length));
      for (const x of items) {
        rt.give(x, Holder.Item, l.id, l.items.length);
        l.items.push(x);
      }
      return;
    }
    // No __len__: make room for the length hint (the items left, for the builtin iterators
    // that answer __length_hint__; else 8), grow by append, then cut back.
    const hint = L.LENGTH_HINT_ITERATORS.has(other.type.name) ? items.length : L.DEFAULT_LENGTH_HINT;
    let cap = l.allocated;
    if (cap === 0) cap = hint > 0 ? L.preallocateExact(hint) : 0;
    else cap = L.listResize(cap, l.items.length, l.items.length + hint);
    listSetAllocated(l, cap);
    for (const x of items) {
      // Items fill the room made; list_resize only runs when the list is full.
      if (l.items.length >= l.allocated) listSetAllocated(l, L.appendCapacity(l.allocated, l.items.length));
      rt.give(x, Holder.Item, l.id, l.items.length);
      l.items.push(x);
    }
    if (l.items.length < l.allocated) listSetAllocated(l, L.listResize(l.allocated, l.items.length, l.items.length));
  };
  rt.listInplaceRepeat = (l, n) => {
    if (n <= 0) {
      listClear(l);
      return;
    }
    const src = l.items.slice();
    listSetAllocated(l, L.inplaceRepeatCapacity(l.allocated, l.items.length, n));
    for (let i = 1; i < n; i++) for (const x of src) {
      rt.incref(x, Holder.Item, l.id, l.items.length);
      l.items.push(x);
    }
  };
  const listClear = (l: PyList): void => {
    const items = l.items;
    l.items = [];
    listSetAllocated(l, 0);
    for (let i = items.length - 1; i >= 0; i--) rt.decref(items[i]!, Holder.Item, l.id, i);
  };
  rt.listClear = listClear;
  /** Removes items [i, j) (list_ass_slice with no replacement): released last to first. */
  const listDelSlice = (l: PyList, i: number, j: number): void => {
    if (j <= i) return;
    const removed = l.items.splice(i, j - i);
    const n = l.items.length;
    const cap = L.listResize(l.allocated, n + removed.length, n);
    // Items after the hole move down: their Item slots change.
    for (let k = i; k < n; k++) {
      const x = l.items[k]!;
      if (!x.immortal) {
        rt.log.push(EventKind.Incref, x.id, Holder.Item, l.id, k);
        rt.log.push(EventKind.Decref, x.id, Holder.Item, l.id, k + removed.length);
      }
    }
    listSetAllocated(l, cap);
    for (let k = removed.length - 1; k >= 0; k--) rt.decref(removed[k]!, Holder.Item, l.id, i + k);
  };
  rt.listDelSlice = listDelSlice;
  const listInsert = (l: PyList, where: number, v: PyObject): void => {
    const n = l.items.length;
    if (where < 0) where = Math.max(0, where + n);
    if (where > n) where = n;
    listSetAllocated(l, L.appendCapacity(l.allocated, n));
    l.items.splice(where, 0, v);
    for (let k = n; k > where; k--) {
      const x = l.items[k]!;
      if (!x.immortal) {
        rt.log.push(EventKind.Incref, x.id, Holder.Item, l.id, k);
        rt.log.push(EventKind.Decref, x.id, Holder.Item, l.id, k - 1);
      }
    }
    rt.incref(v, Holder.Item, l.id, where);
  };
  const listPop = (l: PyList, i: number): PyObject => {
    const n = l.items.length;
    if (n === 0) throw err(rt, 'IndexError', 'pop from empty list');
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw err(rt, 'IndexError', 'pop index out of range');
    const v = l.items[i]!;
    rt.take(v, Holder.Item, l.id, i);
    if (i === n - 1) {
      l.items.pop();
      listSetAllocated(l, L.listResize(l.allocated, n, n - 1));
      return v;
    }
    l.items.splice(i, 1);
    for (let k = i; k < n - 1; k++) {
      const x = l.items[k]!;
      if (!x.immortal) {
        rt.log.push(EventKind.Incref, x.id, Holder.Item, l.id, k);
        rt.log.push(EventKind.Decref, x.id, Holder.Item, l.id, k + 1);
      }
    }
    listSetAllocated(l, L.listResize(l.allocated, n, n - 1));
    return v;
  };
  rt.listSetItem = (l, i, v) => {
    const old = l.items[i]!;
    rt.incref(v, Holder.Item, l.id, i);
    l.items[i] = v;
    rt.decref(old, Holder.Item, l.id, i);
  };

  method(T.list!, 'append', (args, kw, self) => {
    noKw(rt, 'append', kw);
    checkArgs(rt, 'list.append', args, 1, 1);
    rt.listAppend(self as PyList, args[0]!);
    return rt.none();
  });
  method(T.list!, 'extend', (args, _kw, self) => {
    checkArgs(rt, 'list.extend', args, 1, 1);
    rt.listExtend(self as PyList, args[0]!);
    return rt.none();
  });
  method(T.list!, 'insert', (args, _kw, self) => {
    checkArgs(rt, 'insert', args, 2, 2);
    listInsert(self as PyList, Number(asInt(rt, args[0]!)), args[1]!);
    return rt.none();
  });
  method(T.list!, 'pop', (args, _kw, self) => {
    checkArgs(rt, 'pop', args, 0, 1);
    return listPop(self as PyList, args.length ? Number(asInt(rt, args[0]!)) : -1);
  });
  method(T.list!, 'remove', (args, _kw, self) => {
    const l = self as PyList;
    for (let i = 0; i < l.items.length; i++) {
      if (equal(rt, l.items[i]!, args[0]!)) {
        rt.tempDecref(listPop(l, i));
        return rt.none();
      }
    }
    throw err(rt, 'ValueError', 'list.remove(x): x not in list');
  });
  method(T.list!, 'index', (args, _kw, self) => {
    const l = self as PyList;
    for (let i = 0; i < l.items.length; i++) if (equal(rt, l.items[i]!, args[0]!)) return rt.int(i);
    throw err(rt, 'ValueError', `${repr(rt, args[0]!)} is not in list`);
  });
  method(T.list!, 'count', (args, _kw, self) => rt.int((self as PyList).items.filter((x) => equal(rt, x, args[0]!)).length));
  method(T.list!, 'clear', (_a, _kw, self) => {
    listClear(self as PyList);
    return rt.none();
  });
  method(T.list!, 'copy', (_a, _kw, self) => {
    const items = (self as PyList).items.slice();
    for (const x of items) rt.tempIncref(x);
    return rt.newList(items);
  });
  method(T.list!, 'reverse', (_a, _kw, self) => {
    const l = self as PyList;
    const n = l.items.length;
    l.items.reverse();
    for (let k = 0; k < n; k++) {
      const x = l.items[k]!;
      if (!x.immortal && k !== n - 1 - k) {
        rt.log.push(EventKind.Incref, x.id, Holder.Item, l.id, k);
        rt.log.push(EventKind.Decref, x.id, Holder.Item, l.id, n - 1 - k);
      }
    }
    return rt.none();
  });
  method(T.list!, 'sort', (args, kw, self) => {
    const [key, rev] = parseArgs(rt, 'sort', args, kw, ['key', 'reverse'], 0);
    if (args.length - (kw?.length ?? 0) > 0) throw err(rt, 'TypeError', 'sort() takes no positional arguments');
    const l = self as PyList;
    const before = l.items.slice();
    const sorted = sortItems(rt, before, key, rev !== null && truthy(rt, rev));
    l.items = sorted;
    for (let k = 0; k < sorted.length; k++) {
      const x = sorted[k]!;
      const was = before.indexOf(x);
      if (!x.immortal && was !== k) {
        rt.log.push(EventKind.Incref, x.id, Holder.Item, l.id, k);
        rt.log.push(EventKind.Decref, x.id, Holder.Item, l.id, was);
      }
    }
    return rt.none();
  });
  method(T.list!, '__sizeof__', (_a, _k, self) => rt.int(40 + 8 * (self as PyList).allocated));
  staticNew(T.list!, (args) => {
    const l = rt.newList([]);
    void args;
    return l;
  });
  T.list!.dict.set('__init__', rt.immortal(new PyMethodDescr('__init__', T.list!, (args, _kw, self) => {
    const l = self as PyList;
    if (l.items.length) listClear(l);
    if (args.length === 1) {
      const src = args[0]!;
      if (src instanceof PyList || src instanceof PyTuple || src instanceof PyRange || src instanceof PyDict || src instanceof PySet || src instanceof PyStr) {
        const items = toArray(rt, src);
        if (items.length) listSetAllocated(l, L.preallocateExact(items.length));
        for (const x of items) {
          rt.give(x, Holder.Item, l.id, l.items.length);
          l.items.push(x);
        }
      } else {
        rt.listExtend(l, src);
      }
    }
    return rt.none();
  }), T.method_descriptor!));

  // -------------------------------------------------------------------------------------------
  // Dicts

  rt.dictCopy = (d) => {
    const c = rt.newDict();
    if (d.used > 0) dictPresize(rt, c, d.used, d.unicode);
    for (const [k, v] of dictItems(d)) dictSet(rt, c, k, hashKey(rt, k), v);
    return c;
  };
  rt.dictUpdate = (d, other) => {
    if (other instanceof PyDict) {
      if (d.used === 0 && other !== d && dictCloneInto(rt, d, other)) return;
      for (const [k, v] of [...dictItems(other)]) dictSet(rt, d, k, hashKey(rt, k), v);
      return;
    }
    const keysFn = lookup(other.type, 'keys');
    if (keysFn !== null && !(other instanceof PyList) && !(other instanceof PyTuple)) {
      const ks = toArray(rt, callBound(rt, keysFn, other, []));
      for (const k of ks) {
        const v = rt.getItem(other, k);
        dictSet(rt, d, k, hashKey(rt, k), v);
        rt.tempDecref(v);
        rt.tempDecref(k);
      }
      return;
    }
    const items = toArray(rt, other);
    for (const it of items) {
      const pair = toArray(rt, it);
      if (pair.length !== 2) throw err(rt, 'ValueError', `dictionary update sequence element #0 has length ${pair.length}; 2 is required`);
      dictSet(rt, d, pair[0]!, hashKey(rt, pair[0]!), pair[1]!);
      for (const x of pair) rt.tempDecref(x);
      rt.tempDecref(it);
    }
  };
  const keyError = (k: PyObject): PyThrow => {
    const e = newException(rt, T.KeyError!, [rt.tempIncref(k)]);
    return new PyThrow(e);
  };
  rt.keyError = keyError;
  method(T.dict!, 'get', (args, _kw, self) => {
    checkArgs(rt, 'get', args, 1, 2);
    const v = dictGet(self as PyDict, hashKey(rt, args[0]!));
    if (v !== null) return rt.tempIncref(v);
    return rt.tempIncref(args[1] ?? rt.None);
  });
  method(T.dict!, 'setdefault', (args, _kw, self) => {
    const d = self as PyDict;
    const hk = hashKey(rt, args[0]!);
    const v = dictGet(d, hk);
    if (v !== null) return rt.tempIncref(v);
    const dflt = args[1] ?? rt.None;
    dictSet(rt, d, args[0]!, hk, dflt);
    return rt.tempIncref(dflt);
  });
  method(T.dict!, 'pop', (args, _kw, self) => {
    checkArgs(rt, 'pop', args, 1, 2);
    const v = dictPop(rt, self as PyDict, hashKey(rt, args[0]!));
    if (v !== null) return v;
    if (args.length > 1) return rt.tempIncref(args[1]!);
    throw keyError(args[0]!);
  });
  method(T.dict!, 'popitem', (_a, _kw, self) => {
    const d = self as PyDict;
    for (let i = d.entries.length - 1; i >= 0; i--) {
      const e = d.entries[i]!;
      if (e.key === null) continue;
      const k = rt.tempIncref(e.key);
      const v = dictPop(rt, d, e.hkey)!;
      d.entries.length = i;
      return rt.tuple([k, v]);
    }
    throw err(rt, 'KeyError', 'popitem(): dictionary is empty');
  });
  const view = (kind: 'dict_keys' | 'dict_values' | 'dict_items') => (_a: PyObject[], _kw: string[] | null, self: PyObject | null): PyObject => {
    const v = rt.alloc(new PyNativeObject(), T[kind]!, 40, true);
    v.held = [self];
    rt.incref(self!, Holder.Field, v.id, rt.str('mapping'));
    rt.track(v);
    return v;
  };
  method(T.dict!, 'keys', view('dict_keys'));
  method(T.dict!, 'values', view('dict_values'));
  method(T.dict!, 'items', view('dict_items'));
  method(T.dict!, 'clear', (_a, _kw, self) => {
    dictClear(rt, self as PyDict);
    return rt.none();
  });
  method(T.dict!, 'copy', (_a, _kw, self) => rt.dictCopy(self as PyDict));
  method(T.dict!, 'update', (args, kw, self) => {
    const d = self as PyDict;
    const npos = args.length - (kw?.length ?? 0);
    if (npos > 0) rt.dictUpdate(d, args[0]!);
    if (kw) for (let k = 0; k < kw.length; k++) {
      const ks = rt.intern(kw[k]!);
      dictSet(rt, d, ks, kw[k]!, args[npos + k]!);
      rt.tempDecref(ks);
    }
    return rt.none();
  });
  T.dict!.dict.set('fromkeys', rt.immortal(new PyClassMethod(immortalFn('fromkeys', (args) => {
    const cls = args[0] as PyType;
    if (cls !== T.dict) {
      // _PyDict_FromKeys for a subclass: cls(), then d[key] = value for each key.
      const d = call(rt, cls, []);
      const keys = toArray(rt, args[1]!);
      try {
        for (const k of keys) rt.setItem(d, k, args[2] ?? rt.None);
      } finally {
        for (const k of keys) rt.tempDecref(k);
      }
      return d;
    }
    const d = rt.newDict();
    const keys = toArray(rt, args[1]!);
    const src = args[1]!;
    if (src instanceof PySet || src instanceof PyDict) dictPresize(rt, d, keys.length, keys.every((k) => k instanceof PyStr));
    const v = args[2] ?? rt.None;
    for (const k of keys) {
      dictSet(rt, d, k, hashKey(rt, k), v);
      rt.tempDecref(k);
    }
    return d;
  })), T.classmethod!));
  // module(name, doc=None), types.ModuleType: new_module makes the object, then its dict, and
  // tracks it; module___init__ fills the dict (module_init_dict).
  staticNew(T.module!, (args) => {
    const cls = args[0] as PyType;
    // The object is allocated before its dict (new_module_notrack): the dict is set right after.
    const m = rt.alloc(new PyModule('?', null as unknown as PyDict), cls, 72, true);
    m.dict = rt.newDict();
    rt.give(m.dict, Holder.Field, m.id, rt.str('__dict__'));
    rt.track(m);
    return m;
  });
  method(T.module!, '__init__', (args, kw, self) => {
    const [name, doc] = parseArgs(rt, 'module', args, kw, ['name', 'doc'], 1);
    if (!(name instanceof PyStr)) throw err(rt, 'TypeError', `module() argument 'name' must be str, not ${typeName(name!)}`);
    const m = self as PyModule;
    m.name = name.value;
    const put = (k: string, v: PyObject): void => {
      const ks = rt.intern(k);
      dictSet(rt, m.dict, ks, k, v);
      rt.tempDecref(ks);
    };
    put('__name__', name);
    put('__doc__', doc ?? rt.None);
    put('__package__', rt.None);
    put('__loader__', rt.None);
    put('__spec__', rt.None);
    return rt.none();
  });
  staticNew(T.dict!, () => rt.newDict());
  T.dict!.dict.set('__init__', rt.immortal(new PyMethodDescr('__init__', T.dict!, (args, kw, self) => {
    const d = self as PyDict;
    const npos = args.length - (kw?.length ?? 0);
    if (npos > 0) rt.dictUpdate(d, args[0]!);
    if (kw) for (let k = 0; k < kw.length; k++) {
      const ks = rt.intern(kw[k]!);
      dictSet(rt, d, ks, kw[k]!, args[npos + k]!);
      rt.tempDecref(ks);
    }
    return rt.none();
  }), T.method_descriptor!));

  // -------------------------------------------------------------------------------------------
  // Sets

  rt.newSetFrom = (items, frozen) => setOf(rt, items, frozen);
  rt.setAdd = (s, x) => setAdd(rt, s, x);
  rt.setDiscard = (s, x) => setDiscard(rt, s, x);
  rt.setInplace = (a, b, op) => {
    const s = a as PySet;
    if (op === 7) setUpdate(rt, s, b);
    else if (op === 1) setIntersectionUpdate(rt, s, b);
    else if (op === 10) setDifferenceUpdate(rt, s, b);
    else setSymmetricDifferenceUpdate(rt, s, b);
  };
  method(T.set!, 'add', (args, _kw, self) => {
    setAdd(rt, self as PySet, args[0]!);
    return rt.none();
  });
  method(T.set!, 'discard', (args, _kw, self) => {
    setDiscard(rt, self as PySet, args[0]!);
    return rt.none();
  });
  method(T.set!, 'remove', (args, _kw, self) => {
    if (!setDiscard(rt, self as PySet, args[0]!)) throw keyError(args[0]!);
    return rt.none();
  });
  method(T.set!, 'pop', (_a, _kw, self) => {
    const x = setPop(rt, self as PySet);
    if (x === null) throw err(rt, 'KeyError', 'pop from an empty set');
    return x;
  });
  method(T.set!, 'update', (args, _kw, self) => {
    for (const a of args) setUpdate(rt, self as PySet, a);
    return rt.none();
  });
  method(T.set!, 'clear', (_a, _kw, self) => {
    setClear(rt, self as PySet);
    return rt.none();
  });
  method(T.set!, 'copy', (_a, _kw, self) => setFrom(rt, self as PySet, false));
  // frozenset_copy: an exact frozenset is its own copy.
  method(T.frozenset!, 'copy', (_a, _kw, self) => (self!.type === T.frozenset ? rt.tempIncref(self!) : setFrom(rt, self as PySet, true)));
  for (const t of [T.set!, T.frozenset!]) {
    method(t, 'union', (args, _kw, self) => setUnion(rt, self as PySet, args));
    method(t, 'issubset', (args, _kw, self) => {
      const other = asSetArg(args[0]!);
      try {
        return rt.bool(setIsSubset(self as PySet, other.set));
      } finally {
        if (other.temp) rt.tempDecref(other.set);
      }
    });
    method(t, 'issuperset', (args, _kw, self) => {
      const other = asSetArg(args[0]!);
      try {
        return rt.bool(setIsSubset(other.set, self as PySet));
      } finally {
        if (other.temp) rt.tempDecref(other.set);
      }
    });
    // set_intersection_multi: intersect with each argument in turn (a copy when there are none).
    method(t, 'intersection', (args, _kw, self) => {
      let r: PySet = args.length === 0 ? setFrom(rt, self as PySet, (self as PySet).frozen) : (rt.tempIncref(self!) as PySet);
      for (const a of args) {
        const next = setIntersection(rt, r, a);
        rt.tempDecref(r);
        r = next;
      }
      return r;
    });
    // set_difference_multi: the difference with the first, then difference_update with the rest.
    method(t, 'difference', (args, _kw, self) => {
      if (args.length === 0) return setFrom(rt, self as PySet, (self as PySet).frozen);
      const r = setDifference(rt, self as PySet, args[0]!);
      for (const a of args.slice(1)) setDifferenceUpdate(rt, r, a);
      return r;
    });
  }
  const asSetArg = (o: PyObject): { set: PySet; temp: boolean } =>
    o instanceof PySet ? { set: o, temp: false } : { set: setFrom(rt, o, false), temp: true };
  staticNew(T.set!, () => rt.newSetFrom([], false));
  T.set!.dict.set('__init__', rt.immortal(new PyMethodDescr('__init__', T.set!, (args, _kw, self) => {
    // set_init: clear, then update from the iterable.
    const s = self as PySet;
    if (s.used > 0) setClear(rt, s);
    if (args.length) setUpdate(rt, s, args[0]!);
    return rt.none();
  }), T.method_descriptor!));
  staticNew(T.frozenset!, (args) => {
    const cls = args[0] as PyType;
    const src = args.length > 1 ? args[1]! : null;
    // frozenset(fs) of an exact frozenset is fs itself.
    if (src !== null && cls === T.frozenset && src.type === T.frozenset) return rt.tempIncref(src);
    return setFrom(rt, src, true);
  });

  // -------------------------------------------------------------------------------------------
  // Tuples, ranges, slices

  staticNew(T.tuple!, (args) => {
    if (args.length < 2) return rt.tuple([]);
    const src = args[1]!;
    if (src instanceof PyTuple && src.type === T.tuple) return rt.tempIncref(src);
    return rt.tuple(toArray(rt, src));
  });
  method(T.tuple!, 'index', (args, _kw, self) => {
    const items = (self as PyTuple).items;
    for (let i = 0; i < items.length; i++) if (equal(rt, items[i]!, args[0]!)) return rt.int(i);
    throw err(rt, 'ValueError', 'tuple.index(x): x not in tuple');
  });
  method(T.tuple!, 'count', (args, _kw, self) => rt.int((self as PyTuple).items.filter((x) => equal(rt, x, args[0]!)).length));
  staticNew(T.range!, (args) => {
    const a = args.slice(1).map((x) => asInt(rt, x));
    if (a.length === 0) throw err(rt, 'TypeError', 'range expected at least 1 argument, got 0');
    if (a.length > 3) throw err(rt, 'TypeError', `range expected at most 3 arguments, got ${a.length}`);
    const [start, stop, step] = a.length === 1 ? [0n, a[0]!, 1n] : [a[0]!, a[1]!, a[2] ?? 1n];
    if (step === 0n) throw err(rt, 'ValueError', 'range() arg 3 must not be zero');
    const r = rt.alloc(new PyRange(start, stop, step), T.range!, 48, false);
    // range holds its start/stop/step as int objects (their refs are modelled on small ints only).
    return r;
  });
  staticNew(T.slice!, (args) => {
    const a = args.slice(1);
    const [start, stop, step] = a.length === 1 ? [rt.None, a[0]!, rt.None] : [a[0]!, a[1]!, a[2] ?? rt.None];
    return rt.newSlice(start, stop, step);
  });
  rt.newSlice = (start, stop, step) => {
    const s = rt.alloc(new PySlice(start, stop, step), T.slice!, 56, true);
    rt.incref(start, Holder.Field, s.id, rt.str('start'));
    rt.incref(stop, Holder.Field, s.id, rt.str('stop'));
    rt.incref(step, Holder.Field, s.id, rt.str('step'));
    return s;
  };

  // -------------------------------------------------------------------------------------------
  // Numbers and strings

  staticNew(T.int!, (args, kw) => {
    const [, x, base] = parseArgs(rt, 'int', args, kw, ['cls', 'x', 'base'], 1);
    const cls = args[0] as PyType;
    let v: bigint;
    // long_new_impl: with a base, x must be text (and the base 0 or 2..36).
    if (base !== null) {
      if (x === null) throw err(rt, 'TypeError', 'int() missing string argument');
      const b = asInt(rt, base);
      if ((b !== 0n && b < 2n) || b > 36n) throw err(rt, 'ValueError', 'int() base must be >= 2 and <= 36, or 0');
      if (!(x instanceof PyStr || x instanceof PyBytes || x instanceof PyByteArray)) throw err(rt, 'TypeError', "int() can't convert non-string with explicit base");
    }
    if (x === null) v = 0n;
    else if (x instanceof PyStr || x instanceof PyBytes || x instanceof PyByteArray) {
      const text = x instanceof PyStr ? x.value : String.fromCharCode(...x.value);
      v = parseIntLiteral(rt, text, base === null ? 10 : Number(asInt(rt, base)));
    } else if (x instanceof PyInt) v = x.value;
    else if (x instanceof PyFloat) {
      if (!Number.isFinite(x.value)) throw err(rt, Number.isNaN(x.value) ? 'ValueError' : 'OverflowError', Number.isNaN(x.value) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
      v = BigInt(Math.trunc(x.value));
    } else {
      const f = lookup(x.type, '__int__') ?? lookup(x.type, '__index__');
      if (f === null) throw err(rt, 'TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
      const r = callBound(rt, f, x, []);
      v = (r as PyInt).value;
      rt.tempDecref(r);
    }
    if (cls !== T.int) {
      const o = rt.alloc(new PyInt(v), cls, 0, cls.gcInstances);
      if (cls.gcInstances) rt.track(o);
      return o;
    }
    return rt.int(v);
  });
  method(T.int!, 'bit_length', (_a, _kw, self) => {
    const v = (self as PyInt).value;
    return rt.int(v === 0n ? 0 : (v < 0n ? -v : v).toString(2).length);
  });
  method(T.int!, '__index__', (_a, _kw, self) => rt.int((self as PyInt).value));
  staticNew(T.bool!, (args) => rt.bool(args.length > 1 && truthy(rt, args[1]!)));
  staticNew(T.float!, (args) => {
    if (args.length < 2) return rt.float(0);
    const x = args[1]!;
    if (x instanceof PyFloat) return x.type === T.float ? rt.tempIncref(x) : rt.float(x.value);
    if (x instanceof PyInt) return rt.float(Number(x.value));
    if (x instanceof PyStr) {
      const t = x.value.trim().toLowerCase().replace(/_/g, '');
      let v: number;
      if (t === 'inf' || t === '+inf' || t === 'infinity' || t === '+infinity') v = Infinity;
      else if (t === '-inf' || t === '-infinity') v = -Infinity;
      else if (t === 'nan' || t === '+nan' || t === '-nan') v = NaN;
      else if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) v = Number(t);
      else throw err(rt, 'ValueError', `could not convert string to float: ${strRepr(x.value)}`);
      return rt.float(v);
    }
    const f = lookup(x.type, '__float__');
    if (f !== null) return callBound(rt, f, x, []);
    throw err(rt, 'TypeError', `float() argument must be a string or a real number, not '${typeName(x)}'`);
  });
  method(T.float!, 'is_integer', (_a, _kw, self) => rt.bool(Number.isInteger((self as PyFloat).value)));
  staticNew(T.str!, (args, kw) => {
    const x = kw === null && args.length === 2 ? args[1]! : parseArgs(rt, 'str', args, kw, ['cls', 'object', 'encoding', 'errors'], 1)[1]!;
    const cls = args[0] as PyType;
    const s = x === null ? '' : x instanceof PyBytes && args.length > 2 ? new TextDecoder().decode(x.value) : x instanceof PyStr ? x.value : str(rt, x);
    if (cls !== T.str) {
      // An instance of a str subclass: its own object, a GC object when the class gives it a __dict__.
      const o = rt.alloc(new PyStr(s), cls, 0, cls.gcInstances);
      if (cls.gcInstances) rt.track(o);
      return o;
    }
    if (x instanceof PyStr && x.type === T.str) return rt.tempIncref(x);
    return rt.newStr(s);
  });
  staticNew(T.bytes!, (args) => {
    if (args.length < 2) return rt.newBytes(new Uint8Array(0));
    const x = args[1]!;
    if (x instanceof PyStr) return rt.newBytes(new TextEncoder().encode(x.value));
    if (x instanceof PyInt) return Number(x.value) === 0 ? rt.newBytes(new Uint8Array(0)) : freshBytes(new Uint8Array(Number(x.value)));
    if (x instanceof PyBytes) return rt.tempIncref(x);
    const items = toArray(rt, x);
    const v = new Uint8Array(items.map((i) => Number((i as PyInt).value)));
    for (const i of items) rt.tempDecref(i);
    return rt.newBytes(v);
  });
  method(T.bytes!, 'decode', (_a, _kw, self) => rt.newStr(new TextDecoder().decode((self as PyBytes).value)));
  staticNew(T.bytearray!, (args) => {
    let v: number[] = [];
    if (args.length >= 2) {
      const x = args[1]!;
      if (x instanceof PyStr) v = Array.from(new TextEncoder().encode(x.value));
      else if (x instanceof PyInt) v = new Array<number>(Number(x.value)).fill(0);
      else if (x instanceof PyBytes || x instanceof PyByteArray) v = Array.from(x.value);
      else {
        const items = toArray(rt, x);
        v = items.map((i) => Number((i as PyInt).value));
        for (const i of items) rt.tempDecref(i);
      }
    }
    const b = new PyByteArray(v);
    return rt.alloc(b, T.bytearray!, 56 + b.allocated, false);
  });
  const baResize = (b: PyByteArray, size: number): void => {
    let alloc = b.allocated;
    if (size + 1 <= alloc) {
      if (size < alloc / 2) alloc = size + 1;
    } else if (size <= alloc * 1.125) {
      alloc = size + (size >> 3) + (size < 9 ? 3 : 6);
    } else {
      alloc = size + 1;
    }
    if (alloc !== b.allocated) {
      b.allocated = alloc;
      rt.log.push(EventKind.Resize, b.id, 56 + alloc);
    }
  };
  method(T.bytearray!, 'append', (args, _kw, self) => {
    const b = self as PyByteArray;
    const v = Number(asInt(rt, args[0]!));
    if (v < 0 || v > 255) throw err(rt, 'ValueError', 'byte must be in range(0, 256)');
    baResize(b, b.value.length + 1);
    b.value.push(v);
    return rt.none();
  });
  method(T.bytearray!, 'extend', (args, _kw, self) => {
    const b = self as PyByteArray;
    const items = toArray(rt, args[0]!);
    const vals = items.map((x) => Number(asInt(rt, x)));
    for (const x of items) rt.tempDecref(x);
    baResize(b, b.value.length + vals.length);
    b.value.push(...vals);
    return rt.none();
  });
  method(T.bytearray!, 'decode', (_a, _kw, self) => rt.newStr(new TextDecoder().decode(Uint8Array.from((self as PyByteArray).value))));
  installStrMethods(rt, method);

  // -------------------------------------------------------------------------------------------
  // object, type

  rt.objectNew = staticNewRet(obj, (args) => {
    const cls = args[0];
    if (!(cls instanceof PyType)) throw err(rt, 'TypeError', 'object.__new__(X): X is not a type object');
    return rt.newInstance(cls);
  });
  const objInit = rt.immortal(new PyMethodDescr('__init__', obj, () => rt.none()), T.method_descriptor!);
  obj.dict.set('__init__', objInit);
  rt.objectInit = objInit;
  const objSetattr = rt.immortal(new PyMethodDescr('__setattr__', obj, (args, _kw, self) => {
    genericSetattr(rt, self!, (args[0] as PyStr).value, args[1]!);
    return rt.none();
  }), T.method_descriptor!);
  obj.dict.set('__setattr__', objSetattr);
  rt.objectSetattr = objSetattr;
  const objDelattr = rt.immortal(new PyMethodDescr('__delattr__', obj, (args, _kw, self) => {
    genericSetattr(rt, self!, (args[0] as PyStr).value, null);
    return rt.none();
  }), T.method_descriptor!);
  obj.dict.set('__delattr__', objDelattr);
  rt.objectDelattr = objDelattr;
  const objHash = rt.immortal(new PyMethodDescr('__hash__', obj, (_a, _kw, self) => rt.int(pyHash(rt, self!))), T.method_descriptor!);
  obj.dict.set('__hash__', objHash);
  rt.objectHash = objHash;
  const objEq = rt.immortal(new PyMethodDescr('__eq__', obj, (args, _kw, self) => (self === args[0] ? rt.bool(true) : rt.notImplemented())), T.method_descriptor!);
  obj.dict.set('__eq__', objEq);
  rt.objectEq = objEq;
  method(obj, '__ne__', (args, _kw, self) => (self === args[0] ? rt.bool(false) : rt.notImplemented()));
  method(obj, '__repr__', (_a, _kw, self) => rt.newStr(rt.builtinRepr(self!)));
  method(obj, '__str__', (_a, _kw, self) => rt.newStr(str(rt, self!)));
  method(obj, '__sizeof__', (_a, _kw, self) => rt.int(rt.sizeOf(self!) - (self!.type.gcInstances ? 16 : 0)));
  // PyObject_GenericGetAttr: what a class's own __getattribute__ reaches through object.
  method(obj, '__getattribute__', (args, _kw, self) => {
    const name = (args[0] as PyStr).value;
    const v = genericGetattrOpt(rt, self!, name);
    if (v === null) throw attributeError(rt, self!, name);
    return v;
  });
  method(obj, '__reduce_ex__', () => rt.none());
  // object.__init_subclass__ is a class method taking no arguments (what super().__init_subclass__() reaches).
  obj.dict.set('__init_subclass__', rt.immortal(new PyClassMethod(immortalFn('__init_subclass__', (args, kw) => {
    if (kw !== null && kw.length > 0) throw err(rt, 'TypeError', `${(args[0] as PyType).name}.__init_subclass__() takes no keyword arguments`);
    return rt.none();
  })), T.classmethod!));
  method(obj, '__format__', (args, _kw, self) => rt.newStr(rt.format(self!, (args[0] as PyStr).value)));
  method(obj, '__dir__', (_a, _kw, self) => rt.dir(self!));

  staticNew(T.type!, (args, kw) => {
    const npos = args.length - (kw?.length ?? 0);
    if (npos === 2 && kw === null) return rt.tempIncref(args[1]!.type);
    if (npos !== 4) throw err(rt, 'TypeError', 'type() takes 1 or 3 arguments');
    // Keywords go to __init_subclass__ (type_new's init_subclass).
    const classKw = kw !== null && kw.length > 0 ? { names: kw, values: args.slice(npos) } : null;
    return rt.newClass(args[0] as PyType, (args[1] as PyStr).value, (args[2] as PyTuple).items as PyType[], args[3] as PyDict, classKw);
  });
  T.type!.dict.set('__init__', rt.immortal(new PyMethodDescr('__init__', T.type!, () => rt.none()), T.method_descriptor!));
  method(T.type!, 'mro', (_a, _kw, self) => {
    const items = (self as PyType).mro.slice();
    for (const x of items) rt.tempIncref(x);
    return rt.newList(items);
  });
  // type.__subclasses__(): the direct subclasses still alive, oldest first (tp_subclasses).
  method(T.type!, '__subclasses__', (_a, _k, self) => {
    const refs = (self as PyType).subclassWeakrefs ?? [];
    return rt.newList(refs.filter((w) => w.referent !== null).map((w) => rt.tempIncref(w.referent!)));
  });

  // staticmethod / classmethod / property
  // sm_init / cm_init end with functools_wraps: __module__, __name__, __qualname__, __doc__ and
  // __annotations__ of the callable, those it has, copied into the new object's __dict__ (made
  // by the first of them). Reading a function's __annotations__ makes its dict if need be.
  const wraps = (s: PyStaticMethod, callable: PyObject): void => {
    for (const name of ['__module__', '__name__', '__qualname__', '__doc__', '__annotations__']) {
      let v: PyObject;
      try {
        v = getattr(rt, callable, name);
      } catch (e) {
        if (e instanceof PyThrow && isSubtype(e.exc.type, T.AttributeError!)) {
          rt.tempDecref(e.exc);
          continue;
        }
        throw e;
      }
      if (s.dict === null) {
        s.dict = rt.newDict();
        rt.give(s.dict, Holder.Field, s.id, rt.str('__dict__'));
      }
      const k = rt.intern(name);
      dictSet(rt, s.dict, k, name, v);
      rt.tempDecref(k);
      rt.tempDecref(v);
    }
  };
  const smNew = (t: PyType, make: (f: PyObject) => PyStaticMethod) => (args: PyObject[]): PyObject => {
    const s = rt.alloc(make(args[1]!), t, 48, true);
    rt.incref(args[1]!, Holder.Field, s.id, rt.str('__func__'));
    rt.track(s);
    try {
      wraps(s, args[1]!);
    } catch (e) {
      rt.tempDecref(s);
      throw e;
    }
    return s;
  };
  staticNew(T.staticmethod!, smNew(T.staticmethod!, (f) => new PyStaticMethod(f)));
  staticNew(T.classmethod!, smNew(T.classmethod!, (f) => new PyClassMethod(f)));
  const newProperty = (fget: PyObject | null, fset: PyObject | null, fdel: PyObject | null, doc: PyObject | null): PyProperty => {
    const p = rt.alloc(new PyProperty(fget, fset, fdel, doc), T.property!, 80, true);
    for (const [n, v] of [['fget', fget], ['fset', fset], ['fdel', fdel], ['doc', doc]] as const) if (v !== null) rt.incref(v, Holder.Field, p.id, rt.str(n));
    rt.track(p);
    return p;
  };
  staticNew(T.property!, (args, kw) => {
    const [, fget, fset, fdel, doc] = parseArgs(rt, 'property', args, kw, ['cls', 'fget', 'fset', 'fdel', 'doc'], 1);
    const none = (x: PyObject | null): PyObject | null => (x === null || x === rt.None ? null : x);
    return newProperty(none(fget), none(fset), none(fdel), none(doc));
  });
  const propWith = (which: 'getter' | 'setter' | 'deleter'): NativeFn => (args, _kw, self) => {
    const p = self as PyProperty;
    return newProperty(which === 'getter' ? args[0]! : p.fget, which === 'setter' ? args[0]! : p.fset, which === 'deleter' ? args[0]! : p.fdel, p.doc);
  };
  method(T.property!, 'getter', propWith('getter'));
  method(T.property!, 'setter', propWith('setter'));
  method(T.property!, 'deleter', propWith('deleter'));
  getset(T.property!, 'fget', (o) => rt.tempIncref((o as PyProperty).fget ?? rt.None));
  getset(T.property!, 'fset', (o) => rt.tempIncref((o as PyProperty).fset ?? rt.None));
  getset(T.property!, 'fdel', (o) => rt.tempIncref((o as PyProperty).fdel ?? rt.None));

  // BaseException. Called as a class, both slots receive type_call's one argument tuple and
  // store it as `args` (BaseException_new, then BaseException_init's Py_XSETREF to the same
  // object); called any other way (`super().__init__(m)`) they pack their own.
  const takeTypeCallArgs = (n: number): PyObject | null => {
    const t = rt.typeCallArgs;
    rt.typeCallArgs = null;
    return t !== null && (t as PyTuple).items.length === n ? t : null;
  };
  staticNew(BaseException, (args) => {
    const cls = args[0] as PyType;
    const e = rt.alloc(new PyBaseException(), cls, rt.exceptionSize(cls), true);
    const shared = takeTypeCallArgs(args.length - 1);
    if (shared !== null) e.args = rt.tempIncref(shared) as PyTuple;
    else {
      for (let i = 1; i < args.length; i++) rt.tempIncref(args[i]!);
      e.args = rt.tuple(args.slice(1));
    }
    rt.give(e.args, Holder.Field, e.id, rt.str('args'));
    rt.track(e);
    return e;
  });
  BaseException.dict.set('__init__', rt.immortal(new PyMethodDescr('__init__', BaseException, (args, _kw, self) => {
    const e = self as PyBaseException;
    const shared = takeTypeCallArgs(args.length);
    let t: PyObject;
    if (shared !== null) t = rt.tempIncref(shared);
    else {
      for (const a of args) rt.tempIncref(a);
      t = rt.tuple(args);
    }
    rt.give(t, Holder.Field, e.id, rt.str('args'));
    const old = e.args;
    e.args = t as PyTuple;
    rt.decref(old, Holder.Field, e.id, rt.str('args'));
    if (isSubtype(e.type, T.StopIteration!)) rt.setExcExtra(e, 'value', rt.tempIncref(args[0] ?? rt.None));
    return rt.none();
  }), T.method_descriptor!));
  // BaseException_set_tb / PyException_SetTraceback: a traceback object or None; what a
  // traceback prints follows the new chain.
  const setTraceback = (e: PyBaseException, v: PyObject | null): void => {
    if (v === null) throw err(rt, 'TypeError', '__traceback__ may not be deleted');
    if (v !== rt.None && !(v instanceof PyTraceback)) throw err(rt, 'TypeError', '__traceback__ must be a traceback or None');
    const tb = v === rt.None ? null : (v as PyTraceback);
    if (tb !== null) rt.incref(tb, Holder.Field, e.id, rt.str('__traceback__'));
    const old = e.tbObj;
    e.tbObj = tb;
    // The entries are kept in the order the exception met the frames, innermost first.
    e.traceback = [];
    for (let t = tb; t !== null; t = t.next) e.traceback.unshift({ code: t.frame.code, lasti: t.lasti });
    if (old !== null) rt.decref(old, Holder.Field, e.id, rt.str('__traceback__'));
  };
  method(BaseException, 'with_traceback', (args, _kw, self) => {
    setTraceback(self as PyBaseException, args[0] ?? null);
    return rt.tempIncref(self!);
  });
  // BaseException_add_note (3.11): __notes__, a list made on the first note, in the __dict__.
  method(BaseException, 'add_note', (args, _kw, self) => {
    const note = args[0]!;
    if (!(note instanceof PyStr)) throw err(rt, 'TypeError', `note must be a str, not '${typeName(note)}'`);
    let notes = getattrOpt(rt, self!, '__notes__');
    if (notes === null) {
      notes = rt.newList([]);
      setattr(rt, self!, '__notes__', notes);
    }
    try {
      if (!(notes instanceof PyList)) throw err(rt, 'TypeError', 'Cannot add note: __notes__ is not a list');
      rt.listAppend(notes, note);
    } finally {
      rt.tempDecref(notes);
    }
    return rt.none();
  });
  getset(BaseException, 'args', (o) => rt.tempIncref((o as PyBaseException).args));
  const excField = (name: 'cause' | 'context'): void => {
    getset(BaseException, `__${name}__`, (o) => rt.tempIncref((o as PyBaseException)[name] ?? rt.None), (o, v) => {
      const e = o as PyBaseException;
      rt.setExcLink(e, name, v === null || v === rt.None ? null : v);
      if (name === 'cause') e.suppressContext = true;
    });
  };
  excField('cause');
  excField('context');
  getset(BaseException, '__suppress_context__', (o) => rt.bool((o as PyBaseException).suppressContext), (o, v) => {
    (o as PyBaseException).suppressContext = v !== null && truthy(rt, v);
  });
  getset(BaseException, '__traceback__', (o) => rt.tempIncref((o as PyBaseException).tbObj ?? rt.None), (o, v) => setTraceback(o as PyBaseException, v));
  for (const [t, f] of [[T.StopIteration!, 'value'], [T.NameError!, 'name'], [T.AttributeError!, 'name'], [T.AttributeError!, 'obj'], [T.KeyError!, '__dummy']] as const) {
    if (f === '__dummy') continue;
    getset(t, f, (o) => rt.tempIncref((o as PyBaseException).extra?.get(f) ?? (f === 'value' ? ((o as PyBaseException).args.items[0] ?? rt.None) : rt.None)));
  }
  // SystemExit.code: None without arguments, the argument, or the whole args tuple.
  getset(T.SystemExit!, 'code', (o) => {
    const args = (o as PyBaseException).args;
    const items = args?.items ?? [];
    return rt.tempIncref(items.length === 0 ? rt.None : items.length === 1 ? items[0]! : args);
  });
  void descrGet;
  void iter;
  void next;
  void richCompare;
  void LT;
  void call;
  void len;
  void mayBeTracked;
  void hashInt;
  void rangeLen;
  void bytesRepr;
  void keySlot;
}

export const GC_KINDS = new Set([
  'list', 'tuple', 'dict', 'set', 'frozenset', 'type', 'generator', 'frame', 'slice', 'function', 'cell', 'method',
  'builtin_function_or_method', 'method_descriptor', 'getset_descriptor', 'member_descriptor', 'property', 'staticmethod',
  'classmethod', 'super', 'module', 'mappingproxy', 'list_iterator', 'list_reverseiterator', 'tuple_iterator',
  'str_ascii_iterator', 'str_iterator', 'bytes_iterator', 'set_iterator', 'dict_keyiterator', 'dict_valueiterator',
  'dict_itemiterator', 'dict_keys', 'dict_values', 'dict_items', 'reversed', 'iterator', 'enumerate', 'zip', 'map', 'filter',
  'callable_iterator', 'traceback', 'NativeObject', 'ReferenceType', 'ProxyType', 'CallableProxyType',
]);

export function sortItems(rt: Runtime, items: PyObject[], key: PyObject | null, reverse: boolean): PyObject[] {
  const keys = key !== null && key !== rt.None ? items.map((x) => call(rt, key, [x])) : items;
  const idx = items.map((_, i) => i);
  const lt = (a: PyObject, b: PyObject): boolean => {
    const r = richCompare(rt, a, b, LT);
    const t = truthy(rt, r);
    rt.tempDecref(r);
    return t;
  };
  try {
    // A stable merge sort using only '<', like list.sort.
    const sorted = mergeSort(idx, (i, j) => (reverse ? lt(keys[j]!, keys[i]!) : lt(keys[i]!, keys[j]!)));
    return sorted.map((i) => items[i]!);
  } finally {
    if (keys !== items) for (const k of keys) rt.tempDecref(k);
  }
}

function mergeSort(a: number[], less: (x: number, y: number) => boolean): number[] {
  if (a.length <= 1) return a;
  const mid = a.length >> 1;
  const l = mergeSort(a.slice(0, mid), less);
  const r = mergeSort(a.slice(mid), less);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < l.length && j < r.length) {
    if (less(r[j]!, l[i]!)) out.push(r[j++]!);
    else out.push(l[i++]!);
  }
  while (i < l.length) out.push(l[i++]!);
  while (j < r.length) out.push(r[j++]!);
  return out;
}

function parseIntLiteral(rt: Runtime, text: string, base: number): bigint {
  let s = text.trim().replace(/_/g, '');
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let b = base;
  const pre = s.slice(0, 2).toLowerCase();
  if ((b === 16 || b === 0) && pre === '0x') { b = 16; s = s.slice(2); }
  else if ((b === 8 || b === 0) && pre === '0o') { b = 8; s = s.slice(2); }
  else if ((b === 2 || b === 0) && pre === '0b') { b = 2; s = s.slice(2); }
  else if (b === 0) b = 10;
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, b);
  if (s.length === 0 || ![...s.toLowerCase()].every((c) => digits.includes(c))) {
    throw err(rt, 'ValueError', `invalid literal for int() with base ${base}: ${strRepr(text)}`);
  }
  let v = 0n;
  for (const c of s.toLowerCase()) v = v * BigInt(b) + BigInt(digits.indexOf(c));
  return neg ? -v : v;
}

/**
 * What a subclass of list or dict adds to its instances: its slots and __weakref__ pointer (the
 * growth of basicsize over the builtin base) and, with a __dict__, the managed dict's two
 * pointers before the object (_PyType_PreHeaderSize).
 */
function subclassExtra(t: PyType): number {
  if (!t.heap) return 0;
  const base = t.mro.find((b) => !b.heap)!;
  return t.basicsize - base.basicsize + (t.hasDict ? 16 : 0);
}

export function sizeOf(rt: Runtime, o: PyObject): number {
  const t = o.type;
  if (o instanceof PyInstance && !(o instanceof PyBaseException)) {
    if (!t.heap) return t.basicsize;
    return t.basicsize + 16 + (t.hasDict && t.kind === 'object' ? 16 : 0);
  }
  if (o instanceof PyBaseException) return rt.exceptionSize(t);
  if (o instanceof PyBool) return 28;
  if (o instanceof PyInt) {
    let a = o.value < 0n ? -o.value : o.value;
    let d = 0;
    while (a > 0n) { a >>= 30n; d++; }
    return 24 + 4 * Math.max(1, d) + (t.heap ? 16 : 0);
  }
  if (o instanceof PyFloat) return 24;
  if (o instanceof PyComplex) return 32;
  if (o instanceof PyStr) {
    let max = 0;
    let n = 0;
    for (const ch of o.value) { const c = ch.codePointAt(0)!; if (c > max) max = c; n++; }
    if (t.heap) {
      // A str subclass instance is not compact: PyUnicodeObject, its data (with the NUL) in the
      // narrowest kind, the GC head, and what the class adds (__dict__, __weakref__, slots).
      const kind = max < 256 ? 1 : max < 65536 ? 2 : 4;
      return 96 + (n + 1) * kind + (t.hasDict ? 8 : 0) + (t.hasWeakref ? 8 : 0) + 8 * (t.slotNames?.length ?? 0);
    }
    return max < 128 ? 49 + n : max < 256 ? 73 + n : max < 65536 ? 74 + 2 * n : 76 + 4 * n;
  }
  if (o instanceof PyBytes) return 33 + o.value.length;
  if (o instanceof PyByteArray) return 56 + o.allocated;
  if (o instanceof PyTuple) return 40 + 8 * o.items.length;
  if (o instanceof PyList) return 56 + 8 * o.allocated + subclassExtra(t);
  if (o instanceof PyDict) {
    // A materialised instance dict: 8 bytes a slot of the class's shared keys, as they are now.
    if (o.split) return 64 + 8 * ((o.owner as PyInstance).type.sharedKeys?.usableSize ?? 0);
    return dictSize(o) + subclassExtra(t);
  }
  if (o instanceof PySet) return setSize(o);
  if (o instanceof PyType) return o.heap ? (o.hasDict && o.slotNames === null ? 1688 : 920) : 424;
  if (o instanceof PyRange) return 48;
  if (o instanceof PySlice) return 56;
  if (o instanceof PyCell) return 40;
  if (o instanceof PyFunction) return 152;
  if (o instanceof PyMethod) return 64;
  if (o instanceof PyBuiltin) return 72;
  if (o instanceof PyWeakref) return 80;
  if (o instanceof PyModule) return 72;
  if (o instanceof PyNone) return 16;
  if (o instanceof PyStaticMethod) return 48;
  if (o instanceof PyProperty) return 80;
  if (o instanceof PySuper) return 56;
  if (o instanceof PyCode) return 200;
  if (o instanceof PyTraceback) return 64;
  if (o instanceof PyGetSetDescr) return 64;
  if (o instanceof PyMethodDescr) return 72;
  if (o instanceof PyFrameObj) return 48 + 72 + 8 * (o.code.localsplusnames.length + o.code.stacksize) + 16;
  const g = rt.genSize(o);
  if (g > 0) return g;
  if (o instanceof PyNativeIter || o instanceof PyNativeObject) return rt.nativeSize(o);
  return 16;
}

function clearContents(rt: Runtime, o: PyObject): void {
  if (o.type.heap && !(o instanceof PyInstance)) releaseAttrDict(rt, o);
  if (o instanceof PyList) {
    const items = o.items;
    o.items = [];
    for (let i = items.length - 1; i >= 0; i--) rt.decref(items[i]!, Holder.Item, o.id, i);
    return;
  }
  if (o instanceof PyTuple) {
    const items = o.items;
    for (let i = items.length - 1; i >= 0; i--) rt.decref(items[i]!, Holder.Item, o.id, i);
    return;
  }
  if (o instanceof PyDict) {
    dictClear(rt, o, false);
    return;
  }
  if (o instanceof PySet) {
    setRelease(rt, o);
    return;
  }
  if (o instanceof PyBaseException) {
    rt.clearException(o);
    clearInstance(rt, o);
    return;
  }
  if (o instanceof PyInstance) {
    clearInstance(rt, o);
    return;
  }
  if (o instanceof PyFunction) {
    const f = o;
    const fld = (name: string, v: PyObject | null): void => {
      if (v !== null) rt.decref(v, Holder.Field, f.id, rt.str(name));
    };
    fld('__code__', f.code);
    fld('__globals__', f.globals);
    fld('__name__', f.name);
    fld('__qualname__', f.qualname);
    fld('__defaults__', f.defaults);
    fld('__kwdefaults__', f.kwdefaults);
    fld('__closure__', f.closure);
    fld('__doc__', f.doc);
    fld('__dict__', f.dict);
    fld('__annotations__', f.annotations);
    return;
  }
  if (o instanceof PyCell) {
    if (o.ref !== null) {
      const r = o.ref;
      o.ref = null;
      rt.decref(r, Holder.Cell, o.id, -1);
    }
    return;
  }
  if (o instanceof PyMethod) {
    rt.decref(o.func, Holder.Field, o.id, rt.str('__func__'));
    rt.decref(o.self, Holder.Field, o.id, rt.str('__self__'));
    return;
  }
  if (o instanceof PyBuiltin) {
    if (o.self !== null && !o.immortal) rt.decref(o.self, Holder.Field, o.id, rt.str('__self__'));
    return;
  }
  if (o instanceof PyStaticMethod) {
    if (o.func !== null) rt.decref(o.func, Holder.Field, o.id, rt.str('__func__'));
    if (o.dict !== null) rt.decref(o.dict, Holder.Field, o.id, rt.str('__dict__'));
    return;
  }
  if (o instanceof PyProperty) {
    for (const [n, v] of [['fget', o.fget], ['fset', o.fset], ['fdel', o.fdel], ['doc', o.doc]] as const) if (v !== null) rt.decref(v, Holder.Field, o.id, rt.str(n));
    return;
  }
  if (o instanceof PySlice) {
    rt.decref(o.start, Holder.Field, o.id, rt.str('start'));
    rt.decref(o.stop, Holder.Field, o.id, rt.str('stop'));
    rt.decref(o.step, Holder.Field, o.id, rt.str('step'));
    return;
  }
  if (o instanceof PyModule) {
    rt.decref(o.dict, Holder.Field, o.id, rt.str('__dict__'));
    return;
  }
  if (o instanceof PyType) {
    rt.clearType(o);
    return;
  }
  if (o instanceof PyWeakref) {
    rt.clearWeakref(o);
    return;
  }
  if (o instanceof PyNativeIter || o instanceof PyNativeObject) {
    if (o instanceof PyNativeObject) (o.state as NativeHooks | null)?.clear?.();
    const held = o.held;
    o.held = [];
    for (let i = 0; i < held.length; i++) {
      const x = held[i];
      if (x !== null && x !== undefined) rt.decref(x, Holder.Field, o.id, i);
    }
    if (o instanceof PyNativeObject && o.dict !== null) rt.decref(o.dict, Holder.Field, o.id, rt.str('__dict__'));
    return;
  }
  if (o instanceof PySuper) {
    rt.decref(o.thisType, Holder.Field, o.id, rt.str('__thisclass__'));
    if (o.obj !== null) rt.decref(o.obj, Holder.Field, o.id, rt.str('__self__'));
    if (o.objType !== null) rt.decref(o.objType, Holder.Field, o.id, rt.str('__self_class__'));
    return;
  }
  if (o instanceof PyCode) {
    for (const c of o.consts) rt.decref(c, Holder.Field, o.id, rt.str('co_consts'));
    return;
  }
  if (o instanceof PyGetSetDescr) {
    rt.decref(o.owner, Holder.Field, o.id, rt.str('__objclass__'));
    return;
  }
  if (o instanceof PyTraceback) {
    if (o.next !== null) rt.decref(o.next, Holder.Field, o.id, rt.str('tb_next'));
    rt.decref(o.frame, Holder.Field, o.id, rt.str('tb_frame'));
    return;
  }
  if (o instanceof PyFrameObj) {
    const owned = o.owned;
    o.owned = null;
    if (owned !== null) for (const v of owned) if (v !== null) rt.decref(v, Holder.Field, o.id, -1);
    if (o.func !== null) {
      const fn = o.func;
      o.func = null;
      rt.decref(fn, Holder.Field, o.id, -1);
    }
    if (o.back !== null) {
      const back = o.back;
      o.back = null;
      rt.decref(back, Holder.Field, o.id, rt.str('f_back'));
    }
    return;
  }
  rt.clearOther(o);
}

/** subtype_dealloc: slots (sorted names), then inline values or the __dict__. */
/**
 * An instance's inline values in shared-keys order, the order CPython visits and frees them
 * (`_PyObject_VisitInstanceAttributes`, `_PyObject_FreeInstanceAttributes`); `vars()` shows
 * them in the instance's own insertion order instead, which `o.values` keeps.
 */
export function instanceValues(o: PyInstance | PyWeakref): [string, PyObject][] {
  const vals = o.values;
  if (vals === null) return [];
  const shared = o.type.sharedKeys;
  if (shared === null || vals.size < 2) return [...vals];
  const out: [string, PyObject][] = [];
  for (const name of shared.nameOrder()) {
    const v = vals.get(name);
    if (v !== undefined) out.push([name, v]);
  }
  if (out.length !== vals.size) for (const e of vals) if (shared.indexOf(e[0]) < 0) out.push(e);
  return out;
}

/** Drops a builtin-subclass instance's __dict__ (runtime.attrDicts), if it has one. */
export function releaseAttrDict(rt: Runtime, o: PyObject): void {
  const d = rt.attrDicts.get(o);
  if (d === undefined) return;
  rt.attrDicts.delete(o);
  rt.decref(d, Holder.Field, o.id, rt.str('__dict__'));
}

export function clearInstance(rt: Runtime, o: PyInstance): void {
  if (o.slots !== null) {
    const names = o.type.slotNames ?? [];
    for (let i = 0; i < o.slots.length; i++) {
      const v = o.slots[i];
      if (v !== null && v !== undefined) {
        o.slots[i] = null;
        rt.decref(v, Holder.Attr, o.id, rt.str(names[i] ?? '?'));
      }
    }
  }
  if (o.values !== null) {
    // With fewer than two values, or no shared keys, the Map's own order is instanceValues'
    // order: no array is made (most instances die that way).
    const vals: Iterable<[string, PyObject]> = o.values.size < 2 || o.type.sharedKeys === null ? o.values : instanceValues(o);
    o.values = null;
    for (const [k, v] of vals) rt.decref(v, Holder.Attr, o.id, rt.str(k));
  }
  if (o.dict !== null) {
    const d = o.dict;
    o.dict = null;
    rt.decref(d, Holder.Field, o.id, rt.str('__dict__'));
  }
}

// Installed by str.ts
import { installStrMethods } from './str.js';
export { floatRepr, PyCallError };
class PyCallError {}
void mayBeTracked;
void GC_TRACKED;
