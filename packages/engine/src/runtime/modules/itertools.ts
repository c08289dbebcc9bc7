// itertools (Modules/itertoolsmodule.c): native, GC-tracked iterators. Each keeps its references
// in `held` (traversed by the collector, released at dealloc); where CPython releases an input as
// soon as it is exhausted (islice, chain, cycle), so do we. product, permutations, combinations
// and zip_longest reuse their result tuple when nobody else holds it (Py_REFCNT(result) == 1).
import { Holder } from '../../events/kinds.js';
import { PyInt, PyList, PyNativeIter, PyNativeObject, PyNone, PyTuple, type NativeFn, type PyModule, type PyObject, type PyType } from '../object.js';
import type { Runtime } from '../runtime.js';
import type { Process } from '../../vm/process.js';
import { err } from '../errors.js';
import { call, getattr, getattrOpt, iter, next, repr, richCompare, truthy, typeName } from '../ops.js';
import { nativeType } from './native.js';
import { binaryOp, NB_ADD } from '../arith.js';
import { hex } from '../objects.js';
import { parseArgs } from '../types.js';
import { takeTpCall } from '../tpcall.js';

type Next = (it: PyNativeIter) => PyObject | null;

export function makeItertoolsModule(rt: Runtime, proc: Process): PyModule {
  const T = rt.t;
  const m = proc.newModule('itertools');
  const reprs = new Map<PyType, (o: PyNativeIter) => string>();
  const sizes = new Map<PyType, number>();
  const prevRepr = rt.builtinRepr;
  rt.builtinRepr = (o) => {
    const f = reprs.get(o.type);
    return f !== undefined ? f(o as PyNativeIter) : prevRepr(o);
  };
  /** Objects whose size depends on their arguments (indices arrays: combinations, permutations, product). */
  const objectSizes = new WeakMap<PyObject, number>();
  const prevSize = rt.nativeSizeExtra;
  rt.nativeSizeExtra = (o) => objectSizes.get(o) ?? sizes.get(o.type) ?? prevSize(o);

  /** Declares itertools.<name>: `create` gets the arguments (cls first) and returns the iterator. */
  const def = (name: string, size: number, create: NativeFn, custom?: (o: PyNativeIter) => string): PyType => {
    const t = rt.staticType(name);
    t.module = 'itertools';
    t.tpName = `itertools.${name}`;
    t.kind = 'NativeIter';
    t.gcInstances = true;
    t.dict.set('__new__', rt.immortal(new rt.BuiltinCtor('__new__', create), T.builtin_function_or_method!));
    t.dict.set('__iter__', rt.newMethodDescr(t, '__iter__', (_a, _k, self) => rt.tempIncref(self!)));
    t.dict.set('__next__', rt.newMethodDescr(t, '__next__', (_a, _k, self) => {
      const x = next(rt, self!);
      if (x === null) throw err(rt, 'StopIteration');
      return x;
    }));
    reprs.set(t, custom ?? ((o) => `<itertools.${name} object at ${hex(rt, o)}>`));
    sizes.set(t, size);
    proc.setAttr(m, name, t, false);
    return t;
  };
  /** A new iterator of type t holding `held` (new references, given to it). */
  const make = (t: PyType, held: (PyObject | null)[], nextFn: Next, size?: number): PyNativeIter => {
    const it = rt.alloc(new PyNativeIter(nextFn), t, size ?? sizes.get(t)!, true);
    if (size !== undefined) objectSizes.set(it, size);
    it.held = held;
    for (let i = 0; i < held.length; i++) if (held[i]) rt.give(held[i]!, Holder.Field, it.id, i);
    rt.track(it);
    return it;
  };
  /** Py_CLEAR(it->held[i]). */
  const drop = (it: PyNativeIter, i: number): void => {
    const x = it.held[i];
    if (x) {
      it.held[i] = null;
      rt.decref(x, Holder.Field, it.id, i);
    }
  };
  const set = (it: PyNativeIter, i: number, v: PyObject): void => {
    const old = it.held[i];
    it.held[i] = v;
    rt.give(v, Holder.Field, it.id, i);
    if (old) rt.decref(old, Holder.Field, it.id, i);
  };
  const noKw = (name: string, kw: string[] | null): void => {
    if (kw !== null && kw.length > 0) throw err(rt, 'TypeError', `${name}() takes no keyword arguments`);
  };
  const nargs = (args: PyObject[], kw: string[] | null): number => args.length - 1 - (kw?.length ?? 0);
  const sysIndex = (o: PyObject | null, msg: string): number | null => {
    if (o === null || o instanceof PyNone) return null;
    if (!(o instanceof PyInt) || o.value < 0n || o.value > 9223372036854775807n) throw err(rt, 'ValueError', msg);
    return Number(o.value);
  };
  /** A tuple result, reused in place when only the iterator holds it (CPython's fast path). */
  const result = (it: PyNativeIter, slot: number, items: PyObject[]): PyObject => {
    const r = it.held[slot] as PyTuple | null;
    if (r !== null && r !== undefined && r.rc === 1 && r.items.length === items.length) {
      for (let i = 0; i < items.length; i++) {
        const old = r.items[i]!;
        rt.incref(items[i]!, Holder.Item, r.id, i);
        r.items[i] = items[i]!;
        rt.decref(old, Holder.Item, r.id, i);
      }
      return rt.tempIncref(r);
    }
    for (const x of items) rt.tempIncref(x);
    const fresh = rt.tuple(items);
    set(it, slot, rt.tempIncref(fresh));
    return fresh;
  };
  const pool = (o: PyObject): PyTuple => {
    const xs = rt.toArrayOf(o);
    return rt.tuple(xs) as PyTuple;
  };

  // count(start=0, step=1): held [current, step]
  def('count', 56, (args, kw) => {
    const [start, step] = parseArgs(rt, 'count', args.slice(1), kw, ['start', 'step'], 0);
    const s = start ?? rt.int(0);
    if (start !== null) rt.tempIncref(s);
    const st = step ?? rt.int(1);
    if (step !== null) rt.tempIncref(st);
    return make(args[0] as PyType, [s, st], (it) => {
      const cur = it.held[0]!;
      const nxt = binaryOp(rt, cur, it.held[1]!, NB_ADD);
      rt.tempIncref(cur);
      set(it, 0, nxt);
      return cur;
    });
  }, (o) => {
    const step = o.held[1]!;
    const one = step instanceof PyInt && step.value === 1n && step.type === T.int;
    return one ? `count(${repr(rt, o.held[0]!)})` : `count(${repr(rt, o.held[0]!)}, ${repr(rt, step)})`;
  });

  // repeat(object[, times]): held [object]; times in pos (-1 = forever)
  def('repeat', 48, (args, kw) => {
    const [obj, times] = parseArgs(rt, 'repeat', args.slice(1), kw, ['object', 'times'], 1);
    let n = -1;
    if (times !== null) n = Math.max(0, Number((times as PyInt).value));
    const it = make(args[0] as PyType, [rt.tempIncref(obj!)], (i) => {
      if (i.pos === -1) return rt.tempIncref(i.held[0]!);
      if (i.pos <= 0) return null;
      i.pos--;
      return rt.tempIncref(i.held[0]!);
    });
    it.pos = n;
    return it;
  }, (o) => (o.pos === -1 ? `repeat(${repr(rt, o.held[0]!)})` : `repeat(${repr(rt, o.held[0]!)}, ${o.pos})`));

  // islice(iterable, stop) / islice(iterable, start, stop[, step]): held [it]
  def('islice', 72, (args, kw) => {
    noKw('islice', kw);
    const n = args.length - 1;
    if (n < 2 || n > 4) throw err(rt, 'TypeError', n < 2 ? `islice expected at least 2 arguments, got ${n}` : `islice expected at most 4 arguments, got ${n}`);
    let start = 0;
    let stop: number | null;
    let step = 1;
    if (n === 2) {
      stop = sysIndex(args[2]!, 'Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.');
    } else {
      const idx = 'Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.';
      start = sysIndex(args[2]!, idx) ?? 0;
      stop = sysIndex(args[3]!, idx);
      if (n === 4 && !(args[4] instanceof PyNone)) {
        const s = args[4];
        if (!(s instanceof PyInt) || s.value < 1n) throw err(rt, 'ValueError', 'Step for islice() must be a positive integer or None.');
        step = Number(s.value);
      }
    }
    const src = iter(rt, args[1]!);
    let nextWanted = start;
    let cnt = 0;
    return make(args[0] as PyType, [src], (it) => {
      const inner = it.held[0];
      if (!inner) return null;
      const oldNext = nextWanted;
      while (cnt < nextWanted) {
        const x = next(rt, inner);
        if (x === null) return (drop(it, 0), null);
        rt.tempDecref(x);
        cnt++;
      }
      if (stop !== null && cnt >= stop) return (drop(it, 0), null);
      const x = next(rt, inner);
      if (x === null) return (drop(it, 0), null);
      cnt++;
      nextWanted = oldNext + step;
      if (stop !== null && nextWanted > stop) nextWanted = stop;
      return x;
    });
  });

  // chain(*iterables) and chain.from_iterable(iterable): held [source, active]
  const chainNext: Next = (it) => {
    for (;;) {
      if (!it.held[1]) {
        const src = it.held[0];
        if (!src) return null;
        const iterable = next(rt, src);
        if (iterable === null) return (drop(it, 0), null);
        try {
          set(it, 1, iter(rt, iterable));
        } finally {
          rt.tempDecref(iterable);
        }
      }
      const x = next(rt, it.held[1]!);
      if (x !== null) return x;
      drop(it, 1);
    }
  };
  const chainT = def('chain', 48, (args, kw) => {
    noKw('chain', kw);
    // chain_new iterates over its argument tuple: tp_call's own (tpcall.ts), or one made here
    // when called another way.
    const given = takeTpCall(rt)?.argsT ?? null;
    const t = given !== null ? rt.tempIncref(given) : rt.tuple(args.slice(1).map((a) => rt.tempIncref(a)));
    const src = iter(rt, t);
    rt.tempDecref(t);
    return make(args[0] as PyType, [src, null], chainNext);
  });
  const fromIterable: NativeFn = (args) => make(chainT, [iter(rt, args[0]!), null], chainNext);
  chainT.dict.set('from_iterable', rt.immortal(new rt.BuiltinCtor('from_iterable', fromIterable), T.builtin_function_or_method!));

  // accumulate(iterable[, func, *, initial=None]): held [it, func, total, initial]
  def('accumulate', 64, (args, kw) => {
    const [iterable, func, initial] = parseArgs(rt, 'accumulate', args.slice(1), kw, ['iterable', 'func', 'initial'], 1);
    const f = func === null || func instanceof PyNone ? null : rt.tempIncref(func);
    const init = initial === null || initial instanceof PyNone ? null : rt.tempIncref(initial);
    return make(args[0] as PyType, [iter(rt, iterable!), f, null, init], (it) => {
      if (it.held[3]) {
        const v = it.held[3]!;
        it.held[3] = null;
        set(it, 2, rt.tempIncref(v));
        rt.decref(v, Holder.Field, it.id, 3);
        return rt.tempIncref(v);
      }
      const src = it.held[0];
      if (!src) return null;
      const x = next(rt, src);
      if (x === null) return null;
      const total = it.held[2];
      if (!total) {
        set(it, 2, rt.tempIncref(x));
        return x;
      }
      const fn = it.held[1];
      const v = fn ? call(rt, fn, [total, x]) : binaryOp(rt, total, x, NB_ADD);
      rt.tempDecref(x);
      set(it, 2, rt.tempIncref(v));
      return v;
    });
  });

  // takewhile / dropwhile(predicate, iterable): held [func, it]
  const predicate = (fn: PyObject, x: PyObject): boolean => {
    const r = call(rt, fn, [x]);
    try {
      return truthy(rt, r);
    } finally {
      rt.tempDecref(r);
    }
  };
  def('takewhile', 56, (args, kw) => {
    noKw('takewhile', kw);
    if (nargs(args, kw) !== 2) throw err(rt, 'TypeError', `takewhile expected 2 arguments, got ${nargs(args, kw)}`);
    return make(args[0] as PyType, [rt.tempIncref(args[1]!), iter(rt, args[2]!)], (it) => {
      if (it.pos) return null;
      const x = next(rt, it.held[1]!);
      if (x === null) return null;
      if (predicate(it.held[0]!, x)) return x;
      rt.tempDecref(x);
      it.pos = 1;
      return null;
    });
  });
  def('dropwhile', 56, (args, kw) => {
    noKw('dropwhile', kw);
    if (nargs(args, kw) !== 2) throw err(rt, 'TypeError', `dropwhile expected 2 arguments, got ${nargs(args, kw)}`);
    return make(args[0] as PyType, [rt.tempIncref(args[1]!), iter(rt, args[2]!)], (it) => {
      for (;;) {
        const x = next(rt, it.held[1]!);
        if (x === null) return null;
        if (it.pos || !predicate(it.held[0]!, x)) {
          it.pos = 1;
          return x;
        }
        rt.tempDecref(x);
      }
    });
  });
  def('filterfalse', 48, (args, kw) => {
    noKw('filterfalse', kw);
    const fn = args[1]!;
    return make(args[0] as PyType, [rt.tempIncref(fn), iter(rt, args[2]!)], (it) => {
      for (;;) {
        const x = next(rt, it.held[1]!);
        if (x === null) return null;
        const ok = it.held[0] === rt.None ? truthy(rt, x) : predicate(it.held[0]!, x);
        if (!ok) return x;
        rt.tempDecref(x);
      }
    });
  });
  def('starmap', 48, (args, kw) => {
    noKw('starmap', kw);
    return make(args[0] as PyType, [rt.tempIncref(args[1]!), iter(rt, args[2]!)], (it) => {
      const x = next(rt, it.held[1]!);
      if (x === null) return null;
      try {
        const xs = rt.toArrayOf(x);
        try {
          return call(rt, it.held[0]!, xs);
        } finally {
          for (const y of xs) rt.tempDecref(y);
        }
      } finally {
        rt.tempDecref(x);
      }
    });
  });
  def('compress', 48, (args, kw) => {
    const [data, selectors] = parseArgs(rt, 'compress', args.slice(1), kw, ['data', 'selectors'], 2);
    return make(args[0] as PyType, [iter(rt, data!), iter(rt, selectors!)], (it) => {
      for (;;) {
        const x = next(rt, it.held[0]!);
        if (x === null) return null;
        const s = next(rt, it.held[1]!);
        if (s === null) return (rt.tempDecref(x), null);
        const ok = truthy(rt, s);
        rt.tempDecref(s);
        if (ok) return x;
        rt.tempDecref(x);
      }
    });
  });

  // cycle(iterable): held [it, saved list]
  def('cycle', 64, (args, kw) => {
    noKw('cycle', kw);
    return make(args[0] as PyType, [iter(rt, args[1]!), rt.newList([])], (it) => {
      const saved = it.held[1] as PyList;
      if (it.held[0]) {
        const x = next(rt, it.held[0]!);
        if (x !== null) {
          rt.listAppend(it.held[1] as PyList, x);
          return x;
        }
        drop(it, 0);
      }
      if (saved.items.length === 0) return null;
      const x = saved.items[it.pos % saved.items.length]!;
      it.pos = (it.pos + 1) % saved.items.length;
      return rt.tempIncref(x);
    });
  });

  // product(*iterables, repeat=1): held [pools, result]
  def('product', 64, (args, kw) => {
    const nkw = kw?.length ?? 0;
    let rep = 1;
    if (nkw > 0) {
      if (kw!.length !== 1 || kw![0] !== 'repeat') throw err(rt, 'TypeError', `product() got an unexpected keyword argument '${kw!.find((k) => k !== 'repeat') ?? kw![0]}'`);
      rep = Math.max(0, Number((args[args.length - 1] as PyInt).value));
    }
    const base = args.slice(1, args.length - nkw).map(pool);
    const pools: PyObject[] = [];
    for (let r = 0; r < rep; r++) for (const p of base) pools.push(rt.tempIncref(p));
    for (const p of base) rt.tempDecref(p);
    const ps = pools.map((p) => (p as PyTuple).items);
    const idx = ps.map(() => 0);
    let first = true;
    let done = ps.some((p) => p.length === 0);
    return make(args[0] as PyType, [rt.tuple(pools), null], (it) => {
      if (done) return null;
      if (!first) {
        let i = ps.length - 1;
        for (; i >= 0; i--) {
          if (++idx[i]! < ps[i]!.length) break;
          idx[i] = 0;
        }
        if (i < 0) {
          done = true;
          return null;
        }
      }
      first = false;
      return result(it, 1, ps.map((p, i) => p[idx[i]!]!));
    }, 64 + 8 * pools.length);
  });

  // permutations(iterable, r=None) / combinations(iterable, r): held [pool, result]
  def('permutations', 80, (args, kw) => {
    const [iterable, rArg] = parseArgs(rt, 'permutations', args.slice(1), kw, ['iterable', 'r'], 1);
    const p = pool(iterable!);
    const xs = p.items;
    const n = xs.length;
    const r = rArg === null || rArg instanceof PyNone ? n : Number((rArg as PyInt).value);
    if (r < 0) throw err(rt, 'ValueError', 'r must be non-negative');
    const indices = xs.map((_, i) => i);
    const cycles: number[] = [];
    for (let i = 0; i < r; i++) cycles.push(n - i);
    let first = true;
    let done = r > n;
    return make(args[0] as PyType, [p, null], (it) => {
      if (done) return null;
      if (!first) {
        let i = r - 1;
        for (; i >= 0; i--) {
          cycles[i]!--;
          if (cycles[i] === 0) {
            const x = indices.splice(i, 1)[0]!;
            indices.push(x);
            cycles[i] = n - i;
          } else {
            const j = cycles[i]!;
            const k = n - j;
            [indices[i], indices[k]] = [indices[k]!, indices[i]!];
            break;
          }
        }
        if (i < 0) {
          done = true;
          return null;
        }
      }
      first = false;
      return result(it, 1, indices.slice(0, r).map((i) => xs[i]!));
    }, 80 + 8 * n + 8 * r);
  });
  /**
   * combinations(iterable, r) and combinations_with_replacement(iterable, r): held [pool, result];
   * `start` gives the first indices, `advance` steps them (false when there are no more).
   */
  const combinationsOf = (
    name: string, args: PyObject[], kw: string[] | null, start: (n: number, r: number) => number[],
    empty: (n: number, r: number) => boolean, advance: (indices: number[], n: number, r: number) => boolean,
  ): PyNativeIter => {
    const [iterable, rArg] = parseArgs(rt, name, args.slice(1), kw, ['iterable', 'r'], 2);
    const p = pool(iterable!);
    const xs = p.items;
    const n = xs.length;
    const r = Number((rArg as PyInt).value);
    if (r < 0) throw err(rt, 'ValueError', 'r must be non-negative');
    const indices = start(n, r);
    let first = true;
    let done = empty(n, r);
    return make(args[0] as PyType, [p, null], (it) => {
      if (done) return null;
      if (!first && !advance(indices, n, r)) {
        done = true;
        return null;
      }
      first = false;
      return result(it, 1, indices.map((i) => xs[i]!));
    }, 72 + 8 * r);
  };
  def('combinations', 72, (args, kw) =>
    combinationsOf('combinations', args, kw, (_n, r) => Array.from({ length: r }, (_, i) => i), (n, r) => r > n, (indices, n, r) => {
      let i = r - 1;
      while (i >= 0 && indices[i] === i + n - r) i--;
      if (i < 0) return false;
      indices[i]!++;
      for (let j = i + 1; j < r; j++) indices[j] = indices[j - 1]! + 1;
      return true;
    }));
  // Indices never decrease: the rightmost one below n - 1 steps up, and those after it follow.
  def('combinations_with_replacement', 72, (args, kw) =>
    combinationsOf('combinations_with_replacement', args, kw, (_n, r) => new Array<number>(r).fill(0), (n, r) => n === 0 && r > 0, (indices, n, r) => {
      let i = r - 1;
      while (i >= 0 && indices[i] === n - 1) i--;
      if (i < 0) return false;
      indices.fill(indices[i]! + 1, i);
      return true;
    }));

  // zip_longest(*iterables, fillvalue=None): held [fillvalue, result, ...iterators]
  def('zip_longest', 72, (args, kw) => {
    const nkw = kw?.length ?? 0;
    let fill: PyObject = rt.None;
    if (nkw > 0) {
      if (kw!.length !== 1 || kw![0] !== 'fillvalue') throw err(rt, 'TypeError', 'zip_longest() got an unexpected keyword argument');
      fill = args[args.length - 1]!;
    }
    const its = args.slice(1, args.length - nkw).map((a) => iter(rt, a));
    let active = its.length;
    return make(args[0] as PyType, [rt.tempIncref(fill), null, ...its], (it) => {
      if (its.length === 0 || active === 0) return null;
      const items: PyObject[] = [];
      try {
        for (let i = 0; i < its.length; i++) {
          const src = it.held[2 + i];
          let x: PyObject | null = null;
          if (src) {
            x = next(rt, src);
            if (x === null) {
              drop(it, 2 + i);
              if (--active === 0) return null;
            }
          }
          items.push(x ?? rt.tempIncref(it.held[0]!));
        }
        return result(it, 1, items);
      } finally {
        for (const x of items) rt.tempDecref(x);
      }
    });
  });

  // pairwise(iterable): held [it, old]
  def('pairwise', 48, (args, kw) => {
    noKw('pairwise', kw);
    return make(args[0] as PyType, [iter(rt, args[1]!), null], (it) => {
      const src = it.held[0];
      if (!src) return null;
      if (!it.held[1]) {
        const a = next(rt, src);
        if (a === null) return (drop(it, 0), null);
        set(it, 1, a);
      }
      const b = next(rt, src);
      if (b === null) {
        drop(it, 0);
        drop(it, 1);
        return null;
      }
      const old = it.held[1]!;
      rt.tempIncref(old);
      set(it, 1, rt.tempIncref(b));
      return rt.tuple([old, b]);
    });
  });

  // groupby(iterable, key=None): held [it, keyfunc, tgtkey, currkey, currvalue]; each group is an
  // _grouper holding [parent, tgtkey] that yields only while it is the parent's current group.
  const grouperT = rt.staticType('_grouper');
  grouperT.module = 'itertools';
  grouperT.tpName = 'itertools._grouper';
  grouperT.kind = 'NativeIter';
  grouperT.gcInstances = true;
  grouperT.dict.set('__iter__', rt.newMethodDescr(grouperT, '__iter__', (_a, _k, self) => rt.tempIncref(self!)));
  grouperT.dict.set('__next__', rt.newMethodDescr(grouperT, '__next__', (_a, _k, self) => {
    const x = next(rt, self!);
    if (x === null) throw err(rt, 'StopIteration');
    return x;
  }));
  reprs.set(grouperT, (o) => `<itertools._grouper object at ${hex(rt, o)}>`);
  sizes.set(grouperT, 48);
  const current = new WeakMap<PyNativeIter, PyNativeIter | null>();
  /** groupby_step: the next value and its key become current. */
  const step = (g: PyNativeIter): boolean => {
    const v = next(rt, g.held[0]!);
    if (v === null) return false;
    const kf = g.held[1];
    let k: PyObject;
    try {
      k = kf ? call(rt, kf, [v]) : rt.tempIncref(v);
    } catch (e) {
      rt.tempDecref(v);
      throw e;
    }
    set(g, 3, k);
    set(g, 4, v);
    return true;
  };
  const sameKey = (a: PyObject, b: PyObject): boolean => {
    const r = richCompare(rt, a, b, 2);
    try {
      return truthy(rt, r);
    } finally {
      rt.tempDecref(r);
    }
  };
  def('groupby', 80, (args, kw) => {
    const [iterable, key] = parseArgs(rt, 'groupby', args.slice(1), kw, ['iterable', 'key'], 1);
    const kf = key === null || key instanceof PyNone ? null : rt.tempIncref(key);
    const g = make(args[0] as PyType, [iter(rt, iterable!), kf, null, null, null], (gb) => {
      current.set(gb, null);
      for (;;) {
        const curr = gb.held[3];
        if (!curr) {
          if (!step(gb)) return null;
          continue;
        }
        const tgt = gb.held[2];
        if (!tgt || !sameKey(tgt, curr)) break;
        if (!step(gb)) return null;
      }
      set(gb, 2, rt.tempIncref(gb.held[3]!));
      const grouper = rt.alloc(new PyNativeIter((gr) => {
        const parent = gr.held[0] as PyNativeIter;
        if (current.get(parent) !== gr) return null;
        if (!parent.held[4]) {
          if (!step(parent)) return null;
        }
        if (!sameKey(gr.held[1]!, parent.held[3]!)) return null;
        const v = parent.held[4]!;
        parent.held[4] = null;
        rt.take(v, Holder.Field, parent.id, 4);
        drop(parent, 3);
        return v;
      }), grouperT, 48, true);
      grouper.held = [gb, gb.held[2]];
      rt.incref(gb, Holder.Field, grouper.id, 0);
      rt.incref(gb.held[2]!, Holder.Field, grouper.id, 1);
      rt.track(grouper);
      current.set(gb, grouper);
      return rt.tuple([rt.tempIncref(gb.held[2]!), grouper]);
    });
    return g;
  });

  // tee(iterable, n=2): tee objects (`_tee`, held [dataobject], `pos` its index) share a chain
  // of `_tee_dataobject`s (held [it, values..., nextlink]) of LINKCELLS values each, as
  // itertoolsmodule.c's: a value stays alive until every tee has moved past its link.
  const LINKCELLS = 57;
  interface TeeData {
    numread: number;
    running: boolean;
  }
  type DataObj = PyNativeObject & { state: TeeData };
  const dataT = nativeType(rt, {
    name: '_tee_dataobject',
    module: 'itertools',
    gc: true,
    create: () => {
      throw err(rt, 'NotImplementedError', 'itertools._tee_dataobject() is not supported by refscope');
    },
    sizeof: () => 512,
  });
  proc.setAttr(m, '_tee_dataobject', dataT, false);
  /** teedataobject_newinternal: holds a new reference to `it`; tracked once filled in. */
  const newData = (it: PyObject): DataObj => {
    const d = rt.alloc(new PyNativeObject(), dataT, 512, true) as DataObj;
    d.state = { numread: 0, running: false };
    d.held = [it];
    rt.incref(it, Holder.Field, d.id, 0);
    rt.track(d);
    return d;
  };
  /** teedataobject_getitem: value i (a new reference), read from the iterator by the lead tee. */
  const getItem = (d: DataObj, i: number): PyObject | null => {
    const s = d.state;
    if (i < s.numread) return rt.tempIncref(d.held[1 + i]!);
    if (s.running) throw err(rt, 'RuntimeError', 'cannot re-enter the tee iterator');
    s.running = true;
    let v: PyObject | null;
    try {
      v = next(rt, d.held[0]!);
    } finally {
      s.running = false;
    }
    if (v === null) return null;
    s.numread++;
    d.held[1 + i] = v;
    rt.give(v, Holder.Field, d.id, 1 + i);
    return rt.tempIncref(v);
  };
  /** teedataobject_jumplink: the next link (a new reference), made on first use. */
  const jumpLink = (d: DataObj): DataObj => {
    let link = d.held[1 + LINKCELLS] as DataObj | undefined;
    if (link === undefined) {
      link = newData(d.held[0]!);
      d.held[1 + LINKCELLS] = link;
      rt.give(link, Holder.Field, d.id, 1 + LINKCELLS);
    }
    return rt.tempIncref(link) as DataObj;
  };
  const teeNext = (to: PyNativeIter): PyObject | null => {
    if (to.pos >= LINKCELLS) {
      const link = jumpLink(to.held[0] as DataObj);
      const old = to.held[0]!;
      to.held[0] = link;
      rt.give(link, Holder.Field, to.id, 0);
      rt.decref(old, Holder.Field, to.id, 0);
      to.pos = 0;
    }
    const v = getItem(to.held[0] as DataObj, to.pos);
    if (v === null) return null;
    to.pos++;
    return v;
  };
  /** A new tee on `data` at `index`; `owned`: the caller's reference to data moves in. */
  const newTee = (data: PyObject, index: number, owned: boolean): PyNativeIter => {
    const to = rt.alloc(new PyNativeIter(teeNext), teeT, 56, true);
    to.held = [data];
    if (owned) rt.give(data, Holder.Field, to.id, 0);
    else rt.incref(data, Holder.Field, to.id, 0);
    to.pos = index;
    rt.track(to);
    return to;
  };
  /** tee_fromiterable: a copy of a tee, or a tee over a new data object. */
  const teeFromIterable = (iterable: PyObject): PyNativeIter => {
    const it = iter(rt, iterable);
    try {
      if (it instanceof PyNativeIter && it.type === teeT) return newTee(it.held[0]!, it.pos, false);
      return newTee(newData(it), 0, true);
    } finally {
      rt.tempDecref(it);
    }
  };
  const teeT = def('_tee', 56, (args) => {
    if (args.length !== 2) throw err(rt, 'TypeError', `_tee expected 1 argument, got ${args.length - 1}`);
    return teeFromIterable(args[1]!);
  });
  teeT.hasWeakref = true;
  teeT.dict.set('__copy__', rt.newMethodDescr(teeT, '__copy__', (_a, _k, self) => newTee((self as PyNativeIter).held[0]!, (self as PyNativeIter).pos, false)));
  proc.defFn(m, 'tee', (args, kw) => {
    const [iterable, nArg] = parseArgs(rt, 'tee', args, kw, ['iterable', 'n'], 1);
    const n = nArg === null ? 2 : Number((nArg as PyInt).value);
    if (n < 0) throw err(rt, 'ValueError', 'n must be >= 0');
    // itertools_tee_impl: the result tuple first (PyTuple_New, empty slots: None here until set);
    // its first item is the iterator itself if it can copy itself (a tee), else a tee over it;
    // the others come from calling that one's __copy__.
    const result = rt.tuple(Array.from({ length: n }, () => rt.none())) as PyTuple;
    if (n === 0) return result;
    const put = (i: number, x: PyObject): void => {
      result.items[i] = x;
      rt.give(x, Holder.Item, result.id, i);
      rt.tempDecref(rt.None);
    };
    let it: PyObject;
    try {
      it = iter(rt, iterable!);
    } catch (e) {
      rt.tempDecref(result);
      throw e;
    }
    let copyable: PyObject;
    let copyFn: PyObject | null = getattrOpt(rt, it, '__copy__');
    if (copyFn !== null) copyable = it;
    else {
      try {
        copyable = teeFromIterable(it);
      } finally {
        rt.tempDecref(it);
      }
      copyFn = getattr(rt, copyable, '__copy__');
    }
    put(0, copyable);
    try {
      for (let i = 1; i < n; i++) put(i, call(rt, copyFn, []));
    } catch (e) {
      rt.tempDecref(result);
      throw e;
    } finally {
      rt.tempDecref(copyFn);
    }
    return result;
  });

  void typeName;
  return m;
}
