// Classes and instances, subscripts, builtin repr and iteration, native attributes.
import { mangle } from '../compiler/symtable.js';
import { EventKind, Holder } from '../events/kinds.js';
import {
  PyFrameObj, PyObject, PyType, PyInt, PyBool, PyFloat, PyStr, PyBytes, PyByteArray, PyTuple, PyList, PyDict, PySet, PyRange,
  PySlice, PyCell, PyCode, PyFunction, PyBuiltin, PyMethodDescr, PyGetSetDescr, PyMethod, PyStaticMethod,
  PyClassMethod, PyProperty, PyModule, PyInstance, PyBaseException, PyWeakref, PyNativeIter, PyNativeObject,
  PySuper, PyNone, PyComplex, PyNotImplemented, PyEllipsis,
} from './object.js';
import { Runtime, PyThrow } from './runtime.js';
import { err } from './errors.js';
import { dictGet, dictSet, dictDel, dictItems, dictPop } from './dict.js';
import {
  lookup, callBound, repr, str, hashKey, isSubtype, typeName, rangeLen, strRepr, bytesRepr, hashInt, genericSetattr,
  truthy, callType, getattrOpt, len, contains, iter, keepsAttrDict,
} from './ops.js';
import { asInt, clearInstance, GC_KINDS } from './types.js';
import { builtinBinary, NAMES } from './arith.js';
import { setMembers } from './sets.js';
import { SharedKeys } from '../memory/dict.js';
import { floatRepr } from '../values/float.js';
import { hashStr, hashFloat } from '../values/hash.js';

