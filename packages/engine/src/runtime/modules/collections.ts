// collections.deque (Modules/_collectionsmodule.c): a native object whose items are its held
// references, in order; block geometry (and so getsizeof) follows memory/deque.ts's DequeModel.
import { EventKind, Holder } from '../../events/kinds.js';
import { DequeModel } from '../../memory/deque.js';
import { PyInt, PyNativeObject, type PyNativeIter, type PyObject, type PyType } from '../object.js';
import type { Runtime } from '../runtime.js';
import { err } from '../errors.js';
import { EQ, GE, GT, LE, LT, NE, equal, iter, lookup, next, repr, richCompare, typeName } from '../ops.js';
import { asInt, parseArgs } from '../types.js';
import { iteratorType, nativeType, newIterator, newNative } from './native.js';
import { execModuleSource } from './source.js';
import { COLLECTIONS_SOURCE } from './collections.py.js';

interface DequeState {
  model: DequeModel;
  /** The size last reported (Alloc or Resize event). */
  size: number;
  maxlen: number;
  /** Mutation counter: iterators fail when it moves under them. */
  state: number;
}
type Deque = PyNativeObject & { state: DequeState };

export function makeDequeType(rt: Runtime): PyType {
  const items = (d: PyObject): PyObject[] => (d as Deque).held as PyObject[];
  const st = (d: PyObject): DequeState => (d as Deque).state;

  /** Reports a change of getsizeof (a block gained or lost) as a Resize event. */
  const resized = (d: Deque): void => {
    const n = d.state.model.sizeof();
    if (n !== d.state.size) {
      d.state.size = n;
      rt.log.push(EventKind.Resize, d.id, n);
    }
  };
  /** deque_append_internal: the new item goes in, then a full deque drops its leftmost. */
  const append = (d: Deque, x: PyObject): void => {
    const s = d.state;
    rt.incref(x, Holder.Item, d.id, d.held.length);
    d.held.push(x);
    const dropped = s.model.append();
    resized(d);
    if (dropped) popleftDrop(d);
    else s.state++;
  };
  const appendleft = (d: Deque, x: PyObject): void => {
    const s = d.state;
    rt.incref(x, Holder.Item, d.id, 0);
    d.held.unshift(x);
    const dropped = s.model.appendleft();
    resized(d);
    if (dropped) popDrop(d);
    else s.state++;
  };
  // The model has already dropped the item from its geometry (DequeModel.append trims itself).
  const popleftDrop = (d: Deque): void => {
    d.state.state++;
    const x = d.held.shift()!;
    rt.decref(x, Holder.Item, d.id, 0);
  };
  const popDrop = (d: Deque): void => {
    d.state.state++;
    const x = d.held.pop()!;
    rt.decref(x, Holder.Item, d.id, d.held.length);
  };
  /** deque_clear: the deque is empty first, then the old items are released left to right. */
  const clear = (d: Deque): void => {
    if (d.held.length === 0) return;
    const old = d.held as PyObject[];
    d.held = [];
    d.state.model.clear();
    resized(d);
    d.state.state++;
    for (let i = 0; i < old.length; i++) rt.decref(old[i]!, Holder.Item, d.id, i);
  };
  const extend = (d: Deque, src: PyObject, left: boolean): void => {
    const it = src === d ? iter(rt, rt.newList(items(d).map((x) => rt.tempIncref(x)))) : iter(rt, src);
    try {
      if (d.state.maxlen === 0) {
        for (let x = next(rt, it); x !== null; x = next(rt, it)) rt.tempDecref(x);
        return;
      }
      if (d.held.length === 0) d.state.model[left ? 'extendleft' : 'extend'](0);
      for (let x = next(rt, it); x !== null; x = next(rt, it)) {
        if (left) appendleft(d, x);
        else append(d, x);
        rt.tempDecref(x);
      }
    } finally {
      rt.tempDecref(it);
    }
  };
  const index = (d: PyObject, k: PyObject): number => {
    const n = items(d).length;
    if (!(k instanceof PyInt) && lookup(k.type, '__index__') === null) throw err(rt, 'TypeError', `sequence index must be integer, not '${typeName(k)}'`);
    let i = Number(asInt(rt, k));
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw err(rt, 'IndexError', 'deque index out of range');
    return i;
  };
  const find = (d: PyObject, x: PyObject, start = 0, stop = Infinity): number => {
    const s = st(d).state;
    const xs = items(d);
    for (let i = start; i < Math.min(stop, xs.length); i++) {
      const y = xs[i]!;
      const eq = y === x || equal(rt, y, x);
      if (st(d).state !== s) throw err(rt, 'RuntimeError', 'deque mutated during iteration');
      if (eq) return i;
    }
    return -1;
  };

  /** deque_richcompare: NotImplemented unless both are deques; then sequence order. */
  const compare = (a: PyObject, b: PyObject, op: number): PyObject => {
    if (!(b instanceof PyNativeObject) || !b.type.mro.includes(t)) return rt.tempIncref(rt.NotImplemented);
    const xs = items(a);
    const ys = items(b);
    if ((op === EQ || op === NE) && xs.length !== ys.length) return rt.bool(op === NE);
    const n = Math.min(xs.length, ys.length);
    let i = 0;
    while (i < n && (xs[i] === ys[i] || equal(rt, xs[i]!, ys[i]!))) i++;
    if (i >= n) {
      const c = xs.length - ys.length;
      const r = op === EQ ? c === 0 : op === NE ? c !== 0 : op === LT ? c < 0 : op === LE ? c <= 0 : op === GT ? c > 0 : c >= 0;
      return rt.bool(r);
    }
    if (op === EQ) return rt.bool(false);
    if (op === NE) return rt.bool(true);
    return richCompare(rt, xs[i]!, ys[i]!, op);
  };

  const copy = (d: Deque): PyObject => {
    const model = new DequeModel(d.state.maxlen);
    const c = newNative<DequeState>(rt, d.type, { model, maxlen: d.state.maxlen, state: 0, size: model.sizeof() }, model.sizeof());
    extend(c, d, false);
    return c;
  };

  const iterT = iteratorType(rt, '_deque_iterator', '_collections');
  const riterT = iteratorType(rt, '_deque_reverse_iterator', '_collections');
  const dequeIter = (d: PyObject, reverse: boolean): PyNativeIter => {
    const start = st(d).state;
    return newIterator(rt, reverse ? riterT : iterT, d, 72, (it) => {
      const src = it.held[0] as Deque | null;
      if (!src) return null;
      if (src.state.state !== start) throw err(rt, 'RuntimeError', 'deque mutated during iteration');
      const xs = src.held as PyObject[];
      if (it.pos >= xs.length) return null;
      const x = xs[reverse ? xs.length - 1 - it.pos : it.pos]!;
      it.pos++;
      return rt.tempIncref(x);
    });
  };

  const t: PyType = nativeType(rt, {
    name: 'deque',
    module: 'collections',
    gc: true,
    weakrefs: true,
    create: (args, kw) => {
      const cls = args[0] as PyType;
      const [iterable, maxlenArg] = parseArgs(rt, 'deque', args.slice(1), kw, ['iterable', 'maxlen'], 0);
      let maxlen = -1;
      if (maxlenArg !== null && maxlenArg !== rt.None) {
        if (!(maxlenArg instanceof PyInt)) throw err(rt, 'TypeError', 'an integer is required');
        if (maxlenArg.value < 0n) throw err(rt, 'ValueError', 'maxlen must be non-negative');
        maxlen = Number(maxlenArg.value);
      }
      const model = new DequeModel(maxlen);
      const d = newNative<DequeState>(rt, cls, { model, maxlen, state: 0, size: model.sizeof() }, model.sizeof());
      if (iterable !== null) {
        try {
          extend(d, iterable, false);
        } catch (e) {
          rt.tempDecref(d);
          throw e;
        }
      }
      return d;
    },
    methods: {
      append: (a, _k, self) => (append(self as Deque, a[0]!), rt.none()),
      appendleft: (a, _k, self) => (appendleft(self as Deque, a[0]!), rt.none()),
      pop: (_a, _k, self) => {
        const d = self as Deque;
        if (d.held.length === 0) throw err(rt, 'IndexError', 'pop from an empty deque');
        const x = d.held[d.held.length - 1]!;
        rt.take(x, Holder.Item, d.id, d.held.length - 1);
        d.held.pop();
        d.state.model.pop();
        resized(d);
        d.state.state++;
        return x;
      },
      popleft: (_a, _k, self) => {
        const d = self as Deque;
        if (d.held.length === 0) throw err(rt, 'IndexError', 'pop from an empty deque');
        const x = d.held[0]!;
        rt.take(x, Holder.Item, d.id, 0);
        d.held.shift();
        d.state.model.popleft();
        resized(d);
        d.state.state++;
        return x;
      },
      extend: (a, _k, self) => (extend(self as Deque, a[0]!, false), rt.none()),
      extendleft: (a, _k, self) => (extend(self as Deque, a[0]!, true), rt.none()),
      clear: (_a, _k, self) => (clear(self as Deque), rt.none()),
      rotate: (a, _k, self) => {
        const d = self as Deque;
        const n = d.held.length;
        let k = a.length > 0 ? Number(asInt(rt, a[0]!)) : 1;
        if (n > 1 && k % n !== 0) {
          k = ((k % n) + n) % n;
          d.held = [...d.held.slice(n - k), ...d.held.slice(0, n - k)];
        }
        d.state.state++;
        return rt.none();
      },
      reverse: (_a, _k, self) => {
        (self as Deque).held.reverse();
        st(self!).state++;
        return rt.none();
      },
      count: (a, _k, self) => {
        let c = 0;
        const s = st(self!).state;
        for (const y of items(self!).slice()) {
          if (y === a[0] || equal(rt, y, a[0]!)) c++;
          if (st(self!).state !== s) throw err(rt, 'RuntimeError', 'deque mutated during iteration');
        }
        return rt.int(c);
      },
      index: (a, _k, self) => {
        const n = items(self!).length;
        const norm = (o: PyObject | undefined, dflt: number): number => {
          if (o === undefined) return dflt;
          let v = Number(asInt(rt, o));
          if (v < 0) v = Math.max(0, v + n);
          return Math.min(v, n);
        };
        const i = find(self!, a[0]!, norm(a[1], 0), norm(a[2], n));
        if (i < 0) throw err(rt, 'ValueError', `${repr(rt, a[0]!)} is not in deque`);
        return rt.int(i);
      },
      insert: (a, _k, self) => {
        const d = self as Deque;
        const n = d.held.length;
        if (d.state.maxlen >= 0 && n >= d.state.maxlen) throw err(rt, 'IndexError', 'deque already at its maximum size');
        let i = Number(asInt(rt, a[0]!));
        if (i < 0) i = Math.max(0, i + n);
        i = Math.min(i, n);
        if (i === n) append(d, a[1]!);
        else if (i === 0) appendleft(d, a[1]!);
        else {
          rt.incref(a[1]!, Holder.Item, d.id, i);
          d.held.splice(i, 0, a[1]!);
          d.state.model.append();
          resized(d);
          d.state.state++;
        }
        return rt.none();
      },
      remove: (a, _k, self) => {
        const d = self as Deque;
        const i = find(d, a[0]!);
        if (i < 0) throw err(rt, 'ValueError', `${repr(rt, a[0]!)} is not in deque`);
        const [x] = d.held.splice(i, 1);
        d.state.model.pop();
        resized(d);
        d.state.state++;
        rt.decref(x!, Holder.Item, d.id, i);
        return rt.none();
      },
      copy: (_a, _k, self) => copy(self as Deque),
      __copy__: (_a, _k, self) => copy(self as Deque),
      // deque___reduce__: (type, () or ((), maxlen), __dict__ or None, iter(self)), what copy and
      // deepcopy rebuild a deque from.
      __reduce__: (_a, _k, self) => {
        const d = self as Deque;
        const ml = d.state.maxlen;
        const args = ml < 0 ? rt.tuple([]) : rt.tuple([rt.tuple([]), rt.int(ml)]);
        return rt.tuple([rt.tempIncref(d.type), args, rt.none(), dequeIter(d, false)]);
      },
      __len__: (_a, _k, self) => rt.int(items(self!).length),
      __bool__: (_a, _k, self) => rt.bool(items(self!).length > 0),
      __iter__: (_a, _k, self) => dequeIter(self!, false),
      __reversed__: (_a, _k, self) => dequeIter(self!, true),
      __contains__: (a, _k, self) => rt.bool(find(self!, a[0]!) >= 0),
      __getitem__: (a, _k, self) => rt.tempIncref(items(self!)[index(self!, a[0]!)]!),
      __setitem__: (a, _k, self) => {
        const d = self as Deque;
        const i = index(d, a[0]!);
        const old = d.held[i]!;
        rt.incref(a[1]!, Holder.Item, d.id, i);
        d.held[i] = a[1]!;
        rt.decref(old, Holder.Item, d.id, i);
        return rt.none();
      },
      __delitem__: (a, _k, self) => {
        const d = self as Deque;
        const i = index(d, a[0]!);
        const [x] = d.held.splice(i, 1);
        d.state.model.pop();
        resized(d);
        d.state.state++;
        rt.decref(x!, Holder.Item, d.id, i);
        return rt.none();
      },
      __iadd__: (a, _k, self) => (extend(self as Deque, a[0]!, false), rt.tempIncref(self!)),
      __eq__: (a, _k, self) => compare(self!, a[0]!, EQ),
      __ne__: (a, _k, self) => compare(self!, a[0]!, NE),
      __lt__: (a, _k, self) => compare(self!, a[0]!, LT),
      __le__: (a, _k, self) => compare(self!, a[0]!, LE),
      __gt__: (a, _k, self) => compare(self!, a[0]!, GT),
      __ge__: (a, _k, self) => compare(self!, a[0]!, GE),
    },
    getsets: {
      maxlen: [(self) => (st(self).maxlen < 0 ? rt.none() : rt.int(st(self).maxlen)), null],
    },
    repr: (self) =>
      rt.reprGuard(self, '[...]', () => {
        const body = `[${items(self).map((x) => repr(rt, x)).join(', ')}]`;
        const name = self.type.name;
        const ml = st(self).maxlen;
        return ml < 0 ? `${name}(${body})` : `${name}(${body}, maxlen=${ml})`;
      }),
    sizeof: (self) => st(self).model.sizeof(),
  });
  return t;
}

/** The collections module: deque natively; the dict subclasses from Python source. */
export function makeCollectionsModule(rt: Runtime, proc: import('../../vm/process.js').Process): import('../object.js').PyModule {
  const m = proc.newModule('collections');
  proc.setAttr(m, 'deque', makeDequeType(rt), false);
  execModuleSource(proc, m, COLLECTIONS_SOURCE, '/usr/lib/python3.11/collections/__init__.py');
  return m;
}
