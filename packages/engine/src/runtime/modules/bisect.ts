// _bisect (Modules/_bisectmodule.c) and bisect: binary search and insertion on any sequence,
// with lo/hi and key, comparing only with `<` in C's operand order (bisect_right asks
// `x < a[mid]`, bisect_left asks `a[mid] < x`). insort inserts with list.insert (the list's own
// insert for an exact list, the `insert` method otherwise).
import { PyInt, PyList, PyNone, type PyModule, type PyObject } from '../object.js';
import type { Runtime } from '../runtime.js';
import type { Process } from '../../vm/process.js';
import { err } from '../errors.js';
import { LT, call, getattr, richCompare, truthy } from '../ops.js';
import { asInt, parseArgs } from '../types.js';
import { dictGet } from '../dict.js';

export function makeBisectModule(rt: Runtime, proc: Process, name: '_bisect' | 'bisect'): PyModule {
  const m = proc.newModule(name);
  if (name === 'bisect') {
    // Lib/bisect.py: `from _bisect import *`, then the short names are the right-hand versions.
    const c = proc.importModule('_bisect') as PyModule;
    for (const n of ['bisect_right', 'bisect_left', 'insort_right', 'insort_left']) proc.setAttr(m, n, dictGet(c.dict, n)!, false);
    proc.setAttr(m, 'bisect', dictGet(c.dict, 'bisect_right')!, false);
    proc.setAttr(m, 'insort', dictGet(c.dict, 'insort_right')!, false);
    rt.tempDecref(c);
    return m;
  }

  const less = (a: PyObject, b: PyObject): boolean => {
    const r = richCompare(rt, a, b, LT);
    try {
      return truthy(rt, r);
    } finally {
      rt.tempDecref(r);
    }
  };
  const ssize = (o: PyObject): number => {
    if (!(o instanceof PyInt) && o instanceof PyNone) throw err(rt, 'TypeError', "'NoneType' object cannot be interpreted as an integer");
    return Number(asInt(rt, o));
  };
  /** internal_bisect_right/left: the insertion point of x (already keyed) in a[lo:hi]. */
  const search = (a: PyObject, x: PyObject, lo: number, hi: number, key: PyObject | null, right: boolean): number => {
    if (lo < 0) throw err(rt, 'ValueError', 'lo must be non-negative');
    if (hi === -1) hi = rt.lenOf(a);
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const idx = rt.int(mid);
      let item: PyObject;
      try {
        item = rt.getItem(a, idx);
      } finally {
        rt.tempDecref(idx);
      }
      if (key !== null) {
        const k = call(rt, key, [item]);
        rt.tempDecref(item);
        item = k;
      }
      let lt: boolean;
      try {
        lt = right ? less(x, item) : less(item, x);
      } finally {
        rt.tempDecref(item);
      }
      if (right ? lt : !lt) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const bind = (fname: string, args: PyObject[], kw: string[] | null): [PyObject, PyObject, number, number, PyObject | null] => {
    const [a, x, lo, hi, key] = parseArgs(rt, fname, args, kw, ['a', 'x', 'lo', 'hi', 'key'], 2);
    const npos = args.length - (kw?.length ?? 0);
    if (npos > 4) throw err(rt, 'TypeError', `${fname}() takes at most 4 positional arguments (${npos} given)`);
    const hiN = hi === null || hi instanceof PyNone ? -1 : ssize(hi);
    return [a!, x!, lo === null ? 0 : ssize(lo), hiN, key === null || key instanceof PyNone ? null : key];
  };
  for (const right of [true, false]) {
    const side = right ? 'right' : 'left';
    proc.defFn(m, `bisect_${side}`, (args, kw) => {
      const [a, x, lo, hi, key] = bind(`bisect_${side}`, args, kw);
      return rt.int(search(a, x, lo, hi, key, right));
    });
    proc.defFn(m, `insort_${side}`, (args, kw) => {
      const [a, x, lo, hi, key] = bind(`insort_${side}`, args, kw);
      let at: number;
      if (key === null) at = search(a, x, lo, hi, null, right);
      else {
        const kx = call(rt, key, [x]);
        try {
          at = search(a, kx, lo, hi, key, right);
        } finally {
          rt.tempDecref(kx);
        }
      }
      if (a instanceof PyList && a.type === rt.t.list) rt.listInsertAt(a, at, x);
      else {
        const idx = rt.int(at);
        try {
          const insert = getattr(rt, a, 'insert');
          try {
            rt.tempDecref(call(rt, insert, [idx, x]));
          } finally {
            rt.tempDecref(insert);
          }
        } finally {
          rt.tempDecref(idx);
        }
      }
      return rt.none();
    });
  }
  return m;
}
