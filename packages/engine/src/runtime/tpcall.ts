// CPython's slow call path. A callable with a vectorcall entry point takes its arguments where
// they lie on the value stack; one without it goes through _PyObject_MakeTpCall (Objects/call.c),
// which packs the positional arguments into a new tuple and the keyword arguments into a new dict
// for tp_call, and frees both when the call returns. Those temporaries are GC objects: with the
// tuple and dict free lists empty (after a full collection) each leaves gen0 one higher, which a
// program sees in gc.get_count(). In 3.11 the slow path is taken by:
//
// - calls of types without tp_vectorcall: every class statement's class, exceptions, and the
//   builtin types but bool, dict, enumerate, reversed, float, list, range, set, frozenset, tuple,
//   super, filter, map and one-argument type() (VECTORCALL_TYPES);
// - builtin functions and methods declared METH_VARARGS (METH_VARARGS_NAMES): min, max, vars,
//   sys.getsizeof, str.find, str.format, dict.update, set.union...
//
// And a Python __init__ or __new__ reached through type_call with keywords gets them back as a
// stack and a names tuple (_PyStack_UnpackDict), another temporary tuple.
//
// CALL_FUNCTION_EX already holds a tuple and a dict: objectCall (PyObject_Call) hands them as
// they are to a tp_call callee and gives a vectorcall callee a names tuple instead. A native
// type whose tp_new or tp_call uses the tuple or dict itself (functools.partial keeps the dict)
// takes them with takeTpCall.
import { Holder } from '../events/kinds.js';
import { PyBuiltin, PyInstance, PyMethodDescr, PyNativeObject, PyType, type PyStr, type NativeFn, type PyDict, type PyObject, type PyTuple } from './object.js';
import type { Runtime, TpCallArgs } from './runtime.js';
import { dictItems, dictSet } from './dict.js';
import { lookup } from './ops.js';

/** Builtin types whose tp_vectorcall is set in 3.11 (Objects/*.c, Python/bltinmodule.c). */
export const VECTORCALL_TYPES: readonly string[] = [
  'bool', 'dict', 'enumerate', 'reversed', 'float', 'list', 'range', 'set', 'frozenset', 'tuple', 'super', 'filter', 'map',
];

/**
 * Functions and methods declared METH_VARARGS (with or without METH_KEYWORDS), by the module or
 * type that defines them, as far as refscope has them.
 */
const METH_VARARGS_NAMES: Readonly<Record<string, readonly string[]>> = {
  builtins: ['dir', 'max', 'min', 'vars'],
  sys: ['getsizeof'],
  gc: ['set_threshold', 'get_referrers', 'get_referents'],
  str: ['count', 'find', 'index', 'rfind', 'rindex', 'startswith', 'endswith', 'format'],
  bytes: ['count', 'find', 'index', 'rfind', 'rindex', 'startswith', 'endswith'],
  bytearray: ['count', 'find', 'index', 'rfind', 'rindex', 'startswith', 'endswith'],
  dict: ['update'],
  set: ['difference', 'difference_update', 'intersection', 'intersection_update', 'union', 'update'],
  frozenset: ['difference', 'intersection', 'union'],
  // _io's iobase_exit, inherited by StringIO.
  StringIO: ['__exit__'],
};

/**
 * Argument Clinic functions with keyword parameters, by the parser they use: the first call that
 * passes keywords runs parser_init (Python/getargs.c), which makes the tuple of the parameters'
 * names that can be given as keywords and keeps it for good (one more in gen0's count, once).
 * print makes its own the same way (builtins.ts). sorted hands its keywords to list.sort.
 */
const CLINIC_KEYWORDS: Readonly<Record<string, { parser: string; names: readonly string[] }>> = {
  'list.sort': { parser: 'list.sort', names: ['key', 'reverse'] },
  'builtins.sorted': { parser: 'list.sort', names: ['key', 'reverse'] },
  'builtins.sum': { parser: 'sum', names: ['start'] },
  'builtins.round': { parser: 'round', names: ['number', 'ndigits'] },
  'builtins.pow': { parser: 'pow', names: ['base', 'exp', 'mod'] },
  'int.__new__': { parser: 'int', names: ['base'] },
  'str.__new__': { parser: 'str', names: ['object', 'encoding', 'errors'] },
  'bytes.__new__': { parser: 'bytes', names: ['source', 'encoding', 'errors'] },
  'str.split': { parser: 'str.split', names: ['sep', 'maxsplit'] },
  'str.rsplit': { parser: 'str.rsplit', names: ['sep', 'maxsplit'] },
  'str.splitlines': { parser: 'str.splitlines', names: ['keepends'] },
  'str.encode': { parser: 'str.encode', names: ['encoding', 'errors'] },
  'bytes.decode': { parser: 'bytes.decode', names: ['encoding', 'errors'] },
  'int.to_bytes': { parser: 'int.to_bytes', names: ['length', 'byteorder', 'signed'] },
};

