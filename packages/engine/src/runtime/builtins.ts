// The builtins module's functions.
import { callConvention } from './tpcall.js';
import { EventKind, Holder } from '../events/kinds.js';
import {
  PyObject, PyType, PyInt, PyBool, PyFloat, PyStr, PyBytes, PyTuple, PyList, PyDict, PySet, PyRange, PyFunction,
  PyBuiltin, PyModule, PyInstance, PyNativeIter, PyMethodDescr, PySuper, PyCell, PyBaseException, PyComplex,
  type NativeFn,
} from './object.js';
import { PyThrow, type Runtime } from './runtime.js';
import { err } from './errors.js';
import { dictGet, dictSet, dictItems } from './dict.js';
import {
  call, getattr, getattrOpt, setattr, repr, str, hashKey, pyHash, truthy, len, iter, next, toArray, richCompare, LT, GT,
  isSubtype, typeName, lookup, descrGet, callBound, isIterator, isCallable,
} from './ops.js';
import { binaryOp, NB_POWER } from './arith.js';
import { parseArgs, sortItems, asInt } from './types.js';
import { ascii } from './str.js';
import { floatRound, floatRoundToInt, floatDivmod } from '../values/float.js';
import { intPowMod } from '../values/int.js';
import { PyValueError } from '../values/errors.js';
import * as L from '../memory/list.js';

export interface BuiltinsContext {
  /** Writes program output to stdout (print, sys.stdout.write); `writes` = how many write() calls CPython makes. */
  stdout(text: string, writes?: number): void;
  /** The current frame's globals / locals for globals(), vars(), dir(), super(). */
  currentGlobals(): PyDict;
  currentLocalsFor(): PyDict | null;
  /** super() with no arguments: [__class__ cell contents, first argument]. */
  zeroArgSuper(): [PyType, PyObject];
  /** exec(source, globals, locals). */
  exec(source: string, globals: PyDict, locals: PyDict | null): void;
  /** __build_class__(func, name, *bases). */
  buildClass(func: PyFunction, name: string, bases: PyObject[], kw: Map<string, PyObject>): PyObject;
}

