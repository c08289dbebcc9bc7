// operator (Modules/_operator.c): the operators as builtin functions, and the three callable
// types itemgetter, attrgetter and methodcaller, native objects holding what CPython's hold
// (the item or the argument tuple; the tuple of attribute-name chains; the name, the argument
// tuple and the keyword dict), GC-tracked, with CPython's sizes and reprs.
import { PyByteArray, PyBytes, PyDict, PyList, PyNativeIter, PyStr, PyTuple, type PyModule, type PyNativeObject, type PyObject, type PyType } from '../object.js';
import { PyThrow, type Runtime } from '../runtime.js';
import type { Process } from '../../vm/process.js';
import { Holder } from '../../events/kinds.js';
import { err } from '../errors.js';
import { dictGet } from '../dict.js';
import { EQ, GE, GT, LE, LT, NE, call, callBound, contains, equal, getattr, iter, lookup, next, repr, richCompare, strRepr, truthy, typeName } from '../ops.js';
import { binaryOp, unaryOp, NB_ADD, NB_AND, NB_FLOOR_DIVIDE, NB_LSHIFT, NB_MATRIX_MULTIPLY, NB_MULTIPLY, NB_OR, NB_POWER, NB_REMAINDER, NB_RSHIFT, NB_SUBTRACT, NB_TRUE_DIVIDE, NB_XOR } from '../arith.js';
import { asInt } from '../types.js';
import { nativeType, newNative } from './native.js';

type Held = PyNativeObject;

