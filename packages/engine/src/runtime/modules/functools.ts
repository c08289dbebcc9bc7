// _functools.partial (Modules/_functoolsmodule.c), native as in CPython, so that a decorator's
// functools.wraps (a partial of update_wrapper) and a program's own partials allocate what
// CPython's C type allocates.
//
// A partial holds fn, args (a tuple) and kw (a dict), traversed in that order. partial_new takes
// tp_call's argument tuple and keyword dict: args is that tuple's tail (a new tuple, or the empty
// one), kw is the call's own dict when nobody else holds it, and a partial of a partial without a
// __dict__ is flattened. Called with kw empty it takes the vectorcall path: the stored and the
// new arguments go to fn with no temporary. Once kw is non-empty a call falls back to tp_call for
// good (partial_vectorcall_fallback): an argument tuple and keyword dict (tpcall.ts), then
// partial_call copies kw, merges the keywords, concatenates the tuples (tupleconcat reuses a
// tuple when the other side is empty) and calls fn with them (PyObject_Call).
import type { Process } from '../../vm/process.js';
import { Holder } from '../../events/kinds.js';
import { type NativeHooks, PyDict, PyInt, PyNativeObject, PyTuple, PyType, type PyModule, type PyObject, type PyStr } from '../object.js';
import type { Runtime } from '../runtime.js';
import { err } from '../errors.js';
import { dictDel, dictGet, dictItems, dictSet, dictClear } from '../dict.js';
import { call, hashKey, isCallable, repr } from '../ops.js';
import { objectCall, takeTpCall, tpCallMethod, type NativeVectorcall } from '../tpcall.js';
import { nativeType, newNative } from './native.js';
import { hex } from '../objects.js';

interface PartialState {
  /** partial_vectorcall while set; null once a call fell back to tp_call. */
  vectorcall: NativeVectorcall | null;
}
type Partial = PyNativeObject & { state: PartialState };

/** sizeof(partialobject) with its GC header: fn, args, kw, dict, weakreflist, vectorcall. */
const PARTIAL_SIZE = 80;