/** Range values up to this size are exact as JS numbers. */
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function installObjects(rt: Runtime): void {
  const T = rt.t;
  // `T` is a dictionary-mode object: the hot paths below hold what they compare with.
  const objectT = T.object!;

  // -------------------------------------------------------------------------------------------
  // Instances and classes

  rt.newInstance = (cls) => {
    if (cls.kind === 'exception') {
      const e = rt.alloc(new PyBaseException(), cls, rt.exceptionSize(cls), true);
      e.args = rt.tuple([]);
      rt.give(e.args, Holder.Field, e.id, rt.str('args'));
      rt.track(e);
      return e;
    }
    if (cls.kind === 'list') {
      const l = rt.alloc(new PyList([]), cls, 56, true);
      rt.track(l);
      return l;
    }
    if (cls.kind === 'dict') {
      const d = rt.alloc(new PyDict(), cls, 64, true);
      rt.track(d);
      return d;
    }
    if (cls.kind !== 'object') throw err(rt, 'TypeError', `object.__new__(${cls.name}) is not safe, use ${cls.kind}.__new__()`);
    const o = new PyInstance();
    if (cls.slotNames !== null) o.slots = cls.slotNames.map(() => null);
    // A plain object() has no GC head (object is not a GC type): its allocation leaves gen0's count alone.
    rt.alloc(o, cls, instanceSize(cls), cls !== objectT);
    // init_inline_values: each new instance takes one usable slot of the shared keys.
    cls.sharedKeys?.newInstance();
    rt.track(o);
    return o;
  };

  rt.newClass = (meta, name, bases, ns, kw = null) => {
    const t = new PyType(name);
    if (bases.length === 0) bases = [T.object!];
    for (const b of bases) {
      if (!(b instanceof PyType)) throw err(rt, 'TypeError', 'bases must be types');
      if (b === T.bool || b === T.NoneType || b === T.function || b === T.range || b === T.slice) {
        throw err(rt, 'TypeError', `type '${b.name}' is not an acceptable base type`);
      }
    }
    t.heap = true;
    t.bases = bases;
    t.base = bases[0]!;
    t.mro = computeMro(rt, t, bases);
    t.kind = t.base.kind;
    for (const b of bases) if (b.kind !== 'object') t.kind = b.kind;
    t.gcInstances = true;
    // type_new: the bases tuple, the type, its dict.
    const basesTuple = rt.tuple(bases.map((b) => rt.tempIncref(b)));
    rt.alloc(t, meta, 0, true);
    t.basesTuple = basesTuple;
    rt.give(basesTuple, Holder.Field, t.id, rt.str('__bases__'));
    rt.incref(t.base, Holder.Field, t.id, rt.str('__base__'));
    const tpDict = rt.newDict();
    t.tpDict = tpDict;
    rt.give(tpDict, Holder.Field, t.id, rt.str('__dict__'));
    const slotsObj = dictGet(ns, '__slots__');
    const baseHasDict = t.mro.slice(1).some((b) => b.hasDict);
    const baseHasWeak = t.mro.slice(1).some((b) => b.hasWeakref);
    const base = solidBase(t);
    t.basicsize = t.base.basicsize;
    // The class's own __slots__, made member descriptors by PyType_Ready (below).
    let memberNames: string[] = [];
    let memberBase = 0;
    if (slotsObj !== null) {
      const names = slotsObj instanceof PyStr ? [slotsObj.value] : toNames(rt, slotsObj);
      // Private names are mangled with the class name (_Py_Mangle) before they are sorted.
      const own = names.filter((n) => n !== '__dict__' && n !== '__weakref__').map((n) => mangle(t.name, n)).sort();
      // type_new_get_slots: a str __slots__ is packed in a tuple, another non-tuple made one
      // (temporaries); type_new_copy_slots: the names but __dict__/__weakref__ in a new list,
      // sorted, then made the tuple the class keeps (ht_slots; the empty tuple when none).
      const packed = slotsObj instanceof PyStr ? rt.tuple([rt.tempIncref(slotsObj)]) : !(slotsObj instanceof PyTuple && slotsObj.type === T.tuple) ? rt.tuple(rt.toArrayOf(slotsObj)) : null;
      const copy = rt.newList(own.map((n) => rt.intern(n)));
      if (own.length > 0) {
        t.htSlots = rt.tuple(own.map((n) => rt.intern(n)));
        rt.give(t.htSlots, Holder.Field, t.id, rt.str('__slots__'));
      }
      rt.tempDecref(copy);
      if (packed !== null) rt.tempDecref(packed);
      const inherited = t.mro.slice(1).flatMap((b) => (b.heap ? b.slotNames ?? [] : []));
      t.slotNames = [...inherited, ...own];
      t.basicsize += 8 * own.length;
      t.hasDict = baseHasDict || names.includes('__dict__');
      t.hasWeakref = baseHasWeak || names.includes('__weakref__');
      if (names.includes('__weakref__') && !baseHasWeak) t.basicsize += 8;
      memberNames = own;
      memberBase = inherited.length;
    } else {
      t.slotNames = t.mro.slice(1).some((b) => b.heap && b.slotNames !== null) ? t.mro.slice(1).flatMap((b) => (b.heap ? b.slotNames ?? [] : [])) : null;
      if (t.slotNames !== null && t.slotNames.length === 0) t.slotNames = null;
      if (!baseHasWeak && base.itemsize === 0) t.basicsize += 8;
      t.hasDict = true;
      t.hasWeakref = true;
      if (t.kind === 'object') t.sharedKeys = new SharedKeys();
    }
    if (t.kind === 'exception') {
      t.hasDict = true;
      t.hasWeakref = true;
    }
    // Class namespace: copied into the type's dict (str keys), functions in __dict__ order.
    for (const [k, v] of dictItems(ns)) {
      const key = (k as PyStr).value;
      if (key === '__slots__' && false) continue;
      let val = v;
      if ((key === '__new__') && v instanceof PyFunction) {
        val = new PyStaticMethod(v);
        rt.alloc(val, T.staticmethod!, 48, true);
        rt.incref(v, Holder.Field, val.id, rt.str('__func__'));
        rt.track(val);
        rt.give(val, Holder.Attr, t.id, rt.str(key));
        t.dict.set(key, val);
        continue;
      }
      if ((key === '__init_subclass__' || key === '__class_getitem__') && v instanceof PyFunction) {
        val = new PyClassMethod(v);
        rt.alloc(val, T.classmethod!, 48, true);
        rt.incref(v, Holder.Field, val.id, rt.str('__func__'));
        rt.track(val);
        rt.give(val, Holder.Attr, t.id, rt.str(key));
        t.dict.set(key, val);
        continue;
      }
      rt.incref(val, Holder.Attr, t.id, rt.str(key));
      t.dict.set(key, val);
    }
    if (!t.dict.has('__module__')) {
      const m = rt.intern('__main__');
      rt.give(m, Holder.Attr, t.id, rt.str('__module__'));
      t.dict.set('__module__', m);
    }
    const qn = t.dict.get('__qualname__');
    if (qn instanceof PyStr) {
      t.qualname = qn.value;
      t.dict.delete('__qualname__');
      rt.decref(qn, Holder.Attr, t.id, rt.str('__qualname__'));
    }
    t.hasFinalizer = t.mro.some((b) => b.dict.has('__del__'));
    t.genericGetattr = !t.mro.some((b) => b.heap && (b.dict.has('__getattribute__') || b.dict.has('__getattr__')));
    rt.log.push(EventKind.Resize, t.id, rt.sizeOf(t));
    // PyType_Ready: the MRO tuple (which holds the type itself), __dict__/__weakref__ descriptors.
    const mroTuple = rt.tuple(t.mro.map((b) => rt.tempIncref(b)));
    t.mroTuple = mroTuple;
    rt.give(mroTuple, Holder.Field, t.id, rt.str('__mro__'));
    // A descriptor object of the new class (member or getset): allocated, holding the class as
    // __objclass__, tracked, and stored in the class dict under its name.
    const addDescriptor = (d: PyGetSetDescr, type: PyType, name: string): void => {
      rt.alloc(d, type, 64, true);
      rt.incref(t, Holder.Field, d.id, rt.str('__objclass__'));
      rt.track(d);
      rt.give(d, Holder.Attr, t.id, rt.str(name));
      t.dict.set(name, d);
    };
    // add_members: a member descriptor for each own slot, after the namespace's entries.
    for (let i = 0; i < memberNames.length; i++) {
      const idx = memberBase + i;
      const sname = memberNames[i]!;
      const d = new PyGetSetDescr(sname, t, (o) => {
        const v = (o as PyInstance).slots?.[idx];
        if (v === null || v === undefined) throw err(rt, 'AttributeError', `'${typeName(o)}' object has no attribute '${sname}'`);
        return rt.tempIncref(v);
      }, (o, v) => {
        const inst = o as PyInstance;
        const old = inst.slots![idx] ?? null;
        if (v === null && old === null) throw err(rt, 'AttributeError', `'${typeName(o)}' object has no attribute '${sname}'`);
        if (v !== null) rt.incref(v, Holder.Attr, o.id, rt.str(sname));
        inst.slots![idx] = v;
        if (old !== null) rt.decref(old, Holder.Attr, o.id, rt.str(sname));
      }, idx);
      addDescriptor(d, T.member_descriptor!, sname);
    }
    const addGetset = (name: string): void => {
      if (t.dict.has(name)) return;
      const d = new PyGetSetDescr(name, t, (o) => {
        const v = rt.specialGetattr(o, name);
        if (v === undefined || v === null) throw err(rt, 'AttributeError', `'${typeName(o)}' object has no attribute '${name}'`);
        return v;
      }, null);
      addDescriptor(d, T.getset_descriptor!, name);
    };
    if (t.hasDict && !baseHasDict) addGetset('__dict__');
    if (t.hasWeakref && !baseHasWeak) addGetset('__weakref__');
    // type_dict_set_doc, then type_ready_set_hash: __doc__ = None without a docstring, and
    // __hash__ = None when the class defines __eq__ but not __hash__.
    if (!t.dict.has('__doc__')) {
      rt.None.rc++;
      t.dict.set('__doc__', rt.None);
    }
    if (t.dict.has('__eq__') && !t.dict.has('__hash__')) {
      rt.None.rc++;
      t.dict.set('__hash__', rt.None);
    }
    rt.track(t);
    // add_subclass: each base keeps a weak reference to the new class.
    for (const b of bases) {
      const w = rt.newWeakref(t, null, true);
      rt.give(w, Holder.Field, b.id, rt.str('__subclasses__'));
      t.subclassRefs.push(w);
      (b.subclassWeakrefs ??= []).push(w as PyWeakref);
    }
    // __set_name__
    for (const [k, v] of [...t.dict]) {
      if (v instanceof PyProperty && v.name === null) v.name = k;
      if (v instanceof PyInstance) {
        const f = lookup(v.type, '__set_name__');
        if (f !== null) {
          const n = rt.newStr(k);
          rt.tempDecref(callBound(rt, f, v, [t, n]));
          rt.tempDecref(n);
        }
      }
    }
    // type_new_init_subclass: super(type, type).__init_subclass__() (a tuple and a super object).
    const sargs = rt.tuple([rt.tempIncref(t), rt.tempIncref(t)]);
    const sup = callType(rt, T.super!, [t, t], null);
    rt.tempDecref(sup);
    rt.tempDecref(sargs);
    // __init_subclass__ of the parent
    const isc = lookup(t.base!, '__init_subclass__');
    const kwNames = kw !== null && kw.names.length > 0 ? kw.names : null;
    if (isc instanceof PyClassMethod && isc.func instanceof PyFunction) {
      rt.tempDecref(rt.callPython(isc.func, kwNames !== null ? kw!.values.slice() : [], kwNames, t));
    } else if (kwNames !== null) {
      throw err(rt, 'TypeError', `${t.name}.__init_subclass__() takes no keyword arguments`);
    }
    return t;
  };

  rt.setTypeAttr = (t, name, v) => {
    const old = t.dict.get(name);
    if (v === null) {
      if (old === undefined) throw err(rt, 'AttributeError', `type object '${t.name}' has no attribute '${name}'`);
      t.dict.delete(name);
      rt.decref(old, Holder.Attr, t.id, rt.str(name));
    } else {
      rt.incref(v, Holder.Attr, t.id, rt.str(name));
      t.dict.set(name, v);
      if (old !== undefined) rt.decref(old, Holder.Attr, t.id, rt.str(name));
    }
    if (name === '__del__') t.hasFinalizer = true;
    if (name === '__getattribute__' || name === '__getattr__') t.genericGetattr = false;
  };

  rt.clearType = (t) => {
    const entries = [...t.dict];
    t.dict.clear();
    for (const [k, v] of entries) rt.decref(v, Holder.Attr, t.id, rt.str(k));
    const f = (name: string, v: PyObject | null): void => {
      if (v !== null) rt.decref(v, Holder.Field, t.id, rt.str(name));
    };
    const { tpDict, basesTuple, mroTuple, htSlots } = t;
    t.tpDict = t.basesTuple = t.mroTuple = t.htSlots = null;
    f('__mro__', mroTuple);
    f('__slots__', htSlots);
    f('__bases__', basesTuple);
    f('__dict__', tpDict);
    if (t.base !== null && t.heap && t.subclassRefs !== null) {
      const base = t.base;
      t.base = null;
      f('__base__', base);
    }
    const refs = t.subclassRefs;
    t.subclassRefs = [];
    t.bases.forEach((b, i) => {
      const w = refs[i];
      if (w !== undefined) rt.decref(w, Holder.Field, b.id, rt.str('__subclasses__'));
    });
  };

  rt.clearException = (e) => {
    const f = (name: string, v: PyObject | null): void => {
      if (v !== null) rt.decref(v, Holder.Field, e.id, rt.str(name));
    };
    f('args', e.args);
    f('__traceback__', e.tbObj);
    e.tbObj = null;
    f('__context__', e.context);
    e.context = null;
    f('__cause__', e.cause);
    e.cause = null;
    if (e.extra) for (const [k, v] of e.extra) rt.decref(v, Holder.Field, e.id, rt.str(k));
    e.extra = null;
  };

  rt.setExcLink = (e, which, v) => {
    const name = which === 'cause' ? '__cause__' : '__context__';
    const old = e[which];
    if (v !== null) rt.incref(v, Holder.Field, e.id, rt.str(name));
    e[which] = v;
    if (old !== null) rt.decref(old, Holder.Field, e.id, rt.str(name));
  };

  rt.exceptionSize = (t) => {
    const sizes: Record<string, number> = { UnboundLocalError: 96, NameError: 96, AttributeError: 104, StopIteration: 96, SystemExit: 96, ImportError: 112, ModuleNotFoundError: 112, OSError: 128, SyntaxError: 152 };
    // A class statement adds its own slots and, where no base has one, a __weakref__ slot
    // (BaseException has none): what its basicsize gained over the nearest builtin base.
    const builtin = t.mro.find((b) => !b.heap)!;
    const extra = t.heap ? t.basicsize - builtin.basicsize : 0;
    for (const b of t.mro) if (!b.heap && sizes[b.name] !== undefined) return sizes[b.name]! + extra;
    return 88 + extra;
  };

  rt.exceptionStr = (e) => {
    const args = e.args.items;
    if (isSubtype(e.type, T.KeyError!) && args.length === 1) return repr(rt, args[0]!);
    if (args.length === 0) return '';
    if (args.length === 1) return str(rt, args[0]!);
    return repr(rt, e.args);
  };

  rt.clearWeakref = (w) => {
    if (w.referent !== null && w.referent.weakrefs !== null) {
      const i = w.referent.weakrefs.indexOf(w);
      if (i >= 0) w.referent.weakrefs.splice(i, 1);
    }
    w.referent = null;
    if (w.callback !== null) {
      const cb = w.callback;
      w.callback = null;
      rt.decref(cb, Holder.Field, w.id, rt.str('__callback__'));
    }
    if (w.values !== null) for (const [k, v] of w.values) rt.decref(v, Holder.Attr, w.id, rt.str(k));
    w.values = null;
    if (w.dict !== null) rt.decref(w.dict, Holder.Field, w.id, rt.str('__dict__'));
    w.dict = null;
  };

  rt.clearOther = (o) => rt.clearGenerator(o);

  // -------------------------------------------------------------------------------------------
  // Identity: modelled addresses (CPython reuses freed blocks; we hand out by object number).

  // id(): the block address plus the pre-header (GC head, managed dict) the object sits behind.
  rt.addressOf = (o) => (o.addr + (o.type.gcInstances ? 16 : 0) + (o instanceof PyInstance && o.type.heap && o.type.hasDict && o.type.kind === 'object' ? 16 : 0)) / 16;
  rt.strHash = (s) => hashStr(s);
  rt.floatHash = (v) => {
    if (Number.isInteger(v)) return hashInt(BigInt(v));
    if (Number.isNaN(v)) return 0n;
    if (!Number.isFinite(v)) return v > 0 ? 314159n : -314159n;
    // hash of a rational m/2^e modulo 2^61-1
    const M = (1n << 61n) - 1n;
    let m = v;
    let e = 0;
    while (!Number.isInteger(m)) { m *= 2; e++; }
    const neg = m < 0;
    let h = BigInt(Math.abs(m)) % M;
    const inv = modPow(2n, M - 1n - BigInt(e % 61), M);
    h = (h * inv) % M;
    if (neg) h = -h;
    if (h === -1n) h = -2n;
    return h;
  };

  // -------------------------------------------------------------------------------------------
  // repr of builtin objects

  rt.builtinRepr = (o) => builtinRepr(rt, o);

  // -------------------------------------------------------------------------------------------
  // Iteration

  const seqIterNext = (it: PyNativeIter): PyObject | null => {
    const seq = it.held[0];
    if (seq === null || seq === undefined) return null;
    const items = (seq as PyList).items;
    if (it.pos < items.length) return rt.tempIncref(items[it.pos++]!);
    it.held[0] = null;
    rt.decref(seq, Holder.Field, it.id, 0);
    return null;
  };
  const newIter = (typeName: string, seq: PyObject | null, next: (it: PyNativeIter) => PyObject | null): PyNativeIter => {
    const it = rt.alloc(new PyNativeIter(next), T[typeName]!, 48, GC_KINDS.has(typeName));
    if (seq !== null) {
      it.held = [seq];
      rt.incref(seq, Holder.Field, it.id, 0);
    }
    if (GC_KINDS.has(typeName)) rt.track(it);
    return it;
  };
  rt.newIter = newIter;
  rt.builtinIter = (o) => {
    if (o instanceof PyList) return newIter('list_iterator', o, seqIterNext);
    if (o instanceof PyTuple) return newIter('tuple_iterator', o, seqIterNext);
    if (o instanceof PyStr) {
      const chars = [...o.value];
      return newIter(/^[\x00-\x7f]*$/.test(o.value) ? 'str_ascii_iterator' : 'str_iterator', o, (it) => {
        if (it.pos < chars.length) return rt.newStr(chars[it.pos++]!);
        const s = it.held[0];
        if (s) {
          it.held[0] = null;
          rt.decref(s, Holder.Field, it.id, 0);
        }
        return null;
      });
    }
    if (o instanceof PyBytes || o instanceof PyByteArray) {
      return newIter('bytes_iterator', o, (it) => {
        const v = (o as PyBytes).value;
        if (it.pos < v.length) return rt.int(v[it.pos++]!);
        return null;
      });
    }
    if (o instanceof PyRange) {
      const n = rangeLen(o);
      const start = o.start;
      const step = o.step;
      const last = start + (n > 0n ? n - 1n : 0n) * step;
      if (start >= -SAFE && start <= SAFE && last >= -SAFE && last <= SAFE) {
        // Every value is a safe JS integer: count in numbers, not bigints (same ints made).
        const len = Number(n);
        const from = Number(start);
        const by = Number(step);
        return rt.alloc(new PyNativeIter((i) => (i.pos < len ? rt.int(from + i.pos++ * by) : null)), T.range_iterator!, 48, false);
      }
      const it = rt.alloc(new PyNativeIter((i) => {
        if (BigInt(i.pos) < n) return rt.int(o.start + BigInt(i.pos++) * o.step);
        return null;
      }), T.range_iterator!, 48, false);
      return it;
    }
    if (o instanceof PyDict) return dictIter(rt, o, 'keys');
    if (o instanceof PyNativeObject && (o.type === T.dict_keys || o.type === T.dict_values || o.type === T.dict_items)) {
      return dictIter(rt, o.held[0] as PyDict, o.type === T.dict_keys ? 'keys' : o.type === T.dict_values ? 'values' : 'items');
    }
    if (o instanceof PySet) {
      const order = setMembers(o);
      return newIter('set_iterator', o, (it) => {
        if (it.pos < order.length) return rt.tempIncref(order[it.pos++]!);
        return null;
      });
    }
    if (o instanceof PyNativeIter) return rt.tempIncref(o);
    if (rt.isGenerator(o)) return rt.tempIncref(o);
    const f = lookup(o.type, '__iter__');
    if (f !== null) return callBound(rt, f, o, []);
    return null;
  };
  rt.seqIter = (o) => newIter('iterator', o, (it) => {
    const seq = it.held[0];
    if (!seq) return null;
    const k = rt.int(it.pos++);
    try {
      return rt.getItem(seq, k);
    } catch (e) {
      if (e instanceof PyThrow && (isSubtype(e.exc.type, T.IndexError!) || isSubtype(e.exc.type, T.StopIteration!))) {
        rt.tempDecref(e.exc);
        return null;
      }
      throw e;
    } finally {
      rt.tempDecref(k);
    }
  });

  // -------------------------------------------------------------------------------------------
  // Subscripts

  rt.getItem = (o, k) => getItem(rt, o, k);
  rt.setItem = (o, k, v) => setItem(rt, o, k, v);
  rt.delItem = (o, k) => delItem(rt, o, k);
  installSlotWrappers(rt);

  // -------------------------------------------------------------------------------------------
  // Native attributes

  rt.specialGetattr = (o, name) => specialGetattr(rt, o, name);

  rt.dir = (o) => {
    const names = new Set<string>();
    if (o instanceof PyModule) for (const [k] of dictItems(o.dict)) names.add((k as PyStr).value);
    else {
      const inst = o as PyInstance;
      if (inst.values) for (const k of inst.values.keys()) names.add(k);
      if (inst.dict) for (const [k] of dictItems(inst.dict)) names.add((k as PyStr).value);
      const t = o instanceof PyType ? o : o.type;
      for (const b of t.mro) for (const k of b.dict.keys()) names.add(k);
      if (!(o instanceof PyType)) for (const b of o.type.mro) for (const k of b.dict.keys()) names.add(k);
      names.add('__class__');
      names.add('__doc__');
      if (o.type.hasDict || o instanceof PyType) names.add('__dict__');
    }
    return rt.newList([...names].sort().map((n) => rt.newStr(n)));
  };

  rt.nativeSize = (o) => {
    const fixed: Record<string, number> = { list_iterator: 48, tuple_iterator: 48, str_ascii_iterator: 48, str_iterator: 48, set_iterator: 64, dict_keyiterator: 72, dict_valueiterator: 72, dict_itemiterator: 72, dict_keys: 40, dict_values: 40, dict_items: 40, range_iterator: 48, enumerate: 72, zip: 64, map: 48, filter: 48, reversed: 48, iterator: 48 };
    return fixed[o.type.name] ?? rt.nativeSizeExtra(o);
  };
  rt.nativeSizeExtra = () => 48;
  void dictPop;
  void truthy;
}

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