export function makeOperatorModule(rt: Runtime, proc: Process): PyModule {
  const m = proc.newModule('operator');
  const def = (name: string, fn: (args: PyObject[], kw: string[] | null) => PyObject, ...aliases: string[]): void => {
    proc.defFn(m, name, fn);
    const f = dictGet(m.dict, name)!;
    for (const a of aliases) proc.setAttr(m, a, f, false);
  };
  /** Clinic's positional-only check: "add expected 2 arguments, got 1". */
  const nargs = (name: string, args: PyObject[], kw: string[] | null, n: number): void => {
    if (kw !== null && kw.length > 0) throw err(rt, 'TypeError', `${name}() takes no keyword arguments`);
    if (args.length !== n) {
      if (n === 1) throw err(rt, 'TypeError', `${name}() takes exactly one argument (${args.length} given)`);
      throw err(rt, 'TypeError', `${name} expected ${n} arguments, got ${args.length}`);
    }
  };

  const binary: [string, number][] = [
    ['add', NB_ADD], ['sub', NB_SUBTRACT], ['mul', NB_MULTIPLY], ['truediv', NB_TRUE_DIVIDE],
    ['floordiv', NB_FLOOR_DIVIDE], ['mod', NB_REMAINDER], ['pow', NB_POWER], ['lshift', NB_LSHIFT],
    ['rshift', NB_RSHIFT], ['and_', NB_AND], ['or_', NB_OR], ['xor', NB_XOR], ['matmul', NB_MATRIX_MULTIPLY],
  ];
  for (const [name, op] of binary) {
    const dunder = `__${name.replace(/_$/, '')}__`;
    def(name, (args, kw) => (nargs(name, args, kw, 2), binaryOp(rt, args[0]!, args[1]!, op)), dunder);
    const iname = `i${name.replace(/_$/, '')}`;
    def(iname, (args, kw) => (nargs(iname, args, kw, 2), binaryOp(rt, args[0]!, args[1]!, op, true)), `__${iname}__`);
  }
  const compares: [string, number][] = [['lt', LT], ['le', LE], ['eq', EQ], ['ne', NE], ['gt', GT], ['ge', GE]];
  for (const [name, op] of compares) {
    def(name, (args, kw) => (nargs(name, args, kw, 2), richCompare(rt, args[0]!, args[1]!, op)), `__${name}__`);
  }
  def('neg', (args, kw) => (nargs('neg', args, kw, 1), unaryOp(rt, args[0]!, 'neg')), '__neg__');
  def('pos', (args, kw) => (nargs('pos', args, kw, 1), unaryOp(rt, args[0]!, 'pos')), '__pos__');
  def('invert', (args, kw) => (nargs('invert', args, kw, 1), unaryOp(rt, args[0]!, 'invert')), 'inv', '__invert__', '__inv__');
  const builtin = (name: string): PyObject => dictGet(proc.builtins.dict, name)!;
  def('abs', (args, kw) => (nargs('abs', args, kw, 1), call(rt, builtin('abs'), [args[0]!])), '__abs__');
  def('not_', (args, kw) => (nargs('not_', args, kw, 1), rt.bool(!truthy(rt, args[0]!))), '__not__');
  def('truth', (args, kw) => (nargs('truth', args, kw, 1), rt.bool(truthy(rt, args[0]!))));
  def('is_', (args, kw) => (nargs('is_', args, kw, 2), rt.bool(args[0] === args[1])));
  def('is_not', (args, kw) => (nargs('is_not', args, kw, 2), rt.bool(args[0] !== args[1])));
  def('index', (args, kw) => {
    nargs('index', args, kw, 1);
    const o = args[0]!;
    if (o.type === rt.t.int) return rt.tempIncref(o);
    return rt.int(asInt(rt, o));
  }, '__index__');
  def('contains', (args, kw) => (nargs('contains', args, kw, 2), rt.bool(contains(rt, args[0]!, args[1]!))), '__contains__');
  def('getitem', (args, kw) => (nargs('getitem', args, kw, 2), rt.getItem(args[0]!, args[1]!)), '__getitem__');
  def('setitem', (args, kw) => (nargs('setitem', args, kw, 3), rt.setItem(args[0]!, args[1]!, args[2]!), rt.none()), '__setitem__');
  def('delitem', (args, kw) => (nargs('delitem', args, kw, 2), rt.delItem(args[0]!, args[1]!), rt.none()), '__delitem__');
  const concat = (name: string, inplace: boolean) => (args: PyObject[], kw: string[] | null): PyObject => {
    nargs(name, args, kw, 2);
    const a = args[0]!;
    const seq = a instanceof PyList || a instanceof PyTuple || a instanceof PyStr || a instanceof PyBytes || a instanceof PyByteArray || lookup(a.type, '__getitem__') !== null;
    if (!seq || a instanceof PyDict) {
      throw err(rt, 'TypeError', `'${typeName(a)}' object can't be concatenated`);
    }
    return binaryOp(rt, a, args[1]!, NB_ADD, inplace);
  };
  def('concat', concat('concat', false), '__concat__');
  def('iconcat', concat('iconcat', true), '__iconcat__');
  /** countOf/indexOf: identity or equality, over any iterable. */
  const scan = (seq: PyObject, x: PyObject, each: (i: number) => boolean): void => {
    const it = iter(rt, seq);
    try {
      for (let i = 0, y = next(rt, it); y !== null; i++, y = next(rt, it)) {
        const eq = y === x || equal(rt, y, x);
        rt.tempDecref(y);
        if (eq && !each(i)) return;
      }
    } finally {
      rt.tempDecref(it);
    }
  };
  def('countOf', (args, kw) => {
    nargs('countOf', args, kw, 2);
    let n = 0;
    scan(args[0]!, args[1]!, () => (n++, true));
    return rt.int(n);
  });
  def('indexOf', (args, kw) => {
    nargs('indexOf', args, kw, 2);
    let at = -1;
    scan(args[0]!, args[1]!, (i) => ((at = i), false));
    if (at < 0) throw err(rt, 'ValueError', 'sequence.index(x): x not in sequence');
    return rt.int(at);
  });
  def('length_hint', (args) => {
    if (args.length < 1 || args.length > 2) throw err(rt, 'TypeError', `length_hint expected at least 1 argument, got ${args.length}`);
    const o = args[0]!;
    if (!(o instanceof PyNativeIter) && lookup(o.type, '__length_hint__') === null) {
      try {
        return rt.int(rt.lenOf(o));
      } catch (e) {
        if (!(e instanceof PyThrow) || e.exc.type !== rt.t.TypeError) throw e;
      }
    }
    const f = lookup(o.type, '__length_hint__');
    if (f !== null) {
      const r = callBound(rt, f, o, []);
      if (r !== rt.NotImplemented) return r;
      rt.tempDecref(r);
    }
    return args[1] !== undefined ? rt.tempIncref(args[1]) : rt.int(0);
  });

  const own = (o: Held, x: PyObject, slot: number): void => {
    o.held[slot] = x;
    rt.give(x, Holder.Field, o.id, slot);
  };
  const noKwargs = (name: string, kw: string[] | null): void => {
    if (kw !== null && kw.length > 0) throw err(rt, 'TypeError', `${name}() takes no keyword arguments`);
  };
  const typeNameOf = (o: PyObject): string => o.type.tpName ?? o.type.name;
  /** Py_ReprEnter/Py_ReprLeave: a getter whose repr reaches itself prints `name(...)`. */
  const active = new Set<PyObject>();
  const guard = (o: PyObject, rec: string, f: () => string): string => {
    if (active.has(o)) return rec;
    active.add(o);
    try {
      return f();
    } finally {
      active.delete(o);
    }
  };

  // itemgetter(item, ...): holds the item itself, or the argument tuple when there are several.
  const itemgetter: PyType = nativeType(rt, {
    name: 'itemgetter',
    module: 'operator',
    gc: true,
    traversesType: true,
    create: (args, kw) => {
      const cls = args[0] as PyType;
      const items = args.slice(1);
      noKwargs('itemgetter', kw);
      if (items.length === 0) throw err(rt, 'TypeError', 'itemgetter expected 1 argument, got 0');
      const o = newNative(rt, cls, { n: items.length }, 64);
      own(o, items.length === 1 ? rt.tempIncref(items[0]!) : rt.tuple(items.map((x) => rt.tempIncref(x))), 0);
      return o;
    },
    methods: {
      __call__: (args, kw, self) => {
        noKwargs('itemgetter', kw);
        if (args.length !== 1) throw err(rt, 'TypeError', `itemgetter expected 1 argument, got ${args.length}`);
        const o = self as Held & { state: { n: number } };
        const item = o.held[0]!;
        if (o.state.n === 1) return rt.getItem(args[0]!, item);
        const out: PyObject[] = [];
        try {
          for (const k of (item as PyTuple).items) out.push(rt.getItem(args[0]!, k));
        } catch (e) {
          for (const x of out) rt.tempDecref(x);
          throw e;
        }
        return rt.tuple(out);
      },
      __reduce__: (_a, _k, self) => {
        const o = self as Held & { state: { n: number } };
        const item = o.held[0]!;
        const args = o.state.n === 1 ? rt.tuple([rt.tempIncref(item)]) : rt.tempIncref(item);
        return rt.tuple([rt.tempIncref(o.type), args]);
      },
    },
    repr: (self) =>
      guard(self, `${typeNameOf(self)}(...)`, () => {
        const o = self as Held & { state: { n: number } };
        const item = o.held[0]!;
        const body = o.state.n === 1 ? repr(rt, item) : (item as PyTuple).items.map((x) => repr(rt, x)).join(', ');
        return `${typeNameOf(self)}(${body})`;
      }),
    sizeof: () => 64,
  });

  // attrgetter(attr, ...): a tuple of attribute chains, each an interned str or a tuple of them.
  const attrgetter: PyType = nativeType(rt, {
    name: 'attrgetter',
    module: 'operator',
    gc: true,
    traversesType: true,
    create: (args, kw) => {
      const cls = args[0] as PyType;
      const names = args.slice(1);
      noKwargs('attrgetter', kw);
      if (names.length === 0) throw err(rt, 'TypeError', 'attrgetter expected 1 argument, got 0');
      const chains: PyObject[] = [];
      for (const n of names) {
        if (!(n instanceof PyStr)) {
          for (const c of chains) rt.tempDecref(c);
          throw err(rt, 'TypeError', 'attribute name must be a string');
        }
        const parts = n.value.split('.');
        chains.push(parts.length === 1 ? rt.intern(parts[0]!) : rt.tuple(parts.map((p) => rt.intern(p))));
      }
      const o = newNative(rt, cls, { n: names.length }, 56);
      own(o, rt.tuple(chains), 0);
      return o;
    },
    methods: {
      __call__: (args, kw, self) => {
        noKwargs('attrgetter', kw);
        if (args.length !== 1) throw err(rt, 'TypeError', `attrgetter expected 1 argument, got ${args.length}`);
        const chains = (self as Held).held[0] as PyTuple;
        const one = (chain: PyObject): PyObject => {
          if (chain instanceof PyStr) return getattr(rt, args[0]!, chain.value);
          let cur = rt.tempIncref(args[0]!);
          for (const p of (chain as PyTuple).items) {
            try {
              const nxt = getattr(rt, cur, (p as PyStr).value);
              rt.tempDecref(cur);
              cur = nxt;
            } catch (e) {
              rt.tempDecref(cur);
              throw e;
            }
          }
          return cur;
        };
        if (chains.items.length === 1) return one(chains.items[0]!);
        const out: PyObject[] = [];
        try {
          for (const c of chains.items) out.push(one(c));
        } catch (e) {
          for (const x of out) rt.tempDecref(x);
          throw e;
        }
        return rt.tuple(out);
      },
    },
    repr: (self) =>
      guard(self, `${typeNameOf(self)}(...)`, () => {
        const chains = (self as Held).held[0] as PyTuple;
        const names = chains.items.map((c) => (c instanceof PyStr ? c.value : (c as PyTuple).items.map((p) => (p as PyStr).value).join('.')));
        return `${typeNameOf(self)}(${names.map((n) => strRepr(n)).join(', ')})`;
      }),
    sizeof: () => 56,
  });

  // methodcaller(name, /, *args, **kwargs): holds the name, the argument tuple and the keyword dict.
  const methodcaller: PyType = nativeType(rt, {
    name: 'methodcaller',
    module: 'operator',
    gc: true,
    create: (args, kw) => {
      const cls = args[0] as PyType;
      const nkw = kw?.length ?? 0;
      const pos = args.slice(1, args.length - nkw);
      if (pos.length === 0) throw err(rt, 'TypeError', 'methodcaller needs at least one argument, the method name');
      const name = pos[0]!;
      if (!(name instanceof PyStr)) throw err(rt, 'TypeError', 'method name must be a string');
      const o = newNative(rt, cls, { kwnames: kw ?? [] }, 56);
      own(o, rt.intern(name.value), 0);
      own(o, rt.tuple(pos.slice(1).map((x) => rt.tempIncref(x))), 1);
      const d = rt.newDict();
      for (let i = 0; i < nkw; i++) {
        const k = rt.intern(kw![i]!);
        rt.setItem(d, k, args[args.length - nkw + i]!);
        rt.tempDecref(k);
      }
      own(o, d, 2);
      return o;
    },
    methods: {
      __call__: (args, kw, self) => {
        noKwargs('methodcaller', kw);
        if (args.length !== 1) throw err(rt, 'TypeError', `methodcaller expected 1 argument, got ${args.length}`);
        const o = self as Held;
        const meth = getattr(rt, args[0]!, (o.held[0] as PyStr).value);
        try {
          const pos = (o.held[1] as PyTuple).items;
          const d = o.held[2] as PyDict;
          const kwnames: string[] = [];
          const kwvals: PyObject[] = [];
          for (const k of (o.state as { kwnames: string[] }).kwnames) {
            const v = dictGet(d, k);
            if (v !== null) {
              kwnames.push(k);
              kwvals.push(v);
            }
          }
          return call(rt, meth, [...pos, ...kwvals], kwnames.length > 0 ? kwnames : null);
        } finally {
          rt.tempDecref(meth);
        }
      },
    },
    repr: (self) =>
      guard(self, `${typeNameOf(self)}(...)`, () => {
        const o = self as Held;
        const parts = [repr(rt, o.held[0]!), ...(o.held[1] as PyTuple).items.map((x) => repr(rt, x))];
        const d = o.held[2] as PyDict;
        for (const k of (o.state as { kwnames: string[] }).kwnames) {
          const v = dictGet(d, k);
          if (v !== null) parts.push(`${k}=${repr(rt, v)}`);
        }
        return `${typeNameOf(self)}(${parts.join(', ')})`;
      }),
    sizeof: () => 56,
  });
  proc.setAttr(m, 'itemgetter', itemgetter, false);
  proc.setAttr(m, 'attrgetter', attrgetter, false);
  proc.setAttr(m, 'methodcaller', methodcaller, false);
  return m;
}