export function makeFunctoolsNative(rt: Runtime, proc: Process): PyModule {
  const m = proc.newModule('_functools');
  const fnOf = (p: PyObject): PyObject => (p as Partial).held[0]!;
  const argsOf = (p: PyObject): PyTuple => (p as Partial).held[1] as PyTuple;
  const kwOf = (p: PyObject): PyDict => (p as Partial).held[2] as PyDict;

  /** tupleconcat: a side that is empty gives the other (an exact tuple) back; otherwise a new tuple. */
  const concat = (a: PyTuple, b: PyTuple | null): PyTuple => {
    if (b === null || b.items.length === 0) return rt.tempIncref(a) as PyTuple;
    if (a.items.length === 0 && b.type === rt.t.tuple) return rt.tempIncref(b) as PyTuple;
    return rt.tuple([...a.items, ...b.items].map((x) => rt.tempIncref(x)));
  };

  const vectorcall = (p: Partial): NativeVectorcall => (args, kwnames) => {
    if (kwOf(p).used > 0) {
      // partial_vectorcall_fallback: tp_call from now on.
      p.state.vectorcall = null;
      return call(rt, p, args, kwnames);
    }
    const stored = argsOf(p).items;
    const argv = stored.length === 0 ? args : [...stored, ...args];
    return call(rt, fnOf(p), argv, kwnames);
  };

  // partial_call, the type's tp_call: `viaTpCall` made (or CALL_FUNCTION_EX gave) the tuple and dict.
  function partialCall(p: Partial, argsT: PyTuple | null, kwargs: PyDict | null): PyObject {
    const pkw = kwOf(p);
    let kwargs2: PyDict | null;
    if (pkw.used === 0) kwargs2 = kwargs === null ? null : (rt.tempIncref(kwargs) as PyDict);
    else {
      kwargs2 = rt.dictCopy(pkw);
      if (kwargs !== null) rt.dictUpdate(kwargs2, kwargs);
    }
    const args2 = concat(argsOf(p), argsT);
    try {
      const fn = fnOf(p);
      return objectCall(rt, fn, args2, kwargs2, (argv, names) => call(rt, fn, argv, names));
    } finally {
      rt.tempDecref(args2);
      if (kwargs2 !== null) rt.tempDecref(kwargs2);
    }
  }

  const t: PyType = nativeType(rt, {
    name: 'partial',
    module: 'functools',
    gc: true,
    weakrefs: true,
    traversesType: true,
    create: (args, kwnames) => {
      const cls = args[0] as PyType;
      const kwStart = args.length - (kwnames?.length ?? 0);
      if (kwStart < 2) throw err(rt, 'TypeError', "type 'partial' takes at least one argument");
      const kw = takeTpCall(rt)?.kwDict ?? null;
      let func = args[1]!;
      let pargs: PyTuple | null = null;
      let pkw: PyDict | null = null;
      if (func instanceof PyNativeObject && func.type.mro.includes(t) && func.dict === null) {
        pargs = argsOf(func);
        pkw = kwOf(func);
        func = fnOf(func);
      }
      if (!isCallable(func)) throw err(rt, 'TypeError', 'the first argument must be callable');
      const p = newNative<PartialState>(rt, cls, { vectorcall: null }, PARTIAL_SIZE) as Partial;
      p.held = [func, null, null];
      rt.incref(func, Holder.Field, p.id, 0);
      // PyTuple_GetSlice(args, 1, end): the arguments after func, a new tuple (or the empty one).
      const rest = args.slice(2, kwStart);
      const nargs = rt.tuple(rest.map((x) => rt.tempIncref(x)));
      let stored: PyTuple;
      if (pargs === null) stored = nargs;
      else {
        stored = concat(pargs, nargs);
        rt.tempDecref(nargs);
      }
      p.held[1] = stored;
      rt.give(stored, Holder.Field, p.id, 1);
      let kwd: PyDict;
      if (pkw === null || pkw.used === 0) {
        if (kw === null) kwd = rt.newDict();
        else if (kw.rc === 1) kwd = rt.tempIncref(kw) as PyDict;
        else kwd = rt.dictCopy(kw);
      } else {
        kwd = rt.dictCopy(pkw);
        if (kw !== null) rt.dictUpdate(kwd, kw);
      }
      p.held[2] = kwd;
      rt.give(kwd, Holder.Field, p.id, 2);
      p.state.vectorcall = vectorcall(p);
      return p;
    },
    methods: {
      // tp_call (reached when the vectorcall entry is gone): partial_call.
      __call__: tpCallMethod(rt, (self, argsT, kwDict) => partialCall(self as Partial, argsT, kwDict)),
    },
    getsets: {
      func: [(o) => rt.tempIncref(fnOf(o)), null],
      args: [(o) => rt.tempIncref(argsOf(o)), null],
      keywords: [(o) => rt.tempIncref(kwOf(o)), null],
    },
    repr: (self) => {
      const parts = [repr(rt, fnOf(self)), ...argsOf(self).items.map((x) => repr(rt, x))];
      for (const [k, v] of dictItems(kwOf(self))) parts.push(`${(k as PyStr).value}=${repr(rt, v)}`);
      const type = self.type;
      const mod = type.module;
      return `${mod}.${type.qualname}(${parts.join(', ')})`;
    },
    sizeof: () => PARTIAL_SIZE,
  });
  t.hasDict = true;
  proc.setAttr(m, 'partial', t, false);
  proc.setAttr(m, '_lru_cache_wrapper', makeLruCacheType(rt), false);
  return m;
}
// _functools._lru_cache_wrapper: the C wrapper lru_cache() returns. Its cache dict maps a key to
// a link (an _lru_list_elem: not a GC object, holding key and result) or, unbounded, straight to
// the result. The key is the one argument itself when it is an exact int or str, else the
// argument tuple tp_call made (keywords: a new tuple of args, a marker and the pairs). A full
// bounded cache reuses its oldest link for the new entry. The wrapper owns one reference to each
// link (the C list) and visits the keys and results of its links when traversed.
interface LruState extends NativeHooks {
  maxsize: number | null;
  typed: boolean;
  hits: number;
  misses: number;
  /** The links, least recently used first. */
  links: Map<PyNativeObject, true>;
}
type Lru = PyNativeObject & { state: LruState };