function fnvHash(s: string): bigint {
  let h = 0xcbf29ce484222325n;
  const M = (1n << 64n) - 1n;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * 0x100000001b3n) & M;
  }
  const signed = h >= 1n << 63n ? h - (1n << 64n) : h;
  return signed === -1n ? -2n : signed;
}

function toNames(rt: Runtime, o: PyObject): string[] {
  const items = o instanceof PyTuple || o instanceof PyList ? o.items : o instanceof PyDict ? [...dictItems(o)].map(([k]) => k) : [];
  void rt;
  return items.map((x) => (x as PyStr).value);
}

function solidBase(t: PyType): PyType {
  for (const b of t.mro.slice(1)) if (!b.heap) return b;
  return t.mro[t.mro.length - 1]!;
}

export function instanceSize(t: PyType): number {
  const managed = t.hasDict && t.kind === 'object' && (t.slotNames === null || t.mro.some((b) => b.heap && b.slotNames === null) || true);
  const slotted = t.slotNames !== null && !t.mro.some((b) => b.heap && b.dict.has('__slots__') === false);
  return t.basicsize + 16 + (managed && t.hasDict && !slotted ? 16 : managed && t.hasDict ? 16 : 0);
}

/** C3 linearisation. */
function computeMro(rt: Runtime, t: PyType, bases: PyType[]): PyType[] {
  const seqs = [...bases.map((b) => b.mro.slice()), bases.slice()];
  const out: PyType[] = [t];
  for (;;) {
    const nonEmpty = seqs.filter((s) => s.length > 0);
    if (nonEmpty.length === 0) return out;
    let cand: PyType | null = null;
    for (const s of nonEmpty) {
      const c = s[0]!;
      if (!nonEmpty.some((s2) => s2.indexOf(c) > 0)) {
        cand = c;
        break;
      }
    }
    if (cand === null) throw err(rt, 'TypeError', `Cannot create a consistent method resolution order (MRO) for bases ${bases.map((b) => b.name).join(', ')}`);
    out.push(cand);
    for (const s of nonEmpty) if (s[0] === cand) s.shift();
  }
}

