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
import { PyBuiltin, PyDict, PyFunction, PyMethodDescr, PyNativeObject, PyTuple, PyType, type PyModule, type PyObject, type PyStr } from '../object.js';
import type { Runtime } from '../runtime.js';
import { err } from '../errors.js';
import { dictItems } from '../dict.js';
import { call, lookup, repr } from '../ops.js';
import { objectCall, takeTpCall, viaTpCall, type NativeVectorcall } from '../tpcall.js';
import { nativeType, newNative } from './native.js';

interface PartialState {
  /** partial_vectorcall while set; null once a call fell back to tp_call. */
  vectorcall: NativeVectorcall | null;
}
type Partial = PyNativeObject & { state: PartialState };

/** sizeof(partialobject) with its GC header: fn, args, kw, dict, weakreflist, vectorcall. */
const PARTIAL_SIZE = 80;

export function makeFunctoolsNative(rt: Runtime, proc: Process): PyModule {
  const m = proc.newModule('_functools');
  const isCallable = (o: PyObject): boolean =>
    o instanceof PyFunction || o instanceof PyBuiltin || o instanceof PyType || o instanceof PyMethodDescr || o.type === rt.t.method || lookup(o.type, '__call__') !== null;
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
      const kw = takeTpCall()?.kwDict ?? null;
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
      __call__: (args, kwnames, self) => {
        const tc = takeTpCall();
        if (tc !== null) return partialCall(self as Partial, tc.argsT, tc.kwDict);
        // Called as a method (p.__call__(...)): a method-wrapper packs its own tuple and dict.
        return viaTpCall(rt, args, kwnames, (argsT, kwDict) => {
          takeTpCall();
          return partialCall(self as Partial, argsT, kwDict);
        });
      },
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

  return m;
}