function makeLruCacheType(rt: Runtime): PyType {
  const kwdMark = rt.alloc(new PyNativeObject(), rt.t.object!, 16, false);
  const elemT = nativeType(rt, {
    name: '_lru_list_elem',
    module: 'functools',
    gc: false,
    create: () => {
      throw err(rt, 'TypeError', "cannot create 'functools._lru_list_elem' instances");
    },
  });
  const LINK = rt.str('lru link');
  const funcOf = (o: PyObject): PyObject => (o as Lru).held[0]!;
  const cacheOf = (o: PyObject): PyDict => (o as Lru).held[1] as PyDict;

  /** lru_cache_make_key: a new reference. */
  const makeKey = (st: LruState, argsT: PyTuple | null, kwargs: PyDict | null): PyObject => {
    const args = argsT === null ? [] : argsT.items;
    const nkw = kwargs === null ? 0 : kwargs.used;
    if (!st.typed && nkw === 0) {
      if (args.length === 1) {
        const k = args[0]!;
        if (k.type === rt.t.int || k.type === rt.t.str) return rt.tempIncref(k);
      }
      return argsT === null ? rt.tuple([]) : rt.tempIncref(argsT);
    }
    const items: PyObject[] = args.map((x) => rt.tempIncref(x));
    if (nkw > 0) {
      items.push(rt.tempIncref(kwdMark));
      for (const [k, v] of dictItems(kwargs!)) items.push(rt.tempIncref(k), rt.tempIncref(v));
    }
    if (st.typed) {
      for (const x of args) items.push(rt.tempIncref(x.type));
      if (nkw > 0) for (const [, v] of dictItems(kwargs!)) items.push(rt.tempIncref(v.type));
    }
    return rt.tuple(items);
  };

  const callFunc = (self: Lru, argsT: PyTuple | null, kwargs: PyDict | null): PyObject => {
    const fn = funcOf(self);
    return objectCall(rt, fn, argsT, kwargs, (argv, names) => call(rt, fn, argv, names));
  };

  /** A new link holding key and result, owned by the wrapper's list and put in the cache. */
  const newLink = (self: Lru, key: PyObject, hk: unknown, result: PyObject): void => {
    const link = newNative(rt, elemT, null, 56);
    link.held = [rt.tempIncref(key), rt.tempIncref(result)];
    rt.give(key, Holder.Field, link.id, 0);
    rt.give(result, Holder.Field, link.id, 1);
    dictSet(rt, cacheOf(self), key, hk, link);
    self.state.links.set(link, true);
    rt.give(link, Holder.Field, self.id, LINK);
  };

  /** The full cache's oldest link, moved to the new key and result. */
  const reuseOldest = (self: Lru, key: PyObject, hk: unknown, result: PyObject): void => {
    const st = self.state;
    const link = st.links.keys().next().value as PyNativeObject;
    st.links.delete(link);
    rt.tempIncref(link);
    dictDel(rt, cacheOf(self), hashKey(rt, link.held[0]!));
    const oldKey = link.held[0]!;
    const oldResult = link.held[1]!;
    link.held[0] = rt.tempIncref(key);
    link.held[1] = rt.tempIncref(result);
    rt.give(key, Holder.Field, link.id, 0);
    rt.give(result, Holder.Field, link.id, 1);
    dictSet(rt, cacheOf(self), key, hk, link);
    st.links.set(link, true);
    rt.tempDecref(link);
    rt.decref(oldKey, Holder.Field, link.id, 0);
    rt.decref(oldResult, Holder.Field, link.id, 1);
  };

  /** The wrapper's tp_call (uncached, infinite or bounded), with tp_call's tuple and dict. */
  const wrapperCall = (self: Lru, argsT: PyTuple | null, kwargs: PyDict | null): PyObject => {
    const st = self.state;
    if (st.maxsize === 0) {
      st.misses++;
      return callFunc(self, argsT, kwargs);
    }
    const cache = cacheOf(self);
    const key = makeKey(st, argsT, kwargs);
    try {
      const hk = hashKey(rt, key);
      const found = dictGet(cache, hk);
      if (st.maxsize === null) {
        if (found !== null) {
          st.hits++;
          return rt.tempIncref(found);
        }
        st.misses++;
        const result = callFunc(self, argsT, kwargs);
        dictSet(rt, cache, key, hk, result);
        return result;
      }
      if (found !== null) {
        const link = found as PyNativeObject;
        st.links.delete(link);
        st.links.set(link, true);
        st.hits++;
        return rt.tempIncref(link.held[1]!);
      }
      st.misses++;
      const result = callFunc(self, argsT, kwargs);
      if (dictGet(cache, hk) !== null) return result;
      if (cache.used < st.maxsize || st.links.size === 0) newLink(self, key, hk, result);
      else reuseOldest(self, key, hk, result);
      return result;
    } finally {
      rt.tempDecref(key);
    }
  };

  const unlinkAll = (self: Lru): PyNativeObject[] => {
    const links = [...self.state.links.keys()];
    self.state.links.clear();
    return links;
  };
  const dropLinks = (self: Lru, links: PyNativeObject[]): void => {
    for (const l of links) rt.decref(l, Holder.Field, self.id, LINK);
  };

  const t: PyType = nativeType(rt, {
    name: '_lru_cache_wrapper',
    module: 'functools',
    gc: true,
    weakrefs: true,
    traversesType: true,
    create: (args) => {
      const cls = args[0] as PyType;
      if (args.length !== 5) throw err(rt, 'TypeError', `_lru_cache_wrapper() takes exactly 4 arguments (${args.length - 1} given)`);
      const [, func, maxsizeO, typedO, infoType] = args as [PyObject, PyObject, PyObject, PyObject, PyObject];
      const maxsize = maxsizeO === rt.None ? null : Math.max(0, Number((maxsizeO as PyInt).value));
      const typed = !(typedO === rt.False || typedO === rt.None || (typedO instanceof PyInt && typedO.value === 0n));
      const cache = rt.newDict();
      const w = newNative<LruState>(rt, cls, { maxsize, typed, hits: 0, misses: 0, links: new Map() }, 168) as Lru;
      w.state.traverse = (visit) => {
        for (const l of w.state.links.keys()) {
          if (l.held[0]) visit(l.held[0]);
          if (l.held[1]) visit(l.held[1]);
        }
      };
      w.state.clear = () => dropLinks(w, unlinkAll(w));
      w.held = [rt.tempIncref(func), cache, rt.tempIncref(infoType)];
      rt.give(func, Holder.Field, w.id, 0);
      rt.give(cache, Holder.Field, w.id, 1);
      rt.give(infoType, Holder.Field, w.id, 2);
      return w;
    },
    methods: {
      __call__: tpCallMethod(rt, (self, argsT, kwDict) => wrapperCall(self as Lru, argsT, kwDict)),
      // lru_cache_descr_get: bound to an instance as a function is.
      __get__: (args, _kw, self) => (args[0] === undefined || args[0] === rt.None ? rt.tempIncref(self!) : rt.newMethod(self!, args[0])),
      cache_info: (_a, _k, self) => {
        const st = (self as Lru).state;
        const info = (self as Lru).held[2]!;
        const vals = [rt.int(st.hits), rt.int(st.misses), st.maxsize === null ? rt.none() : rt.int(st.maxsize), rt.int(cacheOf(self!).used)];
        try {
          return call(rt, info, vals);
        } finally {
          for (const v of vals) rt.tempDecref(v);
        }
      },
      cache_clear: (_a, _k, self) => {
        const w = self as Lru;
        const links = unlinkAll(w);
        w.state.hits = w.state.misses = 0;
        dictClear(rt, cacheOf(w));
        dropLinks(w, links);
        return rt.none();
      },
    },
    repr: (self) => `<functools._lru_cache_wrapper object at ${hex(rt, self)}>`,
    sizeof: () => 168,
  });
  t.hasDict = true;
  return t;
}

