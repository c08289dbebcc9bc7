// _heapq (Modules/_heapqmodule.c): the heap operations on a list, in place. The list's layout
// after each operation is exactly CPython's: the same sift loops (siftup walks the smaller child
// all the way down, then sifts back up), the same comparisons (only `<`, left operand as C's),
// and heapify's cache-friendly order for lists over 2500 items. An item moved between slots is a
// reference moving from one Item slot to another (Incref at the new slot, Decref at the old).
import { EventKind, Holder } from '../../events/kinds.js';
import { PyList, type PyModule, type PyObject } from '../object.js';
import type { Runtime } from '../runtime.js';
import type { Process } from '../../vm/process.js';
import { err } from '../errors.js';
import { LT, richCompare, truthy, typeName } from '../ops.js';

export function makeHeapqNative(rt: Runtime, proc: Process): PyModule {
  const m = proc.newModule('_heapq');

  /** PyObject_RichCompareBool(a, b, Py_LT), with both held for the call as C holds them. */
  const less = (a: PyObject, b: PyObject): boolean => {
    rt.tempIncref(a);
    rt.tempIncref(b);
    try {
      const r = richCompare(rt, a, b, LT);
      try {
        return truthy(rt, r);
      } finally {
        rt.tempDecref(r);
      }
    } finally {
      rt.tempDecref(a);
      rt.tempDecref(b);
    }
  };
  /** Puts x, which was in slot `from`, into slot `to` (the caller fills `from`). */
  const move = (l: PyList, x: PyObject, from: number, to: number): void => {
    l.items[to] = x;
    if (!x.immortal) {
      rt.log.push(EventKind.Incref, x.id, Holder.Item, l.id, to);
      rt.log.push(EventKind.Decref, x.id, Holder.Item, l.id, from);
    }
  };
  const swap = (l: PyList, i: number, j: number): void => {
    const a = l.items[i]!;
    const b = l.items[j]!;
    move(l, a, i, j);
    move(l, b, j, i);
  };
  const changed = () => err(rt, 'RuntimeError', 'list changed size during iteration');

  /** Moves the item at pos up toward startpos while it is smaller than its parent. */
  const siftdown = (l: PyList, startpos: number, pos: number, max: boolean): void => {
    const size = l.items.length;
    if (pos >= size) throw err(rt, 'IndexError', 'index out of range');
    while (pos > startpos) {
      const parentpos = (pos - 1) >> 1;
      const newitem = l.items[pos]!;
      const parent = l.items[parentpos]!;
      const lt = max ? less(parent, newitem) : less(newitem, parent);
      if (size !== l.items.length) throw changed();
      if (!lt) break;
      swap(l, parentpos, pos);
      pos = parentpos;
    }
  };
  /** Bubbles the smaller child up from pos to a leaf, then sifts the item at pos back down. */
  const siftup = (l: PyList, pos: number, max: boolean): void => {
    const endpos = l.items.length;
    const startpos = pos;
    if (pos >= endpos) throw err(rt, 'IndexError', 'index out of range');
    const limit = endpos >> 1;
    while (pos < limit) {
      let childpos = 2 * pos + 1;
      if (childpos + 1 < endpos) {
        const lt = max ? less(l.items[childpos + 1]!, l.items[childpos]!) : less(l.items[childpos]!, l.items[childpos + 1]!);
        if (!lt) childpos++;
        if (endpos !== l.items.length) throw changed();
      }
      swap(l, childpos, pos);
      pos = childpos;
    }
    siftdown(l, startpos, pos, max);
  };

  const list = (fname: string, what: string, o: PyObject | undefined): PyList => {
    if (o instanceof PyList) return o;
    throw err(rt, 'TypeError', `${fname}() ${what} must be list, not ${o === undefined ? 'NULL' : typeName(o)}`);
  };
  const nargs = (fname: string, args: PyObject[], kw: string[] | null, n: number): void => {
    if (kw !== null && kw.length > 0) throw err(rt, 'TypeError', `${fname}() takes no keyword arguments`);
    if (args.length === n) return;
    if (n === 1) throw err(rt, 'TypeError', `${fname}() takes exactly one argument (${args.length} given)`);
    throw err(rt, 'TypeError', `${fname} expected ${n} arguments, got ${args.length}`);
  };

  const heappop = (l: PyList, max: boolean): PyObject => {
    const n = l.items.length;
    if (n === 0) throw err(rt, 'IndexError', 'index out of range');
    const last = rt.tempIncref(l.items[n - 1]!);
    rt.listDelSlice(l, n - 1, n);
    if (n - 1 === 0) return last;
    const top = l.items[0]!;
    rt.take(top, Holder.Item, l.id, 0);
    l.items[0] = last;
    rt.give(last, Holder.Item, l.id, 0);
    siftup(l, 0, max);
    return top;
  };
  const heapreplace = (l: PyList, item: PyObject, max: boolean): PyObject => {
    if (l.items.length === 0) throw err(rt, 'IndexError', 'index out of range');
    const top = l.items[0]!;
    rt.incref(item, Holder.Item, l.id, 0);
    l.items[0] = item;
    rt.take(top, Holder.Item, l.id, 0);
    siftup(l, 0, max);
    return top;
  };
  /** heapify_internal: bottom-up siftups, cache-friendly order past 2500 items. */
  const heapify = (l: PyList, max: boolean): void => {
    const n = l.items.length;
    if (n > 2500) {
      const mm = n >> 1;
      let top = 1;
      while (top * 2 <= mm + 1) top *= 2;
      const leftmost = top - 1;
      const mhalf = mm >> 1;
      const rows = (from: number, to: number): void => {
        for (let i = from; i >= to; i--) {
          for (let j = i; ; j >>= 1) {
            siftup(l, j, max);
            if (!(j & 1)) break;
          }
        }
      };
      rows(leftmost - 1, mhalf);
      rows(mm - 1, leftmost);
      return;
    }
    for (let i = (n >> 1) - 1; i >= 0; i--) siftup(l, i, max);
  };

  proc.defFn(m, 'heappush', (args, kw) => {
    nargs('heappush', args, kw, 2);
    const l = list('heappush', 'argument 1', args[0]);
    rt.listAppend(l, args[1]!);
    siftdown(l, 0, l.items.length - 1, false);
    return rt.none();
  });
  proc.defFn(m, 'heappop', (args, kw) => (nargs('heappop', args, kw, 1), heappop(list('heappop', 'argument', args[0]), false)));
  proc.defFn(m, 'heapreplace', (args, kw) => {
    nargs('heapreplace', args, kw, 2);
    return heapreplace(list('heapreplace', 'argument 1', args[0]), args[1]!, false);
  });
  proc.defFn(m, 'heappushpop', (args, kw) => {
    nargs('heappushpop', args, kw, 2);
    const l = list('heappushpop', 'argument 1', args[0]);
    const item = args[1]!;
    if (l.items.length === 0) return rt.tempIncref(item);
    if (!less(l.items[0]!, item)) return rt.tempIncref(item);
    if (l.items.length === 0) throw err(rt, 'IndexError', 'index out of range');
    return heapreplace(l, item, false);
  });
  proc.defFn(m, 'heapify', (args, kw) => (nargs('heapify', args, kw, 1), heapify(list('heapify', 'argument', args[0]), false), rt.none()));
  proc.defFn(m, '_heappop_max', (args, kw) => (nargs('_heappop_max', args, kw, 1), heappop(list('_heappop_max', 'argument', args[0]), true)));
  proc.defFn(m, '_heapreplace_max', (args, kw) => {
    nargs('_heapreplace_max', args, kw, 2);
    return heapreplace(list('_heapreplace_max', 'argument 1', args[0]), args[1]!, true);
  });
  proc.defFn(m, '_heapify_max', (args, kw) => (nargs('_heapify_max', args, kw, 1), heapify(list('_heapify_max', 'argument', args[0]), true), rt.none()));
  return m;
}