export function makeBuiltins(rt: Runtime, ctx: BuiltinsContext): PyModule {
  const T = rt.t;
  const d = rt.newDict();
  const mod = rt.alloc(new PyModule('builtins', d), T.module!, 72, true);
  rt.give(d, Holder.Field, mod.id, rt.str('__dict__'));
  const set = (name: string, v: PyObject): void => {
    const k = rt.intern(name);
    dictSet(rt, d, k, name, v);
    rt.tempDecref(k);
  };
  const def = (name: string, fn: NativeFn): void => {
    const b = rt.immortal(new PyBuiltin(name, callConvention(rt, 'builtins', name, fn)), T.builtin_function_or_method!);
    b.self = mod;
    set(name, b);
  };
  for (const name of ['object', 'type', 'int', 'bool', 'float', 'complex', 'str', 'bytes', 'bytearray', 'list', 'tuple', 'dict',
    'set', 'frozenset', 'range', 'slice', 'staticmethod', 'classmethod', 'property', 'super']) set(name, T[name]!);
  for (const t of Object.values(T)) if (t.kind === 'exception' && !t.heap) set(t.name, t);
  set('None', rt.None);
  set('True', rt.True);
  set('False', rt.False);
  set('Ellipsis', rt.Ellipsis);
  set('NotImplemented', rt.NotImplemented);
  set('__debug__', rt.True);
  const nm = rt.intern('builtins');
  set('__name__', nm);
  rt.tempDecref(nm);

  // print is an Argument Clinic function: each call packs the positional arguments into a tuple
  // (_PyArg_UnpackKeywordsWithVararg) alive for the whole call, so with that length's free list
  // empty (after a full collection) a print(x) leaves gen0 one higher. The text layer's writes
  // allocate no GC object. The first print of a process also makes its parser's keyword-name
  // tuple (getargs.c parser_init: ('sep', 'end', 'file', 'flush')), kept forever: +1 once.
  let printKwtuple = false;
  def('print', (args, kw) => {
    if (!printKwtuple) {
      printKwtuple = true;
      const names = ['sep', 'end', 'file', 'flush'].map((n) => rt.intern(n));
      rt.give(rt.tuple(names), Holder.Root, -1, rt.str('print keywords'));
    }
    const npos = args.length - (kw?.length ?? 0);
    const varargs = npos > 0 ? rt.tuple(args.slice(0, npos), false) : null;
    try {
      return printImpl(args, kw, npos);
    } finally {
      if (varargs !== null) rt.tempDecref(varargs);
    }
  });
  const printImpl = (args: PyObject[], kw: string[] | null, npos: number): PyObject => {
    let sep = ' ';
    let end = '\n';
    let file: PyObject | null = null;
    kw?.forEach((k, i) => {
      const v = args[npos + i]!;
      if ((k === 'sep' || k === 'end') && v !== rt.None && !(v instanceof PyStr)) throw err(rt, 'TypeError', `${k} must be None or a string, not ${typeName(v)}`);
      if (k === 'sep') sep = v === rt.None ? ' ' : (v as PyStr).value;
      else if (k === 'end') end = v === rt.None ? '\n' : (v as PyStr).value;
      else if (k === 'file') file = v === rt.None ? null : v;
      else if (k === 'flush') { /* unbuffered */ }
      else throw err(rt, 'TypeError', `'${k}' is an invalid keyword argument for print()`);
    });
    const parts: string[] = [];
    for (let i = 0; i < npos; i++) parts.push(str(rt, args[i]!));
    const text = parts.join(sep) + end;
    if (file !== null && file !== rt.stdoutObj) {
      const w = getattr(rt, file, 'write');
      try {
        // CPython writes each piece separately.
        for (let i = 0; i < npos; i++) {
          if (i > 0) writePiece(w, sep);
          writePiece(w, parts[i]!);
        }
        writePiece(w, end);
      } finally {
        rt.tempDecref(w);
      }
      return rt.none();
    }
    ctx.stdout(text, npos === 0 ? 1 : 2 * npos);
    return rt.none();
  };
  const writePiece = (w: PyObject, s: string): void => {
    const so = rt.newStr(s);
    try {
      rt.tempDecref(call(rt, w, [so]));
    } finally {
      rt.tempDecref(so);
    }
  };
  def('len', (args) => {
    if (args.length !== 1) throw err(rt, 'TypeError', `len() takes exactly one argument (${args.length} given)`);
    return rt.int(len(rt, args[0]!));
  });
  def('repr', (args) => rt.newStr(repr(rt, args[0]!)));
  def('ascii', (args) => rt.newStr(ascii(repr(rt, args[0]!))));
  def('id', (args) => rt.int(rt.idOf(args[0]!)));
  def('hash', (args) => rt.int(pyHash(rt, args[0]!)));
  def('abs', (args) => {
    const x = args[0]!;
    if (x instanceof PyInt) return rt.int(x.value < 0n ? -x.value : x.value);
    if (x instanceof PyFloat) return rt.float(Math.abs(x.value));
    if (x instanceof PyComplex) return rt.float(Math.hypot(x.real, x.imag));
    const f = lookup(x.type, '__abs__');
    if (f !== null) return callBound(rt, f, x, []);
    throw err(rt, 'TypeError', `bad operand type for abs(): '${typeName(x)}'`);
  });
  def('callable', (args) => {
    const o = args[0]!;
    return rt.bool(isCallable(o));
  });
  def('isinstance', (args) => {
    if (args.length !== 2) throw err(rt, 'TypeError', `isinstance expected 2 arguments, got ${args.length}`);
    return rt.bool(checkClass(args[0]!, args[0]!.type, args[1]!, 'isinstance'));
  });
  def('issubclass', (args) => {
    if (!(args[0] instanceof PyType)) throw err(rt, 'TypeError', 'issubclass() arg 1 must be a class');
    return rt.bool(checkClass(args[0], args[0], args[1]!, 'issubclass'));
  });
  // PyObject_IsInstance / PyObject_IsSubclass: an exact type match first; then a metaclass's own
  // __instancecheck__ / __subclasscheck__ (abc.ABCMeta's registry and hooks); else the MRO.
  const checkClass = (o: PyObject, t: PyType, cls: PyObject, fname: string): boolean => {
    if (cls instanceof PyTuple) return cls.items.some((c) => checkClass(o, t, c, fname));
    if (!(cls instanceof PyType)) throw err(rt, 'TypeError', `${fname}() arg 2 must be a type, a tuple of types, or a union`);
    if (fname === 'isinstance' && t === cls) return true;
    const meta = cls.type as PyType;
    if (meta.heap) {
      const hook = lookup(meta, fname === 'isinstance' ? '__instancecheck__' : '__subclasscheck__');
      if (hook !== null && !(hook instanceof PyMethodDescr)) {
        const r = callBound(rt, hook, cls, [o]);
        const yes = truthy(rt, r);
        rt.tempDecref(r);
        return yes;
      }
    }
    return isSubtype(t, cls);
  };
  def('getattr', (args) => {
    const name = args[1]!;
    if (!(name instanceof PyStr)) throw err(rt, 'TypeError', `attribute name must be string, not '${typeName(name)}'`);
    if (args.length > 2) {
      const v = attrOrNull(args[0]!, name.value);
      return v ?? rt.tempIncref(args[2]!);
    }
    return getattr(rt, args[0]!, name.value);
  });
  // getattr with a default and hasattr treat an AttributeError raised on the way (an unset
  // slot, a property that raises it) as the attribute being absent.
  const attrOrNull = (o: PyObject, name: string): PyObject | null => {
    try {
      return getattrOpt(rt, o, name);
    } catch (e) {
      if (e instanceof PyThrow && isSubtype(e.exc.type, rt.t.AttributeError!)) {
        rt.tempDecref(e.exc);
        return null;
      }
      throw e;
    }
  };
  def('hasattr', (args) => {
    const v = attrOrNull(args[0]!, (args[1] as PyStr).value);
    if (v === null) return rt.bool(false);
    rt.tempDecref(v);
    return rt.bool(true);
  });
  def('setattr', (args) => {
    const name = (args[1] as PyStr).value;
    if (!rt.interned.has(name)) rt.tempDecref(rt.intern(name));
    setattr(rt, args[0]!, name, args[2]!);
    return rt.none();
  });
  def('delattr', (args) => {
    setattr(rt, args[0]!, (args[1] as PyStr).value, null);
    return rt.none();
  });
  def('iter', (args) => {
    if (args.length === 2) {
      const [fn, sentinel] = args as [PyObject, PyObject];
      const it = rt.newIter('callable_iterator', fn, (i) => {
        if (i.held[0] === null) return null;
        const v = call(rt, fn, []);
        if (v === sentinel || (v instanceof PyInt && sentinel instanceof PyInt && v.value === sentinel.value) || (v instanceof PyStr && sentinel instanceof PyStr && v.value === sentinel.value)) {
          rt.tempDecref(v);
          return null;
        }
        return v;
      });
      it.held.push(sentinel);
      rt.incref(sentinel, Holder.Field, it.id, 1);
      return it;
    }
    return iter(rt, args[0]!);
  });
  def('next', (args) => {
    const it = args[0]!;
    if (!isIterator(rt, it)) throw err(rt, 'TypeError', `'${typeName(it)}' object is not an iterator`);
    if (rt.isGenerator(it) && args.length < 2) {
      const f = lookup(it.type, '__next__')!;
      return callBound(rt, f, it, []);
    }
    const v = next(rt, it);
    if (v !== null) return v;
    if (args.length > 1) return rt.tempIncref(args[1]!);
    throw err(rt, 'StopIteration');
  });
  def('sorted', (args, kw) => {
    const [it, key, rev] = parseArgs(rt, 'sorted', args, kw, ['iterable', 'key', 'reverse'], 1);
    const items = toArray(rt, it!);
    const l = rt.newList(items);
    if (items.length > 0) {
      const src = it!;
      const cap = L.listFromCapacity(src instanceof PyList || src instanceof PyTuple ? L.ListSource.ListOrTuple : L.ListSource.Iterable, items.length, hasLen(src) || L.LENGTH_HINT_ITERATORS.has(src.type.name) ? items.length : L.DEFAULT_LENGTH_HINT);
      if (cap !== l.allocated) {
        l.allocated = cap;
        rt.log.push(EventKind.Resize, l.id, 56 + 8 * cap);
      }
    }
    const before = l.items.slice();
    l.items = sortItems(rt, before, key, rev !== null && truthy(rt, rev));
    for (let k = 0; k < l.items.length; k++) {
      const x = l.items[k]!;
      const was = before.indexOf(x);
      if (!x.immortal && was !== k) {
        rt.log.push(EventKind.Incref, x.id, Holder.Item, l.id, k);
        rt.log.push(EventKind.Decref, x.id, Holder.Item, l.id, was);
      }
    }
    return l;
  });
  const hasLen = (o: PyObject): boolean => o instanceof PyList || o instanceof PyTuple || o instanceof PyDict || o instanceof PySet || o instanceof PyStr || o instanceof PyRange || o instanceof PyBytes;
  const minmax = (name: string, op: number): NativeFn => (args, kw) => {
    const npos = args.length - (kw?.length ?? 0);
    let key: PyObject | null = null;
    let dflt: PyObject | null = null;
    kw?.forEach((k, i) => {
      if (k === 'key') key = args[npos + i]!;
      else if (k === 'default') dflt = args[npos + i]!;
    });
    if (key === rt.None) key = null;
    const items = npos === 1 ? toArray(rt, args[0]!) : args.slice(0, npos).map((x) => rt.tempIncref(x));
    try {
      if (items.length === 0) {
        if (dflt !== null) return rt.tempIncref(dflt);
        throw err(rt, 'ValueError', `${name}() arg is an empty sequence`);
      }
      let best = items[0]!;
      let bestKey = key !== null ? call(rt, key, [best]) : best;
      for (let i = 1; i < items.length; i++) {
        const x = items[i]!;
        const k = key !== null ? call(rt, key, [x]) : x;
        const r = richCompare(rt, k, bestKey, op);
        const better = truthy(rt, r);
        rt.tempDecref(r);
        if (better) {
          if (key !== null) rt.tempDecref(bestKey);
          best = x;
          bestKey = k;
        } else if (key !== null) rt.tempDecref(k);
      }
      if (key !== null) rt.tempDecref(bestKey);
      return rt.tempIncref(best);
    } finally {
      for (const x of items) rt.tempDecref(x);
    }
  };
  def('min', minmax('min', LT));
  def('max', minmax('max', GT));
  def('sum', (args, kw) => {
    const [it, start] = parseArgs(rt, 'sum', args, kw, ['iterable', 'start'], 1);
    let acc = rt.tempIncref(start ?? rt.smallInts[5]!);
    const items = toArray(rt, it!);
    try {
      for (const x of items) {
        const n = binaryOp(rt, acc, x, 0);
        rt.tempDecref(acc);
        acc = n;
      }
    } finally {
      for (const x of items) rt.tempDecref(x);
    }
    return acc;
  });
  def('any', (args) => {
    const it = iter(rt, args[0]!);
    try {
      for (;;) {
        const x = next(rt, it);
        if (x === null) return rt.bool(false);
        const t = truthy(rt, x);
        rt.tempDecref(x);
        if (t) return rt.bool(true);
      }
    } finally {
      rt.tempDecref(it);
    }
  });
  def('all', (args) => {
    const it = iter(rt, args[0]!);
    try {
      for (;;) {
        const x = next(rt, it);
        if (x === null) return rt.bool(true);
        const t = truthy(rt, x);
        rt.tempDecref(x);
        if (!t) return rt.bool(false);
      }
    } finally {
      rt.tempDecref(it);
    }
  });
  def('round', (args, kw) => {
    const [x, nd] = parseArgs(rt, 'round', args, kw, ['number', 'ndigits'], 1);
    if (x instanceof PyFloat) {
      if (nd === null || nd === rt.None) {
        const v = floatRoundToInt(x.value);
        return rt.int(typeof v === 'bigint' ? v : BigInt(v));
      }
      return rt.float(floatRound(x.value, Number((nd as PyInt).value)));
    }
    if (x instanceof PyInt) {
      if (nd === null || nd === rt.None) return rt.int(x.value);
      const n = Number((nd as PyInt).value);
      if (n >= 0) return rt.int(x.value);
      const p = 10n ** BigInt(-n);
      let q = x.value / p;
      let r = x.value - q * p;
      if (r < 0n) { q -= 1n; r += p; }
      if (r * 2n > p || (r * 2n === p && q % 2n !== 0n)) q += 1n;
      return rt.int(q * p);
    }
    const f = lookup(x!.type, '__round__');
    if (f !== null) return callBound(rt, f, x!, nd ? [nd] : []);
    throw err(rt, 'TypeError', `type ${typeName(x!)} doesn't define __round__ method`);
  });
  def('divmod', (args) => {
    const [a, b] = args as [PyObject, PyObject];
    if (a instanceof PyInt && b instanceof PyInt) {
      return rt.tuple([binaryOp(rt, a, b, 2), binaryOp(rt, a, b, 6)]);
    }
    if ((a instanceof PyFloat || a instanceof PyInt) && (b instanceof PyFloat || b instanceof PyInt)) {
      try {
        const [q, r] = floatDivmod(Number(a instanceof PyInt ? a.value : a.value), Number(b instanceof PyInt ? b.value : b.value));
        return rt.tuple([rt.float(q), rt.float(r)]);
      } catch {
        throw err(rt, 'ZeroDivisionError', 'float divmod()');
      }
    }
    const f = lookup(a.type, '__divmod__');
    if (f !== null) return callBound(rt, f, a, [b]);
    throw err(rt, 'TypeError', `unsupported operand type(s) for divmod(): '${typeName(a)}' and '${typeName(b)}'`);
  });
  def('pow', (args) => {
    if (args.length === 3 && args[2] !== rt.None) {
      // pow(a, b, m): ints only; a negative exponent takes the modular inverse (3.8+).
      if (!args.every((x) => x instanceof PyInt)) throw err(rt, 'TypeError', 'pow() 3rd argument not allowed unless all arguments are integers');
      const [a, b, m] = args.map((x) => (x as PyInt).value) as [bigint, bigint, bigint];
      try {
        return rt.int(BigInt(intPowMod(a, b, m)));
      } catch (e) {
        if (e instanceof PyValueError) throw err(rt, e.pyType, e.message);
        throw e;
      }
    }
    return binaryOp(rt, args[0]!, args[1]!, NB_POWER);
  });
  const radix = (name: string, base: number, prefix: string): void => def(name, (args) => {
    const v = asInt(rt, args[0]!);
    return rt.newStr((v < 0n ? '-' : '') + prefix + (v < 0n ? -v : v).toString(base));
  });
  radix('hex', 16, '0x');
  radix('oct', 8, '0o');
  radix('bin', 2, '0b');
  def('chr', (args) => {
    const v = Number(asInt(rt, args[0]!));
    if (v < 0 || v > 0x10ffff) throw err(rt, 'ValueError', 'chr() arg not in range(0x110000)');
    return rt.newStr(String.fromCodePoint(v));
  });
  def('ord', (args) => {
    const s = args[0]!;
    if (s instanceof PyStr) {
      const cps = [...s.value];
      if (cps.length !== 1) throw err(rt, 'TypeError', `ord() expected a character, but string of length ${cps.length} found`);
      return rt.int(cps[0]!.codePointAt(0)!);
    }
    if (s instanceof PyBytes && s.value.length === 1) return rt.int(s.value[0]!);
    throw err(rt, 'TypeError', `ord() expected string of length 1, but ${typeName(s)} found`);
  });
  def('format', (args) => rt.newStr(rt.format(args[0]!, args.length > 1 ? (args[1] as PyStr).value : '')));
  def('vars', (args) => {
    if (args.length === 0) return rt.tempIncref(ctx.currentLocalsFor() ?? ctx.currentGlobals());
    const v = getattrOpt(rt, args[0]!, '__dict__');
    if (v === null) throw err(rt, 'TypeError', 'vars() argument must have __dict__ attribute');
    return v;
  });
  def('globals', () => rt.tempIncref(ctx.currentGlobals()));
  def('locals', () => rt.tempIncref(ctx.currentLocalsFor() ?? ctx.currentGlobals()));
  def('dir', (args) => {
    if (args.length === 0) {
      const scope = ctx.currentLocalsFor() ?? ctx.currentGlobals();
      const names = [...dictItems(scope)].map(([k]) => (k as PyStr).value).sort();
      return rt.newList(names.map((n) => rt.newStr(n)));
    }
    const o = args[0]!;
    const l = rt.dir(o);
    return l;
  });
  def('exec', (args) => {
    const src = args[0]!;
    if (!(src instanceof PyStr)) throw err(rt, 'TypeError', 'exec() arg 1 must be a string, bytes or code object');
    const g = args.length > 1 && args[1] !== rt.None ? (args[1] as PyDict) : ctx.currentGlobals();
    const l = args.length > 2 && args[2] !== rt.None ? (args[2] as PyDict) : args.length > 1 && args[1] !== rt.None ? null : ctx.currentLocalsFor();
    ctx.exec(src.value, g, l);
    return rt.none();
  });
  def('__build_class__', (args, kw) => {
    const npos = args.length - (kw?.length ?? 0);
    const func = args[0] as PyFunction;
    const name = (args[1] as PyStr).value;
    const kwm = new Map<string, PyObject>();
    kw?.forEach((k, i) => kwm.set(k, args[npos + i]!));
    return ctx.buildClass(func, name, args.slice(2, npos), kwm);
  });
  def('__import__', (args) => rt.importModule((args[0] as PyStr).value));

  // enumerate, zip, map, filter, reversed: native iterators holding their sources.
  const iterType = (name: string, make: NativeFn): void => {
    const t = T[name]!;
    t.dict.set('__new__', rt.immortal(new PyBuiltin('__new__', (args, kw) => make(args.slice(1), kw, null)), T.builtin_function_or_method!));
    set(name, t);
  };
  // enumerate and zip keep a result tuple (en_result, lz->result) and hand it out again, refilled
  // in place, whenever nobody else holds it (refcount 1): a loop that unpacks each item allocates
  // no tuple per step. zip and map hold their iterators in a tuple (ittuple, iters).
  const refill = (t: PyTuple, vals: PyObject[]): PyTuple => {
    rt.tempIncref(t);
    for (let i = 0; i < vals.length; i++) {
      const old = t.items[i]!;
      t.items[i] = vals[i]!;
      rt.give(vals[i]!, Holder.Item, t.id, i);
      rt.decref(old, Holder.Item, t.id, i);
    }
    // bpo-42536: a collection may have untracked the tuple; in use again, it is tracked again.
    if (!rt.isTracked(t)) rt.track(t);
    return t;
  };
  const reuseOrNew = (result: PyTuple, vals: PyObject[]): PyTuple => (result.rc === 1 ? refill(result, vals) : rt.tuple(vals));
  const noneTuple = (n: number): PyTuple => {
    const items: PyObject[] = [];
    for (let i = 0; i < n; i++) items.push(rt.none());
    return rt.tuple(items);
  };
  iterType('enumerate', (args, kw) => {
    const [src, start] = parseArgs(rt, 'enumerate', args, kw, ['iterable', 'start'], 1);
    let n = start !== null ? (start as PyInt).value : 0n;
    const it = rt.alloc(new PyNativeIter((self) => {
      const v = next(rt, self.held[0]!);
      if (v === null) return null;
      return reuseOrNew(self.held[1] as PyTuple, [rt.int(n++), v]);
    }), T.enumerate!, 72, true);
    rt.track(it);
    try {
      const inner = iter(rt, src!);
      it.held = [inner];
      rt.give(inner, Holder.Field, it.id, 0);
      const result = noneTuple(2);
      it.held.push(result);
      rt.give(result, Holder.Field, it.id, 1);
    } catch (e) {
      rt.tempDecref(it);
      throw e;
    }
    return it;
  });
  iterType('zip', (args, kw) => {
    const npos = args.length - (kw?.length ?? 0);
    let strict = false;
    kw?.forEach((k, i) => { if (k === 'strict') strict = truthy(rt, args[npos + i]!); });
    const inners: PyObject[] = [];
    try {
      for (let i = 0; i < npos; i++) inners.push(iter(rt, args[i]!));
    } catch (e) {
      for (const x of inners) rt.tempDecref(x);
      throw e;
    }
    const ittuple = rt.tuple(inners);
    const result = noneTuple(npos);
    const it = rt.alloc(new PyNativeIter((self) => {
      const its = (self.held[0] as PyTuple).items;
      if (its.length === 0) return null;
      const vals: PyObject[] = [];
      for (let i = 0; i < its.length; i++) {
        const v = next(rt, its[i]!);
        if (v === null) {
          for (const x of vals) rt.tempDecref(x);
          if (strict && (i > 0)) throw err(rt, 'ValueError', `zip() argument ${i + 1} is shorter than argument${i > 1 ? 's 1-' + i : ' 1'}`);
          return null;
        }
        vals.push(v);
      }
      return reuseOrNew(self.held[1] as PyTuple, vals);
    }), T.zip!, 64, true);
    it.held = [ittuple, result];
    rt.give(ittuple, Holder.Field, it.id, 0);
    rt.give(result, Holder.Field, it.id, 1);
    rt.track(it);
    return it;
  });
  iterType('map', (args) => {
    if (args.length < 2) throw err(rt, 'TypeError', 'map() must have at least two arguments.');
    const fn = args[0]!;
    const inners: PyObject[] = [];
    try {
      for (let i = 1; i < args.length; i++) inners.push(iter(rt, args[i]!));
    } catch (e) {
      for (const x of inners) rt.tempDecref(x);
      throw e;
    }
    const iters = rt.tuple(inners);
    const it = rt.alloc(new PyNativeIter((self) => {
      const its = (self.held[0] as PyTuple).items;
      const vals: PyObject[] = [];
      for (let i = 0; i < its.length; i++) {
        const v = next(rt, its[i]!);
        if (v === null) {
          for (const x of vals) rt.tempDecref(x);
          return null;
        }
        vals.push(v);
      }
      try {
        return call(rt, self.held[1]!, vals);
      } finally {
        for (const x of vals) rt.tempDecref(x);
      }
    }), T.map!, 48, true);
    // map_traverse visits iters, then func.
    it.held = [iters, fn];
    rt.give(iters, Holder.Field, it.id, 0);
    rt.incref(fn, Holder.Field, it.id, 1);
    rt.track(it);
    return it;
  });
  iterType('filter', (args) => {
    const fn = args[0]!;
    const inner = iter(rt, args[1]!);
    const it = rt.alloc(new PyNativeIter((self) => {
      for (;;) {
        const v = next(rt, self.held[1]!);
        if (v === null) return null;
        let keep: boolean;
        if (fn === rt.None) keep = truthy(rt, v);
        else {
          const r = call(rt, fn, [v]);
          keep = truthy(rt, r);
          rt.tempDecref(r);
        }
        if (keep) return v;
        rt.tempDecref(v);
      }
    }), T.filter!, 48, true);
    it.held = [fn, inner];
    rt.incref(fn, Holder.Field, it.id, 0);
    rt.give(inner, Holder.Field, it.id, 1);
    rt.track(it);
    return it;
  });
  iterType('reversed', (args) => {
    const seq = args[0]!;
    const f = seq.type.heap || seq.type.kind === 'NativeObject' ? lookup(seq.type, '__reversed__') : null;
    if (f !== null) return callBound(rt, f, seq, []);
    // And PySequence_Check: anything else with __getitem__ (and __len__), through those two.
    if (
      seq instanceof PyList || seq instanceof PyTuple || seq instanceof PyRange || seq instanceof PyStr || seq instanceof PyDict ||
      (lookup(seq.type, '__getitem__') !== null && lookup(seq.type, '__len__') !== null)
    ) {
      const items = seq instanceof PyDict ? [...dictItems(seq)].map(([k]) => k) : null;
      const n = items !== null ? items.length : len(rt, seq);
      const it = rt.newIter(seq instanceof PyList ? 'list_reverseiterator' : 'reversed', seq, (self) => {
        const i = n - 1 - self.pos;
        if (i < 0 || self.held[0] === null) return null;
        self.pos++;
        if (items !== null) return rt.tempIncref(items[i]!);
        if (seq instanceof PyList && i >= seq.items.length) return null;
        const k = rt.int(i);
        try {
          return rt.getItem(seq, k);
        } finally {
          rt.tempDecref(k);
        }
      });
      return it;
    }
    throw err(rt, 'TypeError', `'${typeName(seq)}' object is not reversible`);
  });
  // super
  T.super!.dict.set('__new__', rt.immortal(new PyBuiltin('__new__', (args) => {
    let thisType: PyType;
    let obj: PyObject;
    if (args.length === 1) [thisType, obj] = ctx.zeroArgSuper();
    else {
      thisType = args[1] as PyType;
      obj = args[2]!;
    }
    const objType = obj instanceof PyType && isSubtype(obj, thisType) ? obj : obj.type;
    const s = rt.alloc(new PySuper(thisType, obj, objType), T.super!, 56, true);
    rt.incref(thisType, Holder.Field, s.id, rt.str('__thisclass__'));
    rt.incref(obj, Holder.Field, s.id, rt.str('__self__'));
    rt.incref(objType, Holder.Field, s.id, rt.str('__self_class__'));
    rt.track(s);
    return s;
  }), T.builtin_function_or_method!));
  rt.superGetattr = (s, name) => {
    const mro = s.objType!.mro;
    let i = mro.indexOf(s.thisType) + 1;
    for (; i < mro.length; i++) {
      const v = mro[i]!.dict.get(name);
      if (v !== undefined) return descrGet(rt, v, s.obj === s.objType ? null : s.obj, s.objType!);
    }
    return null;
  };
  void PyInstance;
  void PyCell;
  void PyBaseException;
  void PyBool;
  void dictGet;
  void hashKey;
  void PyThrow;
  return mod;
}