/**
 * `fn`, the implementation of `owner.name` (a module's function, a builtin type's method or
 * __new__), wrapped to be called the way CPython calls it: through tp_call's argument tuple when
 * it is METH_VARARGS, making its clinic parser's keyword tuple on its first call with keywords.
 */
export function callConvention(rt: Runtime, owner: string, name: string, fn: NativeFn): NativeFn {
  if (conventional.has(fn)) return fn;
  let f = fn;
  if (METH_VARARGS_NAMES[owner]?.includes(name) === true) f = varargs(rt, f);
  const clinic = CLINIC_KEYWORDS[`${owner}.${name}`];
  if (clinic !== undefined) {
    const inner = f;
    f = (args, kwnames, self) => {
      if (kwnames !== null && kwnames.length > 0 && !rt.clinicParsers.has(clinic.parser)) {
        rt.clinicParsers.add(clinic.parser);
        const names = rt.tuple(clinic.names.map((n) => rt.intern(n)));
        rt.give(names, Holder.Root, -1, rt.str(`${clinic.parser} keywords`));
      }
      return inner(args, kwnames, self);
    };
  }
  conventional.add(f);
  return f;
}

/** What callConvention returned: never wrapped twice. */
const conventional = new WeakSet<NativeFn>();

/**
 * Runs `body` as tp_call runs: with a new tuple of the positional arguments (none for no
 * arguments: the empty tuple is a static singleton) and a new dict of the keyword arguments
 * (none without keywords), freed in that order when it returns or raises. `body` gets the tuple.
 */
export function viaTpCall(rt: Runtime, args: PyObject[], kwnames: string[] | null, body: (argsT: PyTuple | null, kwDict: PyDict | null) => PyObject): PyObject {
  const g = rt.tpGiven;
  if (g !== null) {
    // CALL_FUNCTION_EX's own tuple and dict, passed through as they are (PyObject_Call).
    rt.tpGiven = null;
    return withCurrent(rt, g.argsT, g.kwDict, body);
  }
  const nkw = kwnames === null ? 0 : kwnames.length;
  const npos = args.length - nkw;
  const argsT = npos > 0 ? rt.tuple(npos === args.length ? args : args.slice(0, npos), false) : null;
  const kwDict = nkw > 0 ? keywordDict(rt, args, npos, kwnames!) : null;
  try {
    return withCurrent(rt, argsT, kwDict, body);
  } finally {
    if (argsT !== null) rt.tempDecref(argsT);
    if (kwDict !== null) rt.tempDecref(kwDict);
  }
}

/** _PyStack_AsDict: the keyword arguments as a new dict (the values stay on the caller's stack too). */
function keywordDict(rt: Runtime, args: PyObject[], npos: number, kwnames: string[]): PyDict {
  const d = rt.newDict();
  for (let k = 0; k < kwnames.length; k++) {
    const key = rt.intern(kwnames[k]!);
    dictSet(rt, d, key, kwnames[k]!, args[npos + k]!);
    rt.tempDecref(key);
  }
  return d;
}

/** A METH_VARARGS function: the same function, called the way tp_call calls it. */
export function varargs(rt: Runtime, fn: NativeFn): NativeFn {
  const f: NativeFn = (args, kwnames, self) => viaTpCall(rt, args, kwnames, () => fn(args, kwnames, self));
  tpCallFns.add(f);
  return f;
}

/** The implementations varargs() made: their callers go through tp_call. */
const tpCallFns = new WeakSet<NativeFn>();

/**
 * Whether calling `fn` with an argument tuple and a keyword dict (PyObject_Call, as
 * CALL_FUNCTION_EX does) hands them to tp_call as they are rather than going through vectorcall:
 * true of types without vectorcall, METH_VARARGS builtins and instances with __call__. The
 * vectorcall callees take the tuple's items and, with keywords, a names tuple (_PyVectorcall_Call).
 */
export function isTpCallee(rt: Runtime, fn: PyObject): boolean {
  if (fn instanceof PyType) {
    if (fn === rt.typeType || !(fn.heap || !fn.vectorcall)) return false;
    // A metaclass's own __call__ goes its way (callType); only type_call takes the pair as is.
    const meta = fn.type as PyType;
    return !(meta !== rt.typeType && meta.heap && lookup(meta, '__call__') !== null);
  }
  if (fn instanceof PyBuiltin) return fn.varargs || tpCallFns.has(fn.fn);
  if (fn instanceof PyNativeObject) return vectorcallOf(fn) === null && lookup(fn.type, '__call__') !== null;
  return isCallableInstance(fn);
}