function dictIter(rt: Runtime, d: PyDict, kind: 'keys' | 'values' | 'items'): PyNativeIter {
  const name = kind === 'keys' ? 'dict_keyiterator' : kind === 'values' ? 'dict_valueiterator' : 'dict_itemiterator';
  const size0 = d.used;
  // di->len: the items still expected. One more found than the dict had means keys were
  // deleted and added in equal numbers while it was iterated (the size check cannot see that).
  let expected = size0;
  return rt.newIter(name, d, (it) => {
    if (d.used !== size0 && it.held[0]) throw err(rt, 'RuntimeError', 'dictionary changed size during iteration');
    while (it.pos < d.entries.length) {
      const e = d.entries[it.pos++]!;
      if (e.key === null) continue;
      if (expected === 0) throw err(rt, 'RuntimeError', 'dictionary keys changed during iteration');
      expected--;
      if (kind === 'keys') return rt.tempIncref(e.key);
      if (kind === 'values') return rt.tempIncref(e.value!);
      return rt.tuple([rt.tempIncref(e.key), rt.tempIncref(e.value!)]);
    }
    const s = it.held[0];
    if (s) {
      it.held[0] = null;
      rt.decref(s, Holder.Field, it.id, 0);
    }
    return null;
  });
}

function builtinRepr(rt: Runtime, o: PyObject): string {
  const T = rt.t;
  if (o instanceof PyNone) return 'None';
  if (o instanceof PyBool) return o.value ? 'True' : 'False';
  if (o instanceof PyInt) return o.num === o.num ? String(o.num) : o.value.toString();
  if (o instanceof PyFloat) return floatRepr(o.value);
  if (o instanceof PyComplex) {
    const im = floatRepr(o.imag).replace(/\.0$/, '');
    if (o.real === 0 && !Object.is(o.real, -0)) return im + 'j';
    const re = floatRepr(o.real).replace(/\.0$/, '');
    return `(${re}${o.imag >= 0 || Number.isNaN(o.imag) ? '+' : ''}${im}j)`;
  }
  if (o instanceof PyStr) return strRepr(o.value);
  if (o instanceof PyBytes) return bytesRepr(o.value);
  if (o instanceof PyByteArray) return `bytearray(${bytesRepr(o.value)})`;
  if (o instanceof PyNotImplemented) return 'NotImplemented';
  if (o instanceof PyEllipsis) return 'Ellipsis';
  if (o instanceof PyTuple) {
    return rt.reprGuard(o, '(...)', () => (o.items.length === 1 ? `(${repr(rt, o.items[0]!)},)` : `(${o.items.map((x) => repr(rt, x)).join(', ')})`));
  }
  if (o instanceof PyList) return rt.reprGuard(o, '[...]', () => `[${o.items.map((x) => repr(rt, x)).join(', ')}]`);
  if (o instanceof PyDict) {
    return rt.reprGuard(o, '{...}', () => `{${[...dictItems(o)].map(([k, v]) => `${repr(rt, k)}: ${repr(rt, v)}`).join(', ')}}`);
  }
  if (o instanceof PySet) {
    const items = setMembers(o);
    if (items.length > 0) rt.reprEnter();
    const inner = items.map((x) => repr(rt, x)).join(', ');
    const name = o.type.name;
    if (o.frozen) return items.length ? `${name}({${inner}})` : `${name}()`;
    if (items.length === 0) return `${name}()`;
    return o.type === T.set ? `{${inner}}` : `${name}({${inner}})`;
  }
  if (o instanceof PyRange) return o.step === 1n ? `range(${o.start}, ${o.stop})` : `range(${o.start}, ${o.stop}, ${o.step})`;
  if (o instanceof PySlice) return `slice(${repr(rt, o.start)}, ${repr(rt, o.stop)}, ${repr(rt, o.step)})`;
  if (o instanceof PyType) {
    if (o.heap) {
      const m = o.dict.get('__module__');
      const mod = m instanceof PyStr ? m.value : '__main__';
      return mod === 'builtins' ? `<class '${o.qualname}'>` : `<class '${mod}.${o.qualname}'>`;
    }
    return `<class '${o.module === 'builtins' ? '' : o.module + '.'}${o.name}'>`;
  }
  if (o instanceof PyFunction) return `<function ${o.qualname.value} at ${hex(rt, o)}>`;
  if (o instanceof PyMethod) {
    const f = o.func;
    const qn = f instanceof PyFunction ? f.qualname.value : f instanceof PyBuiltin ? f.name : '?';
    return `<bound method ${qn} of ${repr(rt, o.self)}>`;
  }
  if (o instanceof PyBuiltin) {
    if (o.self !== null && !(o.self instanceof PyModule)) return `<built-in method ${o.name} of ${typeName(o.self)} object at ${hex(rt, o.self)}>`;
    return `<built-in function ${o.name}>`;
  }
  if (o instanceof PyMethodDescr) return `<method '${o.name}' of '${o.owner.name}' objects>`;
  if (o instanceof PyGetSetDescr) return `<${o.slot >= 0 ? 'member' : 'attribute'} '${o.name}' of '${o.owner.name}' objects>`;
  if (o instanceof PyModule) return o.name === 'sys' || o.name === 'builtins' || o.name === 'gc' || o.name === 'itertools' ? `<module '${o.name}' (built-in)>` : `<module '${o.name}'>`;
  if (o instanceof PyCell) return `<cell at ${hex(rt, o)}: ${o.ref === null ? 'empty' : `${typeName(o.ref)} object at ${hex(rt, o.ref)}`}>`;
  if (o instanceof PyBaseException) {
    const args = o.args.items;
    const name = o.type.name;
    if (args.length === 1) return `${name}(${repr(rt, args[0]!)})`;
    return `${name}${args.length === 0 ? '()' : repr(rt, o.args)}`;
  }
  if (o instanceof PyWeakref) {
    // proxy_repr: the referent's type and address (None's once the referent is gone).
    if (o.proxy) {
      const r = o.referent ?? rt.None;
      return `<weakproxy at ${hex(rt, o)} to ${typeName(r)} at ${hex(rt, r)}>`;
    }
    if (o.referent === null) return `<weakref at ${hex(rt, o)}; dead>`;
    // weakref_repr: the referent's __name__ too when it has a str one (functions, classes).
    const name = getattrOpt(rt, o.referent, '__name__');
    const shown = name instanceof PyStr ? ` (${name.value})` : '';
    if (name !== null) rt.tempDecref(name);
    return `<weakref at ${hex(rt, o)}; to '${typeName(o.referent)}' at ${hex(rt, o.referent)}${shown}>`;
  }
  if (o instanceof PyStaticMethod) return `<${o instanceof PyClassMethod ? 'classmethod' : 'staticmethod'}(${repr(rt, o.func!)})>`;
  if (o instanceof PyProperty) return `<property object at ${hex(rt, o)}>`;
  if (o instanceof PyCode) return `<code object ${o.code.name} at ${hex(rt, o)}, file "${o.code.filename}", line ${o.code.firstlineno}>`;
  if (o instanceof PyNativeObject && (o.type === T.dict_keys || o.type === T.dict_values || o.type === T.dict_items)) {
    const d = o.held[0] as PyDict;
    const parts = [...dictItems(d)].map(([k, v]) => (o.type === T.dict_keys ? repr(rt, k) : o.type === T.dict_values ? repr(rt, v) : `(${repr(rt, k)}, ${repr(rt, v)})`));
    return `${o.type.name}([${parts.join(', ')}])`;
  }
  const custom = rt.nativeRepr(o);
  if (custom !== null) return custom;
  const t = o.type;
  const m = t.dict.get('__module__');
  const mod = m instanceof PyStr ? m.value : t.heap ? '__main__' : '';
  return `<${mod && mod !== 'builtins' ? mod + '.' : ''}${t.qualname} object at ${hex(rt, o)}>`;
}

