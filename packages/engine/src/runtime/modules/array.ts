// array (Modules/arraymodule.c): compact arrays of C numbers. An array owns no Python objects,
// only a buffer of `allocated` items of `itemsize` bytes; its items become ints, floats or
// one-character strs when read. What shows in memory is the buffer's size (sys.getsizeof is the
// object's 80 bytes, GC head included, plus allocated * itemsize) and how array_resize grows it:
// appends and inserts grow it by about a sixteenth plus 3 or 7 items, a list or tuple
// initializer sizes it exactly, and it shrinks only when it falls below half.
import { PyFloat, PyInt, PyList, PyNativeObject, PyStr, PyTuple, PySlice, type PyModule, type PyObject, type PyType } from '../object.js';
import type { Runtime } from '../runtime.js';
import type { Process } from '../../vm/process.js';
import { err } from '../errors.js';
import { PyThrow } from '../runtime.js';
import { iter, next, strRepr, typeName } from '../ops.js';
import { floatRepr } from '../../values/float.js';
import { sliceIndices } from '../objects.js';
import { iteratorType, nativeType, newIterator, newNative } from './native.js';

type Item = number | bigint | string;

interface ArrayState {
  code: string;
  itemsize: number;
  items: Item[];
  /** Items the buffer has room for (array's `allocated`). */
  allocated: number;
}
type PyArray = PyNativeObject & { state: ArrayState };

/** sizeof(arrayobject) with the GC head: what sys.getsizeof reports for an empty buffer. */
const BASE_SIZE = 80;
/** An arrayiterator, GC head included. */
const ITER_SIZE = 56;
const CODES = 'bBuhHiIlLqQfd';
const ITEMSIZE: Record<string, number> = { b: 1, B: 1, u: 4, h: 2, H: 2, i: 4, I: 4, l: 8, L: 8, q: 8, Q: 8, f: 4, d: 8 };

/** [min, max, too-big message, too-small message] of the integer codes (arraymodule.c's setitem functions). */
const RANGES: Record<string, [bigint, bigint, string, string]> = {
  b: [-128n, 127n, 'signed char is greater than maximum', 'signed char is less than minimum'],
  B: [0n, 255n, 'unsigned byte integer is greater than maximum', 'unsigned byte integer is less than minimum'],
  h: [-32768n, 32767n, 'signed short integer is greater than maximum', 'signed short integer is less than minimum'],
  H: [0n, 65535n, 'unsigned short is greater than maximum', 'unsigned short is less than minimum'],
  i: [-(2n ** 31n), 2n ** 31n - 1n, 'signed integer is greater than maximum', 'signed integer is less than minimum'],
  I: [0n, 2n ** 32n - 1n, 'unsigned int is greater than maximum', "can't convert negative value to unsigned int"],
  l: [-(2n ** 63n), 2n ** 63n - 1n, 'Python int too large to convert to C long', 'Python int too large to convert to C long'],
  L: [0n, 2n ** 64n - 1n, 'Python int too large to convert to C unsigned long', "can't convert negative value to unsigned int"],
  q: [-(2n ** 63n), 2n ** 63n - 1n, 'int too big to convert', 'int too big to convert'],
  Q: [0n, 2n ** 64n - 1n, 'int too big to convert', "can't convert negative int to unsigned"],
};