/** A native object's vectorcall entry point (functools.partial keeps one until it falls back), or null. */
export type NativeVectorcall = (args: PyObject[], kwnames: string[] | null) => PyObject;
export function vectorcallOf(o: PyNativeObject): NativeVectorcall | null {
  const s = o.state as { vectorcall?: NativeVectorcall | null } | null;
  return s !== null && typeof s === 'object' && typeof s.vectorcall === 'function' ? s.vectorcall : null;
}

/**
 * PyObject_Call(fn, args, kwargs) with a tuple and a dict in hand: a tp_call callee takes them
 * as they are, a vectorcall one takes the items and, with keywords, a names tuple.
 */
export function objectCall(rt: Runtime, fn: PyObject, argsT: PyTuple | null, kwDict: PyDict | null, callAny: (argv: PyObject[], names: string[] | null) => PyObject): PyObject {
  let argv: PyObject[] = argsT === null ? [] : argsT.items;
  let names: string[] | null = null;
  const kwd = kwDict !== null && kwDict.used > 0 ? kwDict : null;
  if (kwd !== null) {
    names = [];
    argv = argv.slice();
    for (const [k, v] of dictItems(kwd)) {
      names.push((k as PyStr).value);
      argv.push(v);
    }
  }
  const call = (): PyObject => callAny(argv, names);
  if (isTpCallee(rt, fn)) return callWithGiven(rt, argsT !== null && argsT.items.length > 0 ? argsT : null, kwd, call);
  return withKwnamesTuple(rt, names, call);
}

/** An instance whose class defines __call__ (slot_tp_call), not a function, method or type. */
export function isCallableInstance(fn: PyObject): boolean {
  return fn instanceof PyInstance && fn.type.heap && lookup(fn.type, '__call__') !== null;
}

/** Runs `body` (a call of a tp_call callee, isTpCallee) with CALL_FUNCTION_EX's tuple and dict given to it. */
export function callWithGiven(rt: Runtime, argsT: PyTuple | null, kwDict: PyDict | null, body: () => PyObject): PyObject {
  rt.tpGiven = { argsT, kwDict };
  try {
    return body();
  } finally {
    rt.tpGiven = null;
  }
}

/**
 * Runs `body` (a call of a Python function with keyword arguments that arrived as a dict) with
 * the names tuple _PyStack_UnpackDict makes for it alive around the call.
 */
export function withKwnamesTuple(rt: Runtime, kwnames: string[] | null, body: () => PyObject): PyObject {
  if (kwnames === null || kwnames.length === 0) return body();
  const names = rt.tuple(kwnames.map((n) => rt.intern(n)));
  try {
    return body();
  } finally {
    rt.tempDecref(names);
  }
}

/** Gives the builtin types' methods and constructors CPython's calling conventions (callConvention). */
export function installCallConventions(rt: Runtime): void {
  const seen = new Set<string>();
  for (const key of [...Object.entries(METH_VARARGS_NAMES).flatMap(([owner, names]) => names.map((n) => `${owner}.${n}`)), ...Object.keys(CLINIC_KEYWORDS)]) {
    if (seen.has(key)) continue;
    seen.add(key);
    const dot = key.indexOf('.');
    const t = rt.t[key.slice(0, dot)];
    if (t === undefined) continue;
    const name = key.slice(dot + 1);
    const d = t.dict.get(name);
    if (d instanceof PyMethodDescr || d instanceof PyBuiltin) d.fn = callConvention(rt, t.name, name, d.fn);
  }
}

/** Runs `body` with (argsT, kwDict) as the tp_call under way (Runtime.tpCurrent). */
function withCurrent(rt: Runtime, argsT: PyTuple | null, kwDict: PyDict | null, body: (argsT: PyTuple | null, kwDict: PyDict | null) => PyObject): PyObject {
  const saved = rt.tpCurrent;
  rt.tpCurrent = { argsT, kwDict };
  try {
    return body(argsT, kwDict);
  } finally {
    rt.tpCurrent = saved;
  }
}

/**
 * For a native type's tp_new or tp_call that uses the argument tuple or keyword dict itself
 * (functools.partial keeps the dict): those of the call under way, taken once; null outside one.
 */
export function takeTpCall(rt: Runtime): TpCallArgs | null {
  const c = rt.tpCurrent;
  rt.tpCurrent = null;
  return c;
}

/**
 * A native type's `__call__` as its tp_call: the body gets the tuple and dict of the call under
 * way, or, called as a method (`o.__call__(...)`), a tuple and dict packed for it.
 */
export function tpCallMethod(rt: Runtime, body: (self: PyObject, argsT: PyTuple | null, kwDict: PyDict | null) => PyObject): NativeFn {
  return (args, kwnames, self) => {
    const tc = takeTpCall(rt);
    if (tc !== null) return body(self!, tc.argsT, tc.kwDict);
    return viaTpCall(rt, args, kwnames, (argsT, kwDict) => {
      takeTpCall(rt);
      return body(self!, argsT, kwDict);
    });
  };
}