export function hex(rt: Runtime, o: PyObject): string {
  return '0x' + rt.idOf(o).toString(16);
}

function index(rt: Runtime, k: PyObject, n: number, what: string): number {
  if (!(k instanceof PyInt)) {
    const f = lookup(k.type, '__index__');
    if (f === null) throw err(rt, 'TypeError', `${what} indices must be integers or slices, not ${typeName(k)}`);
  }
  let i = k instanceof PyInt && k.num === k.num ? k.num : Number(asInt(rt, k));
  if (i < 0) i += n;
  return i;
}

/** PySlice_GetIndicesEx + AdjustIndices: [start, stop, step, count]. */
export function sliceIndices(rt: Runtime, s: PySlice, n: number): [number, number, number, number] {
  const v = (o: PyObject): number | null => (o === rt.None ? null : Number(asInt(rt, o, 'an integer or None or have an __index__ method')));
  const step = v(s.step) ?? 1;
  if (step === 0) throw err(rt, 'ValueError', 'slice step cannot be zero');
  let start = v(s.start);
  let stop = v(s.stop);
  if (step > 0) {
    start = start === null ? 0 : start < 0 ? Math.max(0, start + n) : Math.min(start, n);
    stop = stop === null ? n : stop < 0 ? Math.max(0, stop + n) : Math.min(stop, n);
  } else {
    start = start === null ? n - 1 : start < 0 ? Math.max(-1, start + n) : Math.min(start, n - 1);
    stop = stop === null ? -1 : stop < 0 ? Math.max(-1, stop + n) : Math.min(stop, n - 1);
  }
  let count = 0;
  if (step > 0 ? start < stop : stop < start) count = Math.floor((Math.abs(stop - start) - 1) / Math.abs(step)) + 1;
  return [start, stop, step, count];
}