export function makeArrayModule(rt: Runtime, proc: Process): PyModule {
  const m = proc.newModule('array');
  const st = (o: PyObject): ArrayState => (o as PyArray).state;

  /** The C value `v` becomes in an array of `code`, checked as the typecode's setitem checks it. */
  const convert = (code: string, v: PyObject): Item => {
    if (code === 'u') {
      if (!(v instanceof PyStr) || [...v.value].length !== 1) throw err(rt, 'TypeError', 'array item must be unicode character');
      return v.value;
    }
    if (code === 'f' || code === 'd') {
      let x: number;
      if (v instanceof PyFloat) x = v.value;
      else if (v instanceof PyInt) x = Number(v.value);
      else throw err(rt, 'TypeError', `must be real number, not ${typeName(v)}`);
      return code === 'f' ? Math.fround(x) : x;
    }
    if (!(v instanceof PyInt)) throw err(rt, 'TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
    const [lo, hi, big, small] = RANGES[code]!;
    const n = v.value;
    if (n > hi) throw err(rt, 'OverflowError', big);
    if (n < lo) throw err(rt, 'OverflowError', small);
    return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
  };
  /** A new reference to the Python object for an item. */
  const box = (code: string, x: Item): PyObject => {
    if (typeof x === 'string') return rt.newStr(x);
    if (code === 'f' || code === 'd') return rt.float(x as number);
    return rt.int(x);
  };

  /** array_resize: room for `n` items, reallocating as CPython does. */
  const resize = (s: ArrayState, n: number): void => {
    if (s.allocated >= n && s.items.length < n + 16) return;
    if (n === 0) {
      s.allocated = 0;
      return;
    }
    s.allocated = (n >> 4) + (s.items.length < 8 ? 3 : 7) + n;
  };
  const insert = (s: ArrayState, i: number, v: PyObject): void => {
    const x = convert(s.code, v);
    resize(s, s.items.length + 1);
    s.items.splice(i, 0, x);
  };
  const extendFrom = (s: ArrayState, src: PyObject): void => {
    if (src instanceof PyNativeObject && src.type.mro.includes(t)) {
      const o = st(src);
      if (o.code !== s.code) throw err(rt, 'TypeError', 'can only extend with array of same kind');
      const items = o.items.slice();
      resize(s, s.items.length + items.length);
      s.items.push(...items);
      return;
    }
    const it = iter(rt, src);
    try {
      for (let v = next(rt, it); v !== null; v = next(rt, it)) {
        try {
          insert(s, s.items.length, v);
        } finally {
          rt.tempDecref(v);
        }
      }
    } finally {
      rt.tempDecref(it);
    }
  };
  const make = (cls: PyType, code: string, items: Item[], allocated: number): PyArray =>
    newNative<ArrayState>(rt, cls, { code, itemsize: ITEMSIZE[code]!, items, allocated }, BASE_SIZE) as PyArray;

  const index = (s: ArrayState, k: PyObject, what: string): number => {
    if (!(k instanceof PyInt)) throw err(rt, 'TypeError', 'array indices must be integers');
    let i = Number(k.value);
    if (i < 0) i += s.items.length;
    if (i < 0 || i >= s.items.length) throw err(rt, 'IndexError', what);
    return i;
  };
  const compare = (a: PyObject, b: PyObject, op: (c: number) => boolean, eqOnly: boolean | null): PyObject => {
    if (!(b instanceof PyNativeObject && b.type.mro.includes(t))) return rt.notImplemented();
    const x = st(a).items;
    const y = st(b).items;
    if (eqOnly !== null && x.length !== y.length) return rt.bool(!eqOnly);
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      if (x[i] !== y[i]) return rt.bool(op(x[i]! < y[i]! ? -1 : 1));
    }
    return rt.bool(op(x.length - y.length));
  };
  const reprItem = (code: string, x: Item): string => (code === 'f' || code === 'd' ? floatRepr(x as number) : String(x));

  const t: PyType = nativeType(rt, {
    name: 'array',
    module: 'array',
    gc: true,
    weakrefs: true,
    traversesType: true,
    create: (args, kw) => {
      const cls = args[0] as PyType;
      if (kw !== null && kw.length > 0) throw err(rt, 'TypeError', 'array.array() takes no keyword arguments');
      if (args.length < 2 || args.length > 3) throw err(rt, 'TypeError', `array() takes at most 2 arguments (${args.length - 1} given)`);
      const c = args[1]!;
      if (!(c instanceof PyStr) || c.value.length !== 1) {
        throw err(rt, 'TypeError', `array() argument 1 must be a unicode character, not ${typeName(c)}`);
      }
      const code = c.value;
      if (!CODES.includes(code)) throw err(rt, 'ValueError', 'bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)');
      const init = args[2];
      if (init === undefined) return make(cls, code, [], 0);
      if (init instanceof PyList || init instanceof PyTuple) {
        // newarrayobject(len) sized exactly, then each item set.
        const items = init.items.map((v) => convert(code, v));
        return make(cls, code, items, items.length);
      }
      if (init instanceof PyStr) {
        if (code !== 'u') throw err(rt, 'TypeError', `cannot use a str to initialize an array with typecode '${code}'`);
        const a = make(cls, code, [], 0);
        const chars = [...init.value];
        resize(a.state, chars.length);
        a.state.items = chars;
        return a;
      }
      const a = make(cls, code, [], 0);
      try {
        extendFrom(a.state, init);
      } catch (e) {
        rt.tempDecref(a);
        throw e;
      }
      return a;
    },
    methods: {
      append: (a, _k, self) => (insert(st(self!), st(self!).items.length, a[0]!), rt.none()),
      extend: (a, _k, self) => (extendFrom(st(self!), a[0]!), rt.none()),
      insert: (a, _k, self) => {
        const s = st(self!);
        let i = Number((a[0] as PyInt).value);
        const n = s.items.length;
        if (i < 0) i = Math.max(0, i + n);
        insert(s, Math.min(i, n), a[1]!);
        return rt.none();
      },
      pop: (a, _k, self) => {
        const s = st(self!);
        if (s.items.length === 0) throw err(rt, 'IndexError', 'pop from empty array');
        const i = a.length > 0 ? index(s, a[0]!, 'pop index out of range') : s.items.length - 1;
        const x = s.items[i]!;
        const v = box(s.code, x);
        s.items.splice(i, 1);
        resize(s, s.items.length);
        return v;
      },
      remove: (a, _k, self) => {
        const s = st(self!);
        const i = s.items.indexOf(safeConvert(s.code, a[0]!));
        if (i < 0) throw err(rt, 'ValueError', 'array.remove(x): x not in array');
        s.items.splice(i, 1);
        resize(s, s.items.length);
        return rt.none();
      },
      index: (a, _k, self) => {
        const i = st(self!).items.indexOf(safeConvert(st(self!).code, a[0]!));
        if (i < 0) throw err(rt, 'ValueError', 'array.index(x): x not in array');
        return rt.int(i);
      },
      count: (a, _k, self) => {
        const x = safeConvert(st(self!).code, a[0]!);
        return rt.int(st(self!).items.filter((y) => y === x).length);
      },
      reverse: (_a, _k, self) => (st(self!).items.reverse(), rt.none()),
      tolist: (_a, _k, self) => {
        const s = st(self!);
        return rt.newList(s.items.map((x) => box(s.code, x)));
      },
      // The buffer itself is not simulated (pymalloc models objects): its address is the object's, past its header.
      buffer_info: (_a, _k, self) => rt.tuple([rt.int(rt.idOf(self!) + 64), rt.int(st(self!).items.length)]),
      __len__: (_a, _k, self) => rt.int(st(self!).items.length),
      __getitem__: (a, _k, self) => {
        const s = st(self!);
        const k = a[0]!;
        if (k instanceof PySlice) {
          const [start, , step, count] = sliceIndices(rt, k, s.items.length);
          const out: Item[] = [];
          for (let i = 0, j = start; i < count; i++, j += step) out.push(s.items[j]!);
          return make(self!.type, s.code, out, out.length);
        }
        return box(s.code, s.items[index(s, k, 'array index out of range')]!);
      },
      __setitem__: (a, _k, self) => {
        const s = st(self!);
        const i = index(s, a[0]!, 'array assignment index out of range');
        s.items[i] = convert(s.code, a[1]!);
        return rt.none();
      },
      __delitem__: (a, _k, self) => {
        const s = st(self!);
        s.items.splice(index(s, a[0]!, 'array assignment index out of range'), 1);
        resize(s, s.items.length);
        return rt.none();
      },
      __contains__: (a, _k, self) => rt.bool(st(self!).items.includes(safeConvert(st(self!).code, a[0]!))),
      __iter__: (_a, _k, self) => {
        const s = st(self!);
        let i = 0;
        return newIterator(rt, iterT, self!, ITER_SIZE, () => (i < s.items.length ? box(s.code, s.items[i++]!) : null));
      },
      __add__: (a, _k, self) => {
        const b = a[0]!;
        if (!(b instanceof PyNativeObject && b.type.mro.includes(t)) || st(b).code !== st(self!).code) {
          throw err(rt, 'TypeError', 'bad argument type for built-in operation');
        }
        const items = [...st(self!).items, ...st(b).items];
        return make(t, st(self!).code, items, items.length);
      },
      __mul__: (a, _k, self) => repeat(self!, a[0]!),
      __rmul__: (a, _k, self) => repeat(self!, a[0]!),
      __iadd__: (a, _k, self) => {
        const b = a[0]!;
        if (!(b instanceof PyNativeObject && b.type.mro.includes(t))) throw err(rt, 'TypeError', `can only extend array with array (not "${typeName(b)}")`);
        extendFrom(st(self!), b);
        return rt.tempIncref(self!);
      },
      __eq__: (a, _k, self) => compare(self!, a[0]!, (c) => c === 0, true),
      __ne__: (a, _k, self) => compare(self!, a[0]!, (c) => c !== 0, false),
      __lt__: (a, _k, self) => compare(self!, a[0]!, (c) => c < 0, null),
      __le__: (a, _k, self) => compare(self!, a[0]!, (c) => c <= 0, null),
      __gt__: (a, _k, self) => compare(self!, a[0]!, (c) => c > 0, null),
      __ge__: (a, _k, self) => compare(self!, a[0]!, (c) => c >= 0, null),
    },
    getsets: {
      typecode: [(o) => rt.newStr(st(o).code), null],
      itemsize: [(o) => rt.int(st(o).itemsize), null],
    },
    repr: (o) => {
      const s = st(o);
      const name = o.type.name;
      if (s.items.length === 0) return `${name}('${s.code}')`;
      if (s.code === 'u') return `${name}('u', ${strRepr(s.items.join(''))})`;
      return `${name}('${s.code}', [${s.items.map((x) => reprItem(s.code, x)).join(', ')}])`;
    },
    sizeof: (o) => BASE_SIZE + st(o).allocated * st(o).itemsize,
  });
  t.dict.set('__hash__', rt.None);
  const iterT = iteratorType(rt, 'arrayiterator', 'array');
  const prevSize = rt.nativeSizeExtra;
  rt.nativeSizeExtra = (o) => (o.type === iterT ? ITER_SIZE : prevSize(o));

  /** An item to look for: a value the array could not hold matches nothing. */
  function safeConvert(code: string, v: PyObject): Item {
    try {
      return convert(code, v);
    } catch (e) {
      if (!(e instanceof PyThrow)) throw e;
      rt.tempDecref(e.exc);
      return NaN; // equal to no item
    }
  }
  function repeat(self: PyObject, n: PyObject): PyObject {
    if (!(n instanceof PyInt)) return rt.notImplemented();
    const s = st(self);
    const k = Math.max(0, Number(n.value));
    const items: Item[] = [];
    for (let i = 0; i < k; i++) items.push(...s.items);
    return make(t, s.code, items, items.length);
  }

  proc.setAttr(m, 'array', t, false);
  proc.setAttr(m, 'ArrayType', t, false);
  proc.setAttr(m, 'typecodes', rt.newStr(CODES));
  return m;
}