/**
 * heapq's Python half (Lib/heapq.py's role): merge, nlargest and nsmallest over the C heap
 * operations. nlargest/nsmallest return what sorted(...)[:n] returns (ties keep input order), as
 * CPython's versions guarantee.
 */
export const HEAPQ_SOURCE = String.raw`
__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']

from _heapq import (heappush, heappop, heapify, heapreplace, heappushpop,
                    _heappop_max, _heapify_max, _heapreplace_max)


def merge(*iterables, key=None, reverse=False):
    h = []
    h_append = h.append
    if reverse:
        _heapify = _heapify_max
        _heappop = _heappop_max
        _heapreplace = _heapreplace_max
        direction = -1
    else:
        _heapify = heapify
        _heappop = heappop
        _heapreplace = heapreplace
        direction = 1
    if key is None:
        for order, it in enumerate(map(iter, iterables)):
            try:
                h_append([next(it), order * direction, it])
            except StopIteration:
                pass
        _heapify(h)
        while len(h) > 1:
            try:
                while True:
                    value, order, it = s = h[0]
                    yield value
                    s[0] = next(it)
                    _heapreplace(h, s)
            except StopIteration:
                _heappop(h)
        if h:
            value, order, it = h[0]
            yield value
            yield from it
        return
    for order, it in enumerate(map(iter, iterables)):
        try:
            value = next(it)
            h_append([key(value), order * direction, value, it])
        except StopIteration:
            pass
    _heapify(h)
    while len(h) > 1:
        try:
            while True:
                key_value, order, value, it = s = h[0]
                yield value
                value = next(it)
                s[0] = key(value)
                s[2] = value
                _heapreplace(h, s)
        except StopIteration:
            _heappop(h)
    if h:
        key_value, order, value, it = h[0]
        yield value
        yield from it


def nsmallest(n, iterable, key=None):
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]
`;