function getItem(rt: Runtime, o: PyObject, k: PyObject, builtin = false): PyObject {
  const T = rt.t;
  if (o.type.heap && !builtin) {
    const f = lookup(o.type, '__getitem__');
    if (f !== null && !(f instanceof PyMethodDescr)) return callBound(rt, f, o, [k]);
  }
  if (o instanceof PyList || o instanceof PyTuple) {
    const items = o.items;
    if (k instanceof PySlice) {
      const [start, , step, count] = sliceIndices(rt, k, items.length);
      const out: PyObject[] = [];
      for (let i = 0, j = start; i < count; i++, j += step) out.push(items[j]!);
      if (o instanceof PyTuple) {
        if (count === items.length && step === 1 && o.type === T.tuple) return rt.tempIncref(o);
        return rt.tuple(out, false);
      }
      for (const x of out) rt.tempIncref(x);
      return rt.newList(out);
    }
    const i = index(rt, k, items.length, o instanceof PyList ? 'list' : 'tuple');
    if (i < 0 || i >= items.length) throw err(rt, 'IndexError', `${o instanceof PyList ? 'list' : 'tuple'} index out of range`);
    return rt.tempIncref(items[i]!);
  }
  if (o instanceof PyDict) {
    const v = dictGet(o, hashKey(rt, k));
    if (v !== null) return rt.tempIncref(v);
    if (o.type.heap) {
      const f = lookup(o.type, '__missing__');
      if (f !== null) return callBound(rt, f, o, [k]);
    }
    throw rt.keyError(k);
  }
  if (o instanceof PyStr) {
    const chars = [...o.value];
    if (k instanceof PySlice) {
      const [start, , step, count] = sliceIndices(rt, k, chars.length);
      let s = '';
      for (let i = 0, j = start; i < count; i++, j += step) s += chars[j];
      if (count === chars.length && step === 1 && o.type === T.str) return rt.tempIncref(o);
      return rt.newStr(s);
    }
    const i = index(rt, k, chars.length, 'string');
    if (i < 0 || i >= chars.length) throw err(rt, 'IndexError', 'string index out of range');
    return rt.newStr(chars[i]!);
  }
  if (o instanceof PyBytes || o instanceof PyByteArray) {
    const v = o.value;
    if (k instanceof PySlice) {
      const [start, , step, count] = sliceIndices(rt, k, v.length);
      const out: number[] = [];
      for (let i = 0, j = start; i < count; i++, j += step) out.push(v[j]!);
      if (o instanceof PyByteArray) return rt.alloc(new PyByteArray(out), T.bytearray!, 56 + (out.length ? out.length + 1 : 0), false);
      return rt.newBytes(Uint8Array.from(out));
    }
    const i = index(rt, k, v.length, o instanceof PyBytes ? 'byte' : 'bytearray');
    if (i < 0 || i >= v.length) throw err(rt, 'IndexError', `${o instanceof PyBytes ? 'index' : 'bytearray index'} out of range`);
    return rt.int(v[i]!);
  }
  if (o instanceof PyRange) {
    const n = Number(rangeLen(o));
    if (k instanceof PySlice) {
      const [start, stop, step] = sliceIndices(rt, k, n);
      return rt.alloc(new PyRange(o.start + BigInt(start) * o.step, o.start + BigInt(stop) * o.step, o.step * BigInt(step)), T.range!, 48, false);
    }
    const i = index(rt, k, n, 'range');
    if (i < 0 || i >= n) throw err(rt, 'IndexError', 'range object index out of range');
    return rt.int(o.start + BigInt(i) * o.step);
  }
  if (o instanceof PyType) {
    const f = lookup(o, '__class_getitem__');
    // An implicit classmethod: it receives the class being subscripted.
    if (f instanceof PyClassMethod) return callBound(rt, f.func!, o, [k]);
    if (f !== null) return callBound(rt, f, o, [k]);
    if (!o.heap) return rt.tempIncref(o);
  }
  const f = lookup(o.type, '__getitem__');
  if (f !== null) return callBound(rt, f, o, [k]);
  if (o instanceof PyType) throw err(rt, 'TypeError', `type '${o.name}' is not subscriptable`);
  throw err(rt, 'TypeError', `'${typeName(o)}' object is not subscriptable`);
}

function setItem(rt: Runtime, o: PyObject, k: PyObject, v: PyObject, builtin = false): void {
  if (o.type.heap && !builtin) {
    const f = lookup(o.type, '__setitem__');
    if (f !== null && !(f instanceof PyMethodDescr)) {
      rt.tempDecref(callBound(rt, f, o, [k, v]));
      return;
    }
  }
  if (o instanceof PyList) {
    if (k instanceof PySlice) {
      const items = rt.toArrayOf(v);
      const [start, stop, step, count] = sliceIndices(rt, k, o.items.length);
      if (step === 1) {
        const lo = start;
        const hi = Math.max(stop, start);
        rt.listReplaceSlice(o, lo, hi, items);
        return;
      }
      if (items.length !== count) {
        for (const x of items) rt.tempDecref(x);
        throw err(rt, 'ValueError', `attempt to assign sequence of size ${items.length} to extended slice of size ${count}`);
      }
      for (let i = 0, j = start; i < count; i++, j += step) {
        rt.listSetItem(o, j, items[i]!);
        rt.tempDecref(items[i]!);
      }
      return;
    }
    const i = index(rt, k, o.items.length, 'list');
    if (i < 0 || i >= o.items.length) throw err(rt, 'IndexError', 'list assignment index out of range');
    rt.listSetItem(o, i, v);
    return;
  }
  if (o instanceof PyDict) {
    dictSet(rt, o, k, hashKey(rt, k), v);
    return;
  }
  if (o instanceof PyByteArray) {
    const i = index(rt, k, o.value.length, 'bytearray');
    o.value[i] = Number((v as PyInt).value);
    return;
  }
  const f = lookup(o.type, '__setitem__');
  if (f !== null) {
    rt.tempDecref(callBound(rt, f, o, [k, v]));
    return;
  }
  throw err(rt, 'TypeError', `'${typeName(o)}' object does not support item assignment`);
}

function delItem(rt: Runtime, o: PyObject, k: PyObject, builtin = false): void {
  if (o.type.heap && !builtin) {
    const f = lookup(o.type, '__delitem__');
    if (f !== null && !(f instanceof PyMethodDescr)) {
      rt.tempDecref(callBound(rt, f, o, [k]));
      return;
    }
  }
  if (o instanceof PyList) {
    if (k instanceof PySlice) {
      const [start, stop, step, count] = sliceIndices(rt, k, o.items.length);
      if (step === 1) {
        rt.listDelSlice(o, start, Math.max(start, stop));
        return;
      }
      const idx: number[] = [];
      for (let i = 0, j = start; i < count; i++, j += step) idx.push(j);
      idx.sort((a, b) => b - a);
      for (const j of idx) rt.listDelSlice(o, j, j + 1);
      return;
    }
    const i = index(rt, k, o.items.length, 'list');
    if (i < 0 || i >= o.items.length) throw err(rt, 'IndexError', 'list assignment index out of range');
    rt.listDelSlice(o, i, i + 1);
    return;
  }
  if (o instanceof PyDict) {
    if (!dictDel(rt, o, hashKey(rt, k))) throw rt.keyError(k);
    return;
  }
  const f = lookup(o.type, '__delitem__');
  if (f !== null) {
    rt.tempDecref(callBound(rt, f, o, [k]));
    return;
  }
  throw err(rt, 'TypeError', `'${typeName(o)}' object doesn't support item deletion`);
}

/**
 * The container protocol's dunders of the builtin types as methods (CPython's slot wrappers),
 * so that `list.__len__(l)`, `dict.__getitem__(d, k)` and `super().__setitem__(k, v)` from a
 * subclass reach the builtin behaviour, never the subclass's own override.
 */
function installSlotWrappers(rt: Runtime): void {
  const T = rt.t;
  const wrap = (t: PyType | undefined, name: string, fn: (self: PyObject, args: PyObject[]) => PyObject): void => {
    if (t === undefined || t.dict.has(name)) return;
    t.dict.set(name, rt.immortal(new PyMethodDescr(name, t, (args, _kw, self) => fn(self!, args)), T.method_descriptor!));
  };
  for (const t of [T.list, T.tuple, T.dict, T.str, T.bytes, T.bytearray, T.range]) {
    wrap(t, '__getitem__', (self, a) => getItem(rt, self, a[0]!, true));
  }
  for (const t of [T.list, T.dict, T.bytearray]) {
    wrap(t, '__setitem__', (self, a) => {
      setItem(rt, self, a[0]!, a[1]!, true);
      return rt.none();
    });
    wrap(t, '__delitem__', (self, a) => {
      delItem(rt, self, a[0]!, true);
      return rt.none();
    });
  }
  // The numbers' and sequences' binary operators: the builtin result, or NotImplemented.
  for (const t of [T.int, T.bool, T.float, T.complex, T.str, T.bytes, T.list, T.tuple, T.set, T.frozenset, T.dict]) {
    NAMES.forEach((name, op) => {
      wrap(t, `__${name}__`, (self, a) => {
        if (!isSubtype(self.type, t!)) throw err(rt, 'TypeError', `descriptor '__${name}__' requires a '${t!.name}' object but received a '${typeName(self)}'`);
        return builtinBinary(rt, self, a[0]!, op) ?? rt.tempIncref(rt.NotImplemented);
      });
    });
  }
  for (const t of [T.list, T.tuple, T.dict, T.str, T.bytes, T.bytearray, T.set, T.frozenset, T.range]) {
    wrap(t, '__len__', (self) => rt.int(len(rt, self, true)));
    wrap(t, '__contains__', (self, a) => rt.bool(contains(rt, self, a[0]!, true)));
    wrap(t, '__iter__', (self) => iter(rt, self, true));
  }
}

function specialGetattr(rt: Runtime, o: PyObject, name: string): PyObject | null | undefined {
  if (name.length < 4 || name[0] !== '_' || name[1] !== '_') {
    if (o instanceof PyFunction || o instanceof PyMethod || o instanceof PyCode || o instanceof PyBuiltin || o instanceof PyCell || o instanceof PyFrameObj) return nonDunder(rt, o, name);
    return undefined;
  }
  switch (name) {
    case '__class__':
      return rt.tempIncref(o.type);
    case '__dict__':
      if (o instanceof PyInstance && o.type.hasDict && !(o instanceof PyBaseException)) return rt.tempIncref(rt.materializeDict(o));
      if (o instanceof PyModule) return rt.tempIncref(o.dict);
      if (keepsAttrDict(o) && o.type.hasDict) {
        return rt.tempIncref(rt.attrDict(o));
      }
      if (o instanceof PyFunction || o instanceof PyBaseException || o instanceof PyStaticMethod || (o instanceof PyNativeObject && o.type.hasDict)) {
        if (o.dict === null) {
          o.dict = rt.newDict();
          rt.give(o.dict, Holder.Field, o.id, rt.str('__dict__'));
        }
        return rt.tempIncref(o.dict);
      }
      if (o instanceof PyType) return rt.mappingProxy(o);
      return undefined;
  }
  if (o instanceof PyType) {
    switch (name) {
      case '__name__': return rt.newStr(o.name);
      case '__qualname__': return rt.newStr(o.qualname);
      case '__mro__': return rt.tuple(o.mro.map((t) => rt.tempIncref(t)));
      case '__bases__': return rt.tuple(o.bases.map((t) => rt.tempIncref(t)));
      case '__base__': return rt.tempIncref(o.base ?? rt.None);
      case '__basicsize__': return rt.int(o.basicsize);
      case '__module__': if (!o.heap) return rt.newStr(o.module); break;
      case '__doc__': if (!o.dict.has('__doc__')) return rt.none(); break;
      case '__slots__': break;
      case '__weakrefoffset__': return rt.int(o.hasWeakref ? 16 : 0);
      case '__dictoffset__': return rt.int(o.hasDict ? -1 : 0);
    }
    return undefined;
  }
  if (o instanceof PyFunction || o instanceof PyMethod || o instanceof PyCode || o instanceof PyBuiltin || o instanceof PyCell || o instanceof PyStaticMethod) return nonDunder(rt, o, name);
  if (o instanceof PyModule) {
    if (name === '__name__') return rt.newStr(o.name);
    return undefined;
  }
  if (o instanceof PyWeakref && name === '__callback__') return rt.tempIncref(o.callback ?? rt.None);
  if (name === '__doc__' && !(o instanceof PyInstance) && !(o instanceof PyNativeObject && o.dict !== null && dictGet(o.dict, '__doc__') !== null)) return rt.none();
  return undefined;
}

function nonDunder(rt: Runtime, o: PyObject, name: string): PyObject | null | undefined {
  if (o instanceof PyFrameObj) {
    if (name === 'f_globals' && o.globals !== null) return rt.tempIncref(o.globals);
    return undefined;
  }
  if (o instanceof PyFunction) {
    switch (name) {
      case '__name__': return rt.tempIncref(o.name);
      case '__qualname__': return rt.tempIncref(o.qualname);
      case '__code__': return rt.tempIncref(o.code);
      case '__globals__': return rt.tempIncref(o.globals);
      case '__defaults__': return rt.tempIncref(o.defaults ?? rt.None);
      case '__kwdefaults__': return rt.tempIncref(o.kwdefaults ?? rt.None);
      case '__closure__': return rt.tempIncref(o.closure ?? rt.None);
      case '__doc__': return rt.tempIncref(o.doc ?? rt.None);
      case '__annotations__': return rt.tempIncref(functionAnnotations(rt, o));
      case '__module__': {
        const m = dictGet(o.globals, '__name__');
        return rt.tempIncref(m ?? rt.None);
      }
    }
    return undefined;
  }
  if (o instanceof PyMethod) {
    if (name === '__self__') return rt.tempIncref(o.self);
    if (name === '__func__') return rt.tempIncref(o.func);
    if (name === '__name__' || name === '__qualname__' || name === '__doc__' || name === '__module__') {
      return rt.getattrOf(o.func, name);
    }
    return undefined;
  }
  if (o instanceof PyStaticMethod) {
    if (name === '__func__') return rt.tempIncref(o.func!);
    if (name === '__wrapped__') return rt.tempIncref(o.func!);
    return undefined;
  }
  if (o instanceof PyBuiltin) {
    if (name === '__name__' || name === '__qualname__') return rt.newStr(o.name);
    if (name === '__self__') return rt.tempIncref(o.self ?? rt.None);
    // m_module: the defining module's name for a module's function, else None. The docstrings
    // of builtins are not modelled: None.
    if (name === '__module__') return o.self instanceof PyModule ? rt.newStr(o.self.name) : rt.none();
    if (name === '__doc__') return rt.none();
    return undefined;
  }
  if (o instanceof PyCell) {
    if (name === 'cell_contents') {
      if (o.ref === null) throw err(rt, 'ValueError', 'Cell is empty');
      return rt.tempIncref(o.ref);
    }
    return undefined;
  }
  if (o instanceof PyCode) {
    const c = o.code;
    switch (name) {
      case 'co_name': return rt.newStr(c.name);
      case 'co_qualname': return rt.newStr(c.qualname);
      case 'co_filename': return rt.newStr(c.filename);
      case 'co_firstlineno': return rt.int(c.firstlineno);
      case 'co_argcount': return rt.int(c.argcount);
      case 'co_stacksize': return rt.int(c.stacksize);
      case 'co_flags': return rt.int(c.flags);
      case 'co_consts': return rt.tuple(o.consts.map((x) => rt.tempIncref(x)));
      case 'co_names': return rt.tuple(c.names.map((n) => rt.intern(n)));
      case 'co_varnames': return rt.tuple(c.localsplusnames.filter((_, i) => c.localspluskinds[i]! & 0x20).map((n) => rt.intern(n)));
      case 'co_nlocals': return rt.int(c.localspluskinds.filter((k) => k & 0x20).length);
      case 'co_cellvars': return rt.tuple(c.localsplusnames.filter((_, i) => c.localspluskinds[i]! & 0x40).map((n) => rt.intern(n)));
      case 'co_freevars': return rt.tuple(c.localsplusnames.filter((_, i) => c.localspluskinds[i]! & 0x80).map((n) => rt.intern(n)));
      case 'co_posonlyargcount': return rt.int(c.posonlyargcount);
      case 'co_kwonlyargcount': return rt.int(c.kwonlyargcount);
    }
    return undefined;
  }
  return undefined;
}

export { genericSetattr, PySuper, PyProperty, PyStaticMethod, PySet, PyNativeObject, PyWeakref };

/** func_get_annotations: the function's annotations dict, made from MAKE_FUNCTION's pairs (or empty) on first use. Borrowed. */
function functionAnnotations(rt: Runtime, f: PyFunction): PyObject {
  const a = f.annotations;
  if (a !== null && !(a instanceof PyTuple)) return a;
  const d = rt.newDict();
  if (a instanceof PyTuple) {
    for (let i = 0; i + 1 < a.items.length; i += 2) {
      const k = a.items[i]!;
      dictSet(rt, d, k, k instanceof PyStr ? k.value : k, a.items[i + 1]!);
    }
  }
  f.annotations = d;
  rt.give(d, Holder.Field, f.id, rt.str('__annotations__'));
  if (a !== null) rt.decref(a, Holder.Field, f.id, rt.str('__annotations__'));
  return d;
}
